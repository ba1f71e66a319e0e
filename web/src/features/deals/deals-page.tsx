import { getRouteApi, Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';
import { buttonClass } from '../../components/ui/button';
import { Field } from '../../components/ui/field';
import { Input, Select } from '../../components/ui/input';
import { cn } from '../../lib/cn';
import { canDo } from '../auth/permissions';
import { useCurrentUser } from '../auth/session';
import { DealBoard } from './deal-board';
import { DealsList } from './deals-list';

const route = getRouteApi('/_app/deals');

/** Deals as a Kanban board (default) or a list. */
export function DealsPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const view = search.view ?? 'board';
  const canWrite = canDo(user?.role, 'contract.write');
  const tab = (value: 'board' | 'list') => (
    <Link
      to="/deals"
      search={{ ...search, view: value === 'board' ? undefined : value, page: undefined }}
      aria-current={view === value ? 'page' : undefined}
      className={cn(
        'rounded-md px-3 py-1.5 text-sm font-medium',
        view === value ? 'bg-brand-50 text-brand-700' : 'text-slate-700 hover:bg-slate-100',
      )}
      data-testid={`deals-view-${value}`}
    >
      {t(`sales.deals.${value}`)}
    </Link>
  );
  return (
    <div>
      <PageHeader
        title={t('sales.deals.title')}
        actions={
          canWrite ? (
            <Link to="/deals/new" className={buttonClass()} data-testid="new-deal">
              {t('sales.deals.new')}
            </Link>
          ) : null
        }
      >
        <nav aria-label={t('sales.deals.view')} className="mt-2 flex gap-1">
          {tab('board')}
          {tab('list')}
        </nav>
      </PageHeader>
      {view === 'board' ? (
        <DealBoard canWrite={canWrite} />
      ) : (
        <>
          <div className="mb-3 grid gap-3 sm:grid-cols-[1fr_12rem]">
            <Field label={t('sales.deals.filters.search')}>
              {(c) => (
                <Input
                  {...c}
                  type="search"
                  defaultValue={search.q ?? ''}
                  onChange={(event) =>
                    void navigate({
                      search: (prev) => ({ ...prev, q: event.target.value || undefined, page: undefined }),
                      replace: true,
                    })
                  }
                />
              )}
            </Field>
            <Field label={t('sales.deals.filters.status')}>
              {(c) => (
                <Select
                  {...c}
                  value={search.status ?? ''}
                  onChange={(event) =>
                    void navigate({
                      search: (prev) => ({
                        ...prev,
                        status: (event.target.value || undefined) as typeof search.status,
                        page: undefined,
                      }),
                    })
                  }
                >
                  <option value="">{t('sales.deals.filters.all')}</option>
                  {(['open', 'won', 'lost'] as const).map((s) => (
                    <option key={s} value={s}>
                      {t(`sales.deals.status.${s}`)}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
          </div>
          <DealsList
            search={search}
            onPage={(change) => void navigate({ search: (prev) => ({ ...prev, ...change }) })}
          />
        </>
      )}
    </div>
  );
}
