import type { DealListQuery } from './types';

export type DealsSearch = {
  view?: 'board' | 'list';
  q?: string;
  status?: 'open' | 'won' | 'lost';
  page?: number;
  pageSize?: number;
};

const STATUSES = ['open', 'won', 'lost'] as const;

export const parseDealsSearch = (search: Record<string, unknown>): DealsSearch => {
  const out: DealsSearch = {};
  if (search.view === 'list' || search.view === 'board') out.view = search.view;
  if (typeof search.q === 'string' && search.q.trim()) out.q = search.q.slice(0, 100);
  if (STATUSES.includes(search.status as never)) out.status = search.status as DealsSearch['status'];
  const page = Number(search.page);
  if (Number.isInteger(page) && page > 1) out.page = page;
  const pageSize = Number(search.pageSize);
  if ([25, 50, 100, 200].includes(pageSize)) out.pageSize = pageSize;
  return out;
};

export const toDealListQuery = (search: DealsSearch): DealListQuery => ({
  q: search.q,
  status: search.status,
  page: search.page ?? 1,
  pageSize: search.pageSize ?? 50,
  sort: 'expectedClose',
  order: 'asc',
});
