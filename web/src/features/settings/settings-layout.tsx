import { Link, Outlet } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';
import { canDo } from '../auth/permissions';
import { useCurrentUser } from '../auth/session';

const tabClass =
  'rounded-md px-3 py-2 text-sm font-medium whitespace-nowrap text-slate-700 hover:bg-slate-100 data-[status=active]:bg-brand-50 data-[status=active]:text-brand-700';

export function SettingsLayout() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  return (
    <div>
      <PageHeader title={t('settings.title')} />
      <div className="flex flex-col gap-6 md:flex-row">
        <nav
          aria-label={t('settings.title')}
          className="flex gap-1 overflow-x-auto md:w-56 md:shrink-0 md:flex-col"
        >
          <Link to="/settings/account" className={tabClass}>
            {t('settings.account')}
          </Link>
          <Link to="/settings/tokens" className={tabClass}>
            {t('settings.tokens')}
          </Link>
          {canDo(user?.role, 'users.manage') ? (
            <Link to="/settings/users" className={tabClass}>
              {t('settings.users')}
            </Link>
          ) : null}
          <Link to="/settings/purposes" className={tabClass}>
            {t('settings.purposes')}
          </Link>
          {canDo(user?.role, 'pipeline.manage') ? (
            <Link to="/settings/pipeline" className={tabClass} data-testid="settings-pipeline">
              {t('sales.pipeline.title')}
            </Link>
          ) : null}
          {canDo(user?.role, 'customerGroups.manage') ? (
            <Link to="/settings/customer-groups" className={tabClass} data-testid="settings-customer-groups">
              {t('billing.groups.title')}
            </Link>
          ) : null}
          <Link to="/settings/recipients" className={tabClass} data-testid="settings-recipients">
            {t('recipients.title')}
          </Link>
          {canDo(user?.role, 'requests.manage') ? (
            <Link to="/settings/requests" className={tabClass} data-testid="settings-requests">
              {t('requests.settings.title')}
            </Link>
          ) : null}
          {canDo(user?.role, 'templates.manage') ? (
            <Link
              to="/settings/letter-templates"
              className={tabClass}
              data-testid="settings-letter-templates"
            >
              {t('requests.templates.title')}
            </Link>
          ) : null}
        </nav>
        <div className="min-w-0 flex-1">
          <Outlet />
        </div>
      </div>
    </div>
  );
}
