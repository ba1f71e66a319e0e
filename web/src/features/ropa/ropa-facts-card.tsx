import { useTranslation } from 'react-i18next';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { useFormat } from '../../lib/format';
import type { ActivityFacts } from './api';

/** What the live system knows about a purpose: counts, special categories, deletion rules, recipients. */
export function RopaFactsCard({ facts }: { facts: ActivityFacts }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const en = i18n.language.startsWith('en');
  return (
    <Card aria-labelledby="ropa-facts-title" className="mb-4 self-start" data-testid="ropa-facts">
      <CardHeader>
        <CardTitle id="ropa-facts-title">{t('ropa.activity.facts.title')}</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-3 text-sm">
        <dl className="grid grid-cols-[1fr_auto] gap-x-3 gap-y-1">
          <dt className="text-slate-600">{t('ropa.activity.facts.persons')}</dt>
          <dd data-testid="ropa-facts-persons">{format.number(facts.personCount)}</dd>
          <dt className="text-slate-600">{t('ropa.activity.facts.special')}</dt>
          <dd>{facts.special ? '✓' : '–'}</dd>
          <dt className="text-slate-600">{t('ropa.activity.facts.dpia')}</dt>
          <dd>{facts.dpia ? facts.dpia.status : t('ropa.activity.facts.dpiaNone')}</dd>
        </dl>
        <div>
          <h3 className="mb-1 font-medium">{t('ropa.activity.facts.erasure')}</h3>
          {facts.erasure.length === 0 ? (
            <p className="text-slate-600">{t('ropa.activity.facts.noErasure')}</p>
          ) : (
            <ul className="list-disc pl-5">
              {facts.erasure.map((e) => (
                <li key={e.dataTypeId}>
                  {en ? e.name.en : e.name.de}: {en ? e.period.en : e.period.de}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3 className="mb-1 font-medium">{t('ropa.activity.facts.recipients')}</h3>
          {facts.recipients.length === 0 ? (
            <p className="text-slate-600">{t('ropa.activity.facts.noRecipients')}</p>
          ) : (
            <ul className="list-disc pl-5">
              {facts.recipients.map((r) => (
                <li key={r.id}>
                  {r.name}
                  {r.country ? ` (${r.country})` : ''}
                </li>
              ))}
            </ul>
          )}
        </div>
      </CardContent>
    </Card>
  );
}
