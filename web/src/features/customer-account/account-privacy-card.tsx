import { useTranslation } from 'react-i18next';
import { DetailList } from '../../components/detail-list';
import { Badge } from '../../components/ui/badge';
import { useFormat } from '../../lib/format';
import { useCatalogue } from '../privacy/catalogue';
import { AccountCard } from './account-card';
import type { PersonAccount } from './api';

/** Why Custos holds the customer's data, since when, how long, and how long billing data must stay. */
export function AccountPrivacyCard({ privacy }: { privacy: PersonAccount['privacy'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const catalogue = useCatalogue();
  const basis = catalogue.legalBasis(privacy.legalBasis);
  return (
    <AccountCard title={t('privacy.title')} testId="account-privacy">
      {privacy.restricted ? <Badge tone="warning">{t('customerAccount.privacy.restricted')}</Badge> : null}
      <DetailList
        items={[
          {
            label: t('privacy.legalBasis'),
            testId: 'account-legal-basis',
            value: (
              <span>
                {catalogue.legalBasisLabel(privacy.legalBasis)}
                {basis ? <span className="block text-xs text-slate-500">{basis.article}</span> : null}
              </span>
            ),
          },
          {
            label: t('privacy.purposes'),
            testId: 'account-purposes',
            value: privacy.purposes.length ? (
              <ul className="flex flex-wrap gap-1">
                {privacy.purposes.map((id) => (
                  <li key={id}>
                    <Badge tone="brand">{catalogue.purposeLabel(id)}</Badge>
                  </li>
                ))}
              </ul>
            ) : null,
          },
          {
            label: t('privacy.source'),
            testId: 'account-source',
            value: (
              <span>
                {catalogue.sourceKindLabel(privacy.source.kind)}
                {privacy.source.detail ? (
                  <span className="block text-xs text-slate-500">{privacy.source.detail}</span>
                ) : null}
              </span>
            ),
          },
          { label: t('privacy.collected'), value: format.date(privacy.collectedAt) },
          {
            label: t('privacy.expiresAt'),
            value: privacy.expiresAt ? format.date(privacy.expiresAt) : t('privacy.noExpiry'),
          },
          {
            label: t('customerAccount.privacy.billingRetainedUntil'),
            testId: 'account-billing-retention',
            value: privacy.billingRetainedUntil ? (
              <span>
                {format.date(privacy.billingRetainedUntil)}
                <span className="block text-xs text-slate-500">
                  {t('customerAccount.privacy.billingRetainedHint')}
                </span>
              </span>
            ) : (
              t('customerAccount.privacy.noBillingData')
            ),
          },
        ]}
      />
      <div>
        <h3 className="text-sm font-medium text-slate-600">{t('customerAccount.sections.consents')}</h3>
        <p className="text-sm text-slate-500" data-testid="account-consents">
          {t('customerAccount.consents.empty')}
        </p>
      </div>
    </AccountCard>
  );
}
