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
import { Card } from '../../components/ui/card';
import { useFormat } from '../../lib/format';
import { useMoney } from '../deals/money';
import { ordersListQuery } from './api';
import { customerOf } from './document-view';
import type { OrderSummary } from './types';

export const ORDER_TONE = { open: 'brand', fulfilled: 'success', cancelled: 'danger' } as const;

export function OrdersListPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const money = useMoney();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const list = useQuery(ordersListQuery({ page, pageSize, order: 'desc' }));
  const columns = useMemo<ColumnDef<OrderSummary>[]>(
    () => [
      {
        id: 'number',
        header: t('sales.quotes.fields.number'),
        cell: ({ row }) => (
          <Link
            to="/orders/$orderId"
            params={{ orderId: row.original.id }}
            className="font-medium text-brand-700 hover:underline"
            data-testid="order-link"
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
          <Badge tone={ORDER_TONE[row.original.status]}>
            {t(`sales.orders.status.${row.original.status}`)}
          </Badge>
        ),
      },
      {
        id: 'orderedAt',
        header: t('sales.orders.fields.orderedAt'),
        cell: ({ row }) => format.date(row.original.orderedAt),
      },
      {
        id: 'externalRef',
        header: t('sales.orders.fields.externalRef'),
        cell: ({ row }) => row.original.externalRef,
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
      <PageHeader title={t('sales.orders.title')} />
      <ErrorMessage error={list.error} className="mb-3" />
      <Card>
        <DataTable
          testId="orders-table"
          columns={columns}
          data={list.data?.items ?? []}
          getRowId={(row) => row.id}
          emptyText={list.isPending ? t('common.loading') : t('sales.orders.empty')}
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
