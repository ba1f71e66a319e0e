import type { Tx } from '../../db/tenant.ts';
import { DecryptionError } from '../../domain/crypto/secret-box.ts';
import type { AppContext } from '../../server/context.ts';
import { flushAudits } from '../audit/audit.service.ts';
import { openValue, sealValue, subjectKey } from '../keys/keys.service.ts';
import * as repo from './redaction.sources.repository.ts';

/**
 * The other places a person's text may have been copied to, scrubbed in the redaction's
 * transaction: the audit trail's sealed values (destroyed: the chain commits to their digest), mails
 * in the outbox, the cached access export of a request, its letters and merge snapshots (re-sealed with the removed
 * passages replaced). Returns counts, never text.
 */
export type Removed = { text: string; placeholder: string };

export type ScrubReport = {
  auditValuesDestroyed: number;
  /** entries written before migration 0020 commit to their ciphertext; it cannot go without breaking the chain */
  auditValuesLegacy: number;
  mails: number;
  exports: number;
  letters: number;
  merges: number;
};

const replaceIn = (text: string, removed: Removed[]) =>
  removed.reduce((out, r) => out.split(r.text).join(r.placeholder), text);

const containsAny = (text: string, removed: Removed[]) => removed.some((r) => text.includes(r.text));

/** Replaces the passages in every string of a JSON value. */
const scrubJson = (value: unknown, removed: Removed[]): unknown => {
  if (typeof value === 'string') return replaceIn(value, removed);
  if (Array.isArray(value)) return value.map((v) => scrubJson(v, removed));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubJson(v, removed)]));
  return value;
};

const tryOpen = (
  key: Buffer | null,
  r: { table: string; recordId: string; column: string },
  sealed: string | null,
) => {
  try {
    return openValue(key, r, sealed);
  } catch (error) {
    if (error instanceof DecryptionError) return null;
    throw error;
  }
};

const reseal = (
  key: Buffer,
  r: { table: string; recordId: string; column: string },
  sealed: string | null,
  removed: Removed[],
) => {
  const plain = tryOpen(key, r, sealed);
  if (plain == null || !containsAny(plain, removed)) return null;
  return sealValue(key, r, replaceIn(plain, removed)) as string;
};

export const scrubCopies = async (
  tx: Tx,
  ctx: AppContext,
  { tenantId, personId, removed }: { tenantId: string; personId: string | null; removed: Removed[] },
): Promise<ScrubReport> => {
  const report: ScrubReport = {
    auditValuesDestroyed: 0,
    auditValuesLegacy: 0,
    mails: 0,
    exports: 0,
    letters: 0,
    merges: 0,
  };
  if (!personId || removed.length === 0) return report;
  const key = await subjectKey(tx, ctx, tenantId, personId);

  const destroy: number[] = [];
  // entries recorded earlier in this transaction may hold the text too
  await flushAudits(tx, ctx);
  for (const entry of await repo.auditValuesOf(tx, personId)) {
    const seq = Number(entry.seq);
    const plain = tryOpen(
      key,
      { table: 'audit_log', recordId: `${tenantId}:${seq}`, column: 'values' },
      entry.values_enc,
    );
    if (plain == null || !containsAny(plain, removed)) continue;
    if (entry.values_digest) destroy.push(seq);
    else report.auditValuesLegacy += 1;
  }
  await repo.destroyAuditValues(tx, tenantId, destroy);
  report.auditValuesDestroyed = destroy.length;

  for (const mail of await repo.mailsOf(tx, personId)) {
    const texts = [mail.subject, mail.body_text, mail.body_html ?? ''];
    if (!texts.some((t) => containsAny(t, removed))) continue;
    await repo.setMail(tx, mail.id, {
      subject: replaceIn(mail.subject, removed),
      body_text: replaceIn(mail.body_text, removed),
      body_html: mail.body_html == null ? null : replaceIn(mail.body_html, removed),
    });
    report.mails += 1;
  }
  if (!key) return report;

  for (const request of await repo.requestExportsOf(tx, personId)) {
    const r = { table: 'dsr_requests', recordId: request.id, column: 'export' };
    const plain = tryOpen(key, r, request.export_enc);
    if (plain == null || !containsAny(plain, removed)) continue;
    let next: string;
    try {
      next = JSON.stringify(scrubJson(JSON.parse(plain), removed));
    } catch {
      next = replaceIn(plain, removed);
    }
    await repo.setRequestExport(tx, request.id, sealValue(key, r, next) as string);
    report.exports += 1;
  }
  for (const letter of await repo.lettersOf(tx, personId)) {
    const subject = reseal(
      key,
      { table: 'dsr_letters', recordId: letter.id, column: 'subject' },
      letter.subject_enc,
      removed,
    );
    const body = reseal(
      key,
      { table: 'dsr_letters', recordId: letter.id, column: 'body' },
      letter.body_enc,
      removed,
    );
    if (subject == null && body == null) continue;
    await repo.setLetter(tx, letter.id, {
      subject_enc: subject ?? letter.subject_enc,
      body_enc: body ?? letter.body_enc,
    });
    report.letters += 1;
  }
  for (const merge of await repo.mergeSnapshotsOf(tx, personId)) {
    const r = { table: 'person_merges', recordId: merge.id, column: 'snapshot' };
    const snapshot = reseal(key, r, merge.snapshot_enc, removed);
    if (snapshot == null) continue;
    await repo.setMergeSnapshot(tx, merge.id, snapshot);
    report.merges += 1;
  }
  return report;
};
