import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/errors';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { Badge } from '../../components/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { useFormat } from '../../lib/format';
import { interactionsQuery } from './api';
import { InteractionForm } from './interaction-form';

/** The person's history of contacts, newest first, with a form to add one. */
export function InteractionsTimeline({ personId, canWrite }: { personId: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useQuery(interactionsQuery(personId));
  const items = [...(query.data?.items ?? [])].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt));
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('interactions.title')}</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-6">
        {canWrite ? <InteractionForm personId={personId} /> : null}
        {query.isPending ? <Loading /> : null}
        {isApiError(query.error) && query.error.status === 403 ? (
          <p className="text-sm text-slate-500 italic" data-testid="no-access">
            {t('common.noAccess')}
          </p>
        ) : (
          <ErrorMessage error={query.error} />
        )}
        {query.data && items.length === 0 ? (
          <p className="text-sm text-slate-500">{t('interactions.empty')}</p>
        ) : null}
        <ol className="flex flex-col gap-4 border-l-2 border-slate-200 pl-4" data-testid="interactions">
          {items.map((item) => (
            <li key={item.id} className="relative" data-testid="interaction">
              <span
                aria-hidden="true"
                className="absolute top-1.5 -left-[1.4rem] size-3 rounded-full bg-brand-600"
              />
              <div className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
                <Badge tone="brand">{t(`interactionKinds.${item.kind}`)}</Badge>
                {item.direction ? <span>{t(`interactionDirections.${item.direction}`)}</span> : null}
                <time dateTime={item.occurredAt}>{format.dateTime(item.occurredAt)}</time>
                {item.employee ? <span>· {item.employee.displayName}</span> : null}
              </div>
              <p className="mt-1 font-medium">{item.subject}</p>
              {item.body ? (
                <p className="mt-1 text-sm whitespace-pre-wrap text-slate-700">{item.body}</p>
              ) : null}
            </li>
          ))}
        </ol>
      </CardContent>
    </Card>
  );
}
