import { createHash, createHmac } from 'node:crypto';

/** What an audit entry commits to; `valuesEnc` is ciphertext under the subject's data key. */
export type AuditEntry = {
  tenantId: string;
  seq: number;
  at: string;
  actorUserId: string | null;
  actorTokenId: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  fields: string[];
  valuesEnc: string | null;
  /**
   * sha256 (hex) of `valuesEnc` when the entry was written: entries from migration 0020 on commit to
   * this digest instead of the ciphertext, so a redaction can destroy the ciphertext (ADR 0032).
   * Absent or null for older entries, which commit to the ciphertext itself.
   */
  valuesDigest?: string | null;
  note: string | null;
};

/** The digest an entry's sealed values are committed to. */
export const valuesDigestOf = (valuesEnc: string): string =>
  createHash('sha256').update(valuesEnc).digest('hex');

export type StoredAuditEntry = AuditEntry & { prevHash: string; hash: string };

/** Stable serialisation: fixed key order, so the same entry always hashes the same. */
export const canonicalEntry = (e: AuditEntry): string =>
  JSON.stringify([
    e.tenantId,
    e.seq,
    e.at,
    e.actorUserId,
    e.actorTokenId,
    e.action,
    e.subjectType,
    e.subjectId,
    e.fields,
    e.valuesDigest ? `sha256:${e.valuesDigest}` : e.valuesEnc,
    e.note,
  ]);

/** The hash that starts a tenant's chain. */
export const genesisHash = (chainKey: Buffer, tenantId: string): string =>
  createHmac('sha256', chainKey).update(`custos-audit-genesis:${tenantId}`).digest('hex');

/**
 * Each entry's hash is an HMAC (key derived from the master key) over the previous hash and the
 * entry, so inserting, deleting, reordering or altering an entry breaks the chain, and nobody
 * without the master key can forge a consistent replacement. It covers ciphertext (or, from migration
 * 0020 on, its digest): shredding a subject key leaves the chain intact, and a redaction may destroy
 * an entry's ciphertext without breaking it (ADR 0032).
 */
export const entryHash = (chainKey: Buffer, prevHash: string, entry: AuditEntry): string =>
  createHmac('sha256', chainKey).update(prevHash).update('\n').update(canonicalEntry(entry)).digest('hex');

export type ChainBreak = {
  seq: number;
  reason: 'gap' | 'prev_hash_mismatch' | 'hash_mismatch' | 'head_mismatch';
};

/**
 * Checks a tenant's entries in seq order, continuing from `state` (so large chains verify in batches).
 * Returns the new state, or the first break.
 */
export const verifyBatch = ({
  chainKey,
  entries,
  state,
}: {
  chainKey: Buffer;
  entries: readonly StoredAuditEntry[];
  state: { lastSeq: number; lastHash: string };
}): { ok: true; state: { lastSeq: number; lastHash: string } } | { ok: false; broken: ChainBreak } => {
  let { lastSeq, lastHash } = state;
  for (const e of entries) {
    if (e.seq !== lastSeq + 1) return { ok: false, broken: { seq: lastSeq + 1, reason: 'gap' } };
    if (e.prevHash !== lastHash) return { ok: false, broken: { seq: e.seq, reason: 'prev_hash_mismatch' } };
    const { prevHash: _p, hash, ...entry } = e;
    // values still present must be the ones committed to; destroyed values (null) leave the digest
    if (e.valuesDigest && e.valuesEnc != null && valuesDigestOf(e.valuesEnc) !== e.valuesDigest)
      return { ok: false, broken: { seq: e.seq, reason: 'hash_mismatch' } };
    if (entryHash(chainKey, lastHash, entry) !== hash)
      return { ok: false, broken: { seq: e.seq, reason: 'hash_mismatch' } };
    lastSeq = e.seq;
    lastHash = hash;
  }
  return { ok: true, state: { lastSeq, lastHash } };
};
