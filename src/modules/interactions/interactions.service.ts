import { inTenant } from '../../db/tenant.ts';
import { AppError } from '../../domain/errors.ts';
import { canRead, canWrite } from '../../domain/permissions/roles.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { assertPersonVisible } from '../persons/persons.service.ts';
import * as repo from './interactions.repository.ts';
import type { InteractionCreateInput } from './interactions.schemas.ts';

const toInteraction = (row: repo.InteractionRow) => ({
  id: row.id,
  personId: row.person_id,
  kind: row.kind as InteractionCreateInput['kind'],
  direction: row.direction as InteractionCreateInput['direction'] & string,
  occurredAt: row.occurred_at.toISOString(),
  subject: row.subject,
  body: row.body,
  employee: row.employee_id ? { id: row.employee_id, displayName: row.employee_name ?? '' } : null,
  createdAt: row.created_at.toISOString(),
});

/** The timeline is communication content: only roles that may read that category see it. */
export const listInteractions = (ctx: AppContext, actor: Actor, personId: string) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    await assertPersonVisible(tx, actor, personId);
    if (!canRead({ role: actor.role, category: 'communication' })) {
      throw new AppError('field_not_readable', { params: { field: 'interactions' } });
    }
    return { items: (await repo.listInteractions(tx, personId)).map(toInteraction) };
  });

export const createInteraction = (
  ctx: AppContext,
  actor: Actor,
  personId: string,
  input: InteractionCreateInput,
) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    const person = await assertPersonVisible(tx, actor, personId);
    if (!canWrite({ role: actor.role, category: 'communication' })) {
      throw new AppError('field_not_writable', {
        params: { field: 'interactions', category: 'communication' },
      });
    }
    const { id } = await repo.insertInteraction(tx, {
      tenant_id: actor.tenantId,
      person_id: personId,
      organization_id: person.organization_id,
      kind: input.kind,
      direction: input.direction ?? null,
      occurred_at: new Date(input.occurredAt),
      subject: input.subject,
      body: input.body ?? null,
      employee_id: actor.userId,
    });
    return toInteraction(await repo.findInteraction(tx, id));
  });
