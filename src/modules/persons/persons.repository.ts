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
  personById(tx, id, visibility)
    .select(
      sql<
        TagRef[]
      >`coalesce((select json_agg(json_build_object('id', t.id, 'name', t.name, 'color', t.color) order by t.name)
        from person_tags pt join tags t on t.id = pt.tag_id where pt.person_id = p.id), '[]'::json)`.as(
        'tags',
      ),
    )
    .executeTakeFirst();

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

const searchCondition = (q: string): Expression<SqlBool> => {
  const pattern = `%${escapeLike(q.toLowerCase())}%`;
  const digits = q.replace(/\D/g, '');
  if (digits.length >= 4 && /^[+\d\s()/.-]+$/.test(q)) {
    const tail = `%${digits.replace(/^0+/, '')}%`;
    return sql<SqlBool>`(p.search_text like ${pattern} or regexp_replace(coalesce(p.phone, ''), '\\D', '', 'g') like ${tail})`;
  }
  return sql<SqlBool>`p.search_text like ${pattern}`;
};

const SORT_COLUMNS = {
  lastName: [sql`lower(p.last_name)`, sql`lower(p.first_name)`],
  firstName: [sql`lower(p.first_name)`, sql`lower(p.last_name)`],
  createdAt: [sql`p.created_at`],
  updatedAt: [sql`p.updated_at`],
} as const;

/**
 * One page of persons and the total. Two steps, each one statement: the page's ids with their sort
 * keys (`k`), then only those rows joined with their organisation; so paging deep or ranking many
 * search matches never reads whole rows or joins organisations it does not return. A search narrows
 * through the view person_search (migration 0004): with row-level security PostgreSQL uses no index
 * for LIKE, the view lets it use the trigram index; the rows themselves are read from persons, under
 * row-level security, by id.
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
  // sort keys in order, each with its direction
  const keys: [RawBuilder<unknown>, RawBuilder<unknown>][] = [];
  if (query.q && !query.sort)
    keys.push([sql`similarity(p.search_text, ${query.q.toLowerCase()})`, sql`desc`]);
  for (const column of SORT_COLUMNS[query.sort ?? 'lastName']) keys.push([column, dir]);
  let page = base.select('p.id');
  for (const [i, [key, direction]] of keys.entries())
    page = page.select(sql`${key}`.as(`k${i}`)).orderBy(sql`${key} ${direction}`);
  const pageQuery = page
    .orderBy('p.id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  let rowsQuery = tx
    .selectFrom(pageQuery.as('k'))
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
    ]);
  for (const [i, [, direction]] of keys.entries())
    rowsQuery = rowsQuery.orderBy(sql`${sql.ref(`k.k${i}`)} ${direction}`);
  const [rows, count] = await Promise.all([
    rowsQuery.orderBy('k.id').execute(),
    base.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.total };
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
