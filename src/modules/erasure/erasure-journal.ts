import { asSystem, inTenant } from '../../db/tenant.ts';
import type { AppContext } from '../../server/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { shredSubjectKey } from '../keys/keys.service.ts';
import * as repo from './erasure.repository.ts';
import { eraseWithin } from './erasure.service.ts';
import { appendJournalEntry, type JournalEntry, readJournal } from './erasure-journal-file.ts';
import { insertSuppressionHashes } from './suppressions.service.ts';

export { appendJournalEntry, type JournalEntry, readJournal };

/**
 * Re-applies every erasure of the journal file (kept outside the database) whose person exists
 * again, e.g. after a restore. Idempotent. Owner: erasure; used by backup (custos restore).
 *
 * For every entry: a person that exists again is erased again (as the system, keeping the original
 * time and request); for every entry the suppression entries, the erasures row and the shredded key
 * are made sure of, even when the restored data never held the person (erased after the dump was
 * made, created after it too). Entries of tenants this database does not hold are skipped.
 * `reapplied` counts the persons erased again.
 */
export const reapplyErasures = async (ctx: AppContext): Promise<{ entries: number; reapplied: number }> => {
  const entries = await readJournal(ctx.config.erasureJournalPath);
  if (entries.length === 0) return { entries: 0, reapplied: 0 };
  const tenants = new Set(
    await asSystem(ctx.db.kysely, async (tx) =>
      (await tx.selectFrom('tenants').select('id').execute()).map((t) => t.id),
    ),
  );
  let reapplied = 0;
  for (const entry of entries) {
    if (!tenants.has(entry.tenantId)) continue;
    const again = await inTenant(ctx.db.kysely, entry.tenantId, async (tx) => {
      const exists = await repo.personExists(tx, entry.personId);
      if (exists)
        await eraseWithin(
          tx,
          ctx,
          { actor: null, tenantId: entry.tenantId, personId: entry.personId, requestId: entry.requestId },
          {
            journal: false,
            erasedAt: new Date(entry.erasedAt),
            ...(entry.retention ? { retention: { dataTypeId: entry.retention } } : {}),
          },
        );
      await ensureErased(tx, ctx, entry, exists);
      return exists;
    });
    if (again) reapplied += 1;
  }
  return { entries: entries.length, reapplied };
};

const ensureErased = async (
  tx: Parameters<typeof repo.personExists>[0],
  ctx: AppContext,
  entry: JournalEntry,
  erasedNow: boolean,
) => {
  await insertSuppressionHashes(tx, entry.tenantId, entry.suppressions, 'erasure', entry.requestId);
  // a key restored with an older dump is shredded again (no-op when it is shredded or absent)
  const shredded = erasedNow ? false : (await shredSubjectKey(tx, ctx, entry.personId)) !== undefined;
  const inserted = await repo.insertErasure(tx, {
    tenant_id: entry.tenantId,
    person_id: entry.personId,
    request_id: entry.requestId,
    erased_at: new Date(entry.erasedAt),
    erased_by: null,
    summary: JSON.stringify({
      deleted: {},
      retainedInvoices: 0,
      suppressions: entry.suppressions.length,
      reappliedAt: ctx.now().toISOString(),
      keyShredded: shredded,
    }),
  });
  if (!erasedNow && (inserted > 0 || shredded))
    await recordAudit(tx, ctx, entry.tenantId, {
      actor: null,
      action: 'erase',
      subject: { type: 'person', id: entry.personId },
      note: 'erasure journal re-applied: record of the erasure restored',
    });
};
