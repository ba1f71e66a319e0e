import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import type { ColumnDef } from '@tanstack/react-table';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/data-table';
import { ErrorMessage } from '../../components/error-message';
import { PageHeader } from '../../components/page-header';
import { Pagination } from '../../components/pagination';
import { buttonClass } from '../../components/ui/button';
import { Card, CardContent } from '../../components/ui/card';
import { Field } from '../../components/ui/field';
import { Input } from '../../components/ui/input';
import { cn } from '../../lib/cn';
import { useFormat } from '../../lib/format';
import { useDebouncedSearch } from '../../lib/use-debounced-search';
import { canDo } from '../auth/permissions';
import { useCurrentUser } from '../auth/session';
import { invoicesListQuery } from './api';
import { useMoney } from './money';
import type { InvoiceFilter } from './routes';
import { InvoiceStatusBadge } from './status-badge';
import type { InvoiceListQuery, InvoiceSummary } from './types';

const route = getRouteApi('/_app/invoices');
const PAGE_SIZE = 50;
const FILTERS: (InvoiceFilter | undefined)[] = [undefined, 'open', 'overdue', 'paid', 'cancelled'];

const toQuery = (
  filter: InvoiceFilter | undefined,
  q: string | undefined,
  page: number,
): InvoiceListQuery => ({
  ...(filter === 'overdue' ? { overdue: 'true' } : filter ? { status: filter } : {}),
  q: q?.trim() || undefined,
  page,
  pageSize: PAGE_SIZE,
});

export function InvoicesListPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const money = useMoney();
  const user = useCurrentUser();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const list = useQuery(invoicesListQuery(toQuery(search.filter, search.q, search.page ?? 1)));
  const applySearch = useCallback(
    (q: string | undefined) =>
      void navigate({ search: (prev) => ({ ...prev, q, page: undefined }), replace: true }),
    [navigate],
  );
  const [text, setText] = useDebouncedSearch({
    current: search.q,
    listPath: '/invoices',
    apply: applySearch,
  });

  const columns = useMemo<ColumnDef<InvoiceSummary>[]>(
    () => [
      {
        id: 'number',
        header: t('billing.fields.number'),
        cell: ({ row }) => (
          <Link
            to="/invoices/$invoiceId"
            params={{ invoiceId: row.original.id }}
            className="font-medium text-brand-700 hover:underline"
            data-testid="invoice-link"
          >
            {row.original.number}
          </Link>
        ),
      },
      { id: 'customer', header: t('billing.fields.customer'), cell: ({ row }) => row.original.billingName },
      {
        id: 'issuedAt',
        header: t('billing.fields.issuedAt'),
        cell: ({ row }) => format.date(row.original.issuedAt),
      },
      { id: 'dueAt', header: t('billing.fields.dueAt'), cell: ({ row }) => format.date(row.original.dueAt) },
      {
        id: 'status',
        header: t('billing.fields.status'),
        cell: ({ row }) => <InvoiceStatusBadge invoice={row.original} />,
      },
      {
        id: 'gross',
        header: t('billing.fields.gross'),
        cell: ({ row }) => (
          <span className="tabular-nums">{money(row.original.grossTotal, row.original.currency)}</span>
        ),
      },
    ],
    [t, format.date, money],
  );

  return (
    <div>
      <PageHeader
        title={t('billing.title')}
        actions={
          <>
            {canDo(user?.role, 'invoices.import') ? (
              <Link to="/invoices/import" className={buttonClass('secondary')} data-testid="import-invoices">
                {t('billing.import.action')}
              </Link>
            ) : null}
            {canDo(user?.role, 'billing.write') ? (
              <Link to="/invoices/new" className={buttonClass()} data-testid="new-invoice">
                {t('billing.new')}
              </Link>
            ) : null}
          </>
        }
      />
      <fieldset className="mb-3 flex flex-wrap gap-1">
        <legend className="sr-only">{t('billing.filter.label')}</legend>
        {FILTERS.map((filter) => (
          <button
            key={filter ?? 'all'}
            type="button"
            aria-pressed={search.filter === filter}
            data-testid={`invoice-filter-${filter ?? 'all'}`}
            className={cn(
              buttonClass('ghost', 'sm'),
              search.filter === filter && 'bg-brand-50 text-brand-700',
            )}
            onClick={() => void navigate({ search: (prev) => ({ ...prev, filter, page: undefined }) })}
          >
            {t(`billing.filter.${filter ?? 'all'}`)}
          </button>
        ))}
      </fieldset>
      <Field label={t('billing.search')} className="mb-3">
        {(c) => (
          <Input
            {...c}
            type="search"
            value={text}
            onChange={(event) => setText(event.target.value)}
            data-testid="invoice-search"
          />
        )}
      </Field>
      <ErrorMessage error={list.error} className="mb-3" />
      {list.data && list.data.totals.length > 0 ? (
        <Card className="mb-3">
          <CardContent className="flex flex-wrap gap-6 py-3" data-testid="invoice-totals">
            {list.data.totals.map((total) => (
              <dl key={total.currency} className="text-sm">
                <div className="flex gap-2">
                  <dt className="text-slate-500">{t('billing.totals.gross')}</dt>
                  <dd className="font-medium tabular-nums">{money(total.gross, total.currency)}</dd>
                </div>
                <div className="flex gap-2">
                  <dt className="text-slate-500">{t('billing.totals.open')}</dt>
                  <dd className="font-medium tabular-nums">{money(total.open, total.currency)}</dd>
                </div>
              </dl>
            ))}
          </CardContent>
        </Card>
      ) : null}
      <Card>
        <DataTable
          testId="invoices-table"
          columns={columns}
          data={list.data?.items ?? []}
          getRowId={(row) => row.id}
          emptyText={list.isPending ? t('common.loading') : t('billing.empty')}
          busy={list.isFetching}
        />
        <div className="border-t border-slate-100 px-3">
          <Pagination
            page={search.page ?? 1}
            pageSize={PAGE_SIZE}
            total={list.data?.total ?? 0}
            onPageChange={(page) =>
              void navigate({ search: (prev) => ({ ...prev, page: page > 1 ? page : undefined }) })
            }
          />
        </div>
      </Card>
    </div>
  );
}
