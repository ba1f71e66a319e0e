import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';
import { AccountabilityTabs } from '../accountability/accountability-tabs';

/** Placeholder until the page is built. */
export function DpiaDetailPage() {
  const { t } = useTranslation();
  return (
    <div>
      <PageHeader title={t('accountability.tabs.dpias')} />
      <AccountabilityTabs />
    </div>
  );
}
