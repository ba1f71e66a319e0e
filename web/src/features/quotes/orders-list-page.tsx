import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';
import { Badge } from '../../components/ui/badge';
import { useFormat } from '../../lib/format';
import { useMoney } from '../deals/money';
import { ordersListQuery } from './api';
import { DocumentListCard, documentColumns, usePaging } from './document-list';
import type { OrderSummary } from './types';

export const ORDER_TONE = { open: 'brand', fulfilled: 'success', cancelled: 'danger' } as const;

export function OrdersListPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const money = useMoney();
  const paging = usePaging();
  const list = useQuery(ordersListQuery({ page: paging.page, pageSize: paging.pageSize, order: 'desc' }));
  const columns = useMemo(
    () =>
      documentColumns<OrderSummary>(t, money, {
        number: (order) => (
          <Link
            to="/orders/$orderId"
            params={{ orderId: order.id }}
            className="font-medium text-brand-700 hover:underline"
            data-testid="order-link"
          >
            {order.number}
          </Link>
        ),
        status: (order) => (
          <Badge tone={ORDER_TONE[order.status]}>{t(`sales.orders.status.${order.status}`)}</Badge>
        ),
        own: [
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
        ],
      }),
    [t, format.date, money],
  );
  return (
    <div>
      <PageHeader title={t('sales.orders.title')} />
      <DocumentListCard
        testId="orders-table"
        columns={columns}
        list={list}
        emptyText={t('sales.orders.empty')}
        paging={paging}
      />
    </div>
  );
}
