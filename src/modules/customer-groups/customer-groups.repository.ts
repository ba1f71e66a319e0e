import { sql } from 'kysely';
import type { Tx } from '../../db/tenant.ts';
import { departmentScope, type Visibility } from '../../db/visibility.ts';

export const listGroups = (tx: Tx, v: Visibility) =>
  tx
    .selectFrom('customer_groups as g')
    .select(['g.id', 'g.name', 'g.created_at'])
    .select(
      sql<number>`(select count(*)::int from organizations o where o.customer_group_id = g.id and ${departmentScope(v, 'o')})`.as(
        'organization_count',
      ),
    )
    .orderBy(sql`lower(g.name)`)
    .execute();

export const findGroup = (tx: Tx, id: string) =>
  tx.selectFrom('customer_groups').select(['id', 'name']).where('id', '=', id).executeTakeFirst();

export const findGroupByName = (tx: Tx, name: string) =>
  tx
    .selectFrom('customer_groups')
    .select(['id', 'name'])
    .where(sql`lower(name)`, '=', name.toLowerCase())
    .executeTakeFirst();

export const insertGroup = (tx: Tx, tenantId: string, name: string) =>
  tx
    .insertInto('customer_groups')
    .values({ tenant_id: tenantId, name })
    .returning('id')
    .executeTakeFirstOrThrow();

export const renameGroup = (tx: Tx, id: string, name: string) =>
  tx.updateTable('customer_groups').set({ name }).where('id', '=', id).execute();
