import { inTenant } from '../../db/tenant.ts';
import { AppError } from '../../domain/errors.ts';
import { canDo } from '../../domain/permissions/roles.ts';
import { ADEQUACY_DECISIONS } from '../../domain/transfers/countries.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { toRecipient } from './recipients.mapper.ts';
import * as recipients from './recipients.repository.ts';
import * as repo from './register.repository.ts';
import { AVV_MAX_BYTES, type AvvUploadInput } from './register.schemas.ts';

/**
 * The system and processor register (data map): every place personal data lives, with its transfer
 * mechanism and AVV. Entries are recipients (created and changed through /recipients); this adds the
 * register view and the AVV document. Read: ropa.read or recipients.manage; write: recipients.manage.
 */

const assertMayRead = (actor: Actor) => {
  if (
    !canDo({ role: actor.role, action: 'ropa.read' }) &&
    !canDo({ role: actor.role, action: 'recipients.manage' })
  )
    throw new AppError('forbidden');
};

export const listRegister = (
  ctx: AppContext,
  actor: Actor,
  query: { includeArchived: boolean; locale: 'de' | 'en' },
) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMayRead(actor);
    const items = (await recipients.listRecipients(tx, query.includeArchived)).map(toRecipient);
    const active = items.filter((i) => i.archivedAt === null);
    const counting = (warning: string) =>
      active.filter((i) => i.assessment.warnings.includes(warning as never)).length;
    return {
      items,
      adequacyDecisions: ADEQUACY_DECISIONS.map((d) => ({
        country: d.country,
        name: query.locale === 'de' ? d.nameDe : d.nameEn,
        reference: d.reference,
        scope: d.scope,
        scopeNote: d.scopeNote ? d.scopeNote[query.locale] : null,
      })),
      counts: {
        processorWithoutAvv: counting('avv_missing'),
        transferWithoutMechanism: counting('transfer_without_mechanism'),
      },
    };
  });

const PDF_MAGIC = Buffer.from('%PDF-');

/** Stores the signed AVV of an entry (a PDF of at most 5 MiB), replacing an earlier one. */
export const uploadAvv = (ctx: AppContext, actor: Actor, id: string, input: AvvUploadInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    if (!canDo({ role: actor.role, action: 'recipients.manage' })) throw new AppError('forbidden');
    const current = await recipients.findRecipient(tx, id);
    if (!current) throw new AppError('not_found', { params: { entity: 'recipient' } });
    const file = Buffer.from(input.contentBase64, 'base64');
    if (file.length === 0 || file.length > AVV_MAX_BYTES || !file.subarray(0, 5).equals(PDF_MAGIC))
      throw new AppError('avv_document_invalid', { params: { maxMb: AVV_MAX_BYTES / 1024 / 1024 } });
    await repo.storeAvv(tx, id, { fileName: input.fileName, file, uploadedAt: ctx.now() });
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'settings_change',
      fields: ['recipient.avv_file'],
      note: `recipient ${id}: AVV document ${current.avv_file_name ? 'replaced' : 'uploaded'} (${file.length} bytes)`,
    });
    const row = await recipients.findRecipient(tx, id);
    if (!row) throw new Error('recipient vanished');
    return toRecipient(row);
  });

/** The stored AVV document; 404 when the entry has none. */
export const downloadAvv = (ctx: AppContext, actor: Actor, id: string) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMayRead(actor);
    const row = await repo.findAvv(tx, id);
    if (!row) throw new AppError('not_found', { params: { entity: 'recipient' } });
    if (!row.avv_file || !row.avv_file_name)
      throw new AppError('not_found', { params: { entity: 'avv_document' } });
    return { fileName: row.avv_file_name, file: Buffer.from(row.avv_file) };
  });
