import type { ColumnDef } from '@tanstack/react-table';
import type { TFunction } from 'i18next';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/data-table';
import { ErrorMessage } from '../../components/error-message';
import { Pagination } from '../../components/pagination';
import { Card } from '../../components/ui/card';
import { customerOf } from './document-view';

type DocumentRow = {
  id: string;
  person: { name: string } | null;
  organization: { name: string } | null;
  grossTotal: string;
  currency: string;
};

/** The columns every quote and order list shows: number (a link), customer, status, its own, gross total. */
export const documentColumns = <T extends DocumentRow>(
  t: TFunction,
  money: (value: string, currency: string) => string,
  columns: { number: (row: T) => ReactNode; status: (row: T) => ReactNode; own: ColumnDef<T>[] },
): ColumnDef<T>[] => [
  { id: 'number', header: t('sales.quotes.fields.number'), cell: ({ row }) => columns.number(row.original) },
  { id: 'customer', header: t('sales.quotes.fields.customer'), cell: ({ row }) => customerOf(row.original) },
  { id: 'status', header: t('sales.quotes.fields.status'), cell: ({ row }) => columns.status(row.original) },
  ...columns.own,
  {
    id: 'gross',
    header: t('sales.quotes.fields.grossTotal'),
    cell: ({ row }) => money(row.original.grossTotal, row.original.currency),
  },
];

/** Page and page size of a server-paged list, newest first; a new page size starts again at page 1. */
export const usePaging = () => {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  return { page, pageSize, setPage, setPageSize };
};

/** A server-paged table of quotes or orders in a card, with its error message and pagination. */
export function DocumentListCard<T extends DocumentRow>({
  testId,
  columns,
  list,
  emptyText,
  paging,
}: {
  testId: string;
  columns: ColumnDef<T>[];
  list: {
    data?: { items: T[]; total: number } | undefined;
    error: unknown;
    isPending: boolean;
    isFetching: boolean;
  };
  emptyText: string;
  paging: ReturnType<typeof usePaging>;
}) {
  const { t } = useTranslation();
  return (
    <>
      <ErrorMessage error={list.error} className="mb-3" />
      <Card>
        <DataTable
          testId={testId}
          columns={columns}
          data={list.data?.items ?? []}
          getRowId={(row) => row.id}
          emptyText={list.isPending ? t('common.loading') : emptyText}
          busy={list.isFetching}
        />
        <div className="border-t border-slate-100 px-3">
          <Pagination
            page={paging.page}
            pageSize={paging.pageSize}
            total={list.data?.total ?? 0}
            onPageChange={paging.setPage}
            onPageSizeChange={(size) => {
              paging.setPageSize(size);
              paging.setPage(1);
            }}
          />
        </div>
      </Card>
    </>
  );
}
