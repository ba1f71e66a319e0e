import { sql } from 'kysely';
import type { Tx } from '../../db/tenant.ts';
import { departmentScope, type Visibility } from '../../db/visibility.ts';
import { documentFilter, namesAndTotals } from '../shared/document-lines.repository.ts';
import type { QuoteListQueryInput } from './quotes.schemas.ts';

const quotesWithNames = (tx: Tx, v: Visibility) =>
  tx
    .selectFrom('quotes as q')
    .leftJoin('persons as p', 'p.id', 'q.person_id')
    .leftJoin('organizations as o', 'o.id', 'q.organization_id')
    .leftJoin('users as u', 'u.id', 'q.created_by')
    .selectAll('q')
    .select([
      ...namesAndTotals,
      sql<string | null>`(select r.id from orders r where r.quote_id = q.id limit 1)`.as('order_id'),
    ])
    .where(departmentScope(v, 'q'));
export type QuoteRow = Awaited<ReturnType<ReturnType<typeof quotesWithNames>['execute']>>[number];

export const findQuote = (tx: Tx, id: string, v: Visibility) =>
  quotesWithNames(tx, v).where('q.id', '=', id).executeTakeFirst();

export const listQuotes = async (tx: Tx, query: QuoteListQueryInput, v: Visibility) => {
  const rows = await quotesWithNames(tx, v)
    .where(documentFilter(query))
    .orderBy(sql`q.issued_at ${sql.raw(query.order)}, q.number ${sql.raw(query.order)}`)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const { total } = await tx
    .selectFrom('quotes as q')
    .where(departmentScope(v, 'q'))
    .where(documentFilter(query))
    .select(sql<number>`count(*)::int`.as('total'))
    .executeTakeFirstOrThrow();
  return { rows, total };
};

export const insertQuote = (tx: Tx, values: Record<string, unknown>) =>
  tx
    .insertInto('quotes')
    .values(values as never)
    .returning('id')
    .executeTakeFirstOrThrow();
