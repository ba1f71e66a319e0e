import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonHistoryEntry } from '../../api/types';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { useFormat } from '../../lib/format';
import { useFieldLabel, ValueChanges } from '../audit/field-values';
import { personHistoryQuery } from './api';

/** Entries shown before "show all". */
const FIRST_ENTRIES = 5;

/** Fields the entry names but has no values for (the viewer's role may not read them, or they were erased). */
const fieldsWithoutValues = (entry: PersonHistoryEntry) => {
  const withValues = Object.keys(entry.changes).map((key) => key.split('.')[0]);
  return entry.fields.filter((field) => !withValues.includes(field));
};

function HistoryItem({ entry }: { entry: PersonHistoryEntry }) {
  const { t } = useTranslation();
  const format = useFormat();
  const label = useFieldLabel();
  const withoutValues = fieldsWithoutValues(entry);
  return (
    <li className="relative flex flex-col gap-2" data-testid="history-entry" data-action={entry.action}>
      <span aria-hidden="true" className="absolute top-1.5 -left-[1.4rem] size-3 rounded-full bg-slate-400" />
      <div className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
        <Badge tone={entry.action === 'create' ? 'success' : 'brand'}>
          {t(`audit.actions.${entry.action}`)}
        </Badge>
        <time dateTime={entry.at}>{format.timestamp(entry.at)}</time>
        <span>· {entry.actor ? entry.actor.displayName : t('audit.system')}</span>
      </div>
      <ValueChanges changes={entry.changes} testId="history-changes" />
      {withoutValues.length ? (
        <p className="text-sm text-slate-600" data-testid="history-fields-without-values">
          <span className="text-slate-500">{t('history.withoutValues')}</span>{' '}
          {withoutValues.map(label).join(', ')}
        </p>
      ) : null}
    </li>
  );
}

/** "Änderungsverlauf" / "Change history": who changed which fields of the person when, newest first. */
export function PersonHistoryCard({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const query = useQuery(personHistoryQuery(personId));
  const [showAll, setShowAll] = useState(false);
  const items = query.data?.items ?? [];
  const shown = showAll ? items : items.slice(0, FIRST_ENTRIES);
  return (
    <Card data-testid="person-history" aria-labelledby="person-history-title">
      <CardHeader>
        <CardTitle id="person-history-title">{t('history.title')}</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {query.isPending ? <Loading /> : null}
        <ErrorMessage error={query.error} />
        {query.isSuccess && items.length === 0 ? (
          <p className="text-sm text-slate-500">{t('history.empty')}</p>
        ) : null}
        {shown.length ? (
          <ol className="flex flex-col gap-4 border-l-2 border-slate-200 pl-4">
            {shown.map((entry, index) => (
              // Entries have no id of their own; the list is append-only and newest first.
              // biome-ignore lint/suspicious/noArrayIndexKey: stable order, never reordered in place
              <HistoryItem key={`${entry.at}-${index}`} entry={entry} />
            ))}
          </ol>
        ) : null}
        {!showAll && items.length > FIRST_ENTRIES ? (
          <div>
            <Button variant="secondary" size="sm" onClick={() => setShowAll(true)}>
              {t('history.showAll', { n: items.length })}
            </Button>
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}
