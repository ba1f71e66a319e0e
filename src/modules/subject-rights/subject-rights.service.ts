import { inTenant, type Tx } from '../../db/tenant.ts';
import { visibilityOf } from '../../db/visibility.ts';
import { AppError } from '../../domain/errors.ts';
import { canDo } from '../../domain/permissions/roles.ts';
import {
  clearingPatch,
  firstLockedWrite,
  LOCKABLE_FIELDS,
  type LockableField,
  mayManageFieldLock,
  purposesAfterObjection,
} from '../../domain/requests/field-locks.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { assertNotSuppressed } from '../erasure/suppressions.service.ts';
import { createSubjectKey, openValue, sealValue, subjectKey } from '../keys/keys.service.ts';
import { changedFields } from '../persons/persons.audit.ts';
import { normaliseContact } from '../persons/persons.contact.ts';
import * as persons from '../persons/persons.repository.ts';
import { PersonPatch } from '../persons/persons.schemas.ts';
import { openPersonRow, sealPersonColumns } from '../persons/persons.sealed.ts';
import { addressColumns, assertPersonVisible, loadPerson } from '../persons/persons.service.ts';
import { deletePhotoWithin } from '../photos/photos.service.ts';
import * as repo from './subject-rights.repository.ts';
import { type FieldLockSetInput, REASON_MAX, RECTIFIABLE_FIELDS } from './subject-rights.schemas.ts';

/**
 * Marketing exclusion (Art. 21): every place marketing reaches (segments, campaigns, mailings, issue 6)
 * must exclude persons with `marketing_objection_at is not null`, and every place that processes
 * persons beyond storing them must exclude `restricted_at is not null` (Art. 18). Writes are refused
 * by `guardPersonWrite` / `assertNotRestricted` (write-guard.ts).
 */

const dataKeyOf = async (tx: Tx, ctx: AppContext, tenantId: string, personId: string) =>
  (await subjectKey(tx, ctx, tenantId, personId)) ?? (await createSubjectKey(tx, ctx, tenantId, personId));

/** The person's row with sealed columns opened; not_found when absent or not visible to the actor. */
const currentPerson = async (tx: Tx, ctx: AppContext, actor: Actor, personId: string) => {
  const row = await persons.findPerson(tx, personId, visibilityOf(actor));
  if (!row) throw new AppError('not_found', { params: { entity: 'person' } });
  return openPersonRow(tx, ctx, actor.tenantId, row);
};

/** Database columns of API person fields (the personal fields a rectification or a lock writes). */
const columnsOf = (patch: Record<string, unknown>): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  const map: Record<string, string> = {
    firstName: 'first_name',
    lastName: 'last_name',
    email: 'email',
    phone: 'phone',
    birthDate: 'birth_date',
    jobTitle: 'job_title',
    notes: 'notes',
    accessibilityNeeds: 'accessibility_needs',
    specialCategoryBasis: 'accessibility_legal_basis',
  };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (key === 'address') Object.assign(out, addressColumns(value as never));
    else if (map[key]) out[map[key]] = value;
  }
  return out;
};

/** Writes columns of a person (sealed where they must be), bumping the version; old/new values by API field. */
const writeColumns = async (
  tx: Tx,
  ctx: AppContext,
  tenantId: string,
  current: persons.PersonRow,
  values: Record<string, unknown>,
) => {
  const change = changedFields(current, values);
  if (change.fields.length === 0) return change;
  const dataKey = await dataKeyOf(tx, ctx, tenantId, current.id);
  await persons.updatePerson(tx, current.id, current.version, sealPersonColumns(dataKey, current.id, values));
  return change;
};

/** Art. 16: applies corrections (API field names of PersonPatch) in one step, audited. Owner: subject-rights. */
export const rectifyPerson = async (
  tx: Tx,
  ctx: AppContext,
  input: { actor: Actor; personId: string; requestId: string; corrections: Record<string, unknown> },
): Promise<{ fields: string[] }> => {
  const { actor, personId, requestId } = input;
  const keys = Object.keys(input.corrections).filter((k) => input.corrections[k] !== undefined);
  if (keys.length === 0) throw new AppError('nothing_to_rectify');
  const foreign = keys.filter((k) => !(RECTIFIABLE_FIELDS as readonly string[]).includes(k));
  if (foreign.length > 0)
    throw new AppError('validation_failed', {
      details: foreign.map((path) => ({ path, message: 'not a rectifiable field' })),
    });
  // the same validation as a PATCH of the person
  const parsed = PersonPatch.safeParse({ version: 1, ...input.corrections });
  if (!parsed.success)
    throw new AppError('validation_failed', {
      details: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  // stored like every other write: the phone in E.164 (422 phone_invalid otherwise), the e-mail normalised
  const corrections = await normaliseContact(
    tx,
    Object.fromEntries(
      Object.entries(parsed.data).filter(([k, v]) => k !== 'version' && v !== undefined),
    ) as { email?: string | null; phone?: string | null },
  );
  const current = await currentPerson(tx, ctx, actor, personId);
  // a restricted person may be rectified (Art. 18(1)(a): that is what ends the dispute); a locked field
  // may not be refilled, and an erased person's e-mail or phone may not come back
  const locked = firstLockedWrite(keys, (await repo.findGuardFacts(tx, personId))?.locked_fields ?? []);
  if (locked) throw new AppError('field_locked', { params: { field: locked.field } });
  const email = corrections.email as string | null | undefined;
  const phone = corrections.phone as string | null | undefined;
  if (email || phone) await assertNotSuppressed(tx, ctx, { tenantId: actor.tenantId, email, phone });
  const change = await writeColumns(tx, ctx, actor.tenantId, current, columnsOf(corrections));
  if (change.fields.length > 0)
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'update',
      subject: { type: 'person', id: personId },
      fields: change.fields,
      values: { old: change.old, new: change.new },
      note: `rectification (Art. 16 GDPR), request ${requestId}`,
    });
  return { fields: change.fields };
};

/** Art. 18: the person is only stored from now on. Owner: subject-rights. */
export const restrictPerson = async (
  tx: Tx,
  ctx: AppContext,
  input: { actor: Actor; personId: string; requestId: string | null; reason: string },
): Promise<void> => {
  const { actor, personId } = input;
  const current = await currentPerson(tx, ctx, actor, personId);
  const reason = input.reason.trim().slice(0, REASON_MAX) || null;
  const at = current.restricted_at ?? ctx.now();
  const dataKey = await dataKeyOf(tx, ctx, actor.tenantId, personId);
  const sealed = sealPersonColumns(dataKey, personId, { restriction_reason: reason });
  await repo.setRestriction(tx, personId, at, sealed.restriction_reason ?? null);
  await recordAudit(tx, ctx, actor.tenantId, {
    actor,
    action: 'update',
    subject: { type: 'person', id: personId },
    fields: ['restriction'],
    values: {
      old: {
        restriction: current.restricted_at
          ? { at: current.restricted_at.toISOString(), reason: current.restriction_reason }
          : null,
      },
      new: { restriction: { at: at.toISOString(), reason } },
    },
    note: `restriction (Art. 18 GDPR)${input.requestId ? `, request ${input.requestId}` : ''}`,
  });
};

/** Art. 21: an objection to direct marketing, honoured everywhere marketing reaches. Owner: subject-rights. */
export const recordObjection = async (
  tx: Tx,
  ctx: AppContext,
  input: { actor: Actor; personId: string; requestId: string | null },
): Promise<void> => {
  const { actor, personId } = input;
  const current = await currentPerson(tx, ctx, actor, personId);
  const at = current.marketing_objection_at ?? ctx.now();
  const after = purposesAfterObjection(current.purposes);
  await repo.setObjection(tx, personId, at, after.purposes);
  await recordAudit(tx, ctx, actor.tenantId, {
    actor,
    action: 'update',
    subject: { type: 'person', id: personId },
    fields: after.removed.length > 0 ? ['marketingObjection', 'purposes'] : ['marketingObjection'],
    values: {
      old: {
        marketingObjectionAt: current.marketing_objection_at?.toISOString() ?? null,
        purposes: current.purposes,
      },
      new: { marketingObjectionAt: at.toISOString(), purposes: after.purposes },
    },
    note:
      `objection to direct marketing (Art. 21 GDPR)${input.requestId ? `, request ${input.requestId}` : ''}` +
      (after.onlyMarketing ? '; marketing was the only purpose: consider erasure (Art. 17(1)(c))' : ''),
  });
};

/**
 * Lifts a restriction (DPO). Art. 18(3): the person must be informed before the restriction is lifted;
 * the audit entry records that duty (the letter is `restriction_confirmation`, letters module).
 */
export const liftRestriction = (ctx: AppContext, actor: Actor, personId: string) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    if (!canDo({ role: actor.role, action: 'requests.manage' })) throw new AppError('forbidden');
    const current = await currentPerson(tx, ctx, actor, personId);
    if (current.restricted_at) {
      await repo.setRestriction(tx, personId, null, null);
      await recordAudit(tx, ctx, actor.tenantId, {
        actor,
        action: 'update',
        subject: { type: 'person', id: personId },
        fields: ['restriction'],
        values: {
          old: {
            restriction: { at: current.restricted_at.toISOString(), reason: current.restriction_reason },
          },
          new: { restriction: null },
        },
        note: 'restriction lifted (Art. 18 GDPR); the person is to be informed of the lifting (Art. 18(3))',
      });
    }
    return loadPerson(tx, ctx, actor, personId);
  });

// ---- field locks ----------------------------------------------------------------------------------

const lockReasonRef = (personId: string, field: string) => ({
  table: 'field_locks',
  recordId: `${personId}:${field}`,
  column: 'reason',
});

const toFieldLock = (row: repo.FieldLockRow, dataKey: Buffer | null) => ({
  field: row.field as LockableField,
  reason: openValue(dataKey, lockReasonRef(row.person_id, row.field), row.reason),
  requestId: row.request_id,
  lockedAt: row.locked_at.toISOString(),
  lockedBy: row.locked_by ? { id: row.locked_by, displayName: row.locked_by_name ?? '' } : null,
});

/** A person's field locks with their reasons opened (also for the access export, subject-data). */
export const locksOf = async (tx: Tx, ctx: AppContext, tenantId: string, personId: string) => {
  const rows = await repo.listFieldLocks(tx, personId);
  const dataKey = rows.some((r) => r.reason) ? await subjectKey(tx, ctx, tenantId, personId) : null;
  return rows.map((row) => toFieldLock(row, dataKey));
};

export const listFieldLocks = (ctx: AppContext, actor: Actor, personId: string) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    await assertPersonVisible(tx, actor, personId);
    return { items: await locksOf(tx, ctx, actor.tenantId, personId), lockable: [...LOCKABLE_FIELDS] };
  });

/**
 * Locks a field the person refused and empties it (audited with the old value), in the caller's
 * transaction; for the request flow (erasure of one kind of data, objection) and the route below.
 * Locking a locked field changes nothing.
 */
export const lockField = async (
  tx: Tx,
  ctx: AppContext,
  input: {
    actor: Actor;
    personId: string;
    field: LockableField;
    reason: string | null;
    requestId: string | null;
  },
) => {
  const { actor, personId, field } = input;
  const current = await currentPerson(tx, ctx, actor, personId);
  const reason = input.reason?.trim().slice(0, REASON_MAX) || null;
  const dataKey = await dataKeyOf(tx, ctx, actor.tenantId, personId);
  const inserted = await repo.insertFieldLock(tx, {
    tenant_id: actor.tenantId,
    person_id: personId,
    field,
    reason: sealValue(dataKey, lockReasonRef(personId, field), reason) ?? null,
    request_id: input.requestId,
    locked_by: actor.userId,
    locked_at: ctx.now(),
  });
  if (!inserted) return;
  const clearing = clearingPatch(field);
  const change = await writeColumns(tx, ctx, actor.tenantId, current, columnsOf(clearing));
  if (Array.isArray(clearing.tagIds)) {
    const before = ((await persons.tagsOfPersons(tx, [personId])).get(personId) ?? []).map((t) => t.id);
    if (before.length > 0) {
      await persons.setPersonTags(tx, actor.tenantId, personId, []);
      change.fields.push('tags');
      change.old.tags = before;
      change.new.tags = [];
    }
  }
  // the photo (issue 8) lives in a table of its own: locking it deletes it
  if (field === 'photo' && (await deletePhotoWithin(tx, personId)) > 0) {
    change.fields.push('photo');
    change.new.photo = null;
  }
  await recordAudit(tx, ctx, actor.tenantId, {
    actor,
    action: 'update',
    subject: { type: 'person', id: personId },
    fields: ['fieldLocks', ...change.fields],
    values: { old: change.old, new: { ...change.new, fieldLock: { field, reason } } },
    note: `field locked: ${field}${input.requestId ? `, request ${input.requestId}` : ''}`,
  });
};

const assertMayManage = (actor: Actor, field: LockableField) => {
  if (!mayManageFieldLock(actor.role, field)) throw new AppError('forbidden');
};

export const setFieldLock = (
  ctx: AppContext,
  actor: Actor,
  personId: string,
  field: LockableField,
  input: FieldLockSetInput,
) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMayManage(actor, field);
    await lockField(tx, ctx, { actor, personId, field, reason: input.reason ?? null, requestId: null });
    const lock = (await locksOf(tx, ctx, actor.tenantId, personId)).find((l) => l.field === field);
    if (!lock) throw new AppError('internal_error');
    return lock;
  });

/** Lifts a field lock (the person agreed again); the field stays empty until someone writes it. */
export const removeFieldLock = (ctx: AppContext, actor: Actor, personId: string, field: LockableField) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMayManage(actor, field);
    await currentPerson(tx, ctx, actor, personId);
    if (await repo.deleteFieldLock(tx, personId, field))
      await recordAudit(tx, ctx, actor.tenantId, {
        actor,
        action: 'update',
        subject: { type: 'person', id: personId },
        fields: ['fieldLocks'],
        values: { old: { fieldLock: field }, new: { fieldLock: null } },
        note: `field lock lifted: ${field}`,
      });
  });
