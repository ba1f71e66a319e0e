import { type ColumnDef, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Table, TBody, Td, THead, Th, Tr } from './ui/table';

export type SortState<S extends string> = { sort: S; order: 'asc' | 'desc' };

type DataTableProps<T, S extends string> = {
  columns: ColumnDef<T>[];
  data: T[];
  /** Columns whose id is listed here get a sort button; sorting happens on the server. */
  sortable?: readonly S[];
  sorting?: SortState<S>;
  onSortChange?: (sorting: SortState<S>) => void;
  getRowId: (row: T) => string;
  emptyText: string;
  testId?: string;
  busy?: boolean;
};

/** A server-driven table: no client-side sorting or paging, so it stays fast for any total. */
export function DataTable<T, S extends string>(props: DataTableProps<T, S>) {
  const { columns, data, sortable = [], sorting, onSortChange, getRowId, emptyText, testId, busy } = props;
  const { t } = useTranslation();
  const table = useReactTable({
    data,
    columns,
    getRowId,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
  });

  const sortButton = (id: S, label: ReactNode) => {
    const active = sorting?.sort === id;
    const nextOrder = active && sorting?.order === 'asc' ? 'desc' : 'asc';
    return (
      <button
        type="button"
        className="inline-flex items-center gap-1 uppercase hover:text-slate-900"
        onClick={() => onSortChange?.({ sort: id, order: nextOrder })}
        title={t('table.sortBy')}
      >
        {label}
        <span aria-hidden="true">{active ? (sorting?.order === 'asc' ? '▲' : '▼') : '↕'}</span>
      </button>
    );
  };

  return (
    <Table data-testid={testId} aria-busy={busy}>
      <THead>
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id}>
            {group.headers.map((header) => {
              const id = header.column.id as S;
              const label = flexRender(header.column.columnDef.header, header.getContext());
              const sortedHere = sorting?.sort === id;
              return (
                <Th
                  key={header.id}
                  aria-sort={sortedHere ? (sorting?.order === 'asc' ? 'ascending' : 'descending') : undefined}
                >
                  {sortable.includes(id) ? sortButton(id, label) : label}
                </Th>
              );
            })}
          </tr>
        ))}
      </THead>
      <TBody>
        {table.getRowModel().rows.length === 0 ? (
          <tr>
            <Td colSpan={columns.length} className="py-8 text-center text-slate-500">
              {emptyText}
            </Td>
          </tr>
        ) : (
          table.getRowModel().rows.map((row) => (
            <Tr key={row.id} data-testid="table-row">
              {row.getVisibleCells().map((cell) => (
                <Td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</Td>
              ))}
            </Tr>
          ))
        )}
      </TBody>
    </Table>
  );
}
