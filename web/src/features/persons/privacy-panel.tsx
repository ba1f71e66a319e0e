import { useTranslation } from 'react-i18next';
import type { Person } from '../../api/types';
import { DetailList } from '../../components/detail-list';
import { Badge } from '../../components/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { useFormat } from '../../lib/format';
import { useCatalogue } from '../privacy/catalogue';

/** "Datenschutz" / "Privacy": why and on what basis Custos holds this person's data. */
export function PrivacyPanel({ person }: { person: Person }) {
  const { t } = useTranslation();
  const format = useFormat();
  const catalogue = useCatalogue();
  const basis = catalogue.legalBasis(person.legalBasis);
  const special = catalogue.specialBasis(person.specialCategoryBasis);
  const expired = person.expiresAt ? new Date(person.expiresAt).getTime() <= Date.now() : false;
  return (
    <Card data-testid="privacy-panel" aria-labelledby="privacy-panel-title">
      <CardHeader>
        <CardTitle id="privacy-panel-title">{t('privacy.title')}</CardTitle>
      </CardHeader>
      <CardContent>
        <DetailList
          items={[
            {
              label: t('privacy.legalBasis'),
              testId: 'privacy-legal-basis',
              value: (
                <span>
                  {catalogue.legalBasisLabel(person.legalBasis)}
                  {basis ? <span className="block text-xs text-slate-500">{basis.article}</span> : null}
                </span>
              ),
            },
            {
              label: t('privacy.purposes'),
              testId: 'privacy-purposes',
              value: person.purposes.length ? (
                <ul className="flex flex-wrap gap-1">
                  {person.purposes.map((id) => (
                    <li key={id}>
                      <Badge tone="brand">{catalogue.purposeLabel(id)}</Badge>
                    </li>
                  ))}
                </ul>
              ) : null,
            },
            {
              label: t('privacy.source'),
              testId: 'privacy-source',
              value: (
                <span>
                  {catalogue.sourceKindLabel(person.source.kind)}
                  {person.source.detail ? (
                    <span className="block text-xs text-slate-500">{person.source.detail}</span>
                  ) : null}
                </span>
              ),
            },
            {
              label: t('privacy.collected'),
              value: t('privacy.collectedAtBy', {
                at: format.dateTime(person.collectedAt),
                by: person.collectedBy?.displayName ?? t('privacy.unknownCollector'),
              }),
            },
            {
              label: t('privacy.expiresAt'),
              testId: 'privacy-expires-at',
              value: person.expiresAt ? (
                <span className={expired ? 'font-medium text-red-700' : undefined}>
                  {format.date(person.expiresAt)}
                  {expired ? ` (${t('privacy.expired')})` : ''}
                </span>
              ) : (
                t('privacy.noExpiry')
              ),
            },
            ...(person.specialCategoryBasis
              ? [
                  {
                    label: t('privacy.specialCategoryBasis'),
                    value: (
                      <span>
                        {catalogue.specialBasisLabel(person.specialCategoryBasis)}
                        {special ? (
                          <span className="block text-xs text-slate-500">{special.article}</span>
                        ) : null}
                      </span>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </CardContent>
    </Card>
  );
}
