import { asSystem, inTenant } from '../../db/tenant.ts';
import type { AppContext } from '../../server/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { shredSubjectKey } from '../keys/keys.service.ts';
import * as repo from './erasure.repository.ts';
import { eraseWithin } from './erasure.service.ts';
import { appendJournalEntry, type JournalEntry, readJournal } from './erasure-journal-file.ts';
import { insertSuppressionHashes } from './suppressions.service.ts';

export { appendJournalEntry, type JournalEntry, readJournal };

/** An entry left without outcome line and without a database that records it: not re-applied. */
export type UnresolvedEntry = { id: string; tenantId: string; personId: string; erasedAt: string };

/**
 * Re-applies every erasure of the journal (kept outside the database; one file or a directory of
 * per-instance files, read as one) whose person exists again, e.g. after a restore. Idempotent.
 * Owner: erasure; used by backup (custos restore).
 *
 * Which entries count: a line with outcome `committed` and a line from before outcome lines (no id)
 * are re-applied; `rolledBack` is skipped (re-applying an erasure that did not happen would delete
 * data the installation kept). A line without outcome (the process ended between the line and the
 * end of its transaction) is re-applied only if an erasures row for the person is known: in the
 * restored data, or in the database the restore replaced (`erasedBefore`, keys `tenant:person`);
 * otherwise it is returned as unresolved for the operator to check.
 *
 * For every entry re-applied: a person that exists again is erased again (as the system, keeping the
 * original time and request); the suppression entries, the erasures row and the shredded key are made
 * sure of, even when the restored data never held the person. Entries of tenants this database does
 * not hold are skipped. `reapplied` counts the persons erased again.
 */
export const reapplyErasures = async (
  ctx: AppContext,
  options: { erasedBefore?: ReadonlySet<string> } = {},
): Promise<{ entries: number; reapplied: number; rolledBack: number; unresolved: UnresolvedEntry[] }> => {
  const entries = await readJournal(ctx.config.erasureJournalPath);
  const none = { entries: 0, reapplied: 0, rolledBack: 0, unresolved: [] };
  if (entries.length === 0) return none;
  const { tenants, recorded } = await asSystem(ctx.db.kysely, async (tx) => ({
    tenants: new Set((await tx.selectFrom('tenants').select('id').execute()).map((t) => t.id)),
    recorded: new Set(
      (await tx.selectFrom('erasures').select(['tenant_id', 'person_id']).execute()).map(
        (e) => `${e.tenant_id}:${e.person_id}`,
      ),
    ),
  }));
  let reapplied = 0;
  let rolledBack = 0;
  const unresolved: UnresolvedEntry[] = [];
  const done = new Set<string>();
  for (const entry of entries) {
    if (!tenants.has(entry.tenantId)) continue;
    const key = `${entry.tenantId}:${entry.personId}`;
    if (entry.outcome === 'rolledBack') {
      rolledBack += 1;
      continue;
    }
    if (entry.id && !entry.outcome && !recorded.has(key) && !options.erasedBefore?.has(key)) {
      unresolved.push({
        id: entry.id,
        tenantId: entry.tenantId,
        personId: entry.personId,
        erasedAt: entry.erasedAt,
      });
      continue;
    }
    if (done.has(key)) continue;
    done.add(key);
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
  // an entry left open is settled by a later entry of the same person that was re-applied
  const open = unresolved.filter((u) => !done.has(`${u.tenantId}:${u.personId}`));
  return { entries: entries.length, reapplied, rolledBack, unresolved: open };
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
