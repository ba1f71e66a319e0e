import { randomUUID } from 'node:crypto';
import { inTenant, type Tx } from '../../db/tenant.ts';
import { AppError } from '../../domain/errors.ts';
import { type Action, canDo, canRead, canWrite } from '../../domain/permissions/roles.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { readAudited } from '../audit/audit.reads.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { createSubjectKey, sealValue, subjectKey } from '../keys/keys.service.ts';
import { assertPersonVisible } from '../persons/persons.service.ts';
import { disclosureNoteRef, toDisclosure, toRecipient } from './recipients.mapper.ts';
import * as repo from './recipients.repository.ts';
import type {
  DisclosureCreateInput,
  RecipientCreateInput,
  RecipientPatchInput,
} from './recipients.schemas.ts';
import { changedRegisterValues, registerValues } from './register.values.ts';

/**
 * The recipients register (processors, other controllers, authorities, internal systems) and the
 * disclosure log: which recipient got which categories of whose data, when (Art. 15(1)(c), Art. 19).
 * Every user reads the register; administrators and the DPO keep it.
 */

const EARLIEST = Date.parse('1990-01-01T00:00:00Z');
/** A disclosure may be dated a little ahead of the server clock (clock skew of the caller), no more. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

const assertMay = (actor: Actor, action: Action) => {
  if (!canDo({ role: actor.role, action })) throw new AppError('forbidden');
};

const findRecipient = async (tx: Tx, id: string) => {
  const row = await repo.findRecipient(tx, id);
  if (!row) throw new AppError('not_found', { params: { entity: 'recipient' } });
  return row;
};

const assertNameFree = async (tx: Tx, name: string, except?: string) => {
  const existing = await repo.findRecipientByName(tx, name);
  if (existing && existing.id !== except) throw new AppError('recipient_exists', { params: { name } });
};

export const listRecipients = (ctx: AppContext, actor: Actor, query: { includeArchived: boolean }) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => ({
    items: (await repo.listRecipients(tx, query.includeArchived)).map(toRecipient),
  }));

export const createRecipient = (ctx: AppContext, actor: Actor, input: RecipientCreateInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'recipients.manage');
    await assertNameFree(tx, input.name);
    const register = await registerValues(tx, { change: input, current: null });
    const id = randomUUID();
    const now = ctx.now();
    await repo.insertRecipient(tx, {
      ...register,
      id,
      tenant_id: actor.tenantId,
      name: input.name,
      kind: input.kind,
      country: input.country ?? null,
      contact: input.contact ?? null,
      notes: input.notes ?? null,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'settings_change',
      fields: ['recipient'],
      note: `recipient ${id} created (${input.kind})`,
    });
    return toRecipient(await findRecipient(tx, id));
  });

export const updateRecipient = (ctx: AppContext, actor: Actor, id: string, patch: RecipientPatchInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'recipients.manage');
    const current = await findRecipient(tx, id);
    if (patch.name !== undefined) await assertNameFree(tx, patch.name, id);
    const values: Record<string, unknown> = {};
    const set = (column: keyof repo.RecipientRow, value: unknown) => {
      if (value !== undefined && value !== current[column]) values[column] = value;
    };
    set('name', patch.name);
    set('kind', patch.kind);
    set('country', patch.country);
    set('contact', patch.contact);
    set('notes', patch.notes);
    if (patch.archived === true && current.archived_at === null) values.archived_at = ctx.now();
    if (patch.archived === false && current.archived_at !== null) values.archived_at = null;
    Object.assign(
      values,
      changedRegisterValues(await registerValues(tx, { change: patch, current }), current),
    );
    if (Object.keys(values).length > 0) {
      await repo.updateRecipient(tx, id, { ...values, updated_at: ctx.now() });
      await recordAudit(tx, ctx, actor.tenantId, {
        actor,
        action: 'settings_change',
        fields: Object.keys(values).map((c) => `recipient.${c}`),
        note: `recipient ${id} changed: ${Object.keys(values).join(', ')}`,
      });
    }
    return toRecipient(await findRecipient(tx, id));
  });

// ---- the disclosure log -------------------------------------------------------------------------

const loadDisclosures = async (tx: Tx, ctx: AppContext, actor: Actor, personId: string) => {
  await assertPersonVisible(tx, actor, personId);
  const notesReadable = canRead({ role: actor.role, category: 'communication' });
  const dataKey = notesReadable ? await subjectKey(tx, ctx, actor.tenantId, personId) : null;
  return {
    items: (await repo.listDisclosures(tx, personId)).map((row) => toDisclosure(row, dataKey)),
    hiddenFields: notesReadable ? ([] as 'note'[]) : (['note'] as const).slice(),
  };
};

/**
 * A person's disclosure log, newest first, with each recipient's name. Every role that sees the person
 * sees to whom their data went; the free-text notes only roles that read communication content, and
 * reading those is recorded in the audit trail.
 */
export const listDisclosures = (ctx: AppContext, actor: Actor, personId: string) => {
  if (!canRead({ role: actor.role, category: 'communication' }))
    return inTenant(ctx.db.kysely, actor.tenantId, (tx) => loadDisclosures(tx, ctx, actor, personId));
  return readAudited(
    ctx,
    actor.tenantId,
    (tx) => loadDisclosures(tx, ctx, actor, personId),
    () => ({ actor, action: 'read', subject: { type: 'person', id: personId }, fields: ['disclosures'] }),
  );
};

/**
 * Logs that data of a person went to a recipient. The recipient must be an active one of the tenant
 * (422 unknown_recipient otherwise: archived, unknown, or another tenant's, which row-level security
 * hides). A note is communication content, sealed under the person's data key.
 */
export const recordDisclosure = (
  ctx: AppContext,
  actor: Actor,
  personId: string,
  input: DisclosureCreateInput,
) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    await assertPersonVisible(tx, actor, personId);
    assertMay(actor, 'disclosures.record');
    if (input.note && !canWrite({ role: actor.role, category: 'communication' }))
      throw new AppError('field_not_writable', { params: { field: 'note', category: 'communication' } });
    const recipient = await repo.findRecipient(tx, input.recipientId);
    if (!recipient || recipient.archived_at !== null)
      throw new AppError('unknown_recipient', { params: { id: input.recipientId } });
    const now = ctx.now();
    const disclosedAt = input.disclosedAt ? new Date(input.disclosedAt) : now;
    if (disclosedAt.getTime() < EARLIEST || disclosedAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS)
      throw new AppError('invalid_date_range', {
        params: { detail: 'disclosedAt must lie between 1990-01-01 and now' },
      });
    const categories = [...new Set(input.categories)];
    const id = randomUUID();
    let note: string | null = null;
    if (input.note) {
      const dataKey =
        (await subjectKey(tx, ctx, actor.tenantId, personId)) ??
        (await createSubjectKey(tx, ctx, actor.tenantId, personId));
      note = sealValue(dataKey, disclosureNoteRef(id), input.note) ?? null;
    }
    await repo.insertDisclosure(tx, {
      id,
      tenant_id: actor.tenantId,
      person_id: personId,
      recipient_id: recipient.id,
      categories,
      purpose: input.purpose ?? null,
      disclosed_at: disclosedAt,
      note,
      recorded_by: actor.userId,
      created_at: now,
    });
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'create',
      subject: { type: 'person', id: personId },
      fields: ['disclosure'],
      values: {
        new: {
          disclosure: {
            id,
            recipientId: recipient.id,
            recipient: recipient.name,
            categories,
            purpose: input.purpose ?? null,
            disclosedAt: disclosedAt.toISOString(),
            ...(input.note ? { note: input.note } : {}),
          },
        },
      },
    });
    const row = (await repo.listDisclosures(tx, personId)).find((d) => d.id === id);
    if (!row) throw new Error('disclosure not stored');
    const dataKey = canRead({ role: actor.role, category: 'communication' })
      ? await subjectKey(tx, ctx, actor.tenantId, personId)
      : null;
    return toDisclosure(row, dataKey);
  });
