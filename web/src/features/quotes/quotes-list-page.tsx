import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/data-table';
import { ErrorMessage } from '../../components/error-message';
import { PageHeader } from '../../components/page-header';
import { Pagination } from '../../components/pagination';
import { Badge } from '../../components/ui/badge';
import { buttonClass } from '../../components/ui/button';
import { Card } from '../../components/ui/card';
import { useFormat } from '../../lib/format';
import { canDo } from '../auth/permissions';
import { useCurrentUser } from '../auth/session';
import { useMoney } from '../deals/money';
import { quotesListQuery } from './api';
import { customerOf } from './document-view';
import type { QuoteSummary } from './types';

export const QUOTE_TONE = {
  draft: 'neutral',
  sent: 'brand',
  accepted: 'success',
  rejected: 'danger',
  expired: 'warning',
} as const;

export function QuotesListPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const format = useFormat();
  const money = useMoney();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const list = useQuery(quotesListQuery({ page, pageSize, order: 'desc' }));
  const columns = useMemo<ColumnDef<QuoteSummary>[]>(
    () => [
      {
        id: 'number',
        header: t('sales.quotes.fields.number'),
        cell: ({ row }) => (
          <Link
            to="/quotes/$quoteId"
            params={{ quoteId: row.original.id }}
            className="font-medium text-brand-700 hover:underline"
            data-testid="quote-link"
          >
            {row.original.number}
          </Link>
        ),
      },
      {
        id: 'customer',
        header: t('sales.quotes.fields.customer'),
        cell: ({ row }) => customerOf(row.original),
      },
      {
        id: 'status',
        header: t('sales.quotes.fields.status'),
        cell: ({ row }) => (
          <Badge tone={QUOTE_TONE[row.original.status]}>
            {t(`sales.quotes.status.${row.original.status}`)}
          </Badge>
        ),
      },
      {
        id: 'issuedAt',
        header: t('sales.quotes.fields.issuedAt'),
        cell: ({ row }) => format.date(row.original.issuedAt),
      },
      {
        id: 'validUntil',
        header: t('sales.quotes.fields.validUntil'),
        cell: ({ row }) => format.date(row.original.validUntil),
      },
      {
        id: 'gross',
        header: t('sales.quotes.fields.grossTotal'),
        cell: ({ row }) => money(row.original.grossTotal, row.original.currency),
      },
    ],
    [t, format.date, money],
  );
  return (
    <div>
      <PageHeader
        title={t('sales.quotes.title')}
        actions={
          canDo(user?.role, 'contract.write') ? (
            <Link to="/quotes/new" search={{}} className={buttonClass()} data-testid="new-quote">
              {t('sales.quotes.new')}
            </Link>
          ) : null
        }
      />
      <ErrorMessage error={list.error} className="mb-3" />
      <Card>
        <DataTable
          testId="quotes-table"
          columns={columns}
          data={list.data?.items ?? []}
          getRowId={(row) => row.id}
          emptyText={list.isPending ? t('common.loading') : t('sales.quotes.empty')}
          busy={list.isFetching}
        />
        <div className="border-t border-slate-100 px-3">
          <Pagination
            page={page}
            pageSize={pageSize}
            total={list.data?.total ?? 0}
            onPageChange={setPage}
            onPageSizeChange={(size) => {
              setPageSize(size);
              setPage(1);
            }}
          />
        </div>
      </Card>
    </div>
  );
}
