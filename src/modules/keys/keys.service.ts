import { randomBytes } from 'node:crypto';
import { asSystem, type Tx } from '../../db/tenant.ts';
import {
  decryptField,
  encryptField,
  fieldContext,
  keyFingerprint,
  newDataKey,
  unwrapDataKey,
  wrapDataKey,
} from '../../domain/crypto/envelope.ts';
import { DecryptionError, openSealed, seal } from '../../domain/crypto/secret-box.ts';
import { AppError } from '../../domain/errors.ts';
import type { AppContext } from '../../server/context.ts';
import { MasterKeyError } from '../../server/master-key.ts';
import * as repo from './keys.repository.ts';

const KEY_CHECK = 'custos-key-check';
const keyCheckContext = (tenantId: string) => `key-check:${tenantId}`;
const auditKeyContext = (tenantId: string) => `audit-key:${tenantId}`;

/**
 * The master key with this fingerprint from the instance's keyring (CUSTOS_MASTER_KEY, _NEXT,
 * _PREVIOUS, the key files). A key the instance does not hold is `master_key_unavailable` (503).
 */
export const masterKeyById = (ctx: AppContext, id: string | null): Buffer => {
  if (!id || id === keyFingerprint(ctx.masterKey)) return ctx.masterKey;
  const other = ctx.otherMasterKeys?.find((k) => keyFingerprint(k) === id);
  if (!other) throw new AppError('master_key_unavailable', { params: { keyId: id } });
  return other;
};

/** A map that lives as long as one transaction (dropped with it, never shared between two). */
const perTransaction = <K, V>() => {
  const maps = new WeakMap<Tx, Map<K, V>>();
  return (tx: Tx): Map<K, V> => {
    let map = maps.get(tx);
    if (!map) {
      map = new Map();
      maps.set(tx, map);
    }
    return map;
  };
};
const wrappingKeysOf = perTransaction<string, { key: Buffer; id: string }>();

/**
 * The master key that wraps new keys of the tenant: the one the database names current
 * (`tenants.master_key_id`, switched by `custos keys rotate`), read under the shared keyring lock in
 * the wrapping transaction, so every instance follows a rotation at once (docs/adr/0037).
 */
export const wrappingKey = async (tx: Tx, ctx: AppContext, tenantId: string) => {
  // the lock is held until the transaction ends, so one look per transaction and tenant suffices
  const known = wrappingKeysOf(tx);
  const cached = known.get(tenantId);
  if (cached) return cached;
  await repo.lockKeyringShared(tx);
  const key = masterKeyById(ctx, await repo.currentMasterKeyId(tx, tenantId));
  const wrapping = { key, id: keyFingerprint(key) };
  known.set(tenantId, wrapping);
  return wrapping;
};

/** Creates a tenant's audit-chain key and key check (at set-up, or for tenants from before 0002). */
export const provisionTenantKeys = async (tx: Tx, ctx: AppContext, tenantId: string) => {
  await repo.lockKeyringShared(tx);
  const key = masterKeyById(ctx, await repo.anyMasterKeyId(tx, tenantId));
  await repo.setTenantKeys(tx, tenantId, {
    key_check: seal({ key, plaintext: KEY_CHECK, context: keyCheckContext(tenantId) }),
    audit_key_wrapped: seal({ key, plaintext: randomBytes(32), context: auditKeyContext(tenantId) }),
    master_key_id: keyFingerprint(key),
  });
};

/**
 * At start: every tenant's key check must open with the configured master key, else the server
 * refuses to start (it would write data nobody can read back). Tenants without keys get them.
 */
export const assertMasterKeyMatches = (ctx: AppContext) =>
  asSystem(ctx.db.kysely, async (tx) => {
    for (const t of await repo.allTenantKeys(tx)) {
      if (!t.key_check) {
        await provisionTenantKeys(tx, ctx, t.id);
        continue;
      }
      try {
        const key = masterKeyById(ctx, t.master_key_id);
        if (openSealed({ key, sealed: t.key_check, context: keyCheckContext(t.id) }).toString() !== KEY_CHECK)
          throw new DecryptionError();
      } catch {
        throw new MasterKeyError(
          `The master key (id ${keyFingerprint(ctx.masterKey)}) does not match this database (expects id ${t.master_key_id}). ` +
            'Set CUSTOS_MASTER_KEY or restore the master.key file that belongs to this data; nothing was changed.',
        );
      }
    }
  });

/**
 * Whether a tenant's key check opens with the configured master keys (without a database round trip:
 * `custos restore` checks the restored rows inside its transaction, before committing).
 */
export const keyCheckOpens = (
  ctx: AppContext,
  t: { id: string; key_check: string | null; master_key_id: string | null },
): boolean => {
  if (!t.key_check) return true;
  try {
    const key = masterKeyById(ctx, t.master_key_id);
    return openSealed({ key, sealed: t.key_check, context: keyCheckContext(t.id) }).toString() === KEY_CHECK;
  } catch {
    return false;
  }
};

const auditKeys = new WeakMap<AppContext, Map<string, Buffer>>();

/** The tenant's audit-chain key (cached per context after the first unwrap). */
export const auditKeyFor = async (tx: Tx, ctx: AppContext, tenantId: string): Promise<Buffer> => {
  let cache = auditKeys.get(ctx);
  if (!cache) {
    cache = new Map();
    auditKeys.set(ctx, cache);
  }
  const cached = cache.get(tenantId);
  if (cached) return cached;
  const row = await repo.tenantKeys(tx, tenantId);
  if (!row?.audit_key_wrapped)
    throw new MasterKeyError(`Tenant ${tenantId} has no audit key; restart the server to provision it.`);
  const key = openSealed({
    key: masterKeyById(ctx, row.master_key_id),
    sealed: row.audit_key_wrapped,
    context: auditKeyContext(tenantId),
  });
  cache.set(tenantId, key);
  return key;
};

export const forgetCachedKeys = (ctx: AppContext) => auditKeys.delete(ctx);

/** The "key" of the benchmark baseline (CUSTOS_BENCH_BASELINE=1): values pass through unencrypted. */
const NO_ENCRYPTION = Buffer.alloc(0);

/**
 * Data keys made or unwrapped in a transaction (null: shredded), so that one transaction reads and
 * unwraps each subject's key once however many of its fields and audit entries it seals or opens.
 * Dropped with the transaction; never shared between transactions.
 */
const keysOf = perTransaction<string, Buffer | null>();

/** A new subject's data key, stored wrapped in the same transaction as the subject's row. */
export const createSubjectKey = async (tx: Tx, ctx: AppContext, tenantId: string, subjectId: string) => {
  if (ctx.config.benchBaseline) return NO_ENCRYPTION;
  const dataKey = newDataKey();
  keysOf(tx).set(subjectId, dataKey);
  const master = await wrappingKey(tx, ctx, tenantId);
  await repo.insertSubjectKey(tx, {
    tenant_id: tenantId,
    subject_id: subjectId,
    subject_type: 'person',
    wrapped_key: wrapDataKey({ masterKey: master.key, dataKey, tenantId, subjectId }),
    master_key_id: master.id,
  });
  return dataKey;
};

/** The subject's data key, or null once it was shredded. */
export const subjectKey = async (tx: Tx, ctx: AppContext, tenantId: string, subjectId: string) =>
  (await subjectKeys(tx, ctx, tenantId, [subjectId])).get(subjectId) ?? null;

/**
 * The data keys of several subjects in one query (null for shredded or keyless ones), e.g. for the
 * entries of an audit page that name many persons.
 */
export const subjectKeys = async (
  tx: Tx,
  ctx: AppContext,
  tenantId: string,
  subjectIds: readonly string[],
): Promise<Map<string, Buffer | null>> => {
  const keys = keysOf(tx);
  const missing = [...new Set(subjectIds)].filter((id) => !keys.has(id));
  if (ctx.config.benchBaseline) for (const id of missing) keys.set(id, NO_ENCRYPTION);
  else if (missing.length > 0) {
    const rows = new Map((await repo.findSubjectKeys(tx, missing)).map((r) => [r.subject_id, r]));
    for (const id of missing) {
      const row = rows.get(id);
      keys.set(
        id,
        unwrapSubjectKey(ctx, {
          tenantId,
          subjectId: id,
          wrapped: row?.wrapped_key ?? null,
          masterKeyId: row?.master_key_id ?? null,
        }),
      );
    }
  }
  return new Map(subjectIds.map((id) => [id, keys.get(id) ?? null]));
};

/** Unwraps a subject key read along with its subject's row; null once it was shredded. */
export const unwrapSubjectKey = (
  ctx: AppContext,
  {
    tenantId,
    subjectId,
    wrapped,
    masterKeyId,
  }: { tenantId: string; subjectId: string; wrapped: string | null; masterKeyId: string | null },
) => {
  if (ctx.config.benchBaseline) return NO_ENCRYPTION;
  const row = { wrapped_key: wrapped, master_key_id: masterKeyId };
  if (!row.wrapped_key) return null;
  return unwrapDataKey({
    masterKey: masterKeyById(ctx, row.master_key_id),
    wrapped: row.wrapped_key,
    tenantId,
    subjectId,
  });
};

export const shredSubjectKey = async (tx: Tx, ctx: AppContext, subjectId: string) => {
  const shredded = await repo.shredSubjectKey(tx, subjectId, ctx.now());
  keysOf(tx).set(subjectId, null);
  return shredded;
};

type FieldRef = { table: string; recordId: string; column: string };

export const sealValue = (dataKey: Buffer, ref: FieldRef, value: string | null | undefined) =>
  value == null || dataKey === NO_ENCRYPTION
    ? value
    : encryptField({ dataKey, value, context: fieldContext(ref) });

/** Opens a sealed value; null when the key is gone (shredded) or the value absent. */
export const openValue = (dataKey: Buffer | null, ref: FieldRef, sealed: string | null) =>
  dataKey === NO_ENCRYPTION
    ? sealed
    : sealed == null || dataKey == null
      ? null
      : decryptField({ dataKey, sealed, context: fieldContext(ref) });

/** Opens a value sealed directly by a master key (TOTP secrets): the current key first, then the keyring. */
export const openWithAnyMasterKey = (ctx: AppContext, sealed: string, context: string): Buffer => {
  for (const key of [ctx.masterKey, ...(ctx.otherMasterKeys ?? [])]) {
    try {
      return openSealed({ key, sealed, context });
    } catch (error) {
      if (!(error instanceof DecryptionError)) throw error;
    }
  }
  throw new DecryptionError();
};
