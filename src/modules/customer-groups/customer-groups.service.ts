import { inTenant, type Tx } from '../../db/tenant.ts';
import { visibilityOf } from '../../db/visibility.ts';
import { AppError } from '../../domain/errors.ts';
import { canDo } from '../../domain/permissions/roles.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import * as repo from './customer-groups.repository.ts';
import type { CustomerGroupInput } from './customer-groups.schemas.ts';

/**
 * Customer groups slice revenue for the sales meeting ("Großkunden", "Fachhandel"). Every user may read
 * the names (forms, reports); administrators and accounting manage them.
 */
const view = async (tx: Tx, actor: Actor, id: string) => {
  const group = (await repo.listGroups(tx, visibilityOf(actor))).find((g) => g.id === id);
  if (!group) throw new AppError('not_found', { params: { entity: 'customer_group' } });
  return toGroup(group);
};

const toGroup = (g: Awaited<ReturnType<typeof repo.listGroups>>[number]) => ({
  id: g.id,
  name: g.name,
  organizationCount: g.organization_count,
  createdAt: g.created_at.toISOString(),
});

const assertNameFree = async (tx: Tx, name: string, except?: string) => {
  const existing = await repo.findGroupByName(tx, name);
  if (existing && existing.id !== except) throw new AppError('customer_group_exists', { params: { name } });
};

export const listCustomerGroups = (ctx: AppContext, actor: Actor) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => ({
    items: (await repo.listGroups(tx, visibilityOf(actor))).map(toGroup),
  }));

export const createCustomerGroup = (ctx: AppContext, actor: Actor, input: CustomerGroupInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    if (!canDo({ role: actor.role, action: 'customer_groups.manage' })) throw new AppError('forbidden');
    await assertNameFree(tx, input.name);
    const { id } = await repo.insertGroup(tx, actor.tenantId, input.name);
    return view(tx, actor, id);
  });

export const renameCustomerGroup = (ctx: AppContext, actor: Actor, id: string, input: CustomerGroupInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    if (!canDo({ role: actor.role, action: 'customer_groups.manage' })) throw new AppError('forbidden');
    if (!(await repo.findGroup(tx, id)))
      throw new AppError('not_found', { params: { entity: 'customer_group' } });
    await assertNameFree(tx, input.name, id);
    await repo.renameGroup(tx, id, input.name);
    return view(tx, actor, id);
  });

/** Throws unknown_customer_group unless the group exists in the tenant (other tenants' are invisible). */
export const assertCustomerGroup = async (tx: Tx, id: string) => {
  if (!(await repo.findGroup(tx, id))) throw new AppError('unknown_customer_group', { params: { id } });
};
