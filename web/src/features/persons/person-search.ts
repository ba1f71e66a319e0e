import type { PersonKind, PersonListQuery } from '../../api/types';

export type PersonSort = NonNullable<PersonListQuery['sort']>;
export const PERSON_KINDS: readonly PersonKind[] = ['customer', 'prospect', 'contact_person'];
const SORTS: readonly PersonSort[] = ['lastName', 'firstName', 'createdAt', 'updatedAt'];
const PAGE_SIZES = [25, 50, 100] as const;

/** The list's state lives in the URL, so a search can be bookmarked and the back button works. */
export type PersonsSearch = {
  q?: string;
  page?: number;
  pageSize?: number;
  sort?: PersonSort;
  order?: 'asc' | 'desc';
  kind?: PersonKind;
};

const pick = <T extends string>(list: readonly T[], value: unknown): T | undefined =>
  list.includes(value as T) ? (value as T) : undefined;

export const parsePersonsSearch = (search: Record<string, unknown>): PersonsSearch => {
  const page = Number(search.page);
  const pageSize = Number(search.pageSize);
  return {
    q: typeof search.q === 'string' && search.q.trim() ? search.q : undefined,
    page: Number.isInteger(page) && page > 1 ? page : undefined,
    pageSize: PAGE_SIZES.includes(pageSize as 25) ? pageSize : undefined,
    sort: pick(SORTS, search.sort),
    order: pick(['asc', 'desc'] as const, search.order),
    kind: pick(PERSON_KINDS, search.kind),
  };
};

/** The API query for a URL state, with the defaults filled in. */
export const toPersonListQuery = (search: PersonsSearch): PersonListQuery => ({
  q: search.q?.trim() || undefined,
  page: search.page ?? 1,
  pageSize: search.pageSize ?? 50,
  sort: search.sort ?? 'lastName',
  order: search.order ?? 'asc',
  kind: search.kind,
});
