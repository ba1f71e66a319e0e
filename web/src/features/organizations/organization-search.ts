import type { OrganizationListQuery } from '../../api/types';

export type OrganizationsSearch = {
  q?: string;
  page?: number;
  pageSize?: number;
  sort?: NonNullable<OrganizationListQuery['sort']>;
  order?: 'asc' | 'desc';
};

export const parseOrganizationsSearch = (search: Record<string, unknown>): OrganizationsSearch => {
  const page = Number(search.page);
  const pageSize = Number(search.pageSize);
  return {
    q: typeof search.q === 'string' && search.q.trim() ? search.q : undefined,
    page: Number.isInteger(page) && page > 1 ? page : undefined,
    pageSize: [25, 50, 100].includes(pageSize) ? pageSize : undefined,
    sort:
      search.sort === 'name' || search.sort === 'createdAt' || search.sort === 'updatedAt'
        ? search.sort
        : undefined,
    order: search.order === 'asc' || search.order === 'desc' ? search.order : undefined,
  };
};

export const toOrganizationListQuery = (search: OrganizationsSearch): OrganizationListQuery => ({
  q: search.q?.trim() || undefined,
  page: search.page ?? 1,
  pageSize: search.pageSize ?? 50,
  sort: search.sort ?? 'name',
  order: search.order ?? 'asc',
});
