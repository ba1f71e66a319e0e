import { type SqlBool, sql } from 'kysely';
import type { Tx } from '../../db/tenant.ts';
import { departmentScope, type Visibility } from '../../db/visibility.ts';
import type { OrderListQueryInput } from './orders.schemas.ts';

const ordersWithNames = (tx: Tx, v: Visibility) =>
  tx
    .selectFrom('orders as q')
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
    ])
    .where(departmentScope(v, 'q'));
export type OrderRow = Awaited<ReturnType<ReturnType<typeof ordersWithNames>['execute']>>[number];

export const findOrder = (tx: Tx, id: string, v: Visibility) =>
  ordersWithNames(tx, v).where('q.id', '=', id).executeTakeFirst();

const filterOf = (query: OrderListQueryInput) => {
  const parts = [sql<SqlBool>`true`];
  if (query.personId) parts.push(sql`q.person_id = ${query.personId}`);
  if (query.organizationId) parts.push(sql`q.organization_id = ${query.organizationId}`);
  if (query.dealId) parts.push(sql`q.deal_id = ${query.dealId}`);
  if (query.status) parts.push(sql`q.status = ${query.status}`);
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
};

export const listOrders = async (tx: Tx, query: OrderListQueryInput, v: Visibility) => {
  const rows = await ordersWithNames(tx, v)
    .where(filterOf(query))
    .orderBy(sql`q.ordered_at ${sql.raw(query.order)}, q.number ${sql.raw(query.order)}`)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const { total } = await tx
    .selectFrom('orders as q')
    .where(departmentScope(v, 'q'))
    .where(filterOf(query))
    .select(sql<number>`count(*)::int`.as('total'))
    .executeTakeFirstOrThrow();
  return { rows, total };
};

export const linesOf = (tx: Tx, orderId: string) =>
  tx
    .selectFrom('order_lines')
    .select([
      'position',
      'product',
      'description',
      sql<string>`quantity::text`.as('quantity'),
      sql<string>`unit_price::text`.as('unit_price'),
      sql<string>`tax_rate::text`.as('tax_rate'),
      sql<string>`net::text`.as('net'),
    ])
    .where('order_id', '=', orderId)
    .orderBy('position')
    .execute();

export const insertOrder = (tx: Tx, values: Record<string, unknown>) =>
  tx
    .insertInto('orders')
    .values(values as never)
    .returning('id')
    .executeTakeFirstOrThrow();

export const insertLines = (tx: Tx, tenantId: string, orderId: string, lines: Record<string, unknown>[]) =>
  tx
    .insertInto('order_lines')
    .values(lines.map((l) => ({ ...l, tenant_id: tenantId, order_id: orderId })) as never)
    .execute();

export const updateOrder = (tx: Tx, id: string, version: number, values: Record<string, unknown>) =>
  tx
    .updateTable('orders')
    .set({ ...values, version: sql`version + 1`, updated_at: sql`now()` } as never)
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();

/** The order made from a quote, if any. */
export const orderOfQuote = (tx: Tx, quoteId: string) =>
  tx.selectFrom('orders').select('id').where('quote_id', '=', quoteId).executeTakeFirst();
