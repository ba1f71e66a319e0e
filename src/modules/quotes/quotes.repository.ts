import { type SqlBool, sql } from 'kysely';
import type { Tx } from '../../db/tenant.ts';
import { departmentScope, type Visibility } from '../../db/visibility.ts';
import type { QuoteListQueryInput } from './quotes.schemas.ts';

const quotesWithNames = (tx: Tx, v: Visibility) =>
  tx
    .selectFrom('quotes as q')
    .leftJoin('persons as p', 'p.id', 'q.person_id')
    .leftJoin('organizations as o', 'o.id', 'q.organization_id')
    .leftJoin('users as u', 'u.id', 'q.created_by')
    .selectAll('q')
    .select([
      sql<string | null>`case when p.id is null then null else p.first_name || ' ' || p.last_name end`.as(
        'person_name',
      ),
      'o.name as organization_name',
      'u.display_name as created_by_name',
      sql<string>`q.net_total::text`.as('net_text'),
      sql<string>`q.tax_total::text`.as('tax_text'),
      sql<string>`q.gross_total::text`.as('gross_text'),
      sql<string | null>`(select r.id from orders r where r.quote_id = q.id limit 1)`.as('order_id'),
    ])
    .where(departmentScope(v, 'q'));
export type QuoteRow = Awaited<ReturnType<ReturnType<typeof quotesWithNames>['execute']>>[number];

export const findQuote = (tx: Tx, id: string, v: Visibility) =>
  quotesWithNames(tx, v).where('q.id', '=', id).executeTakeFirst();

const filterOf = (query: QuoteListQueryInput) => {
  const parts = [sql<SqlBool>`true`];
  if (query.personId) parts.push(sql`q.person_id = ${query.personId}`);
  if (query.organizationId) parts.push(sql`q.organization_id = ${query.organizationId}`);
  if (query.dealId) parts.push(sql`q.deal_id = ${query.dealId}`);
  if (query.status) parts.push(sql`q.status = ${query.status}`);
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
};

export const listQuotes = async (tx: Tx, query: QuoteListQueryInput, v: Visibility) => {
  const rows = await quotesWithNames(tx, v)
    .where(filterOf(query))
    .orderBy(sql`q.issued_at ${sql.raw(query.order)}, q.number ${sql.raw(query.order)}`)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const { total } = await tx
    .selectFrom('quotes as q')
    .where(departmentScope(v, 'q'))
    .where(filterOf(query))
    .select(sql<number>`count(*)::int`.as('total'))
    .executeTakeFirstOrThrow();
  return { rows, total };
};

export const linesOf = (tx: Tx, quoteId: string) =>
  tx
    .selectFrom('quote_lines')
    .select([
      'position',
      'product',
      'description',
      sql<string>`quantity::text`.as('quantity'),
      sql<string>`unit_price::text`.as('unit_price'),
      sql<string>`tax_rate::text`.as('tax_rate'),
      sql<string>`net::text`.as('net'),
    ])
    .where('quote_id', '=', quoteId)
    .orderBy('position')
    .execute();

export const insertQuote = (tx: Tx, values: Record<string, unknown>) =>
  tx
    .insertInto('quotes')
    .values(values as never)
    .returning('id')
    .executeTakeFirstOrThrow();

export const insertLines = (tx: Tx, tenantId: string, quoteId: string, lines: Record<string, unknown>[]) =>
  tx
    .insertInto('quote_lines')
    .values(lines.map((l) => ({ ...l, tenant_id: tenantId, quote_id: quoteId })) as never)
    .execute();

export const updateQuote = (tx: Tx, id: string, version: number, values: Record<string, unknown>) =>
  tx
    .updateTable('quotes')
    .set({ ...values, version: sql`version + 1`, updated_at: sql`now()` } as never)
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
