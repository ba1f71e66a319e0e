/** SQL that quotes and orders share: their line tables, the customer/author names, totals, list filters. */
import { type SqlBool, sql } from 'kysely';
import type { Tx } from '../../db/tenant.ts';

/** The documents with line items, their line table and its foreign key (both DocumentLinesTable). */
const LINE_TABLES = {
  quote: { table: 'quote_lines', key: 'quote_id' },
  order: { table: 'order_lines', key: 'order_id' },
} as const;
export type LinedDocument = keyof typeof LINE_TABLES;

// quote_lines and order_lines have the same columns (DocumentLinesTable) apart from the foreign key,
// so one table's types describe both queries.
const lineTable = (kind: LinedDocument) => LINE_TABLES[kind] as unknown as (typeof LINE_TABLES)['quote'];

/** The stored lines of a quote or order in order, amounts as exact decimal strings. */
export const documentLinesOf = (tx: Tx, kind: LinedDocument, documentId: string) => {
  const { table, key } = lineTable(kind);
  return tx
    .selectFrom(table)
    .select([
      'position',
      'product',
      'description',
      sql<string>`quantity::text`.as('quantity'),
      sql<string>`unit_price::text`.as('unit_price'),
      sql<string>`tax_rate::text`.as('tax_rate'),
      sql<string>`net::text`.as('net'),
    ])
    .where(key, '=', documentId)
    .orderBy('position')
    .execute();
};

export const insertDocumentLines = (
  tx: Tx,
  kind: LinedDocument,
  tenantId: string,
  documentId: string,
  lines: Record<string, unknown>[],
) => {
  const { table, key } = lineTable(kind);
  return tx
    .insertInto(table)
    .values(lines.map((l) => ({ ...l, tenant_id: tenantId, [key]: documentId })) as never)
    .execute();
};

/**
 * Columns of a document query aliased `q` that left-joins `persons as p`, `organizations as o` and
 * `users as u` (the author): the names, and the totals as exact decimal strings.
 */
export const namesAndTotals = [
  sql<string | null>`case when p.id is null then null else p.first_name || ' ' || p.last_name end`.as(
    'person_name',
  ),
  sql<string | null>`o.name`.as('organization_name'),
  sql<string | null>`u.display_name`.as('created_by_name'),
  sql<string>`q.net_total::text`.as('net_text'),
  sql<string>`q.tax_total::text`.as('tax_text'),
  sql<string>`q.gross_total::text`.as('gross_text'),
] as const;

/** The list filters of quotes and orders (table aliased `q`). */
export const documentFilter = (query: {
  personId?: string | undefined;
  organizationId?: string | undefined;
  dealId?: string | undefined;
  status?: string | undefined;
}) => {
  const parts = [sql<SqlBool>`true`];
  if (query.personId) parts.push(sql`q.person_id = ${query.personId}`);
  if (query.organizationId) parts.push(sql`q.organization_id = ${query.organizationId}`);
  if (query.dealId) parts.push(sql`q.deal_id = ${query.dealId}`);
  if (query.status) parts.push(sql`q.status = ${query.status}`);
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
};

/** Updates a quote or order if it still has the given version; undefined when it has moved on. */
export const updateDocument = (
  tx: Tx,
  table: 'quotes' | 'orders',
  id: string,
  version: number,
  values: Record<string, unknown>,
) =>
  tx
    .updateTable(table as 'quotes')
    .set({ ...values, version: sql`version + 1`, updated_at: sql`now()` } as never)
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
