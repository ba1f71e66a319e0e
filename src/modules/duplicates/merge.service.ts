import { randomUUID } from 'node:crypto';
import { inTenant } from '../../db/tenant.ts';
import { visibilityOf } from '../../db/visibility.ts';
import { AppError } from '../../domain/errors.ts';
import { fieldsFromMerged, mergeRefusal, survivorPatch } from '../../domain/matching/merge-plan.ts';
import {
  defaultChoices,
  type MergeField,
  type MergeSide,
  resolveChoices,
  type SurvivorshipRecord,
  unite,
} from '../../domain/matching/survivorship.ts';
import { canDo, canWrite } from '../../domain/permissions/roles.ts';
import type { DataCategory } from '../../domain/privacy/data-categories.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { createSubjectKey, sealValue, subjectKey } from '../keys/keys.service.ts';
import * as persons from '../persons/persons.repository.ts';
import { openPersonRow, sealPersonColumns } from '../persons/persons.sealed.ts';
import { loadPerson } from '../persons/persons.service.ts';
import { guardPersonWrite } from '../subject-rights/write-guard.ts';
import { refreshMatchKeys } from './match-keys.ts';
import * as repo from './merge.repository.ts';
import { resealAndMove } from './merge.reseal.ts';

export type MergeInput = {
  survivorId: string;
  mergedId: string;
  survivorVersion: number;
  mergedVersion: number;
  fields?: Partial<Record<MergeField, MergeSide>>;
};

/** The data category a user needs write access to for taking a field from the merged record. */
const FIELD_CATEGORY: Record<MergeField, DataCategory> = {
  kind: 'identity',
  firstName: 'identity',
  lastName: 'identity',
  birthDate: 'identity',
  jobTitle: 'identity',
  organization: 'identity',
  email: 'contact',
  phone: 'contact',
  address: 'address',
  notes: 'communication',
  accessibilityNeeds: 'special_health',
};

type Row = Awaited<ReturnType<typeof persons.findPerson>> & object;

const survivorshipOf = (r: Row): SurvivorshipRecord => ({
  values: {
    kind: r.kind,
    firstName: r.first_name,
    lastName: r.last_name,
    email: r.email,
    phone: r.phone,
    birthDate: r.birth_date,
    jobTitle: r.job_title,
    address: { street: r.street, postalCode: r.postal_code, city: r.city, country: r.country },
    organization: r.organization_id,
    notes: r.notes,
    accessibilityNeeds: r.accessibility_needs,
  },
  updatedAt: r.updated_at,
  verifiedAt: (r as { verified_at?: Date | null }).verified_at ?? null,
});

const iso = (d: Date | string | null) => (d == null ? null : d instanceof Date ? d.toISOString() : d);

/**
 * POST /persons/merge: merges `mergedId` into `survivorId` in one transaction, only on this explicit
 * call. Everything that refers to the merged person moves to the survivor (values sealed under its key
 * re-sealed under the survivor's), the survivor takes the chosen fields, purposes, tags and departments
 * are united, the merged person's provenance and a sealed snapshot of its values stay in person_merges,
 * and the merged person row is deleted. Its data key is kept (its audit entries and earlier requests
 * stay readable); the survivor's erasure shreds it (erasure).
 */
export const mergePersons = (ctx: AppContext, actor: Actor, input: MergeInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    if (
      !canDo({ role: actor.role, action: 'persons.merge' }) ||
      !canWrite({ role: actor.role, category: 'identity' })
    )
      throw new AppError('forbidden');
    if (input.survivorId === input.mergedId) throw new AppError('merge_same_person');
    const visibility = visibilityOf(actor);
    const survivorRow = await persons.findPerson(tx, input.survivorId, visibility);
    const mergedRow = await persons.findPerson(tx, input.mergedId, visibility);
    if (!survivorRow || !mergedRow) throw new AppError('not_found', { params: { entity: 'person' } });
    const today = ctx.now().toISOString().slice(0, 10);
    const [sFacts, mFacts] = [
      await repo.mergeFacts(tx, survivorRow.id, today),
      await repo.mergeFacts(tx, mergedRow.id, today),
    ];
    const refusal = mergeRefusal({
      survivor: {
        id: survivorRow.id,
        version: survivorRow.version,
        expectedVersion: input.survivorVersion,
        restricted: survivorRow.restricted_at !== null,
        ...sFacts,
      },
      merged: {
        id: mergedRow.id,
        version: mergedRow.version,
        expectedVersion: input.mergedVersion,
        restricted: mergedRow.restricted_at !== null,
        ...mFacts,
      },
    });
    if (refusal === 'version_conflict')
      throw new AppError('version_conflict', {
        params: {
          current: survivorRow.version !== input.survivorVersion ? survivorRow.version : mergedRow.version,
        },
      });
    if (refusal) throw new AppError(refusal);

    const survivorKey =
      (await subjectKey(tx, ctx, actor.tenantId, survivorRow.id)) ??
      (await createSubjectKey(tx, ctx, actor.tenantId, survivorRow.id));
    const mergedKey = await subjectKey(tx, ctx, actor.tenantId, mergedRow.id);
    const survivor = await openPersonRow(tx, ctx, actor.tenantId, survivorRow);
    const merged = await openPersonRow(tx, ctx, actor.tenantId, mergedRow);

    const defaults = defaultChoices({ survivor: survivorshipOf(survivor), merged: survivorshipOf(merged) });
    const picked = input.fields ?? {};
    // a field the user picks from the merged record needs write access to its category; defaults move
    // data that is already held and need none
    for (const [field, side] of Object.entries(picked) as [MergeField, MergeSide][])
      if (
        side === 'merged' &&
        defaults[field] !== 'merged' &&
        !canWrite({ role: actor.role, category: FIELD_CATEGORY[field] })
      )
        throw new AppError('field_not_writable', { params: { field, category: FIELD_CATEGORY[field] } });
    const choices = resolveChoices({ defaults, picked });
    const taken = fieldsFromMerged(choices);
    const patch = survivorPatch({ choices, merged: merged as unknown as Record<string, unknown> });
    if ('accessibility_needs' in patch && !patch.accessibility_needs) patch.accessibility_legal_basis = null;
    const purposes = unite(survivor.purposes, merged.purposes);
    const departments = unite(survivor.department_ids, merged.department_ids);
    const mergedTags = await repo.tagIdsOf(tx, merged.id);
    await guardPersonWrite(tx, ctx, {
      tenantId: actor.tenantId,
      personId: survivor.id,
      fields: taken,
      email: taken.includes('email') ? merged.email : undefined,
      phone: taken.includes('phone') ? merged.phone : undefined,
      purposes: purposes.length > survivor.purposes.length ? purposes : undefined,
    });

    // everything that refers to the merged person moves to the survivor
    const sealed = await resealAndMove(tx, {
      tenantId: actor.tenantId,
      from: merged.id,
      to: survivor.id,
      fromKey: mergedKey,
      toKey: survivorKey,
    });
    const plain = await repo.movePlain(tx, merged.id, survivor.id);
    const recipients = await repo.moveCampaignRecipients(tx, merged.id, survivor.id);
    await repo.moveReferences(tx, merged.id, survivor.id);
    await repo.addTags(tx, actor.tenantId, survivor.id, mergedTags);

    // the merge record: provenance in the clear, the merged person's values sealed under the survivor's key
    const mergeId = randomUUID();
    const snapshot = {
      kind: merged.kind,
      firstName: merged.first_name,
      lastName: merged.last_name,
      email: merged.email,
      phone: merged.phone,
      birthDate: merged.birth_date,
      jobTitle: merged.job_title,
      street: merged.street,
      postalCode: merged.postal_code,
      city: merged.city,
      country: merged.country,
      notes: merged.notes,
      accessibilityNeeds: merged.accessibility_needs,
      accessibilityLegalBasis: merged.accessibility_legal_basis,
      organizationId: merged.organization_id,
      departmentIds: merged.department_ids,
      tagIds: mergedTags,
    };
    const now = ctx.now();
    await repo.insertMerge(tx, {
      id: mergeId,
      tenant_id: actor.tenantId,
      survivor_id: survivor.id,
      merged_person_id: merged.id,
      field_choices: JSON.stringify(choices),
      provenance: JSON.stringify({
        kind: merged.kind,
        legalBasis: merged.legal_basis,
        purposes: merged.purposes,
        sourceKind: merged.source_kind,
        sourceDetail: merged.source_detail,
        collectedAt: iso(merged.collected_at),
        collectedBy: merged.collected_by,
        expiresAt: iso(merged.expires_at),
        createdAt: iso(merged.created_at),
        importId: (merged as { import_id?: string | null }).import_id ?? null,
      }),
      snapshot_enc:
        sealValue(
          survivorKey,
          { table: 'person_merges', recordId: mergeId, column: 'snapshot' },
          JSON.stringify(snapshot),
        ) ?? null,
      merged_by: actor.userId,
      merged_at: now,
    });
    await repo.settleSuggestions(tx, {
      tenantId: actor.tenantId,
      survivorId: survivor.id,
      mergedId: merged.id,
      by: actor.userId,
      at: now,
    });
    if (!(await repo.deletePerson(tx, merged.id, input.mergedVersion)))
      throw new AppError('version_conflict', { params: { current: mergedRow.version } });

    const values = {
      ...patch,
      purposes,
      department_ids: departments,
      ...(merged.expires_at && survivor.expires_at && merged.expires_at > survivor.expires_at
        ? { expires_at: merged.expires_at }
        : {}),
    };
    const updated = await persons.updatePerson(
      tx,
      survivor.id,
      input.survivorVersion,
      sealPersonColumns(survivorKey, survivor.id, values as unknown as Record<string, string | null>),
    );
    if (!updated) throw new AppError('version_conflict', { params: { current: survivorRow.version } });
    await refreshMatchKeys(tx, { tenantId: actor.tenantId, personIds: [survivor.id] });

    const before = survivor as unknown as Record<string, unknown>;
    const changed = Object.keys(values).filter(
      (c) =>
        JSON.stringify(before[c] ?? null) !== JSON.stringify((values as Record<string, unknown>)[c] ?? null),
    );
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'merge',
      subject: { type: 'person', id: survivor.id },
      fields: taken,
      values: {
        old: Object.fromEntries(changed.map((c) => [c, before[c] ?? null])),
        new: {
          ...Object.fromEntries(changed.map((c) => [c, (values as Record<string, unknown>)[c] ?? null])),
          mergedPersonId: merged.id,
          choices,
          moved: { ...sealed, ...plain, campaign_recipients: recipients, tags: mergedTags.length },
        },
      },
      note: `merged person ${merged.id} into ${survivor.id} (merge ${mergeId})`,
    });
    return {
      person: await loadPerson(tx, ctx, actor, survivor.id),
      mergeId,
      mergedPersonId: merged.id,
      choices,
    };
  });
