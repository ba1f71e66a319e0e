import { type Expression, type Insertable, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { PersonsTable } from '../../db/schema.ts';
import type { Tx } from '../../db/tenant.ts';
import { departmentScope, type Visibility } from '../../db/visibility.ts';
import type { PersonListQueryInput } from './persons.schemas.ts';

/** All SQL of persons. Row-level security (tenant) is already in force on `tx`. */

export type { Visibility };

const visibleTo = (v: Visibility) => departmentScope(v, 'p');

const personById = (tx: Tx, id: string, visibility: Visibility) =>
  tx
    .selectFrom('persons as p')
    .leftJoin('organizations as o', 'o.id', 'p.organization_id')
    .leftJoin('users as cu', 'cu.id', 'p.collected_by')
    .selectAll('p')
    .select(['o.name as organization_name', 'cu.display_name as collected_by_name'])
    .where('p.id', '=', id)
    .where(visibleTo(visibility));

export const findPerson = (tx: Tx, id: string, visibility: Visibility) =>
  personById(tx, id, visibility).executeTakeFirst();
export type PersonRow = NonNullable<Awaited<ReturnType<typeof findPerson>>>;

type TagRef = { id: string; name: string; color: string };

/** `findPerson` with the person's tags (ordered by name, as `tagsOfPersons`), in one statement. */
export const findPersonWithTags = (tx: Tx, id: string, visibility: Visibility) =>
  personWithTagsQuery(tx, id, visibility).executeTakeFirst();

/** The statement of `findPersonWithTags`, for callers that read more in the same round trip (accounts). */
export const personWithTagsQuery = (tx: Tx, id: string, visibility: Visibility) =>
  personById(tx, id, visibility)
    .select(
      sql<
        TagRef[]
      >`coalesce((select json_agg(json_build_object('id', t.id, 'name', t.name, 'color', t.color) order by t.name)
        from person_tags pt join tags t on t.id = pt.tag_id where pt.person_id = p.id), '[]'::json)`.as(
        'tags',
      ),
    )
    // the fields the person refused (field locks, subject-rights)
    .select(
      sql<string[]>`coalesce((select json_agg(l.field order by l.field) from field_locks l
        where l.person_id = p.id), '[]'::json)`.as('locked_fields'),
    )
    // the person's wrapped data key in the same round trip (null once shredded)
    .select(
      sql<string | null>`(select k.wrapped_key from subject_keys k where k.subject_id = p.id)`.as(
        'wrapped_key',
      ),
    )
    .select(
      sql<string | null>`(select k.master_key_id from subject_keys k where k.subject_id = p.id)`.as(
        'master_key_id',
      ),
    );

export const tagsOfPersons = async (tx: Tx, personIds: string[]) => {
  if (personIds.length === 0) return new Map<string, TagRef[]>();
  const rows = await tx
    .selectFrom('person_tags as pt')
    .innerJoin('tags as t', 't.id', 'pt.tag_id')
    .select(['pt.person_id', 't.id', 't.name', 't.color'])
    .where('pt.person_id', 'in', personIds)
    .orderBy('t.name')
    .execute();
  const byPerson = new Map<string, TagRef[]>();
  for (const { person_id, ...tag } of rows)
    byPerson.set(person_id, [...(byPerson.get(person_id) ?? []), tag]);
  return byPerson;
};

export const setPersonTags = async (tx: Tx, tenantId: string, personId: string, tagIds: string[]) => {
  await tx.deleteFrom('person_tags').where('person_id', '=', personId).execute();
  if (tagIds.length === 0) return;
  await tx
    .insertInto('person_tags')
    .values(
      [...new Set(tagIds)].map((tagId) => ({ tenant_id: tenantId, person_id: personId, tag_id: tagId })),
    )
    .execute();
};

const escapeLike = (q: string) => q.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Name-first matching: the term matches the names by word prefix (first name, last name or "first
 * last"; hyphens count as spaces), the e-mail address and the phone number by substring. The name
 * expression is the one indexed by persons_name_words (migration 0006), the e-mail one
 * persons_email_search; both are read through the view person_search.
 */
const searchCondition = (q: string): Expression<SqlBool> => {
  const term = escapeLike(q.toLowerCase().trim());
  const words = `% ${term.replace(/-/g, ' ')}%`;
  const substring = `%${term}%`;
  const names = sql<SqlBool>`(' ' || translate(lower(p.first_name || ' ' || p.last_name), '-', ' ')) like ${words}`;
  const email = sql<SqlBool>`lower(p.email) like ${substring}`;
  const digits = q.replace(/\D/g, '');
  if (digits.length >= 4 && /^[+\d\s()/.-]+$/.test(q)) {
    const tail = `%${digits.replace(/^0+/, '')}%`;
    return sql<SqlBool>`(${names} or ${email} or coalesce(p.phone, '') like ${substring} or regexp_replace(coalesce(p.phone, ''), '\\D', '', 'g') like ${tail})`;
  }
  return sql<SqlBool>`(${names} or ${email})`;
};

/** Searches rank by similarity only up to this many matches; more are listed in the list order. */
export const RANKED_MATCHES_MAX = 500;
/** Searches count at most this many matches; `totalCapped` says when there are more. */
export const SEARCH_TOTAL_CAP = 10_000;

const SORT_COLUMNS = {
  lastName: [sql`lower(p.last_name)`, sql`lower(p.first_name)`],
  firstName: [sql`lower(p.first_name)`, sql`lower(p.last_name)`],
  createdAt: [sql`p.created_at`],
  updatedAt: [sql`p.updated_at`],
} as const;

/** Sort keys in order, each with its direction. */
type SortKeys = [RawBuilder<unknown>, RawBuilder<unknown>][];

/**
 * One page of persons and the total. The page is read in one statement: the page's ids with their
 * sort keys (`k`), then only those rows joined with their organisation; so paging deep never reads
 * whole rows or joins organisations it does not return. A search narrows through the view
 * person_search (migrations 0004, 0006): with row-level security PostgreSQL uses no index for LIKE,
 * the view lets it use the trigram indexes; the rows themselves are read from persons, under
 * row-level security, by id.
 *
 * A search reads at most SEARCH_TOTAL_CAP + 1 matches with their list-order keys, counts them and
 * sorts them in the same statement (so its cost is bounded by the cap, not by the tenant's size).
 * More matches than the cap: `totalCapped`, and the page is read in the list order from the index
 * (persons_name_covering), where matches are then dense. At most RANKED_MATCHES_MAX matches without
 * an explicit sort: the page is ranked by similarity instead, reading those few matches again. A
 * list without a search counts exactly.
 */
export const listPersons = async (tx: Tx, query: PersonListQueryInput, visibility: Visibility) => {
  // person_search has every column the filters and sort keys below refer to
  const source = (query.q ? 'person_search as p' : 'persons as p') as 'persons as p';
  let base = tx.selectFrom(source).where(visibleTo(visibility));
  if (query.q) base = base.where(searchCondition(query.q));
  if (query.kind) base = base.where('p.kind', '=', query.kind);
  if (query.organizationId) base = base.where('p.organization_id', '=', query.organizationId);
  if (query.tagId) {
    const tagId = query.tagId;
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('person_tags as pt')
          .select('pt.tag_id')
          .whereRef('pt.person_id', '=', 'p.id')
          .where('pt.tag_id', '=', tagId),
      ),
    );
  }
  const dir = sql.raw(query.order === 'desc' ? 'desc' : 'asc');
  const listKeys: SortKeys = SORT_COLUMNS[query.sort ?? 'lastName'].map((column) => [column, dir]);
  const offset = (query.page - 1) * query.pageSize;

  /** The page's ids with their sort keys, in order, straight from `base` (the planner's choice). */
  const pageOf = (keys: SortKeys) => {
    let page = base.select('p.id');
    for (const [i, [key, direction]] of keys.entries())
      page = page.select(sql`${key}`.as(`k${i}`)).orderBy(sql`${key} ${direction}`);
    return page.orderBy('p.id').limit(query.pageSize).offset(offset);
  };
  /** The page's rows, joined with their organisation, in the order of `page`; `n` is passed through. */
  const rowsOf = (page: ReturnType<typeof pageOf>, keys: SortKeys) => {
    let rows = tx
      .selectFrom(page.as('k'))
      .innerJoin('persons as p', 'p.id', 'k.id')
      .leftJoin('organizations as o', 'o.id', 'p.organization_id')
      .select([
        'p.id',
        'p.kind',
        'p.first_name',
        'p.last_name',
        'p.email',
        'p.phone',
        'p.city',
        'p.organization_id',
        'o.name as organization_name',
        'p.legal_basis',
        'p.purposes',
        'p.updated_at',
        'p.restricted_at',
      ])
      .select(sql<number | null>`${sql.ref('k.n')}`.as('n'));
    for (const [i, [, direction]] of keys.entries())
      rows = rows.orderBy(sql`${sql.ref(`k.k${i}`)} ${direction}`);
    return rows.orderBy('k.id').execute();
  };
  const strip = <R extends { n: number | null }>(rows: R[]) => rows.map(({ n: _n, ...row }) => row);

  if (!query.q) {
    const [rows, count] = await Promise.all([
      rowsOf(pageOf(listKeys).select(sql<null>`null::int`.as('n')), listKeys),
      base.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
    ]);
    return { rows: strip(rows), total: count.total, totalCapped: false };
  }

  // At most cap + 1 matches, counted (n) and sorted by the list keys in one statement.
  let matches = base.select('p.id');
  for (const [i, [key]] of listKeys.entries()) matches = matches.select(sql`${key}`.as(`k${i}`));
  const bounded = matches.limit(SEARCH_TOTAL_CAP + 1).as('m');
  let firstPass = tx
    .selectFrom(bounded)
    .select(['m.id', sql<number>`count(*) over ()::int`.as('n')])
    .select(listKeys.map((_, i) => sql.ref(`m.k${i}`).as(`k${i}`)));
  for (const [i, [, direction]] of listKeys.entries())
    firstPass = firstPass.orderBy(sql`${sql.ref(`m.k${i}`)} ${direction}`);
  const firstPage = firstPass.orderBy('m.id').limit(query.pageSize).offset(offset) as unknown as ReturnType<
    typeof pageOf
  >;
  let rows = await rowsOf(firstPage, listKeys);
  let total = rows[0]?.n;
  if (total === undefined || total === null) {
    // an empty page: no matches at all on page 1, else count them (a page past the last)
    total =
      query.page === 1
        ? 0
        : (
            await tx
              .selectFrom(bounded)
              .select(sql<number>`count(*)::int`.as('total'))
              .executeTakeFirstOrThrow()
          ).total;
  }
  const totalCapped = total > SEARCH_TOTAL_CAP;
  if (totalCapped) {
    // the first cap + 1 matches are not the first in list order: read the page from the index
    rows = await rowsOf(pageOf(listKeys).select(sql<null>`null::int`.as('n')), listKeys);
  } else if (!query.sort && total > 0 && total <= RANKED_MATCHES_MAX) {
    const ranked: SortKeys = [
      [sql`similarity(p.search_text, ${query.q.toLowerCase()})`, sql`desc`],
      ...listKeys,
    ];
    rows = await rowsOf(pageOf(ranked).select(sql<null>`null::int`.as('n')), ranked);
  }
  return { rows: strip(rows), total: totalCapped ? SEARCH_TOTAL_CAP : total, totalCapped };
};

export const insertPerson = (tx: Tx, values: Insertable<PersonsTable>) =>
  tx.insertInto('persons').values(values).returning('id').executeTakeFirstOrThrow();

export const updatePerson = (tx: Tx, id: string, version: number, values: Record<string, unknown>) =>
  tx
    .updateTable('persons')
    .set({ ...values, version: sql`version + 1`, updated_at: sql`now()` } as never)
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
