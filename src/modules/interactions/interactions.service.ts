import { randomUUID } from 'node:crypto';
import { inTenant } from '../../db/tenant.ts';
import { AppError } from '../../domain/errors.ts';
import { canRead, canWrite } from '../../domain/permissions/roles.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { createSubjectKey, openValue, sealValue, subjectKey } from '../keys/keys.service.ts';
import { assertPersonVisible } from '../persons/persons.service.ts';
import { scanInteractionText } from '../redaction/redaction.hooks.ts';
import { assertNotRestricted } from '../subject-rights/write-guard.ts';
import * as repo from './interactions.repository.ts';
import type { InteractionCreateInput } from './interactions.schemas.ts';

const bodyRef = (id: string) => ({ table: 'interactions', recordId: id, column: 'body' });

const toInteraction = (row: repo.InteractionRow, dataKey: Buffer | null) => ({
  id: row.id,
  personId: row.person_id,
  kind: row.kind as InteractionCreateInput['kind'],
  direction: row.direction as InteractionCreateInput['direction'] & string,
  occurredAt: row.occurred_at.toISOString(),
  subject: row.subject,
  body: openValue(dataKey, bodyRef(row.id), row.body),
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
    const dataKey = await subjectKey(tx, ctx, actor.tenantId, personId);
    const items = (await repo.listInteractions(tx, personId)).map((row) => toInteraction(row, dataKey));
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'read',
      subject: { type: 'person', id: personId },
      fields: ['interactions'],
    });
    return { items };
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
    await assertNotRestricted(tx, personId);
    const id = randomUUID();
    const dataKey =
      (await subjectKey(tx, ctx, actor.tenantId, personId)) ??
      (await createSubjectKey(tx, ctx, actor.tenantId, personId));
    await repo.insertInteraction(tx, {
      id,
      tenant_id: actor.tenantId,
      person_id: personId,
      organization_id: person.organization_id,
      kind: input.kind,
      direction: input.direction ?? null,
      occurred_at: new Date(input.occurredAt),
      subject: input.subject,
      body: sealValue(dataKey, bodyRef(id), input.body ?? null) ?? null,
      employee_id: actor.userId,
    });
    await scanInteractionText(tx, ctx, {
      actor,
      personId,
      interactionId: id,
      subject: input.subject,
      body: input.body ?? null,
    });
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'create',
      subject: { type: 'person', id: personId },
      fields: ['interaction'],
      values: {
        new: {
          interaction: {
            id,
            kind: input.kind,
            occurredAt: input.occurredAt,
            subject: input.subject,
            body: input.body ?? null,
          },
        },
      },
    });
    return toInteraction(await repo.findInteraction(tx, id), dataKey);
  });
