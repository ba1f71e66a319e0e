import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { PageHeader } from '../../components/page-header';
import { Pagination } from '../../components/pagination';
import { Badge } from '../../components/ui/badge';
import { buttonClass } from '../../components/ui/button';
import { Card } from '../../components/ui/card';
import { Field } from '../../components/ui/field';
import { Input, Select } from '../../components/ui/input';
import { useFormat } from '../../lib/format';
import { useDebouncedSearch } from '../../lib/use-debounced-search';
import { canDo } from '../auth/permissions';
import { useCurrentUser } from '../auth/session';
import { casesListQuery } from './api';
import { type CasesSearch, PAGE_SIZE, toCaseListQuery } from './case-search';
import { SlaBadge } from './sla-badge';
import { CASE_PRIORITIES, CASE_STATUSES, type CaseSummary } from './types';

const route = getRouteApi('/_app/cases');

/** One case as a row: number, subject, customer, status, priority, SLA and the due time that matters. */
export function CaseRow({ item }: { item: CaseSummary }) {
  const { t } = useTranslation();
  const format = useFormat();
  const pending = !item.firstRespondedAt && !item.resolvedAt;
  const finished = item.status === 'resolved' || item.status === 'closed';
  const due = pending ? item.firstResponseDueAt : item.resolutionDueAt;
  return (
    <li>
      <Link
        to="/cases/$caseId"
        params={{ caseId: item.id }}
        className="flex flex-col gap-1 px-4 py-3 hover:bg-slate-50 focus-visible:bg-slate-50 sm:flex-row sm:items-center sm:gap-4"
        data-testid="case-row"
      >
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-mono text-xs text-slate-500">{item.number}</span>
            <span className="font-medium break-words text-slate-900">{item.subject}</span>
          </div>
          <div className="text-sm text-slate-600">
            {item.person?.name ?? item.organization?.name ?? ''}
            {item.assignee ? ` · ${item.assignee.displayName}` : ''}
          </div>
        </div>
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <Badge tone={item.priority === 'urgent' || item.priority === 'high' ? 'danger' : 'neutral'}>
            {t(`service.priorities.${item.priority}`)}
          </Badge>
          <Badge tone="brand">{t(`service.statuses.${item.status}`)}</Badge>
          <SlaBadge state={item.slaState} />
          {finished ? null : (
            <span className="text-slate-600">
              {t(pending ? 'service.cases.firstResponseDue' : 'service.cases.resolutionDue')}{' '}
              {format.dateTime(due)}
            </span>
          )}
        </div>
      </Link>
    </li>
  );
}

export function CasesListPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const list = useQuery(casesListQuery(toCaseListQuery(search)));
  const set = (patch: Partial<CasesSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch, page: undefined }) });
  const applySearch = useCallback(
    (q: string | undefined) =>
      void navigate({ search: (prev) => ({ ...prev, q, page: undefined }), replace: true }),
    [navigate],
  );
  const [text, setText] = useDebouncedSearch({ current: search.q, listPath: '/cases', apply: applySearch });

  return (
    <div>
      <PageHeader
        title={t('service.cases.title')}
        actions={
          canDo(user?.role, 'service.write') ? (
            <Link to="/cases/new" className={buttonClass()} data-testid="new-case">
              {t('service.cases.new')}
            </Link>
          ) : null
        }
      />
      <div className="mb-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-5 lg:items-end">
        <Field label={t('service.cases.search')} className="lg:col-span-2">
          {(c) => (
            <Input
              {...c}
              type="search"
              value={text}
              placeholder={t('service.cases.searchPlaceholder')}
              onChange={(event) => setText(event.target.value)}
              data-testid="case-search"
            />
          )}
        </Field>
        <Field label={t('service.cases.filterStatus')}>
          {(c) => (
            <Select
              {...c}
              value={search.status ?? ''}
              onChange={(e) => set({ status: (e.target.value || undefined) as CasesSearch['status'] })}
              data-testid="case-status-filter"
            >
              <option value="">{t('service.cases.allStatuses')}</option>
              <option value="all">{t('service.cases.everything')}</option>
              {CASE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`service.statuses.${s}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t('service.cases.filterPriority')}>
          {(c) => (
            <Select
              {...c}
              value={search.priority ?? ''}
              onChange={(e) => set({ priority: (e.target.value || undefined) as CasesSearch['priority'] })}
            >
              <option value="">{t('service.cases.allPriorities')}</option>
              {CASE_PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {t(`service.priorities.${p}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t('service.cases.filterAssignee')}>
          {(c) => (
            <Select
              {...c}
              value={search.assignee ?? ''}
              onChange={(e) => set({ assignee: (e.target.value || undefined) as CasesSearch['assignee'] })}
            >
              <option value="">{t('service.cases.anyone')}</option>
              <option value="me">{t('service.cases.mine')}</option>
              <option value="none">{t('service.cases.unassigned')}</option>
            </Select>
          )}
        </Field>
        <label className="flex items-center gap-2 text-sm text-slate-800 sm:col-span-2 lg:col-span-5">
          <input
            type="checkbox"
            className="size-4"
            checked={search.breached ?? false}
            onChange={(e) => set({ breached: e.target.checked || undefined })}
          />
          {t('service.cases.onlyBreached')}
        </label>
      </div>
      <ErrorMessage error={list.error} />
      <Card>
        {list.data && list.data.items.length === 0 ? (
          <p className="px-4 py-6 text-sm text-slate-600">{t('service.cases.empty')}</p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="case-list" aria-busy={list.isFetching}>
            {(list.data?.items ?? []).map((item) => (
              <CaseRow key={item.id} item={item} />
            ))}
          </ul>
        )}
      </Card>
      {list.data && list.data.total > PAGE_SIZE ? (
        <div className="mt-3">
          <Pagination
            page={list.data.page}
            pageSize={list.data.pageSize}
            total={list.data.total}
            onPageChange={(page) => void navigate({ search: (prev) => ({ ...prev, page }) })}
          />
        </div>
      ) : null}
    </div>
  );
}
