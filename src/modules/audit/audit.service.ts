import { asSystem, beforeCommit, inTenant, type Tx } from '../../db/tenant.ts';
import {
  type AuditEntry,
  entryHash,
  genesisHash,
  valuesDigestOf,
  verifyBatch,
} from '../../domain/audit/chain.ts';
import { DecryptionError } from '../../domain/crypto/secret-box.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { auditKeyFor, openValue, sealValue, subjectKey, subjectKeys } from '../keys/keys.service.ts';
import * as repo from './audit.repository.ts';

export const AUDIT_ACTIONS = [
  'create',
  'read',
  'update',
  'export',
  'erase',
  'login',
  'login_failed',
  'logout',
  'permission_denied',
  'settings_change',
  'key_rotation',
  /** a confirmed redaction of sensitive free text (ADR 0032); never with the removed text */
  'redact',
  /** two persons merged into one (ADR 0030); names both ids and the fields taken */
  'merge',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Who acted: a user (and the token used, if any), or null for the system itself (CLI, scheduler). */
export type AuditActor = Pick<Actor, 'userId' | 'tokenId'> | null;

export const AUDIT_SUBJECT_TYPES = [
  'person',
  'organization',
  'user',
  'purpose',
  'department',
  'token',
] as const;

export type AuditRecord = {
  actor: AuditActor;
  action: AuditAction;
  subject?: { type: (typeof AUDIT_SUBJECT_TYPES)[number]; id: string };
  fields?: string[];
  /** Old and new values; stored only encrypted under the subject's data key (persons). */
  values?: { old?: Record<string, unknown>; new?: Record<string, unknown> };
  note?: string;
};

const valuesRef = (tenantId: string, seq: number) => ({
  table: 'audit_log',
  recordId: `${tenantId}:${seq}`,
  column: 'values',
});

/** A record waiting for its place in the chain, with the data key its values will be sealed under. */
type Pending = { record: AuditRecord; dataKey: Buffer | null };
const pendingAudits = new WeakMap<Tx, { tenantId: string; entries: Pending[] }>();

/**
 * Records entries, in order, inside the caller's transaction, so they exist exactly when the change
 * they record does. The entries are appended to the tenant's chain at the end of the transaction,
 * right before its commit, together with every other entry of the transaction: the chain head's row
 * lock, which serialises the tenant's writers, is then held only for the append and the commit, not
 * for the rest of the caller's work. Values are kept only for person subjects with a live key; the
 * key is taken now, so a key shredded later in the same transaction still sealed what came before.
 */
export const recordAudits = async (tx: Tx, ctx: AppContext, tenantId: string, records: AuditRecord[]) => {
  if (records.length === 0 || ctx.config.benchBaseline) return;
  const entries: Pending[] = [];
  for (const record of records)
    entries.push({
      record,
      dataKey:
        record.values && record.subject?.type === 'person'
          ? await subjectKey(tx, ctx, tenantId, record.subject.id)
          : null,
    });
  const pending = pendingAudits.get(tx);
  if (pending && pending.tenantId === tenantId) {
    pending.entries.push(...entries);
    return;
  }
  if (!pending && beforeCommit(tx, 'audit', () => flushAudits(tx, ctx))) {
    pendingAudits.set(tx, { tenantId, entries });
    return;
  }
  // not in a transaction of ours, or entries of a second tenant: append at once
  await appendToChain(tx, ctx, tenantId, entries);
};

/**
 * Appends the transaction's recorded entries now (before the commit would): for code that reads the
 * trail in the same transaction, such as the access export and redaction of audit values.
 */
export const flushAudits = async (tx: Tx, ctx: AppContext) => {
  const pending = pendingAudits.get(tx);
  if (!pending || pending.entries.length === 0) return;
  const entries = pending.entries.splice(0);
  await appendToChain(tx, ctx, pending.tenantId, entries);
};

/** One head update and one insert for all entries, in order. */
const appendToChain = async (tx: Tx, ctx: AppContext, tenantId: string, entries: Pending[]) => {
  const chainKey = await auditKeyFor(tx, ctx, tenantId);
  const head = await repo.advanceHead(tx, tenantId, genesisHash(chainKey, tenantId), entries.length);
  let prevHash = head.prevHash;
  const at = ctx.now().toISOString();
  const rows: repo.AuditRowInsert[] = [];
  for (const [i, { record, dataKey }] of entries.entries()) {
    const seq = head.seq + i;
    const valuesEnc =
      record.values && dataKey
        ? (sealValue(dataKey, valuesRef(tenantId, seq), JSON.stringify(record.values)) ?? null)
        : null;
    const entry: AuditEntry = {
      tenantId,
      seq,
      at,
      actorUserId: record.actor?.userId ?? null,
      actorTokenId: record.actor?.tokenId ?? null,
      action: record.action,
      subjectType: record.subject?.type ?? null,
      subjectId: record.subject?.id ?? null,
      fields: record.fields ?? [],
      valuesEnc,
      valuesDigest: valuesEnc == null ? null : valuesDigestOf(valuesEnc),
      note: record.note ?? null,
    };
    const hash = entryHash(chainKey, prevHash, entry);
    rows.push({
      tenant_id: tenantId,
      seq,
      at: new Date(entry.at),
      actor_user_id: entry.actorUserId,
      actor_token_id: entry.actorTokenId,
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId,
      fields: entry.fields,
      values_enc: valuesEnc,
      values_digest: entry.valuesDigest ?? null,
      note: entry.note,
      prev_hash: prevHash,
      hash,
    });
    prevHash = hash;
  }
  await repo.appendEntries(tx, tenantId, rows, prevHash);
};

/** Appends one entry to the tenant's chain inside the caller's transaction (see `recordAudits`). */
export const recordAudit = (tx: Tx, ctx: AppContext, tenantId: string, record: AuditRecord) =>
  recordAudits(tx, ctx, tenantId, [record]);

/** Records in a transaction of its own (for events whose own transaction rolls back: denials, failed logins). */
export const recordAuditAlone = async (ctx: AppContext, tenantId: string, record: AuditRecord) => {
  if (ctx.config.benchBaseline) return;
  await inTenant(ctx.db.kysely, tenantId, (tx) => recordAudit(tx, ctx, tenantId, record));
};

const toChainEntry = (r: Awaited<ReturnType<typeof repo.chainBatch>>[number]) => ({
  tenantId: r.tenant_id,
  seq: Number(r.seq),
  at: r.at_iso,
  actorUserId: r.actor_user_id,
  actorTokenId: r.actor_token_id,
  action: r.action,
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  fields: r.fields,
  valuesEnc: r.values_enc,
  valuesDigest: r.values_digest,
  note: r.note,
  prevHash: r.prev_hash,
  hash: r.hash,
});

export type VerifyResult = {
  ok: boolean;
  verified: number;
  broken?: { tenantId: string; seq: number; reason: string };
};

/** Verifies every tenant's chain in batches (constant memory), including that the head matches the last entry. */
export const verifyAudit = async (
  ctx: AppContext,
  { tenantId, batchSize = 20_000 }: { tenantId?: string; batchSize?: number } = {},
) => {
  const tenants = tenantId ? [tenantId] : await asSystem(ctx.db.kysely, repo.tenantIds);
  let verified = 0;
  for (const t of tenants) {
    const result = await inTenant(ctx.db.kysely, t, async (tx): Promise<VerifyResult> => {
      const chainKey = await auditKeyFor(tx, ctx, t);
      let state = { lastSeq: 0, lastHash: genesisHash(chainKey, t) };
      // the next batch is fetched while the current one is hashed (the database works meanwhile)
      let pending = repo.chainBatch(tx, t, 0, batchSize);
      for (;;) {
        const rows = await pending;
        if (rows.length === 0) break;
        const last = Number(rows.at(-1)!.seq);
        pending = rows.length === batchSize ? repo.chainBatch(tx, t, last, batchSize) : Promise.resolve([]);
        const r = verifyBatch({ chainKey, entries: rows.map(toChainEntry), state });
        if (!r.ok) {
          await pending.catch(() => {});
          return { ok: false, verified, broken: { tenantId: t, ...r.broken } };
        }
        verified += rows.length;
        state = r.state;
      }
      const h = await repo.head(tx, t);
      const headSeq = h ? Number(h.last_seq) : 0;
      if (headSeq !== state.lastSeq || (h && h.last_hash !== state.lastHash)) {
        return {
          ok: false,
          verified,
          broken: { tenantId: t, seq: Math.min(headSeq, state.lastSeq) + 1, reason: 'head_mismatch' },
        };
      }
      return { ok: true, verified };
    });
    if (!result.ok) return result;
  }
  return { ok: true, verified } satisfies VerifyResult;
};

export type AuditView = {
  seq: number;
  at: string;
  actor: { id: string; displayName: string } | null;
  via: 'session' | 'token' | 'system';
  action: AuditAction;
  subjectType: (typeof AUDIT_SUBJECT_TYPES)[number] | null;
  subjectId: string | null;
  fields: string[];
  values: { old?: Record<string, unknown>; new?: Record<string, unknown> } | null;
  valuesState: 'none' | 'available' | 'erased';
  note: string | null;
};

/** Decrypts an entry's values with the subject key; 'erased' once that key was shredded. */
const toView = (keys: Map<string, Buffer | null>, tenantId: string, r: repo.AuditListRow): AuditView => {
  let values: AuditView['values'] = null;
  let valuesState: AuditView['valuesState'] = 'none';
  if (r.values_enc && r.subject_id) {
    const key = keys.get(r.subject_id) ?? null;
    try {
      const plain = openValue(key, valuesRef(tenantId, Number(r.seq)), r.values_enc);
      values = plain ? JSON.parse(plain) : null;
      valuesState = plain ? 'available' : 'erased';
    } catch (error) {
      if (!(error instanceof DecryptionError)) throw error;
      valuesState = 'erased';
    }
  }
  return {
    seq: Number(r.seq),
    at: r.at.toISOString(),
    actor: r.actor_user_id ? { id: r.actor_user_id, displayName: r.actor_name ?? '' } : null,
    via: r.actor_token_id ? 'token' : r.actor_user_id ? 'session' : 'system',
    action: r.action as AuditAction,
    subjectType: r.subject_type as AuditView['subjectType'],
    subjectId: r.subject_id,
    fields: r.fields,
    values,
    valuesState,
    note: r.note,
  };
};

export const listAudit = (ctx: AppContext, tenantId: string, filter: repo.AuditFilter) =>
  inTenant(ctx.db.kysely, tenantId, async (tx) => {
    const rows = await repo.listEntries(tx, filter);
    // the keys of every person named on the page, in one query, each unwrapped once
    const keys = await subjectKeys(
      tx,
      ctx,
      tenantId,
      rows.flatMap((r) => (r.values_enc && r.subject_id ? [r.subject_id] : [])),
    );
    return rows.map((r) => toView(keys, tenantId, r));
  });
