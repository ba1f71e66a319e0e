import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { MarketingNav } from '../marketing-settings/marketing-nav';

const tabClass =
  'rounded-md px-3 py-2 text-sm font-medium whitespace-nowrap text-slate-700 hover:bg-slate-100 data-[status=active]:bg-brand-50 data-[status=active]:text-brand-700';

/**
 * The marketing area's tabs (the main navigation has one "Marketing" entry): campaigns and
 * segments, then the sign-up forms, outbox and settings tabs of the marketing administration.
 */
export function MarketingTabs() {
  const { t } = useTranslation();
  return (
    <div className="flex flex-wrap items-center gap-1 border-b border-slate-200 pb-2">
      <nav aria-label={t('campaigns.tabs.campaignsNav')} className="flex gap-1">
        <Link to="/marketing/campaigns" className={tabClass} data-testid="tab-campaigns">
          {t('campaigns.tabs.campaigns')}
        </Link>
        <Link to="/marketing/segments" className={tabClass} data-testid="tab-segments">
          {t('campaigns.tabs.segments')}
        </Link>
      </nav>
      <MarketingNav />
    </div>
  );
}
