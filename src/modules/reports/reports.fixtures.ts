import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { asSystem, type Tx } from '../../db/tenant.ts';

/**
 * Test and browser-test data for the reports, written as the owner with SQL (the commercial modules
 * were built in parallel): invoices with lines, the revenue ledger filled from them exactly as the
 * invoices service keeps it (net of the lines per quarter of issue, customer group or the nil uuid,
 * product and currency; cancelled invoices left out), open deals and support cases.
 */

export type InvoiceFixture = {
  organizationId: string;
  customerGroupId: string | null;
  issuedAt: string;
  currency?: string;
  status?: 'open' | 'paid' | 'cancelled';
  lines: { product: string; net: string }[];
};

let invoiceCounter = 0;

export const insertInvoice = async (tx: Tx, tenantId: string, invoice: InvoiceFixture) => {
  const id = randomUUID();
  invoiceCounter += 1;
  const net = invoice.lines.reduce((a, l) => a + Math.round(Number(l.net) * 100), 0) / 100;
  await tx
    .insertInto('invoices')
    .values({
      id,
      tenant_id: tenantId,
      number: `R-FIX-${invoiceCounter}-${id.slice(0, 8)}`,
      organization_id: invoice.organizationId,
      customer_group_id: invoice.customerGroupId,
      status: invoice.status ?? 'open',
      issued_at: invoice.issuedAt,
      due_at: invoice.issuedAt,
      currency: invoice.currency ?? 'EUR',
      net_total: net.toFixed(2),
      tax_total: '0.00',
      gross_total: net.toFixed(2),
      billing_name: 'Fixture GmbH',
      retention_rule: 'de_hgb_257',
      retain_until: '2040-12-31',
    })
    .execute();
  await tx
    .insertInto('invoice_lines')
    .values(
      invoice.lines.map((l, i) => ({
        tenant_id: tenantId,
        invoice_id: id,
        position: i + 1,
        product: l.product,
        quantity: '1',
        unit_price: l.net,
        tax_rate: '0',
        net: l.net,
      })),
    )
    .execute();
  return id;
};

/** Rebuilds the tenant's revenue ledger from its invoices, as the invoices service keeps it. */
export const rebuildRevenueLedger = async (tx: Kysely<DB>, tenantId: string) => {
  await sql`delete from revenue_quarterly where tenant_id = ${tenantId}`.execute(tx);
  await sql`insert into revenue_quarterly (tenant_id, quarter, customer_group_key, product, currency, net, line_count)
    select i.tenant_id, date_trunc('quarter', i.issued_at)::date,
      coalesce(i.customer_group_id, '00000000-0000-0000-0000-000000000000'::uuid), l.product, i.currency,
      sum(l.net), count(*)::int
    from invoices i join invoice_lines l on l.invoice_id = i.id
    where i.tenant_id = ${tenantId} and i.status <> 'cancelled'
    group by 1, 2, 3, 4, 5`.execute(tx);
};

export const customerGroupIds = async (db: Database, tenantId: string) => {
  const rows = await asSystem(db.kysely, (tx) =>
    tx.selectFrom('customer_groups').select(['id', 'name']).where('tenant_id', '=', tenantId).execute(),
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.id])) as Record<string, string>;
};

export const stageIds = async (db: Database, tenantId: string) => {
  const rows = await asSystem(db.kysely, (tx) =>
    tx.selectFrom('pipeline_stages').select(['id', 'name_de']).where('tenant_id', '=', tenantId).execute(),
  );
  return Object.fromEntries(rows.map((r) => [r.name_de, r.id])) as Record<string, string>;
};

export type DealFixture = {
  organizationId: string;
  stageId: string;
  value: string;
  probability: number;
  currency?: string;
  departmentIds?: string[];
  ownerId?: string | null;
  closedAt?: Date | null;
};

export const insertDeal = (tx: Tx, tenantId: string, deal: DealFixture) =>
  tx
    .insertInto('deals')
    .values({
      tenant_id: tenantId,
      title: 'Fixture deal',
      organization_id: deal.organizationId,
      stage_id: deal.stageId,
      value: deal.value,
      currency: deal.currency ?? 'EUR',
      probability: deal.probability,
      owner_id: deal.ownerId ?? null,
      department_ids: deal.departmentIds ?? [],
      closed_at: deal.closedAt ?? null,
    })
    .execute();

export type CaseFixture = {
  organizationId: string;
  receivedAt: Date;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  status?: 'new' | 'open' | 'waiting' | 'resolved' | 'closed';
  firstResponseDueAt: Date;
  resolutionDueAt: Date;
  firstRespondedAt?: Date | null;
  departmentIds?: string[];
  assigneeId?: string | null;
};

let caseCounter = 0;

export const insertCase = (tx: Tx, tenantId: string, c: CaseFixture) => {
  caseCounter += 1;
  return tx
    .insertInto('cases')
    .values({
      tenant_id: tenantId,
      number: `F-FIX-${caseCounter}-${randomUUID().slice(0, 8)}`,
      organization_id: c.organizationId,
      channel: 'phone',
      category: 'complaint',
      status: c.status ?? 'open',
      priority: c.priority,
      subject: 'Fixture case',
      received_at: c.receivedAt,
      first_response_due_at: c.firstResponseDueAt,
      resolution_due_at: c.resolutionDueAt,
      first_responded_at: c.firstRespondedAt ?? null,
      resolved_at: c.status === 'resolved' ? c.receivedAt : null,
      assignee_id: c.assigneeId ?? null,
      department_ids: c.departmentIds ?? [],
    })
    .execute();
};

export const insertOrganization = async (
  tx: Tx,
  tenantId: string,
  name: string,
  customerGroupId: string | null,
) => {
  const id = randomUUID();
  await tx
    .insertInto('organizations')
    .values({ id, tenant_id: tenantId, name, kind: 'customer', customer_group_id: customerGroupId })
    .execute();
  return id;
};
