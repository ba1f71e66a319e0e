import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/data-table';
import { ErrorMessage } from '../../components/error-message';
import { Pagination } from '../../components/pagination';
import { Badge } from '../../components/ui/badge';
import { Card } from '../../components/ui/card';
import { useFormat } from '../../lib/format';
import { dealsListQuery } from './api';
import { type DealsSearch, toDealListQuery } from './deals-search';
import { useMoney, useStageName } from './money';
import type { Deal } from './types';

export const STATUS_TONE = { open: 'brand', won: 'success', lost: 'danger' } as const;

/** The deals as a table (TanStack Table), sorted by expected close on the server. */
export function DealsList({
  search,
  onPage,
}: {
  search: DealsSearch;
  onPage: (change: { page?: number; pageSize?: number }) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = useMoney();
  const stageName = useStageName();
  const query = toDealListQuery(search);
  const list = useQuery(dealsListQuery(query));
  const columns = useMemo<ColumnDef<Deal>[]>(
    () => [
      {
        id: 'title',
        header: t('sales.deals.fields.title'),
        cell: ({ row }) => (
          <Link
            to="/deals/$dealId"
            params={{ dealId: row.original.id }}
            className="font-medium text-brand-700 hover:underline"
            data-testid="deal-link"
          >
            {row.original.title}
          </Link>
        ),
      },
      {
        id: 'customer',
        header: t('sales.deals.fields.customer'),
        cell: ({ row }) => row.original.organization?.name ?? row.original.person?.name,
      },
      {
        id: 'stage',
        header: t('sales.deals.fields.stage'),
        cell: ({ row }) => stageName(row.original.stage),
      },
      {
        id: 'status',
        header: t('sales.deals.fields.status'),
        cell: ({ row }) => (
          <Badge tone={STATUS_TONE[row.original.status]}>
            {t(`sales.deals.status.${row.original.status}`)}
          </Badge>
        ),
      },
      {
        id: 'value',
        header: t('sales.deals.fields.value'),
        cell: ({ row }) => money(row.original.value, row.original.currency),
      },
      { id: 'probability', header: '%', cell: ({ row }) => row.original.probability },
      {
        id: 'expectedClose',
        header: t('sales.deals.fields.expectedClose'),
        cell: ({ row }) => format.date(row.original.expectedClose),
      },
      {
        id: 'owner',
        header: t('sales.deals.fields.owner'),
        cell: ({ row }) => row.original.owner?.displayName,
      },
    ],
    [t, format.date, money, stageName],
  );
  return (
    <>
      <ErrorMessage error={list.error} className="mb-3" />
      <Card>
        <DataTable
          testId="deals-table"
          columns={columns}
          data={list.data?.items ?? []}
          getRowId={(row) => row.id}
          emptyText={list.isPending ? t('common.loading') : t('sales.deals.empty')}
          busy={list.isFetching}
        />
        <div className="border-t border-slate-100 px-3">
          <Pagination
            page={query.page ?? 1}
            pageSize={query.pageSize ?? 50}
            total={list.data?.total ?? 0}
            onPageChange={(page) => onPage({ page })}
            onPageSizeChange={(pageSize) => onPage({ pageSize, page: 1 })}
          />
        </div>
      </Card>
    </>
  );
}
