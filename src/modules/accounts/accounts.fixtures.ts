import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { asSystem } from '../../db/tenant.ts';

/**
 * Test data for account views: commercial records written straight into the tables of migration 0007
 * as the owner, so the account tests depend only on the schema, not on the modules that write these
 * records in production.
 */

type Link = { personId?: string | null; organizationId?: string | null; departmentIds?: string[] };
type Base = Link & { tenantId: string };

let counter = 0;
const next = (prefix: string) => `${prefix}-${++counter}-${randomUUID().slice(0, 8)}`;

export const insertInvoice = (
  db: Kysely<DB>,
  v: Base & {
    status?: 'open' | 'paid' | 'cancelled';
    issuedAt?: string;
    dueAt: string;
    gross: string;
    currency?: string;
    retainUntil?: string;
    number?: string;
  },
) =>
  asSystem(db, async (tx) => {
    const id = randomUUID();
    await tx
      .insertInto('invoices')
      .values({
        id,
        tenant_id: v.tenantId,
        number: v.number ?? next('R'),
        person_id: v.personId ?? null,
        organization_id: v.organizationId ?? null,
        status: v.status ?? 'open',
        issued_at: v.issuedAt ?? '2026-10-01',
        due_at: v.dueAt,
        paid_at: v.status === 'paid' ? v.dueAt : null,
        currency: v.currency ?? 'EUR',
        net_total: v.gross,
        tax_total: '0',
        gross_total: v.gross,
        billing_name: 'Rechnungsempfänger',
        retention_rule: 'de_hgb_257_voucher',
        retain_until: v.retainUntil ?? '2034-12-31',
        department_ids: v.departmentIds ?? [],
      })
      .execute();
    return id;
  });

export const stageIds = (db: Kysely<DB>, tenantId: string) =>
  asSystem(db, async (tx) => {
    const rows = await tx
      .selectFrom('pipeline_stages')
      .select(['id', 'name_en', 'outcome'])
      .where('tenant_id', '=', tenantId)
      .orderBy('position')
      .execute();
    const byName = (name: string) => {
      const row = rows.find((r) => r.name_en === name);
      if (!row) throw new Error(`no stage ${name}`);
      return row.id;
    };
    return { byName };
  });

export const insertDeal = (
  db: Kysely<DB>,
  v: Base & { title: string; stageId: string; value?: string; closedAt?: Date | null },
) =>
  asSystem(db, async (tx) => {
    const id = randomUUID();
    await tx
      .insertInto('deals')
      .values({
        id,
        tenant_id: v.tenantId,
        title: v.title,
        person_id: v.personId ?? null,
        organization_id: v.organizationId ?? null,
        stage_id: v.stageId,
        value: v.value ?? '1000.00',
        probability: 50,
        closed_at: v.closedAt ?? null,
        department_ids: v.departmentIds ?? [],
      })
      .execute();
    return id;
  });

export const insertOrder = (
  db: Kysely<DB>,
  v: Base & { orderedAt: string; gross?: string; number?: string },
) =>
  asSystem(db, async (tx) => {
    const id = randomUUID();
    await tx
      .insertInto('orders')
      .values({
        id,
        tenant_id: v.tenantId,
        number: v.number ?? next('A'),
        person_id: v.personId ?? null,
        organization_id: v.organizationId ?? null,
        status: 'open',
        ordered_at: v.orderedAt,
        net_total: v.gross ?? '100.00',
        tax_total: '0',
        gross_total: v.gross ?? '100.00',
        department_ids: v.departmentIds ?? [],
      })
      .execute();
    return id;
  });

export const insertCase = (
  db: Kysely<DB>,
  v: Base & {
    subject: string;
    status?: 'new' | 'open' | 'waiting' | 'resolved' | 'closed';
    receivedAt: Date;
    firstResponseDueAt: Date;
    resolutionDueAt: Date;
    closedAt?: Date | null;
  },
) =>
  asSystem(db, async (tx) => {
    const id = randomUUID();
    const done = v.status === 'resolved' || v.status === 'closed';
    await tx
      .insertInto('cases')
      .values({
        id,
        tenant_id: v.tenantId,
        number: next('F'),
        person_id: v.personId ?? null,
        organization_id: v.organizationId ?? null,
        channel: 'phone',
        category: 'complaint',
        status: v.status ?? 'open',
        priority: 'normal',
        subject: v.subject,
        received_at: v.receivedAt,
        first_response_due_at: v.firstResponseDueAt,
        resolution_due_at: v.resolutionDueAt,
        resolved_at: done ? (v.closedAt ?? v.receivedAt) : null,
        closed_at: v.status === 'closed' ? (v.closedAt ?? v.receivedAt) : null,
        department_ids: v.departmentIds ?? [],
      })
      .execute();
    return id;
  });

export const insertTask = (
  db: Kysely<DB>,
  v: Base & { title: string; dueAt: Date; assigneeId: string; caseId?: string; status?: 'open' | 'done' },
) =>
  asSystem(db, async (tx) => {
    const id = randomUUID();
    await tx
      .insertInto('tasks')
      .values({
        id,
        tenant_id: v.tenantId,
        title: v.title,
        due_at: v.dueAt,
        status: v.status ?? 'open',
        done_at: v.status === 'done' ? v.dueAt : null,
        assignee_id: v.assigneeId,
        person_id: v.personId ?? null,
        organization_id: v.organizationId ?? null,
        case_id: v.caseId ?? null,
      })
      .execute();
    return id;
  });
