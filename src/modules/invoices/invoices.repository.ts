import { sql } from 'kysely';
import type { Tx } from '../../db/tenant.ts';
import { departmentScope, type Visibility } from '../../db/visibility.ts';
import type { InvoiceListQueryInput } from './invoices.schemas.ts';

const base = (tx: Tx) =>
  tx
    .selectFrom('invoices as i')
    .leftJoin('persons as p', 'p.id', 'i.person_id')
    .leftJoin('organizations as o', 'o.id', 'i.organization_id')
    .leftJoin('customer_groups as g', 'g.id', 'i.customer_group_id');

const summaryColumns = [
  'i.id',
  'i.number',
  'i.status',
  'i.issued_at',
  'i.due_at',
  'i.paid_at',
  'i.currency',
  'i.net_total',
  'i.tax_total',
  'i.gross_total',
  'i.billing_name',
  'i.person_id',
  'i.organization_id',
  'i.customer_group_id',
  'i.restricted_at',
  'p.first_name as person_first_name',
  'p.last_name as person_last_name',
  'o.name as organization_name',
  'g.name as customer_group_name',
] as const;

export const findInvoice = (tx: Tx, id: string, v: Visibility) =>
  base(tx)
    .selectAll('i')
    .select(summaryColumns)
    .where('i.id', '=', id)
    .where(departmentScope(v, 'i'))
    .executeTakeFirst();
export type InvoiceRow = NonNullable<Awaited<ReturnType<typeof findInvoice>>>;

export const linesOf = (tx: Tx, invoiceId: string) =>
  tx
    .selectFrom('invoice_lines')
    .select(['position', 'product', 'description', 'quantity', 'unit_price', 'tax_rate', 'net'])
    .where('invoice_id', '=', invoiceId)
    .orderBy('position')
    .execute();

const escapeLike = (q: string) => q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);

export const listInvoices = async (tx: Tx, query: InvoiceListQueryInput, v: Visibility, today: string) => {
  let q = base(tx).where(departmentScope(v, 'i'));
  if (query.status) q = q.where('i.status', '=', query.status);
  if (query.overdue === 'true') q = q.where('i.status', '=', 'open').where('i.due_at', '<', today);
  if (query.overdue === 'false')
    q = q.where((eb) => eb.or([eb('i.status', '!=', 'open'), eb('i.due_at', '>=', today)]));
  if (query.personId) q = q.where('i.person_id', '=', query.personId);
  if (query.organizationId) q = q.where('i.organization_id', '=', query.organizationId);
  if (query.q) {
    const pattern = `%${escapeLike(query.q)}%`;
    q = q.where((eb) =>
      eb.or([eb(sql`lower(i.number)`, 'like', pattern), eb(sql`lower(i.billing_name)`, 'like', pattern)]),
    );
  }
  const rows = await q
    .select(summaryColumns)
    .orderBy('i.issued_at', 'desc')
    .orderBy('i.number', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const totals = await q
    .select([
      'i.currency',
      sql<number>`count(*)::int`.as('count'),
      sql<string>`sum(i.gross_total) filter (where i.status <> 'cancelled')::text`.as('gross'),
      sql<string>`sum(i.gross_total) filter (where i.status = 'open')::text`.as('open'),
    ])
    .groupBy('i.currency')
    .orderBy('i.currency')
    .execute();
  return { rows, totals, total: totals.reduce((a, t) => a + t.count, 0) };
};
export type InvoiceSummaryRow = Awaited<ReturnType<typeof listInvoices>>['rows'][number];

export const numberTaken = async (tx: Tx, numbers: string[]) => {
  if (numbers.length === 0) return new Set<string>();
  const rows = await tx.selectFrom('invoices').select('number').where('number', 'in', numbers).execute();
  return new Set(rows.map((r) => r.number));
};

export const updateInvoice = (
  tx: Tx,
  id: string,
  version: number | null,
  values: Record<string, unknown>,
) => {
  let q = tx
    .updateTable('invoices')
    .set({ ...values, version: sql`version + 1`, updated_at: sql`now()` } as never)
    .where('id', '=', id);
  if (version !== null) q = q.where('version', '=', version);
  return q.returning('id').executeTakeFirst();
};
