import type { Tx } from '../../db/tenant.ts';
import { departmentScope, visibilityOf } from '../../db/visibility.ts';
import { AppError } from '../../domain/errors.ts';
import type { Actor } from '../../server/context.ts';

/**
 * The customer of a deal, quote or order: a person and/or an organisation of the tenant that the
 * actor may see (another tenant's or department's customer is as unknown as a made-up id). Returns
 * the departments the record inherits: the person's, else the organisation's.
 */
export const resolveCustomer = async (
  tx: Tx,
  actor: Actor,
  refs: { personId?: string | null; organizationId?: string | null },
) => {
  if (!refs.personId && !refs.organizationId) throw new AppError('customer_required');
  const v = visibilityOf(actor);
  let departmentIds: string[] | null = null;
  if (refs.personId) {
    const person = await tx
      .selectFrom('persons as p')
      .select(['p.id', 'p.department_ids'])
      .where('p.id', '=', refs.personId)
      .where(departmentScope(v, 'p'))
      .executeTakeFirst();
    if (!person) throw new AppError('unknown_person', { params: { id: refs.personId } });
    departmentIds = person.department_ids;
  }
  if (refs.organizationId) {
    const org = await tx
      .selectFrom('organizations as o')
      .select(['o.id', 'o.department_ids'])
      .where('o.id', '=', refs.organizationId)
      .where(departmentScope(v, 'o'))
      .executeTakeFirst();
    if (!org) throw new AppError('unknown_organization', { params: { id: refs.organizationId } });
    departmentIds ??= org.department_ids;
  }
  return { departmentIds: departmentIds ?? [] };
};

/** The audit subject of a commercial record: its person if linked, else its organisation. */
export const auditSubjectOf = (row: { person_id: string | null; organization_id: string | null }) =>
  row.person_id
    ? { type: 'person' as const, id: row.person_id }
    : { type: 'organization' as const, id: row.organization_id ?? '' };
