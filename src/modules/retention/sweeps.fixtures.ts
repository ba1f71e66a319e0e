import { type RawBuilder, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { asSystem } from '../../db/tenant.ts';
import type { RetentionPeriod, StartType } from '../../domain/retention/periods.ts';
import type { SweepTargetId } from '../../domain/retention/targets.ts';
import { ensureDeletionConcept } from './deletion-concept.rules.ts';

/**
 * Test and benchmark fixtures of the retention sweep: rules of known periods (every other data type
 * switched off, so the tests do not depend on the shipped presets) and business records planted
 * with SQL at chosen dates (as the owner, like an import would).
 */

export type TestRule = { target: SweepTargetId; period: RetentionPeriod; startType?: StartType };

export const period = (years: number, roundToYearEnd = true, months = 0, days = 0): RetentionPeriod => ({
  years,
  months,
  days,
  roundToYearEnd,
});

/** Makes these the tenant's only active rules (jurisdiction DE); data type ids are `t_<target>`. */
export const setSweepRules = (db: Database, tenantId: string, rules: TestRule[], jurisdiction = 'DE') =>
  asSystem(db.kysely, async (tx) => {
    await ensureDeletionConcept(tx, { tenantId });
    await tx.updateTable('data_types').set({ active: false }).where('tenant_id', '=', tenantId).execute();
    for (const rule of rules) {
      const id = `t_${rule.target}`;
      const p = rule.period;
      await tx
        .insertInto('retention_periods')
        .values({
          tenant_id: tenantId,
          id: `p_${id}`,
          label_de: id,
          label_en: id,
          years: p.years,
          months: p.months,
          days: p.days,
          round_to_year_end: p.roundToYearEnd,
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
      await tx
        .insertInto('deletion_classes')
        .values({
          tenant_id: tenantId,
          id: `c_${id}`,
          period_id: `p_${id}`,
          start_type: rule.startType ?? 'collection',
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
      await tx
        .insertInto('data_types')
        .values({
          tenant_id: tenantId,
          id,
          jurisdiction,
          name_de: `Testregel ${rule.target}`,
          name_en: `Test rule ${rule.target}`,
          purpose_id: 'customer_service',
          legal_basis: 'Art. 6 Abs. 1 lit. b DSGVO',
          subject_group: 'Kunden',
          deletion_class_id: `c_${id}`,
          start_event: 'Test',
          target: rule.target,
          method: 'delete',
          active: true,
        })
        .onConflict((oc) => oc.columns(['tenant_id', 'id']).doUpdateSet({ active: true }))
        .execute();
    }
  });

let counter = 0;
const nextNumber = (prefix: string) => `${prefix}-T${++counter}`;

type Owner = { personId: string; organizationId?: string | null };

/** Plants one record as the owner and returns its id. Dates: instants as ISO strings, days as YYYY-MM-DD. */
export const plant = {
  interaction: (db: Database, tenantId: string, o: Owner & { occurredAt: string }) =>
    insertReturningId(
      db,
      sql`insert into interactions (tenant_id, person_id, kind, occurred_at, subject)
          values (${tenantId}, ${o.personId}, 'call', ${o.occurredAt}::timestamptz, 'Testgespräch') returning id`,
    ),
  invoice: (
    db: Database,
    tenantId: string,
    o: Owner & { issuedAt: string; retainUntil: string; legalHold?: boolean; orderId?: string | null },
  ) =>
    insertReturningId(
      db,
      sql`insert into invoices (tenant_id, number, person_id, order_id, status, issued_at, due_at, net_total, tax_total,
            gross_total, billing_name, retention_rule, retain_until, legal_hold)
          values (${tenantId}, ${nextNumber('RE')}, ${o.personId}, ${o.orderId ?? null}, 'paid', ${o.issuedAt}::date,
            ${o.issuedAt}::date, 100, 19, 119, 'Testkunde', 'DE.voucher.8y', ${o.retainUntil}::date,
            ${o.legalHold ?? false}) returning id`,
    ),
  quote: (db: Database, tenantId: string, o: Owner & { issuedAt: string; dealId?: string | null }) =>
    insertReturningId(
      db,
      sql`insert into quotes (tenant_id, number, person_id, deal_id, status, issued_at, net_total, tax_total, gross_total)
          values (${tenantId}, ${nextNumber('AN')}, ${o.personId}, ${o.dealId ?? null}, 'sent', ${o.issuedAt}::date,
            100, 19, 119) returning id`,
    ),
  order: (
    db: Database,
    tenantId: string,
    o: Owner & { status: 'open' | 'fulfilled' | 'cancelled'; updatedAt: string; quoteId?: string | null },
  ) =>
    insertReturningId(
      db,
      sql`insert into orders (tenant_id, number, person_id, quote_id, status, ordered_at, net_total, tax_total,
            gross_total, created_at, updated_at)
          values (${tenantId}, ${nextNumber('AU')}, ${o.personId}, ${o.quoteId ?? null}, ${o.status},
            (${o.updatedAt}::timestamptz)::date, 100, 19, 119, ${o.updatedAt}::timestamptz,
            ${o.updatedAt}::timestamptz) returning id`,
    ),
  deal: (
    db: Database,
    tenantId: string,
    o: Owner & { outcome: 'open' | 'won' | 'lost'; closedAt: string | null },
  ) =>
    insertReturningId(
      db,
      sql`insert into deals (tenant_id, title, person_id, stage_id, probability, closed_at)
          values (${tenantId}, 'Testchance', ${o.personId},
            (select id from pipeline_stages where tenant_id = ${tenantId} and outcome = ${o.outcome} order by position limit 1),
            50, ${o.closedAt}::timestamptz) returning id`,
    ),
  case: (
    db: Database,
    tenantId: string,
    o: Owner & {
      status: 'open' | 'resolved' | 'closed';
      resolvedAt?: string | null;
      closedAt?: string | null;
      invoiceId?: string | null;
    },
  ) =>
    insertReturningId(
      db,
      sql`insert into cases (tenant_id, number, person_id, invoice_id, channel, category, status, priority, subject,
            received_at, first_response_due_at, resolution_due_at, resolved_at, closed_at)
          values (${tenantId}, ${nextNumber('SF')}, ${o.personId}, ${o.invoiceId ?? null}, 'phone', 'question',
            ${o.status}, 'normal', 'Testfall', '2015-01-01T10:00:00Z', '2015-01-01T12:00:00Z',
            '2015-01-02T12:00:00Z', ${o.resolvedAt ?? null}::timestamptz, ${o.closedAt ?? null}::timestamptz)
          returning id`,
    ),
  hold: (
    db: Database,
    tenantId: string,
    o: { objectType: string; objectId: string; until?: string | null; released?: boolean },
  ) =>
    insertReturningId(
      db,
      sql`insert into legal_holds (tenant_id, object_type, object_id, reason, until, released_at)
          values (${tenantId}, ${o.objectType}, ${o.objectId}, 'dispute', ${o.until ?? null}::date,
            ${o.released ? sql`now()` : sql`null`}) returning id`,
    ),
};

const insertReturningId = async (db: Database, query: RawBuilder<unknown>) =>
  asSystem(db.kysely, async (tx) => {
    const { rows } = await query.execute(tx);
    return (rows[0] as { id: string }).id;
  });

/** Every id of the record tables the sweep works on, by table (as the owner). */
export const recordIds = (db: Database, tenantId: string) =>
  asSystem(db.kysely, async (tx) => {
    const ids = new Set<string>();
    for (const [table, type] of [
      ['interactions', 'interaction'],
      ['invoices', 'invoice'],
      ['quotes', 'quote'],
      ['orders', 'order'],
      ['deals', 'deal'],
      ['cases', 'case'],
    ] as const) {
      const rows = await tx.selectFrom(table).select('id').where('tenant_id', '=', tenantId).execute();
      for (const r of rows) ids.add(`${type}:${r.id}`);
    }
    return ids;
  });
