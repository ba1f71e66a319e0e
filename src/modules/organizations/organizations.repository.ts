import { sql } from 'kysely';
import type { Tx } from '../../db/tenant.ts';
import { departmentScope, type Visibility } from '../../db/visibility.ts';
import type { OrganizationListQueryInput } from './organizations.schemas.ts';

const visibleTo = (v: Visibility, alias: 'o' | 'p' = 'o') => departmentScope(v, alias);

export const findOrganization = (tx: Tx, id: string, v: Visibility) =>
  tx
    .selectFrom('organizations as o')
    .leftJoin('customer_groups as g', 'g.id', 'o.customer_group_id')
    .selectAll('o')
    .select('g.name as customer_group_name')
    .where('o.id', '=', id)
    .where(visibleTo(v))
    .executeTakeFirst();

export const personsOf = (tx: Tx, organizationId: string, v: Visibility) =>
  tx
    .selectFrom('persons as p')
    .select(['p.id', 'p.first_name', 'p.last_name', 'p.job_title', 'p.email'])
    .where('p.organization_id', '=', organizationId)
    .where(visibleTo(v, 'p'))
    .orderBy(sql`lower(p.last_name)`)
    .limit(500)
    .execute();

export const tagsOf = (tx: Tx, organizationId: string) =>
  tx
    .selectFrom('organization_tags as ot')
    .innerJoin('tags as t', 't.id', 'ot.tag_id')
    .select(['t.id', 't.name', 't.color'])
    .where('ot.organization_id', '=', organizationId)
    .orderBy('t.name')
    .execute();

export const setTags = async (tx: Tx, tenantId: string, organizationId: string, tagIds: string[]) => {
  await tx.deleteFrom('organization_tags').where('organization_id', '=', organizationId).execute();
  if (tagIds.length === 0) return;
  await tx
    .insertInto('organization_tags')
    .values(
      [...new Set(tagIds)].map((tagId) => ({
        tenant_id: tenantId,
        organization_id: organizationId,
        tag_id: tagId,
      })),
    )
    .execute();
};

export const listOrganizations = async (tx: Tx, query: OrganizationListQueryInput, v: Visibility) => {
  let base = tx.selectFrom('organizations as o').where(visibleTo(v));
  if (query.q)
    base = base.where(
      'o.search_text',
      'like',
      `%${query.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
    );
  if (query.kind) base = base.where('o.kind', '=', query.kind);
  const column = { name: sql`lower(o.name)`, createdAt: sql`o.created_at`, updatedAt: sql`o.updated_at` }[
    query.sort
  ];
  const rows = await base
    .select(['o.id', 'o.name', 'o.kind', 'o.city', 'o.email', 'o.phone', 'o.updated_at'])
    .select(
      // only the contact persons the viewer may see (department scope), as on the detail view
      sql<number>`(select count(*)::int from persons p where p.organization_id = o.id and ${visibleTo(v, 'p')})`.as(
        'person_count',
      ),
    )
    .orderBy(sql`${column} ${sql.raw(query.order)}`)
    .orderBy('o.id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const { total } = await base.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  return { rows, total };
};

export const insertOrganization = (tx: Tx, values: Record<string, unknown>) =>
  tx
    .insertInto('organizations')
    .values(values as never)
    .returning('id')
    .executeTakeFirstOrThrow();

export const updateOrganization = (tx: Tx, id: string, version: number, values: Record<string, unknown>) =>
  tx
    .updateTable('organizations')
    .set({ ...values, version: sql`version + 1`, updated_at: sql`now()` } as never)
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();

/** The organisation holding this customer number, whatever its department (the number is tenant-wide). */
export const findByCustomerNumber = (tx: Tx, customerNumber: string) =>
  tx
    .selectFrom('organizations')
    .select('id')
    .where('customer_number', '=', customerNumber)
    .executeTakeFirst();
