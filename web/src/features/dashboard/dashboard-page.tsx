import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';
import { canDo } from '../auth/permissions';
import { useCurrentUser } from '../auth/session';
import { CasesCard } from './cases-card';
import type { DashboardSearch } from './periods';
import { PipelineCard } from './pipeline-card';
import { RevenueCard } from './revenue-card';

const route = getRouteApi('/_app/dashboard');

function NoAccess() {
  const { t } = useTranslation();
  return (
    <div
      className="mx-auto flex max-w-lg flex-col gap-2 py-12"
      role="alert"
      data-testid="dashboard-no-access"
    >
      <h1 className="text-xl font-semibold">{t('dashboard.noAccessTitle')}</h1>
      <p className="text-sm text-slate-600">{t('dashboard.noAccessText')}</p>
    </div>
  );
}

/**
 * The dashboard: revenue per quarter by customer group or product, the pipeline by stage and open
 * cases by age. Never anything per employee (BetrVG § 87). Campaign response by segment joins here
 * once campaigns exist.
 */
export function DashboardPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  if (!canDo(user?.role, 'reports.read')) return <NoAccess />;
  const change = (next: DashboardSearch) => void navigate({ search: { ...search, ...next }, replace: true });
  return (
    <div className="flex flex-col gap-4">
      <PageHeader title={t('dashboard.title')}>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t('dashboard.intro')}</p>
      </PageHeader>
      <RevenueCard
        period={search.period ?? 'last8'}
        groupBy={search.groupBy ?? 'customerGroup'}
        currency={search.currency ?? 'EUR'}
        onChange={change}
      />
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <PipelineCard />
        <CasesCard />
      </div>
    </div>
  );
}
