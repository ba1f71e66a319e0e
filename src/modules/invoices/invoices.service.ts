import { inTenant, type Tx } from '../../db/tenant.ts';
import { departmentScope, visibilityOf } from '../../db/visibility.ts';
import { assertCurrency } from '../../domain/billing/money.ts';
import { jurisdictionOf } from '../../domain/billing/retention.ts';
import { AppError } from '../../domain/errors.ts';
import { canRead, canWrite } from '../../domain/permissions/roles.ts';
import { assertDocumentDate } from '../../domain/pipeline/document-rules.ts';
import { berlinDay, isoDay } from '../../domain/service/business-calendar.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { readAudited } from '../audit/audit.reads.ts';
import type { AuditRecord } from '../audit/audit.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { assertCustomerGroup } from '../customer-groups/customer-groups.service.ts';
import { nextDocumentNumber } from '../shared/document-numbers.ts';
import { totalsOf, unbookInvoice, writeInvoices } from './invoice-writer.ts';
import { toInvoice, toInvoiceSummary } from './invoices.mapper.ts';
import * as repo from './invoices.repository.ts';
import type { InvoiceCreateInput, InvoiceListQueryInput, InvoicePatchInput } from './invoices.schemas.ts';

/** Invoices are billing data: reading needs read access to the category, changing needs write access. */
export const assertBillingReadable = (actor: Actor) => {
  if (!canRead({ role: actor.role, category: 'billing' }))
    throw new AppError('field_not_readable', { params: { field: 'invoices', category: 'billing' } });
};
export const assertBillingWritable = (actor: Actor) => {
  if (!canWrite({ role: actor.role, category: 'billing' }))
    throw new AppError('field_not_writable', { params: { field: 'invoices', category: 'billing' } });
};

/** Today as the calendar day in Germany (as the account view and the SLA calendar count it). */
const today = (ctx: AppContext) => isoDay(berlinDay(ctx.now()));

export const tenantJurisdiction = async (tx: Tx) => {
  const tenant = await tx.selectFrom('tenants').select('settings').executeTakeFirst();
  return jurisdictionOf(tenant?.settings);
};

/** The audit subject of an invoice: its person, else its organisation. */
export const invoiceSubject = (row: { person_id: string | null; organization_id: string | null }) =>
  row.person_id
    ? { type: 'person' as const, id: row.person_id }
    : row.organization_id
      ? { type: 'organization' as const, id: row.organization_id }
      : undefined;

const findVisible = async (tx: Tx, actor: Actor, id: string) => {
  const row = await repo.findInvoice(tx, id, visibilityOf(actor));
  if (!row) throw new AppError('not_found', { params: { entity: 'invoice' } });
  return row;
};

const load = async (tx: Tx, ctx: AppContext, actor: Actor, id: string) => {
  const row = await findVisible(tx, actor, id);
  return toInvoice(row, await repo.linesOf(tx, id), today(ctx));
};

export const getInvoice = async (ctx: AppContext, actor: Actor, id: string) => {
  assertBillingReadable(actor);
  return readAudited(
    ctx,
    actor.tenantId,
    (tx) => load(tx, ctx, actor, id),
    (invoice): AuditRecord => ({
      actor,
      action: 'read',
      subject: invoice.person
        ? { type: 'person', id: invoice.person.id }
        : invoice.organization
          ? { type: 'organization', id: invoice.organization.id }
          : undefined,
      fields: ['invoice'],
    }),
  );
};

export const listInvoices = (ctx: AppContext, actor: Actor, query: InvoiceListQueryInput) => {
  assertBillingReadable(actor);
  return inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    const day = today(ctx);
    const { rows, totals, total } = await repo.listInvoices(tx, query, visibilityOf(actor), day);
    return {
      items: rows.map((r) => toInvoiceSummary(r, day)),
      total,
      totals: totals.map((t) => ({
        currency: t.currency,
        gross: normalizeSum(t.gross),
        open: normalizeSum(t.open),
      })),
      page: query.page,
      pageSize: query.pageSize,
    };
  });
};

const normalizeSum = (value: string | null) => {
  if (!value) return '0.00';
  const [whole = '0', fraction = ''] = value.split('.');
  return `${whole}.${fraction.padEnd(2, '0').slice(0, 2)}`;
};

/** The customer of a new invoice: visible person and/or organisation, their departments and address. */
export const resolveCustomer = async (
  tx: Tx,
  actor: Actor,
  input: { personId?: string; organizationId?: string },
) => {
  if (!input.personId && !input.organizationId) throw new AppError('customer_required');
  const v = visibilityOf(actor);
  const person = input.personId
    ? await tx
        .selectFrom('persons as p')
        .leftJoin('organizations as po', 'po.id', 'p.organization_id')
        .select([
          'p.id',
          'p.first_name',
          'p.last_name',
          'p.email',
          'p.street',
          'p.postal_code',
          'p.city',
          'p.country',
          'p.department_ids',
          'po.customer_group_id as organization_group_id',
        ])
        .where('p.id', '=', input.personId)
        .where(departmentScope(v, 'p'))
        .executeTakeFirst()
    : undefined;
  if (input.personId && !person) throw new AppError('unknown_person', { params: { id: input.personId } });
  const organization = input.organizationId
    ? await tx
        .selectFrom('organizations as o')
        .select([
          'o.id',
          'o.name',
          'o.email',
          'o.street',
          'o.postal_code',
          'o.city',
          'o.country',
          'o.department_ids',
          'o.customer_group_id',
        ])
        .where('o.id', '=', input.organizationId)
        .where(departmentScope(v, 'o'))
        .executeTakeFirst()
    : undefined;
  if (input.organizationId && !organization)
    throw new AppError('unknown_organization', { params: { id: input.organizationId } });
  const billing = organization
    ? {
        name: organization.name,
        street: organization.street,
        postalCode: organization.postal_code,
        city: organization.city,
        country: organization.country,
        email: organization.email,
      }
    : {
        name: `${person?.first_name} ${person?.last_name}`.slice(0, 200),
        street: person?.street ?? null,
        postalCode: person?.postal_code ?? null,
        city: person?.city ?? null,
        country: person?.country ?? null,
        email: person?.email ?? null,
      };
  return {
    personId: person?.id ?? null,
    organizationId: organization?.id ?? null,
    departmentIds: person?.department_ids ?? organization?.department_ids ?? [],
    customerGroupId: organization?.customer_group_id ?? person?.organization_group_id ?? null,
    billing,
  };
};

/** A free running number RE-<year>-NNNN (numbers imported from an ERP are skipped). */
const nextFreeNumber = async (tx: Tx, tenantId: string, year: number) => {
  for (;;) {
    const number = await nextDocumentNumber(tx, tenantId, 'invoice', year);
    if ((await repo.numberTaken(tx, [number])).size === 0) return number;
  }
};

export const assertInvoiceDates = (issuedAt: string, dueAt: string) => {
  assertDocumentDate('issuedAt', issuedAt);
  assertDocumentDate('dueAt', dueAt);
  if (dueAt < issuedAt)
    throw new AppError('invalid_date_range', {
      params: { detail: `dueAt ${dueAt} < issuedAt ${issuedAt}` },
      details: { field: 'dueAt', value: dueAt },
    });
};

/** A concurrent insert of the same number: the unique index answers, and so do we (409). */
const numberRace = (number: string) => (error: unknown) => {
  const e = error as { code?: string; constraint?: string };
  if (e?.code === '23505' && e.constraint === 'invoices_number')
    throw new AppError('number_taken', { params: { number } });
  throw error;
};

export const createInvoice = (ctx: AppContext, actor: Actor, input: InvoiceCreateInput) => {
  assertBillingWritable(actor);
  return inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertInvoiceDates(input.issuedAt, input.dueAt);
    const currency = assertCurrency(input.currency);
    totalsOf(input.lines.map((l) => ({ ...l, description: l.description ?? null })));
    const customer = await resolveCustomer(tx, actor, input);
    if (input.orderId) {
      const order = await tx
        .selectFrom('orders as o')
        .select('o.id')
        .where('o.id', '=', input.orderId)
        .where(departmentScope(visibilityOf(actor), 'o'))
        .executeTakeFirst();
      if (!order) throw new AppError('unknown_record', { params: { entity: 'order', id: input.orderId } });
    }
    if (input.customerGroupId) await assertCustomerGroup(tx, input.customerGroupId);
    const customerGroupId =
      input.customerGroupId !== undefined ? input.customerGroupId : customer.customerGroupId;
    let number = input.number;
    if (number) {
      if ((await repo.numberTaken(tx, [number])).size > 0)
        throw new AppError('number_taken', { params: { number } });
    } else number = await nextFreeNumber(tx, actor.tenantId, Number(input.issuedAt.slice(0, 4)));
    const billing = input.billing
      ? {
          name: input.billing.name,
          street: input.billing.street ?? null,
          postalCode: input.billing.postalCode ?? null,
          city: input.billing.city ?? null,
          country: input.billing.country ?? null,
          email: input.billing.email ?? null,
        }
      : customer.billing;
    const [id] = await writeInvoices(tx, actor.tenantId, await tenantJurisdiction(tx), [
      {
        number,
        orderId: input.orderId ?? null,
        personId: customer.personId,
        organizationId: customer.organizationId,
        customerGroupId,
        issuedAt: input.issuedAt,
        dueAt: input.dueAt,
        paidAt: null,
        currency,
        lines: input.lines.map((l) => ({ ...l, description: l.description ?? null })),
        billing,
        departmentIds: customer.departmentIds,
        importBatchId: null,
        externalRef: null,
        createdBy: actor.userId,
      },
    ]).catch(numberRace(number));
    if (!id) throw new Error('invoice not written');
    const invoice = await load(tx, ctx, actor, id);
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'create',
      subject: invoiceSubject({ person_id: customer.personId, organization_id: customer.organizationId }),
      fields: ['invoice'],
      values: {
        new: {
          invoice: {
            id,
            number,
            issuedAt: input.issuedAt,
            grossTotal: invoice.grossTotal,
            currency,
            billing,
          },
        },
      },
    });
    return invoice;
  });
};

const change = async (
  ctx: AppContext,
  actor: Actor,
  id: string,
  fn: (tx: Tx, row: repo.InvoiceRow) => Promise<{ values: Record<string, unknown>; version: number | null }>,
) => {
  assertBillingWritable(actor);
  return inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    const row = await findVisible(tx, actor, id);
    const { values, version } = await fn(tx, row);
    const updated = await repo.updateInvoice(tx, id, version, values);
    if (!updated) throw new AppError('version_conflict', { params: { current: row.version } });
    const old = Object.fromEntries(Object.keys(values).map((k) => [k, row[k as keyof repo.InvoiceRow]]));
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'update',
      subject: invoiceSubject(row),
      fields: ['invoice'],
      values: {
        old: { invoice: { id, number: row.number, ...old } },
        new: { invoice: { id, number: row.number, ...values } },
      },
    });
    return load(tx, ctx, actor, id);
  });
};

const refuseStatus = (from: string, to: string): never => {
  throw new AppError('invalid_status_change', { params: { from, to } });
};

/** open → paid, on the day the payment arrived (not before issue). */
export const payInvoice = (ctx: AppContext, actor: Actor, id: string, paidAt: string) =>
  change(ctx, actor, id, async (_tx, row) => {
    if (row.status !== 'open') refuseStatus(row.status, 'paid');
    assertDocumentDate('paidAt', paidAt);
    if (paidAt < row.issued_at)
      throw new AppError('invalid_date_range', {
        params: { detail: `paidAt ${paidAt} < issuedAt ${row.issued_at}` },
        details: { field: 'paidAt', value: paidAt },
      });
    return { values: { status: 'paid', paid_at: paidAt }, version: null };
  });

/** open → cancelled; the voucher stays (retention), its revenue leaves the ledger. */
export const cancelInvoice = (ctx: AppContext, actor: Actor, id: string) =>
  change(ctx, actor, id, async (tx, row) => {
    if (row.status !== 'open') refuseStatus(row.status, 'cancelled');
    await unbookInvoice(tx, actor.tenantId, row);
    return { values: { status: 'cancelled' }, version: null };
  });

/** Only the due date (of an open invoice) and the legal hold change; amounts and billing data never. */
export const updateInvoice = (ctx: AppContext, actor: Actor, id: string, patch: InvoicePatchInput) =>
  change(ctx, actor, id, async (_tx, row) => {
    const values: Record<string, unknown> = {};
    if (patch.dueAt !== undefined && patch.dueAt !== row.due_at) {
      if (row.status !== 'open') refuseStatus(row.status, 'due date changed');
      assertInvoiceDates(row.issued_at, patch.dueAt);
      values.due_at = patch.dueAt;
    }
    if (patch.legalHold !== undefined) values.legal_hold = patch.legalHold;
    return { values, version: patch.version };
  });
