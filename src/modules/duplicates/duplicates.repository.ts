import { type SqlBool, sql } from 'kysely';
import type { Tx } from '../../db/tenant.ts';
import { departmentScope, type Visibility } from '../../db/visibility.ts';

/** All SQL of duplicate suggestions and blocking keys. Row-level security (tenant) is in force on `tx`. */

const MATCH_COLUMNS = [
  'id',
  'first_name',
  'last_name',
  'email',
  'phone',
  'birth_date',
  'street',
  'postal_code',
  'city',
] as const;

export const matchColumnsOf = (tx: Tx, ids: readonly string[]) =>
  ids.length
    ? tx
        .selectFrom('persons')
        .select(MATCH_COLUMNS)
        .where('id', 'in', [...ids])
        .execute()
    : Promise.resolve([]);

export const replaceMatchKeys = async (
  tx: Tx,
  personIds: readonly string[],
  keys: { tenant_id: string; person_id: string; key_name: string; key_hash: string }[],
) => {
  if (personIds.length === 0) return;
  await tx
    .deleteFrom('person_match_keys')
    .where('person_id', 'in', [...personIds])
    .execute();
  if (keys.length) await tx.insertInto('person_match_keys').values(keys).execute();
};

/** Every person id of the tenant, in pages (the scan refreshes the keys of all of them). */
export const personIdsAfter = async (tx: Tx, after: string | null, limit: number) => {
  let q = tx.selectFrom('persons').select('id').orderBy('id').limit(limit);
  if (after) q = q.where('id', '>', after);
  return (await q.execute()).map((r) => r.id);
};

/**
 * Persons without any blocking key yet (written in bulk, e.g. by an import), up to `limit`, in id order
 * after `after`: a caller that passes the last id of the previous page reads the table once overall.
 */
export const personIdsWithoutMatchKeys = async (tx: Tx, after: string | null, limit: number) =>
  (
    await tx
      .selectFrom('persons as p')
      .select('p.id')
      .$if(after !== null, (q) => q.where('p.id', '>', after as string))
      .orderBy('p.id')
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('person_match_keys as k')
              .select('k.person_id')
              .whereRef('k.tenant_id', '=', 'p.tenant_id')
              .whereRef('k.person_id', '=', 'p.id'),
          ),
        ),
      )
      .limit(limit)
      .execute()
  ).map((r) => r.id);

/**
 * Candidate pairs: persons that share a blocking key of a block no larger than `maxBlock` (a key
 * shared by very many persons says nothing), each pair once with a < b.
 */
export const candidatePairs = async (tx: Tx, maxBlock: number) =>
  (
    await sql<{ a: string; b: string }>`
      with blocks as (
        select key_name, key_hash from person_match_keys
        group by key_name, key_hash having count(*) between 2 and ${maxBlock}
      )
      select distinct k1.person_id as a, k2.person_id as b
      from blocks bl
      join person_match_keys k1 on k1.key_name = bl.key_name and k1.key_hash = bl.key_hash
      join person_match_keys k2 on k2.key_name = bl.key_name and k2.key_hash = bl.key_hash
        and k1.person_id < k2.person_id`.execute(tx)
  ).rows;

/**
 * Candidates for one person: persons sharing one of the given blocking keys, and persons whose name
 * is trigram-similar (pg_trgm word similarity on the search text, through the view person_search so
 * that the trigram index is used under row-level security). Visible persons only.
 */
/** The names as persons_name_words indexes them (migration 0006): lower case, hyphens as spaces. */
const NAME_WORDS = sql`(' ' || translate(lower(p.first_name || ' ' || p.last_name), '-', ' '))`;

export const candidatesOf = async (
  tx: Tx,
  input: {
    personId: string;
    keys: { key_name: string; key_hash: string }[];
    names: string;
    visibility: Visibility;
    limit: number;
  },
) => {
  const byKey = input.keys.length
    ? await tx
        .selectFrom('person_match_keys as k')
        .innerJoin('persons as p', 'p.id', 'k.person_id')
        .select('k.person_id as id')
        .distinct()
        .where((eb) =>
          eb.or(
            input.keys.map((k) =>
              eb.and([eb('k.key_name', '=', k.key_name), eb('k.key_hash', '=', k.key_hash)]),
            ),
          ),
        )
        .where('k.person_id', '<>', input.personId)
        .where(departmentScope(input.visibility, 'p'))
        .limit(input.limit)
        .execute()
    : [];
  const byName = input.names.trim()
    ? await tx
        // person_search: the view that lets the trigram index work under row-level security (0004);
        // the name words are the expression persons_name_words indexes (0006)
        .selectFrom('person_search as p' as 'persons as p')
        .select('p.id')
        .where(sql<SqlBool>`${input.names.toLowerCase()} <% ${NAME_WORDS}`)
        .where('p.id', '<>', input.personId)
        .where(departmentScope(input.visibility, 'p'))
        .orderBy(sql`word_similarity(${input.names.toLowerCase()}, ${NAME_WORDS})`, 'desc')
        .limit(input.limit)
        .execute()
    : [];
  return [...new Set([...byKey, ...byName].map((r) => r.id))];
};

export const keysOf = (tx: Tx, personId: string) =>
  tx
    .selectFrom('person_match_keys')
    .select(['key_name', 'key_hash'])
    .where('person_id', '=', personId)
    .execute();

/** Pairs decided before (dismissed or merged): never suggested again. */
export const decidedPairs = async (tx: Tx, personId?: string) => {
  let q = tx
    .selectFrom('duplicate_suggestions')
    .select(['person_a', 'person_b'])
    .where('status', '<>', 'open');
  if (personId) q = q.where((eb) => eb.or([eb('person_a', '=', personId), eb('person_b', '=', personId)]));
  return new Set((await q.execute()).map((r) => `${r.person_a}|${r.person_b}`));
};

export type SuggestionInsert = {
  tenant_id: string;
  person_a: string;
  person_b: string;
  score: number;
  explanation: string;
  names_swapped: boolean;
  found_at: Date;
};

/** Inserts new suggestions and refreshes the score of open ones; decided pairs stay as they are. */
export const upsertSuggestions = async (tx: Tx, rows: SuggestionInsert[]) => {
  for (let i = 0; i < rows.length; i += 500)
    await tx
      .insertInto('duplicate_suggestions')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) =>
        oc
          .columns(['tenant_id', 'person_a', 'person_b'])
          .doUpdateSet((eb) => ({
            score: eb.ref('excluded.score'),
            explanation: eb.ref('excluded.explanation'),
            names_swapped: eb.ref('excluded.names_swapped'),
          }))
          .where('duplicate_suggestions.status', '=', 'open'),
      )
      .execute();
};

/** Open suggestions a scan no longer finds (changed data, gone persons) are removed. */
export const deleteOpenExcept = async (tx: Tx, keep: Set<string>) => {
  const open = await tx
    .selectFrom('duplicate_suggestions')
    .select(['id', 'person_a', 'person_b'])
    .where('status', '=', 'open')
    .execute();
  const gone = open.filter((r) => !keep.has(`${r.person_a}|${r.person_b}`)).map((r) => r.id);
  for (let i = 0; i < gone.length; i += 500)
    await tx
      .deleteFrom('duplicate_suggestions')
      .where('id', 'in', gone.slice(i, i + 500))
      .execute();
  return gone.length;
};

const SUMMARY_COLUMNS = [
  'p.id',
  'p.kind',
  'p.first_name',
  'p.last_name',
  'p.email',
  'p.phone',
  'p.birth_date',
  'p.street',
  'p.postal_code',
  'p.city',
  'p.department_ids',
  'p.version',
  'p.updated_at',
  'p.restricted_at',
] as const;

export const summariesOf = async (tx: Tx, ids: string[], visibility: Visibility) =>
  ids.length
    ? tx
        .selectFrom('persons as p')
        .select(SUMMARY_COLUMNS)
        .where('p.id', 'in', ids)
        .where(departmentScope(visibility, 'p'))
        .execute()
    : [];
export type SummaryRow = Awaited<ReturnType<typeof summariesOf>>[number];

const visiblePair = (tx: Tx, visibility: Visibility) =>
  tx
    .selectFrom('duplicate_suggestions as s')
    .innerJoin('persons as pa', 'pa.id', 's.person_a')
    .innerJoin('persons as pb', 'pb.id', 's.person_b')
    .where('s.status', '=', 'open')
    .where(departmentScope(visibility, 'pa'))
    .where(departmentScope(visibility, 'pb'));

/** One page of open suggestions whose persons are both visible, best score first. */
export const listOpen = async (
  tx: Tx,
  input: { visibility: Visibility; page: number; pageSize: number; personId?: string },
) => {
  let base = visiblePair(tx, input.visibility);
  if (input.personId) {
    const id = input.personId;
    base = base.where((eb) => eb.or([eb('s.person_a', '=', id), eb('s.person_b', '=', id)]));
  }
  const [rows, count] = await Promise.all([
    base
      .select([
        's.id',
        's.person_a',
        's.person_b',
        's.score',
        's.explanation',
        's.names_swapped',
        's.found_at',
      ])
      .orderBy('s.score', 'desc')
      .orderBy('s.id')
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.total };
};

export const findSuggestion = (tx: Tx, id: string) =>
  tx.selectFrom('duplicate_suggestions').selectAll().where('id', '=', id).executeTakeFirst();

export const findSuggestionByPair = (tx: Tx, a: string, b: string) =>
  tx
    .selectFrom('duplicate_suggestions')
    .selectAll()
    .where('person_a', '=', a < b ? a : b)
    .where('person_b', '=', a < b ? b : a)
    .executeTakeFirst();

export const decideSuggestion = (
  tx: Tx,
  input: { id: string; status: 'dismissed' | 'merged'; by: string | null; at: Date },
) =>
  tx
    .updateTable('duplicate_suggestions')
    .set({ status: input.status, decided_by: input.by, decided_at: input.at })
    .where('id', '=', input.id)
    .where('status', '=', 'open')
    .returning('id')
    .executeTakeFirst();

/** A dismissal of a pair never found by a scan (from a person's on-the-fly candidates). */
export const insertDecided = (
  tx: Tx,
  row: SuggestionInsert & { status: 'dismissed' | 'merged'; decided_by: string | null; decided_at: Date },
) =>
  tx
    .insertInto('duplicate_suggestions')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'person_a', 'person_b']).doUpdateSet({
        status: row.status,
        decided_by: row.decided_by,
        decided_at: row.decided_at,
      }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();

export const tenantThreshold = async (tx: Tx) => {
  const settings = (await tx.selectFrom('tenants').select('settings').executeTakeFirst())?.settings as
    | { duplicateThreshold?: unknown }
    | undefined;
  const value = settings?.duplicateThreshold;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
};
