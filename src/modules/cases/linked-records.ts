import { sql } from 'kysely';
import type { Tx } from '../../db/tenant.ts';
import { departmentScope, visibilityOf } from '../../db/visibility.ts';
import { AppError } from '../../domain/errors.ts';
import { canRead } from '../../domain/permissions/roles.ts';
import { RECORD_CATEGORIES } from '../../domain/privacy/data-categories.ts';
import type { Actor } from '../../server/context.ts';

/**
 * Records a case or task may link to. Each must exist in the tenant (row-level security hides other
 * tenants' ids), be in a department the actor sees, and be of a kind the actor's role may read;
 * otherwise it is as unknown as a made-up id (422, nothing written).
 */
export type Links = {
  personId?: string | null;
  organizationId?: string | null;
  orderId?: string | null;
  invoiceId?: string | null;
  dealId?: string | null;
  caseId?: string | null;
};

const TABLES = {
  orderId: { table: 'orders', entity: 'order', kind: 'order' },
  invoiceId: { table: 'invoices', entity: 'invoice', kind: 'invoice' },
  dealId: { table: 'deals', entity: 'deal', kind: 'deal' },
  caseId: { table: 'cases', entity: 'case', kind: 'case' },
} as const;

const visibleRow = async (
  tx: Tx,
  actor: Actor,
  table: 'persons' | 'organizations' | 'orders' | 'invoices' | 'deals' | 'cases',
  id: string,
) => {
  const { rows } = await sql<{ id: string }>`select r.id from ${sql.table(table)} r
    where r.id = ${id} and ${departmentScope(visibilityOf(actor), 'r')}`.execute(tx);
  return rows.length > 0;
};

export const assertLinksVisible = async (tx: Tx, actor: Actor, links: Links) => {
  if (links.personId && !(await visibleRow(tx, actor, 'persons', links.personId)))
    throw new AppError('unknown_person', { params: { id: links.personId } });
  if (links.organizationId && !(await visibleRow(tx, actor, 'organizations', links.organizationId)))
    throw new AppError('unknown_organization', { params: { id: links.organizationId } });
  for (const key of ['orderId', 'invoiceId', 'dealId', 'caseId'] as const) {
    const id = links[key];
    if (!id) continue;
    const { table, entity, kind } = TABLES[key];
    const readable = canRead({ role: actor.role, category: RECORD_CATEGORIES[kind] });
    if (!readable || !(await visibleRow(tx, actor, table, id)))
      throw new AppError('unknown_record', { params: { entity, id } });
  }
};

/** The user must be an active user of the tenant (another tenant's user is invisible, hence unknown). */
export const assertActiveUser = async (tx: Tx, userId: string) => {
  const user = await tx
    .selectFrom('users')
    .select('id')
    .where('id', '=', userId)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  if (!user) throw new AppError('unknown_user', { params: { id: userId } });
};
