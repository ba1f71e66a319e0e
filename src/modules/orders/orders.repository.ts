import { sql } from 'kysely';
import type { Tx } from '../../db/tenant.ts';
import { departmentScope, type Visibility } from '../../db/visibility.ts';
import { documentFilter, namesAndTotals } from '../shared/document-lines.repository.ts';
import type { OrderListQueryInput } from './orders.schemas.ts';

const ordersWithNames = (tx: Tx, v: Visibility) =>
  tx
    .selectFrom('orders as q')
    .leftJoin('persons as p', 'p.id', 'q.person_id')
    .leftJoin('organizations as o', 'o.id', 'q.organization_id')
    .leftJoin('users as u', 'u.id', 'q.created_by')
    .selectAll('q')
    .select(namesAndTotals)
    .where(departmentScope(v, 'q'));
export type OrderRow = Awaited<ReturnType<ReturnType<typeof ordersWithNames>['execute']>>[number];

export const findOrder = (tx: Tx, id: string, v: Visibility) =>
  ordersWithNames(tx, v).where('q.id', '=', id).executeTakeFirst();

export const listOrders = async (tx: Tx, query: OrderListQueryInput, v: Visibility) => {
  const rows = await ordersWithNames(tx, v)
    .where(documentFilter(query))
    .orderBy(sql`q.ordered_at ${sql.raw(query.order)}, q.number ${sql.raw(query.order)}`)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const { total } = await tx
    .selectFrom('orders as q')
    .where(departmentScope(v, 'q'))
    .where(documentFilter(query))
    .select(sql<number>`count(*)::int`.as('total'))
    .executeTakeFirstOrThrow();
  return { rows, total };
};

export const insertOrder = (tx: Tx, values: Record<string, unknown>) =>
  tx
    .insertInto('orders')
    .values(values as never)
    .returning('id')
    .executeTakeFirstOrThrow();

/** The order made from a quote, if any. */
export const orderOfQuote = (tx: Tx, quoteId: string) =>
  tx.selectFrom('orders').select('id').where('quote_id', '=', quoteId).executeTakeFirst();
