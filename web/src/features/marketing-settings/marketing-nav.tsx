import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { canDo } from '../auth/permissions';
import { useCurrentUser } from '../auth/session';

const tabClass =
  'rounded-md px-3 py-2 text-sm font-medium whitespace-nowrap text-slate-700 hover:bg-slate-100 data-[status=active]:bg-brand-50 data-[status=active]:text-brand-700';

/** Tabs between the marketing administration pages this role may open. */
export function MarketingNav() {
  const { t } = useTranslation();
  const role = useCurrentUser()?.role;
  return (
    <nav aria-label={t('marketingAdmin.nav')} className="flex gap-1 overflow-x-auto">
      {canDo(role, 'marketing.read') ? (
        <Link to="/marketing/forms" className={tabClass} data-testid="marketing-nav-forms">
          {t('marketingAdmin.forms.title')}
        </Link>
      ) : null}
      {canDo(role, 'outbox.read') ? (
        <Link to="/marketing/outbox" className={tabClass} data-testid="marketing-nav-outbox">
          {t('marketingAdmin.outbox.title')}
        </Link>
      ) : null}
      <Link to="/settings/marketing" className={tabClass} data-testid="marketing-nav-settings">
        {t('marketingAdmin.settings.title')}
      </Link>
    </nav>
  );
}
