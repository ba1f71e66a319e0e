import { type RawBuilder, sql } from 'kysely';
import type { DueRecord, SweepTarget, TargetScope } from './target.ts';

/**
 * Targets over business records: interactions, invoices, quotes, orders, deals, cases. One spec per
 * target names its table, the start of its period and what else must hold; `due`, `count` and
 * `remove` are built from the same condition, so the preview lists exactly what the sweep deletes.
 * A record is held while an active legal hold (not released, `until` not passed) names the record,
 * its person or its organisation; an invoice also while its own `legal_hold` flag is set. Records
 * other records point to are unlinked first (an order keeps existing without its quote), never
 * blocking the sweep; lines, messages, stage changes and tasks of a deal or case go with them
 * (`on delete cascade`).
 */

type Spec = {
  id: 'interactions' | 'invoices' | 'quotes' | 'orders' | 'deals' | 'cases';
  table: 'interactions' | 'invoices' | 'quotes' | 'orders' | 'deals' | 'cases';
  objectType: 'interaction' | 'invoice' | 'quote' | 'order' | 'deal' | 'case';
  /** the start of the period over alias `r`: a timestamptz (compared with the Berlin midnight) or a date */
  start: { sql: string; kind: 'instant' | 'day' };
  /** which records the rule is about at all (status), over alias `r` */
  eligible?: string;
  /** invoices: the stored statutory retention must be over as well */
  statutory?: boolean;
  /** statements that unlink records pointing to the ones about to go (`$ids` is the uuid array) */
  unlink: { table: string; column: string }[];
};

const SPECS: Spec[] = [
  {
    id: 'interactions',
    table: 'interactions',
    objectType: 'interaction',
    start: { sql: 'r.occurred_at', kind: 'instant' },
    unlink: [],
  },
  {
    id: 'invoices',
    table: 'invoices',
    objectType: 'invoice',
    start: { sql: 'r.issued_at', kind: 'day' },
    statutory: true,
    unlink: [
      { table: 'cases', column: 'invoice_id' },
      { table: 'tasks', column: 'invoice_id' },
    ],
  },
  {
    id: 'quotes',
    table: 'quotes',
    objectType: 'quote',
    start: { sql: 'r.issued_at', kind: 'day' },
    unlink: [{ table: 'orders', column: 'quote_id' }],
  },
  {
    id: 'orders',
    table: 'orders',
    objectType: 'order',
    // orders keep no completion date: the last change of a fulfilled or cancelled order is its completion
    start: { sql: 'greatest(r.updated_at, r.created_at)', kind: 'instant' },
    eligible: "r.status in ('fulfilled', 'cancelled')",
    unlink: [
      { table: 'invoices', column: 'order_id' },
      { table: 'cases', column: 'order_id' },
      { table: 'campaign_responses', column: 'order_id' },
    ],
  },
  {
    id: 'deals',
    table: 'deals',
    objectType: 'deal',
    start: { sql: 'r.closed_at', kind: 'instant' },
    eligible:
      "r.closed_at is not null and exists (select 1 from pipeline_stages s where s.id = r.stage_id and s.outcome in ('won', 'lost'))",
    unlink: [
      { table: 'quotes', column: 'deal_id' },
      { table: 'orders', column: 'deal_id' },
    ],
  },
  {
    id: 'cases',
    table: 'cases',
    objectType: 'case',
    start: { sql: 'coalesce(greatest(r.resolved_at, r.closed_at), r.updated_at)', kind: 'instant' },
    eligible: "r.status in ('resolved', 'closed')",
    unlink: [],
  },
];

const raw = (text: string) => sql.raw(text);

/** The Berlin calendar day the period starts on, as 'YYYY-MM-DD'. */
const startDay = (spec: Spec) =>
  raw(
    spec.start.kind === 'instant'
      ? `((${spec.start.sql}) at time zone 'Europe/Berlin')::date::text`
      : `(${spec.start.sql})::text`,
  );

/** Started before the cutoff (and, for invoices, past the stored statutory retention). */
const baseCondition = (spec: Spec, scope: TargetScope): RawBuilder<unknown> => {
  const started =
    spec.start.kind === 'instant'
      ? sql`${raw(spec.start.sql)} < ${scope.cutoffInstant}::timestamptz`
      : sql`${raw(spec.start.sql)} < ${scope.cutoff}::date`;
  const parts: RawBuilder<unknown>[] = [sql`r.tenant_id = ${scope.tenantId}::uuid`, started];
  if (spec.eligible) parts.push(sql`(${raw(spec.eligible)})`);
  if (spec.statutory) parts.push(sql`r.retain_until < ${scope.today}::date`);
  return sql.join(parts, sql` and `);
};

/**
 * An active legal hold on the record, its person or its organisation (or an invoice's own flag),
 * or a person whose processing is restricted (Art. 18(1)(b)-(d): the data are kept, not erased).
 */
const heldCondition = (spec: Spec, scope: TargetScope): RawBuilder<unknown> => {
  const hold = sql`(exists (
    select 1 from persons p
    where p.tenant_id = r.tenant_id and p.id = r.person_id and p.restricted_at is not null)
  or exists (
    select 1 from legal_holds h
    where h.tenant_id = r.tenant_id and h.released_at is null
      and (h.until is null or h.until >= ${scope.today}::date)
      and ((h.object_type = ${spec.objectType} and h.object_id = r.id)
        or (h.object_type = 'person' and h.object_id = r.person_id)
        or (h.object_type = 'organization' and h.object_id = r.organization_id))))`;
  return spec.statutory ? sql`(r.legal_hold or ${hold})` : hold;
};

const dueCondition = (spec: Spec, scope: TargetScope) =>
  sql`${baseCondition(spec, scope)} and not ${heldCondition(spec, scope)}`;

const recordTarget = (spec: Spec): SweepTarget => {
  const table = raw(spec.table);
  return {
    id: spec.id,
    due: async (scope) => {
      const after = scope.afterId ? sql`and r.id > ${scope.afterId}::uuid` : sql``;
      const { rows } = await sql<DueRecord>`
        select r.id, ${startDay(spec)} as start from ${table} r
        where ${dueCondition(spec, scope)} ${after}
        order by r.id limit ${scope.limit}`.execute(scope.tx);
      return rows;
    },
    count: async (scope) => {
      const { rows } = await sql<{ due: number; held: number }>`
        select count(*) filter (where not held)::int as due, count(*) filter (where held)::int as held
        from (select ${heldCondition(spec, scope)} as held from ${table} r
              where ${baseCondition(spec, scope)}) x`.execute(scope.tx);
      return rows[0] ?? { due: 0, held: 0 };
    },
    remove: async (scope) => {
      if (scope.ids.length === 0) return 0;
      // still due now (re-checked under a row lock): a record changed since the page was read stays
      const { rows } = await sql<{ id: string }>`
        select r.id from ${table} r
        where r.id = any(${scope.ids}::uuid[]) and ${dueCondition(spec, scope)}
        for update`.execute(scope.tx);
      const ids = rows.map((r) => r.id);
      if (ids.length === 0) return 0;
      for (const link of spec.unlink) {
        await sql`update ${raw(link.table)} set ${raw(link.column)} = null
          where ${raw(link.column)} = any(${ids}::uuid[])`.execute(scope.tx);
      }
      const deleted = await sql`delete from ${table} r where r.id = any(${ids}::uuid[])`.execute(scope.tx);
      return Number(deleted.numAffectedRows ?? ids.length);
    },
  };
};

/** Targets over business records: interactions, invoices, quotes, orders, deals, cases. */
export const RECORD_TARGETS: SweepTarget[] = SPECS.map(recordTarget);
