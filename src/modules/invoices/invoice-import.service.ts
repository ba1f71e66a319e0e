/**
 * Import of invoices from an ERP's CSV export. Everything is checked first (the file, then customers,
 * customer groups and numbers against the database); with any error nothing is written and the
 * report lists every bad row. A dry run stops after the checks. The batch row records file, who, when,
 * counts and mapping (provenance); every imported invoice points to it.
 */
import { sql } from 'kysely';
import { inTenant, type Tx } from '../../db/tenant.ts';
import { departmentScope, type Visibility, visibilityOf } from '../../db/visibility.ts';
import { type ImportInvoice, parseErpCsv, type RowError } from '../../domain/billing/erp-csv.ts';
import { AppError } from '../../domain/errors.ts';
import { canDo } from '../../domain/permissions/roles.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { type AuditActor, recordAudits } from '../audit/audit.service.ts';
import type { InvoiceImportInput } from './invoice-import.schemas.ts';
import { type NewInvoice, writeInvoices } from './invoice-writer.ts';
import { invoiceSubject, tenantJurisdiction } from './invoices.service.ts';

type Customer = {
  personId: string | null;
  organizationId: string | null;
  departmentIds: string[];
  customerGroupId: string | null;
  billing: NewInvoice['billing'];
};

const unique = <T>(values: (T | null)[]) => [...new Set(values.filter((v): v is T => v !== null))];

const byCustomerNumber = async (tx: Tx, v: Visibility, numbers: string[]) => {
  if (numbers.length === 0) return new Map<string, Customer>();
  const rows = await tx
    .selectFrom('organizations as o')
    .selectAll('o')
    .where('o.customer_number', 'in', numbers)
    .where(departmentScope(v, 'o'))
    .execute();
  return new Map(rows.map((o) => [o.customer_number ?? '', orgCustomer(o)]));
};

const orgCustomer = (o: {
  id: string;
  name: string;
  email: string | null;
  street: string | null;
  postal_code: string | null;
  city: string | null;
  country: string | null;
  department_ids: string[];
  customer_group_id: string | null;
}): Customer => ({
  personId: null,
  organizationId: o.id,
  departmentIds: o.department_ids,
  customerGroupId: o.customer_group_id,
  billing: {
    name: o.name,
    street: o.street,
    postalCode: o.postal_code,
    city: o.city,
    country: o.country,
    email: o.email,
  },
});

/** E-mail → the one person (else organisation) with it; several with the same address are ambiguous. */
const byEmail = async (tx: Tx, v: Visibility, emails: string[]) => {
  const found = new Map<string, Customer[]>();
  if (emails.length === 0) return found;
  const persons = await tx
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
      'po.customer_group_id',
    ])
    .where(sql<string>`lower(p.email)`, 'in', emails)
    .where(departmentScope(v, 'p'))
    .execute();
  for (const p of persons) {
    const key = (p.email ?? '').toLowerCase();
    found.set(key, [
      ...(found.get(key) ?? []),
      {
        personId: p.id,
        organizationId: null,
        departmentIds: p.department_ids,
        customerGroupId: p.customer_group_id,
        billing: {
          name: `${p.first_name} ${p.last_name}`.slice(0, 200),
          street: p.street,
          postalCode: p.postal_code,
          city: p.city,
          country: p.country,
          email: p.email,
        },
      },
    ]);
  }
  const missing = emails.filter((e) => !found.has(e));
  if (missing.length > 0) {
    const orgs = await tx
      .selectFrom('organizations as o')
      .selectAll('o')
      .where(sql<string>`lower(o.email)`, 'in', missing)
      .where(departmentScope(v, 'o'))
      .execute();
    for (const o of orgs) {
      const key = (o.email ?? '').toLowerCase();
      found.set(key, [...(found.get(key) ?? []), orgCustomer(o)]);
    }
  }
  return found;
};

const CHUNK = 5000;
const chunked = async <T, R>(values: T[], fn: (chunk: T[]) => Promise<R[]>) => {
  const out: R[] = [];
  for (let i = 0; i < values.length; i += CHUNK) out.push(...(await fn(values.slice(i, i + CHUNK))));
  return out;
};

export type ImportRunner = {
  tenantId: string;
  visibility: Visibility;
  createdBy: string | null;
  auditActor: AuditActor;
};

export type ImportReport = {
  rows: number;
  invoices: number;
  lines: number;
  skipped: number;
  errors: RowError[];
  dryRun: boolean;
  batchId: string | null;
};

/** Checks and (unless a dry run or anything is wrong) writes the import in the caller's transaction. */
export const runImport = async (
  tx: Tx,
  ctx: AppContext,
  runner: ImportRunner,
  input: InvoiceImportInput,
): Promise<ImportReport> => {
  const parsed = parseErpCsv(input.csv, input.mapping, input.options);
  const errors = [...parsed.errors];
  const v = runner.visibility;
  const invoices = parsed.invoices;
  const numbers = await byCustomerNumber(tx, v, unique(invoices.map((i) => i.customerNumber)));
  const emails = await byEmail(tx, v, unique(invoices.map((i) => i.customerEmail)));
  const groupNames = unique(invoices.map((i) => i.customerGroup?.toLowerCase() ?? null));
  const groups = new Map(
    (groupNames.length
      ? await tx
          .selectFrom('customer_groups')
          .select(['id', sql<string>`lower(name)`.as('key')])
          .where(sql<string>`lower(name)`, 'in', groupNames)
          .execute()
      : []
    ).map((g) => [g.key, g.id]),
  );
  const taken = new Set(
    await chunked(
      invoices.map((i) => i.number),
      async (chunk) =>
        (await tx.selectFrom('invoices').select('number').where('number', 'in', chunk).execute()).map(
          (r) => r.number,
        ),
    ),
  );
  const orderNumbers = unique(invoices.map((i) => i.orderNumber));
  const orders = new Map(
    (orderNumbers.length
      ? await tx
          .selectFrom('orders as o')
          .select(['o.id', 'o.number'])
          .where('o.number', 'in', orderNumbers)
          .where(departmentScope(v, 'o'))
          .execute()
      : []
    ).map((o) => [o.number, o.id]),
  );

  const column = (field: keyof InvoiceImportInput['mapping']) => input.mapping[field] ?? field;
  const resolved: NewInvoice[] = [];
  for (const invoice of invoices) {
    const customer = findCustomer(invoice, numbers, emails, column, errors);
    if (taken.has(invoice.number))
      errors.push({
        row: invoice.row,
        column: column('number'),
        code: 'duplicate_number',
        message: `invoice number ${invoice.number} already exists`,
      });
    let groupId: string | null | undefined;
    if (invoice.customerGroup) {
      groupId = groups.get(invoice.customerGroup.toLowerCase());
      if (!groupId)
        errors.push({
          row: invoice.row,
          column: column('customerGroup'),
          code: 'unknown_customer_group',
          message: `no customer group "${invoice.customerGroup}"`,
        });
    }
    if (!customer) continue;
    resolved.push({
      number: invoice.number,
      orderId: invoice.orderNumber ? (orders.get(invoice.orderNumber) ?? null) : null,
      personId: customer.personId,
      organizationId: customer.organizationId,
      customerGroupId: groupId ?? customer.customerGroupId,
      issuedAt: invoice.issuedAt,
      dueAt: invoice.dueAt,
      paidAt: invoice.paidAt,
      currency: invoice.currency,
      lines: invoice.lines,
      billing: {
        name: invoice.billing.name ?? customer.billing.name,
        street: invoice.billing.street ?? customer.billing.street,
        postalCode: invoice.billing.postalCode ?? customer.billing.postalCode,
        city: invoice.billing.city ?? customer.billing.city,
        country: invoice.billing.country ?? customer.billing.country,
        email: invoice.customerEmail ?? customer.billing.email,
      },
      departmentIds: customer.departmentIds,
      importBatchId: null,
      externalRef: invoice.externalRef ?? invoice.orderNumber,
      createdBy: runner.createdBy,
    });
  }
  errors.sort((a, b) => a.row - b.row);
  const report: ImportReport = {
    rows: parsed.rows,
    invoices: invoices.length,
    lines: invoices.reduce((a, i) => a + i.lines.length, 0),
    skipped: parsed.skipped,
    errors,
    dryRun: input.dryRun,
    batchId: null,
  };
  if (errors.length > 0)
    throw new AppError('import_failed', {
      params: { count: new Set(errors.map((e) => e.row)).size },
      details: report,
    });
  if (input.dryRun) return report;

  const batch = await tx
    .insertInto('import_batches')
    .values({
      tenant_id: runner.tenantId,
      kind: 'invoices',
      file_name: input.fileName,
      row_count: parsed.rows,
      record_count: resolved.length,
      mapping: JSON.stringify({ mapping: input.mapping, options: input.options }),
      created_by: runner.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const ids = await writeInvoices(
    tx,
    runner.tenantId,
    await tenantJurisdiction(tx),
    resolved.map((r) => ({ ...r, importBatchId: batch.id })),
  );
  await recordAudits(
    tx,
    ctx,
    runner.tenantId,
    resolved.map((r, i) => ({
      actor: runner.auditActor,
      action: 'create' as const,
      subject: invoiceSubject({ person_id: r.personId, organization_id: r.organizationId }),
      fields: ['invoice'],
      values: { new: { invoice: { id: ids[i], number: r.number, importBatchId: batch.id } } },
      note: `import ${input.fileName}`,
    })),
  );
  return { ...report, batchId: batch.id };
};

const findCustomer = (
  invoice: ImportInvoice,
  numbers: Map<string, Customer>,
  emails: Map<string, Customer[]>,
  column: (field: 'customerNumber' | 'customerEmail') => string,
  errors: RowError[],
): Customer | undefined => {
  if (invoice.customerNumber) {
    const found = numbers.get(invoice.customerNumber);
    if (found) return found;
    if (!invoice.customerEmail) {
      errors.push({
        row: invoice.row,
        column: column('customerNumber'),
        code: 'unknown_customer',
        message: `no organisation with customer number ${invoice.customerNumber}`,
      });
      return undefined;
    }
  }
  const email = invoice.customerEmail ?? '';
  const matches = emails.get(email) ?? [];
  if (matches.length === 1) return matches[0];
  errors.push({
    row: invoice.row,
    column: column('customerEmail'),
    code: matches.length === 0 ? 'unknown_customer' : 'ambiguous_customer',
    message:
      matches.length === 0
        ? `no customer with the e-mail address ${email}`
        : `${matches.length} customers have the e-mail address ${email}`,
  });
  return undefined;
};

/** The API import: invoices.import right, the user's department scope. */
export const importInvoices = (ctx: AppContext, actor: Actor, input: InvoiceImportInput) => {
  if (!canDo({ role: actor.role, action: 'invoices.import' })) throw new AppError('forbidden');
  return inTenant(ctx.db.kysely, actor.tenantId, (tx) =>
    runImport(
      tx,
      ctx,
      {
        tenantId: actor.tenantId,
        visibility: visibilityOf(actor),
        createdBy: actor.userId,
        auditActor: actor,
      },
      input,
    ),
  );
};
