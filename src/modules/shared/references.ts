import type { Tx } from '../../db/tenant.ts';
import { departmentScope, visibilityOf } from '../../db/visibility.ts';
import { AppError } from '../../domain/errors.ts';
import { canAssignDepartments } from '../../domain/permissions/roles.ts';
import type { Actor } from '../../server/context.ts';

const existingIds = async (tx: Tx, table: 'departments' | 'tags', ids: string[]) => {
  if (ids.length === 0) return new Set<string>();
  const rows = await tx.selectFrom(table).select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
};

/**
 * Referenced departments, organisation and tags must exist in the actor's tenant (row-level security
 * hides other tenants' ids, so they count as unknown), the organisation must be visible to the actor;
 * users scope records only to their own departments.
 */
export const assertReferences = async (
  tx: Tx,
  actor: Actor,
  refs: { departmentIds?: string[]; organizationId?: string | null; tagIds?: string[] },
) => {
  const departments = await existingIds(tx, 'departments', refs.departmentIds ?? []);
  for (const id of refs.departmentIds ?? []) {
    if (!departments.has(id)) throw new AppError('unknown_department', { params: { id } });
  }
  if (
    refs.departmentIds &&
    !canAssignDepartments({
      role: actor.role,
      userDepartments: actor.departmentIds,
      departmentIds: refs.departmentIds,
    })
  ) {
    throw new AppError('forbidden');
  }
  if (refs.organizationId) {
    // an organisation of a department the actor does not see is as unknown as one of another tenant
    const found = await tx
      .selectFrom('organizations as o')
      .select('o.id')
      .where('o.id', '=', refs.organizationId)
      .where(departmentScope(visibilityOf(actor), 'o'))
      .executeTakeFirst();
    if (!found) throw new AppError('unknown_organization', { params: { id: refs.organizationId } });
  }
  const tags = await existingIds(tx, 'tags', refs.tagIds ?? []);
  for (const id of refs.tagIds ?? [])
    if (!tags.has(id)) throw new AppError('unknown_tag', { params: { id } });
};
