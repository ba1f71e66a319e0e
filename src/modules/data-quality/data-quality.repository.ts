import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Tx } from '../../db/tenant.ts';
import { departmentScope, type Visibility } from '../../db/visibility.ts';
import {
  DEFAULT_STALE_MONTHS,
  QUALITY_FIELDS,
  type QualityCategory,
  type QualityField,
} from '../../domain/quality/rules.ts';

/** All SQL of the data quality dashboard. Row-level security (tenant) is already in force on `tx`. */

const visible = (v: Visibility) => departmentScope(v, 'p');

/** "Filled": not null and not only spaces. */
const COLUMN: Record<QualityField, RawBuilder<unknown>> = {
  firstName: sql`p.first_name`,
  lastName: sql`p.last_name`,
  birthDate: sql`p.birth_date`,
  email: sql`p.email`,
  phone: sql`p.phone`,
  street: sql`p.street`,
  postalCode: sql`p.postal_code`,
  city: sql`p.city`,
};
const filled = (f: QualityField) => sql<SqlBool>`nullif(btrim(${COLUMN[f]}::text), '') is not null`;
const missing = (f: QualityField) => sql<SqlBool>`nullif(btrim(${COLUMN[f]}::text), '') is null`;
const anyMissing = (fields: readonly QualityField[]) =>
  sql<SqlBool>`(${sql.join(fields.map(missing), sql` or `)})`;

/** The latest moment the person's data was confirmed: collected, verified or last contacted. */
const lastConfirmed = sql<Date>`greatest(p.collected_at, p.verified_at,
  (select max(i.occurred_at) from interactions i where i.person_id = p.id))`;

export const staleMonths = async (tx: Tx): Promise<number> =>
  (await tx.selectFrom('data_quality_settings').select('stale_months').executeTakeFirst())?.stale_months ??
  DEFAULT_STALE_MONTHS;

export const saveStaleMonths = (
  tx: Tx,
  input: { tenantId: string; months: number; userId: string; now: Date },
) =>
  tx
    .insertInto('data_quality_settings')
    .values({
      tenant_id: input.tenantId,
      stale_months: input.months,
      updated_by: input.userId,
      updated_at: input.now,
    })
    .onConflict((oc) =>
      oc
        .column('tenant_id')
        .doUpdateSet({ stale_months: input.months, updated_by: input.userId, updated_at: input.now }),
    )
    .execute();

const FIELDS = Object.values(QUALITY_FIELDS).flat() as QualityField[];

/** One statement: the visible persons, each field's filled count, complete persons per category, stale persons. */
export const completenessCounts = async (tx: Tx, input: { visibility: Visibility; cutoff: Date }) => {
  const row = await tx
    .selectFrom('persons as p')
    .where(visible(input.visibility))
    .select(sql<number>`count(*)::int`.as('total'))
    .select(FIELDS.map((f) => sql<number>`(count(*) filter (where ${filled(f)}))::int`.as(`f_${f}`)))
    .select(
      (Object.entries(QUALITY_FIELDS) as [QualityCategory, readonly QualityField[]][]).map(([c, fields]) =>
        sql<number>`(count(*) filter (where not ${anyMissing(fields)}))::int`.as(`c_${c}`),
      ),
    )
    .select(sql<number>`(count(*) filter (where ${lastConfirmed} < ${input.cutoff}))::int`.as('stale'))
    .executeTakeFirstOrThrow();
  const r = row as unknown as Record<string, number>;
  return {
    total: r.total ?? 0,
    filled: Object.fromEntries(FIELDS.map((f) => [f, r[`f_${f}`] ?? 0])) as Record<QualityField, number>,
    complete: Object.fromEntries(Object.keys(QUALITY_FIELDS).map((c) => [c, r[`c_${c}`] ?? 0])) as Record<
      QualityCategory,
      number
    >,
    stale: r.stale ?? 0,
  };
};

/** The columns the validity rules read, a batch at a time in id order (keyset paging). */
export const validityBatch = (
  tx: Tx,
  input: { visibility: Visibility; afterId: string | null; limit: number },
) => {
  let q = tx
    .selectFrom('persons as p')
    .where(visible(input.visibility))
    .select([
      'p.id',
      'p.first_name',
      'p.last_name',
      'p.email',
      'p.phone',
      'p.postal_code',
      'p.city',
      'p.country',
    ])
    .select(sql<string | null>`p.birth_date::text`.as('birth_date'))
    .orderBy('p.id')
    .limit(input.limit);
  if (input.afterId) q = q.where('p.id', '>', input.afterId);
  return q.execute();
};

/** Open duplicate suggestions (migration 0018) whose two persons are both visible. */
const openSuggestions = (tx: Tx, v: Visibility) =>
  tx
    .selectFrom('duplicate_suggestions as s')
    .innerJoin('persons as p', 'p.id', 's.person_a')
    .innerJoin('persons as q', 'q.id', 's.person_b')
    .where('s.status', '=', 'open')
    .where(departmentScope(v, 'p'))
    .where(departmentScope(v, 'q'));

/** How many open suggestions, and how many distinct persons they name. */
export const duplicateCounts = async (tx: Tx, input: { visibility: Visibility }) => {
  const row = await openSuggestions(tx, input.visibility)
    .select(sql<number>`count(*)::int`.as('open'))
    .executeTakeFirstOrThrow();
  const persons = await tx
    .selectFrom(
      openSuggestions(tx, input.visibility)
        .select('s.person_a as id')
        .union(openSuggestions(tx, input.visibility).select('s.person_b as id'))
        .as('x'),
    )
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return { open: row.open, persons: persons.n };
};

/** A page of open suggestions, the highest score first, with both persons' names. */
export const listDuplicates = async (tx: Tx, input: Page & { visibility: Visibility }) => {
  const base = openSuggestions(tx, input.visibility);
  const [rows, count] = await Promise.all([
    base
      .select([
        's.id',
        's.score',
        's.person_a',
        'p.first_name as a_first_name',
        'p.last_name as a_last_name',
        's.person_b',
        'q.first_name as b_first_name',
        'q.last_name as b_last_name',
      ])
      .orderBy('s.score', 'desc')
      .orderBy('s.id')
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
  ]);
  return { total: count.total, rows };
};

type Page = { page: number; pageSize: number };

/** Persons with at least one expected field of these missing, by name, with the total. */
export const listIncomplete = async (
  tx: Tx,
  input: Page & { visibility: Visibility; fields: readonly QualityField[] },
) => {
  const base = tx.selectFrom('persons as p').where(visible(input.visibility)).where(anyMissing(input.fields));
  const [rows, count] = await Promise.all([
    base
      .select(['p.id', 'p.first_name', 'p.last_name'])
      .select(input.fields.map((f) => sql<boolean>`${missing(f)}`.as(`m_${f}`)))
      .orderBy(sql`lower(p.last_name)`)
      .orderBy(sql`lower(p.first_name)`)
      .orderBy('p.id')
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: count.total,
    rows: rows.map((r) => {
      const flags = r as unknown as Record<string, unknown>;
      return { ...r, missing: input.fields.filter((f) => flags[`m_${f}`] === true) };
    }),
  };
};

/** Persons whose last confirmation lies before the cutoff, the longest unconfirmed first. */
export const listStale = async (tx: Tx, input: Page & { visibility: Visibility; cutoff: Date }) => {
  const base = tx
    .selectFrom('persons as p')
    .where(visible(input.visibility))
    .where(sql<SqlBool>`${lastConfirmed} < ${input.cutoff}`);
  const [rows, count] = await Promise.all([
    base
      .select(['p.id', 'p.first_name', 'p.last_name', 'p.verified_at'])
      .select(lastConfirmed.as('last_confirmed_at'))
      .orderBy(sql`${lastConfirmed}`)
      .orderBy('p.id')
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
  ]);
  return { total: count.total, rows };
};

/** Names of visible persons by id. */
export const namesOf = async (tx: Tx, input: { visibility: Visibility; ids: string[] }) => {
  if (input.ids.length === 0) return new Map<string, { first_name: string; last_name: string }>();
  const rows = await tx
    .selectFrom('persons as p')
    .where(visible(input.visibility))
    .where('p.id', 'in', input.ids)
    .select(['p.id', 'p.first_name', 'p.last_name'])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
};

/** Sets the verification time of a visible person; the person's id, or undefined when not visible. */
export const markVerified = async (tx: Tx, input: { id: string; visibility: Visibility; at: Date }) =>
  (await tx
    .updateTable('persons as p')
    .set({ verified_at: input.at })
    .where('p.id', '=', input.id)
    .where(visible(input.visibility))
    .returning(['p.id', 'p.verified_at'])
    .executeTakeFirst()) ?? undefined;
