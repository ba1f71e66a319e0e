import { inTenant, type Tx } from '../../db/tenant.ts';
import { AppError } from '../../domain/errors.ts';
import { canRead, canWrite } from '../../domain/permissions/roles.ts';
import { isBiometricPurpose, isValidRetentionUntil } from '../../domain/photos/photo-rules.ts';
import { PERSON_FIELD_CATEGORIES } from '../../domain/privacy/data-categories.ts';
import { assertPrivacyFacts } from '../../domain/privacy/privacy-facts.ts';
import { berlinDay, isoDay } from '../../domain/service/business-calendar.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { readAudited } from '../audit/audit.reads.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { listPurposes } from '../catalogue/catalogue.repository.ts';
import { subjectKey } from '../keys/keys.service.ts';
import { assertPersonVisible } from '../persons/persons.service.ts';
import { guardPersonWrite } from '../subject-rights/write-guard.ts';
import { openImage, sealImage } from './photos.crypto.ts';
import { cleanPhoto } from './photos.image.ts';
import * as repo from './photos.repository.ts';
import type { PersonPhotoOutput, PhotoUploadInput } from './photos.schemas.ts';

/** The photo is identity data (data-categories.ts): who may read or write names may see or set it. */
const CATEGORY = PERSON_FIELD_CATEGORIES.photo;

const assertMayWrite = (actor: Actor) => {
  if (!canWrite({ role: actor.role, category: CATEGORY }))
    throw new AppError('field_not_writable', { params: { field: 'photo', category: CATEGORY } });
};
const assertMayRead = (actor: Actor) => {
  if (!canRead({ role: actor.role, category: CATEGORY }))
    throw new AppError('field_not_readable', { params: { field: 'photo', category: CATEGORY } });
};
const photoNotFound = () => new AppError('not_found', { params: { entity: 'photo' } });

const toPhoto = (row: repo.PhotoMetaRow): PersonPhotoOutput => ({
  personId: row.person_id,
  contentType: row.content_type as PersonPhotoOutput['contentType'],
  byteSize: row.byte_size,
  width: row.width,
  height: row.height,
  purpose: row.purpose_id,
  legalBasis: row.legal_basis as PersonPhotoOutput['legalBasis'],
  retentionUntil: row.retention_until,
  uploadedAt: row.uploaded_at.toISOString(),
});

/** The purpose must be in the catalogue, allow the basis, and not be biometric identification. */
const assertPurpose = async (tx: Tx, ctx: AppContext, input: PhotoUploadInput) => {
  const catalogue = await listPurposes(tx);
  assertPrivacyFacts({
    facts: {
      legalBasis: input.legalBasis,
      purposes: [input.purpose],
      collectedAt: ctx.now(),
      holdsSpecialCategory: false,
    },
    catalogue,
  });
  const purpose = catalogue.find((p) => p.id === input.purpose);
  if (purpose && isBiometricPurpose(purpose))
    throw new AppError('photo_biometric_purpose', { params: { purpose: input.purpose } });
};

/**
 * Stores (or replaces) a person's photo: purpose and basis checked, the image checked by its magic
 * bytes and re-encoded without metadata (before the transaction: no CPU work while it is open), then
 * sealed under the person's data key. Audited as a change of the person's `photo` field.
 */
export const putPhoto = async (ctx: AppContext, actor: Actor, personId: string, input: PhotoUploadInput) => {
  assertMayWrite(actor);
  const today = isoDay(berlinDay(ctx.now()));
  if (input.retentionUntil && !isValidRetentionUntil({ retentionUntil: input.retentionUntil, today }))
    throw new AppError('photo_retention_invalid');
  const clean = await cleanPhoto({ bytes: Buffer.from(input.image, 'base64') });
  return inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    await assertPersonVisible(tx, actor, personId);
    await guardPersonWrite(tx, ctx, {
      tenantId: actor.tenantId,
      personId,
      fields: ['photo'],
      purposes: [input.purpose],
    });
    await assertPurpose(tx, ctx, input);
    const dataKey = await subjectKey(tx, ctx, actor.tenantId, personId);
    if (!dataKey) throw new AppError('not_found', { params: { entity: 'person' } });
    const before = await repo.findPhotoMeta(tx, personId);
    await repo.upsertPhoto(tx, {
      tenant_id: actor.tenantId,
      person_id: personId,
      content_type: clean.contentType,
      image_enc: sealImage({ dataKey, personId, image: clean.image }),
      byte_size: clean.image.length,
      width: clean.width,
      height: clean.height,
      purpose_id: input.purpose,
      legal_basis: input.legalBasis,
      retention_until: input.retentionUntil ?? null,
      uploaded_at: ctx.now(),
      uploaded_by: actor.userId,
    });
    const facts = (row: { purpose: string; legalBasis: string; retentionUntil: string | null }) => ({
      photo: { purpose: row.purpose, legalBasis: row.legalBasis, retentionUntil: row.retentionUntil },
    });
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'update',
      subject: { type: 'person', id: personId },
      fields: ['photo'],
      values: {
        ...(before ? { old: facts(toPhoto(before)) } : {}),
        new: facts({ ...input, retentionUntil: input.retentionUntil ?? null }),
      },
      note: `photo ${before ? 'replaced' : 'uploaded'} (${clean.contentType}, ${clean.image.length} bytes)`,
    });
    const row = await repo.findPhotoMeta(tx, personId);
    if (!row) throw new Error('photo vanished');
    return toPhoto(row);
  });
};

/** The photo's facts without the image; 404 when the person has none. */
export const getPhotoInfo = (ctx: AppContext, actor: Actor, personId: string) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMayRead(actor);
    await assertPersonVisible(tx, actor, personId);
    const row = await repo.findPhotoMeta(tx, personId);
    if (!row) throw photoNotFound();
    return toPhoto(row);
  });

/** The image itself, opened with the person's data key; the read is recorded in the audit trail. */
export const getPhotoImage = (ctx: AppContext, actor: Actor, personId: string) =>
  readAudited(
    ctx,
    actor.tenantId,
    async (tx) => {
      assertMayRead(actor);
      await assertPersonVisible(tx, actor, personId);
      const row = await repo.findPhoto(tx, personId);
      if (!row) throw photoNotFound();
      const dataKey = await subjectKey(tx, ctx, actor.tenantId, personId);
      if (!dataKey) throw photoNotFound();
      return {
        contentType: row.content_type,
        image: openImage({ dataKey, personId, sealed: Buffer.from(row.image_enc) }),
      };
    },
    () => ({ actor, action: 'read', subject: { type: 'person', id: personId }, fields: ['photo'] }),
  );

/** Deletes the photo (e.g. when consent is withdrawn); refused while the person is restricted (Art. 18). */
export const deletePhoto = (ctx: AppContext, actor: Actor, personId: string) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMayWrite(actor);
    await assertPersonVisible(tx, actor, personId);
    await guardPersonWrite(tx, ctx, { tenantId: actor.tenantId, personId, fields: [] });
    const before = await repo.findPhotoMeta(tx, personId);
    if (!before || (await repo.deletePhoto(tx, personId)) === 0) throw photoNotFound();
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'update',
      subject: { type: 'person', id: personId },
      fields: ['photo'],
      values: {
        old: { photo: { purpose: before.purpose_id, legalBasis: before.legal_basis } },
        new: { photo: null },
      },
      note: 'photo deleted',
    });
  });

/**
 * Deletes the photo inside the caller's transaction (a field lock on `photo`, the erasure); the
 * number of photos deleted. The caller records the audit entry.
 */
export const deletePhotoWithin = (tx: Tx, personId: string) => repo.deletePhoto(tx, personId);
