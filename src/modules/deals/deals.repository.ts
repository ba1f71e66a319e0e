import { type SqlBool, sql } from 'kysely';
import type { Tx } from '../../db/tenant.ts';
import { departmentScope, type Visibility } from '../../db/visibility.ts';
import type { DealListQueryInput } from './deals.schemas.ts';

/** Deals with their stage, customer names and owner, limited to what the viewer may see. */
const dealsWithNames = (tx: Tx, v: Visibility) =>
  tx
    .selectFrom('deals as d')
    .innerJoin('pipeline_stages as s', 's.id', 'd.stage_id')
    .leftJoin('persons as p', 'p.id', 'd.person_id')
    .leftJoin('organizations as o', 'o.id', 'd.organization_id')
    .leftJoin('users as u', 'u.id', 'd.owner_id')
    .selectAll('d')
    .select([
      's.name_de as stage_name_de',
      's.name_en as stage_name_en',
      's.outcome as stage_outcome',
      sql<string | null>`case when p.id is null then null else p.first_name || ' ' || p.last_name end`.as(
        'person_name',
      ),
      'o.name as organization_name',
      'u.display_name as owner_name',
      sql<string>`d.value::text`.as('value_text'),
    ])
    .where(departmentScope(v, 'd'));

export type DealRow = Awaited<ReturnType<ReturnType<typeof dealsWithNames>['execute']>>[number];

export const findDeal = (tx: Tx, id: string, v: Visibility) =>
  dealsWithNames(tx, v).where('d.id', '=', id).executeTakeFirst();

/** The list filters as one SQL condition on the aliases d (deals) and s (stages). */
const filterOf = (query: DealListQueryInput) => {
  const parts = [sql<SqlBool>`true`];
  if (query.q)
    parts.push(sql`lower(d.title) like ${`%${query.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  if (query.stageId) parts.push(sql`d.stage_id = ${query.stageId}`);
  if (query.status) parts.push(sql`s.outcome = ${query.status}`);
  if (query.personId) parts.push(sql`d.person_id = ${query.personId}`);
  if (query.organizationId) parts.push(sql`d.organization_id = ${query.organizationId}`);
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
};

const SORT = {
  expectedClose: sql`d.expected_close`,
  value: sql`d.value`,
  title: sql`lower(d.title)`,
  updatedAt: sql`d.updated_at`,
};

export const listDeals = async (tx: Tx, query: DealListQueryInput, v: Visibility) => {
  const rows = await dealsWithNames(tx, v)
    .where(filterOf(query))
    .orderBy(sql`${SORT[query.sort]} ${sql.raw(query.order)} nulls last`)
    .orderBy('d.id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const base = tx
    .selectFrom('deals as d')
    .innerJoin('pipeline_stages as s', 's.id', 'd.stage_id')
    .where(departmentScope(v, 'd'));
  const { total } = await base
    .where(filterOf(query))
    .select(sql<number>`count(*)::int`.as('total'))
    .executeTakeFirstOrThrow();
  return { rows, total };
};

/** Per stage: the first `cap` deals (by expected close) of the visible ones. */
export const boardDeals = async (tx: Tx, v: Visibility, cap: number) => {
  const ranked = await dealsWithNames(tx, v)
    .where('s.archived_at', 'is', null)
    .select(
      sql<number>`row_number() over (partition by d.stage_id order by d.expected_close asc nulls last, d.updated_at desc, d.id)`.as(
        'rank',
      ),
    )
    .execute();
  return ranked.filter((r) => r.rank <= cap);
};

/** Per stage and currency: count, sum of values and of probability-weighted values. */
export const boardTotals = (tx: Tx, v: Visibility) =>
  tx
    .selectFrom('deals as d')
    .where(departmentScope(v, 'd'))
    .groupBy(['d.stage_id', 'd.currency'])
    .select([
      'd.stage_id',
      'd.currency',
      sql<number>`count(*)::int`.as('count'),
      sql<string>`sum(d.value)::text`.as('value'),
      sql<string>`round(sum(d.value * d.probability) / 100, 2)::text`.as('weighted'),
    ])
    .execute();

export const insertDeal = (tx: Tx, values: Record<string, unknown>) =>
  tx
    .insertInto('deals')
    .values(values as never)
    .returning('id')
    .executeTakeFirstOrThrow();

export const updateDeal = (tx: Tx, id: string, version: number, values: Record<string, unknown>) =>
  tx
    .updateTable('deals')
    .set({ ...values, version: sql`version + 1`, updated_at: sql`now()` } as never)
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();

export const insertStageChange = (
  tx: Tx,
  values: {
    tenant_id: string;
    deal_id: string;
    from_stage_id: string | null;
    to_stage_id: string;
    changed_by: string;
  },
) => tx.insertInto('deal_stage_changes').values(values).execute();

export const stageHistory = (tx: Tx, dealId: string) =>
  tx
    .selectFrom('deal_stage_changes as c')
    .innerJoin('pipeline_stages as t', 't.id', 'c.to_stage_id')
    .leftJoin('pipeline_stages as f', 'f.id', 'c.from_stage_id')
    .leftJoin('users as u', 'u.id', 'c.changed_by')
    .select([
      'c.from_stage_id',
      'f.name_de as from_name_de',
      'f.name_en as from_name_en',
      'f.outcome as from_outcome',
      'c.to_stage_id',
      't.name_de as to_name_de',
      't.name_en as to_name_en',
      't.outcome as to_outcome',
      'c.changed_by',
      'u.display_name as changed_by_name',
      'c.changed_at',
    ])
    .where('c.deal_id', '=', dealId)
    .orderBy('c.changed_at')
    .orderBy('c.id')
    .execute();

export const documentsOfDeal = async (tx: Tx, dealId: string) => {
  const quotes = await tx
    .selectFrom('quotes')
    .select([
      'id',
      'number',
      'status',
      'issued_at as date',
      'currency',
      sql<string>`gross_total::text`.as('gross'),
    ])
    .where('deal_id', '=', dealId)
    .orderBy('issued_at', 'desc')
    .limit(200)
    .execute();
  const orders = await tx
    .selectFrom('orders')
    .select([
      'id',
      'number',
      'status',
      'ordered_at as date',
      'currency',
      sql<string>`gross_total::text`.as('gross'),
    ])
    .where('deal_id', '=', dealId)
    .orderBy('ordered_at', 'desc')
    .limit(200)
    .execute();
  return { quotes, orders };
};

export const findStage = (tx: Tx, id: string) =>
  tx.selectFrom('pipeline_stages').selectAll().where('id', '=', id).executeTakeFirst();

export const activeUser = (tx: Tx, id: string) =>
  tx
    .selectFrom('users')
    .select('id')
    .where('id', '=', id)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
