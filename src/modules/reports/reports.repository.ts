import { sql } from 'kysely';
import type { Tx } from '../../db/tenant.ts';
import { departmentScope, type Visibility } from '../../db/visibility.ts';

/**
 * All SQL of the reports. Every query aggregates by customer group, product, stage, age or priority:
 * none selects, groups by or filters on an employee (owner, assignee, author) — BetrVG § 87.
 */

export const NO_CUSTOMER_GROUP = '00000000-0000-0000-0000-000000000000';

export type RevenueRow = { quarter: string; key: string; net: string };

/**
 * Net revenue per quarter and customer group or product, from the revenue ledger only (never the
 * invoice lines: a few hundred ledger rows stand for a million lines). Row-level security confines it
 * to the tenant; the primary key (tenant_id, quarter, …) serves the quarter range.
 */
export const revenueByQuarter = async (
  tx: Tx,
  input: { from: string; to: string; currency: string; groupBy: 'customerGroup' | 'product' },
): Promise<RevenueRow[]> => {
  const key = input.groupBy === 'product' ? sql.ref('r.product') : sql`r.customer_group_key::text`;
  const { rows } = await sql<RevenueRow>`
    select to_char(r.quarter, 'YYYY-MM-DD') as quarter, ${key} as key, sum(r.net)::text as net
    from revenue_quarterly r
    where r.quarter between ${input.from}::date and ${input.to}::date and r.currency = ${input.currency}
    group by 1, 2`.execute(tx);
  return rows;
};

export const customerGroups = (tx: Tx) =>
  tx.selectFrom('customer_groups').select(['id', 'name']).orderBy('name').execute();

export type PipelineRow = {
  stage_id: string;
  name_de: string;
  name_en: string;
  position: number;
  probability: number;
  currency: string | null;
  count: number;
  value: string | null;
  weighted: string | null;
};

/**
 * Open deals the actor may see, per open stage and currency. The weighted value is Σ(value ×
 * probability of the deal) / 100, rounded to the cent once per stage and currency. Stages in
 * position order; an archived stage only while open deals still sit in it.
 */
export const pipelineByStage = async (tx: Tx, v: Visibility): Promise<PipelineRow[]> => {
  const { rows } = await sql<PipelineRow>`
    select s.id as stage_id, s.name_de, s.name_en, s.position, s.probability, d.currency,
      count(d.id)::int as count, sum(d.value)::text as value,
      round(sum(d.value * d.probability) / 100, 2)::text as weighted
    from pipeline_stages s
    left join deals d on d.stage_id = s.id and d.closed_at is null and ${departmentScope(v, 'd')}
    where s.outcome = 'open'
    group by s.id, s.name_de, s.name_en, s.position, s.probability, d.currency
    having s.archived_at is null or count(d.id) > 0
    order by s.position, s.name_de, d.currency`.execute(tx);
  return rows;
};

export type CaseAgeRow = { bucket: number; priority: string; count: number; breached: number };

/**
 * Open cases (not resolved or closed) the actor may see, by age bucket (0: < 1 day, 1: 1–3 days,
 * 2: 3–7, 3: 7–30, 4: > 30 days since received_at, at `now`) and priority. A case counts as breached
 * when its resolution is overdue, or its first response is overdue and still missing.
 */
export const openCasesByAge = async (tx: Tx, v: Visibility, now: Date): Promise<CaseAgeRow[]> => {
  const at = now.toISOString();
  const { rows } = await sql<CaseAgeRow>`
    select x.bucket, x.priority, count(*)::int as count, count(*) filter (where x.breached)::int as breached
    from (
      select c.priority,
        case
          when c.received_at > ${at}::timestamptz - interval '24 hours' then 0
          when c.received_at > ${at}::timestamptz - interval '72 hours' then 1
          when c.received_at > ${at}::timestamptz - interval '168 hours' then 2
          when c.received_at > ${at}::timestamptz - interval '720 hours' then 3
          else 4
        end as bucket,
        (c.resolution_due_at < ${at}::timestamptz
          or (c.first_responded_at is null and c.first_response_due_at < ${at}::timestamptz)) as breached
      from cases c
      where c.status not in ('resolved', 'closed') and ${departmentScope(v, 'c')}
    ) x
    group by x.bucket, x.priority`.execute(tx);
  return rows;
};
