import { asSystem } from '../../db/tenant.ts';
import { keyFingerprint, unwrapDataKey, wrapDataKey } from '../../domain/crypto/envelope.ts';
import { DecryptionError, openSealed, seal } from '../../domain/crypto/secret-box.ts';
import type { AppContext } from '../../server/context.ts';
import { ensureNextKey, loadNextMasterKey, MasterKeyError, promoteNextKey } from '../../server/master-key.ts';
import { recordAuditAlone } from '../audit/audit.service.ts';
import * as repo from './keys.repository.ts';
import { masterKeyById, openWithAnyMasterKey } from './keys.service.ts';

const BATCH = 500;

/**
 * Switches the tenants to the new key: their key check and audit key are re-sealed and
 * `tenants.master_key_id` names the new key, under the exclusive keyring lock, so from its commit on
 * every instance wraps new keys with the new key (`wrappingKey`). TOTP secrets follow in the same
 * transaction. Returns how many tenant rows and TOTP secrets it re-sealed.
 */
const switchTenants = (ctx: AppContext, newKey: Buffer) =>
  asSystem(ctx.db.kysely, async (tx) => {
    await repo.lockKeyringExclusive(tx);
    const newId = keyFingerprint(newKey);
    let count = 0;
    for (const t of await repo.allTenantKeys(tx)) {
      if (t.master_key_id === newId || !t.key_check || !t.audit_key_wrapped) continue;
      const old = masterKeyById(ctx, t.master_key_id);
      const reseal = (sealed: string, context: string) =>
        seal({ key: newKey, plaintext: openSealed({ key: old, sealed, context }), context });
      await repo.setTenantKeys(tx, t.id, {
        key_check: reseal(t.key_check, `key-check:${t.id}`),
        audit_key_wrapped: reseal(t.audit_key_wrapped, `audit-key:${t.id}`),
        master_key_id: newId,
      });
      count += 1;
    }
    for (const u of await repo.usersWithTotp(tx)) {
      const context = `totp:${u.id}`;
      try {
        openSealed({ key: newKey, sealed: u.totp_secret_enc, context });
        continue; // already under the new key
      } catch (error) {
        if (!(error instanceof DecryptionError)) throw error;
      }
      const plain = openWithAnyMasterKey(ctx, u.totp_secret_enc, context);
      await repo.setUserTotpSecret(tx, u.id, seal({ key: newKey, plaintext: plain, context }));
      count += 1;
    }
    return count;
  });

/** Re-wraps, in batches of their own transactions, every data key and import batch key not under the new key. */
const rewrapKeys = async (ctx: AppContext, newKey: Buffer) => {
  const newId = keyFingerprint(newKey);
  let count = 0;
  for (;;) {
    const batch = await asSystem(ctx.db.kysely, async (tx) => {
      const rows = await repo.keysToRewrap(tx, newId, BATCH);
      for (const r of rows) {
        const ids = { tenantId: r.tenant_id, subjectId: r.subject_id };
        const dataKey = unwrapDataKey({
          masterKey: masterKeyById(ctx, r.master_key_id),
          wrapped: r.wrapped_key!,
          ...ids,
        });
        await repo.rewrapSubjectKey(
          tx,
          r.subject_id,
          wrapDataKey({ masterKey: newKey, dataKey, ...ids }),
          newId,
        );
      }
      const imports = await repo.importKeysToRewrap(tx, newId, BATCH);
      for (const r of imports) {
        const ids = { tenantId: r.tenant_id, subjectId: `person-import:${r.id}` };
        const dataKey = unwrapDataKey({
          masterKey: masterKeyById(ctx, r.master_key_id),
          wrapped: r.wrapped_key!,
          ...ids,
        });
        await repo.rewrapImportKey(tx, r.id, wrapDataKey({ masterKey: newKey, dataKey, ...ids }), newId);
      }
      return { rows: rows.length + imports.length, full: rows.length === BATCH || imports.length === BATCH };
    });
    count += batch.rows;
    if (!batch.full) break;
  }
  return count;
};

/** The new key: given (--new-key-file), else CUSTOS_MASTER_KEY_NEXT, else the key file master.key.next. */
const newKeyOf = (ctx: AppContext, newKey: Buffer | undefined) => {
  const given = newKey ?? loadNextMasterKey();
  if (given) return { key: given, fromFile: false };
  if (ctx.config.masterKeyBase64)
    throw new MasterKeyError(
      'CUSTOS_MASTER_KEY is set: give every instance the new key as CUSTOS_MASTER_KEY_NEXT first, or pass it with --new-key-file.',
    );
  return { key: ensureNextKey(ctx.config.dataDir), fromFile: true };
};

/**
 * Master key rotation while every instance keeps running (docs/adr/0037-master-key-rotation-across-instances.md):
 * 1. the tenants switch to the new key in one transaction under the exclusive keyring lock; from then
 *    on every instance wraps new keys with it (they read the current key id in the wrapping
 *    transaction, under the shared lock), and an instance that does not hold it refuses with
 *    `master_key_unavailable`;
 * 2. every data key and import batch key is re-wrapped in resumable batches;
 * 3. the straggler pass does 1 and 2 again for anything wrapped with the old key meanwhile (an
 *    instance of an older version, a tenant set up concurrently) and counts what is left (0).
 * The old key stays in this process's keyring; with a key file, the file is replaced at the end.
 */
export const rotateMasterKey = async (ctx: AppContext, { newKey }: { newKey?: Buffer } = {}) => {
  const next = newKeyOf(ctx, newKey);
  const nextId = keyFingerprint(next.key);
  if (keyFingerprint(ctx.masterKey) !== nextId) {
    ctx.otherMasterKeys = [
      ctx.masterKey,
      ...(ctx.otherMasterKeys ?? []).filter((k) => keyFingerprint(k) !== nextId),
    ];
    ctx.masterKey = next.key;
  }
  const tenantSecrets = await switchTenants(ctx, next.key);
  const rewrapped = await rewrapKeys(ctx, next.key);
  const stragglers = (await switchTenants(ctx, next.key)) + (await rewrapKeys(ctx, next.key));
  const remaining = await asSystem(ctx.db.kysely, (tx) => repo.countNotUnder(tx, nextId));
  if (next.fromFile) promoteNextKey(ctx.config.dataDir);
  const tenants = await asSystem(ctx.db.kysely, async (tx) =>
    (await repo.allTenantKeys(tx)).map((t) => t.id),
  );
  for (const tenantId of tenants) {
    await recordAuditAlone(ctx, tenantId, {
      actor: null,
      action: 'key_rotation',
      note: `master key ${nextId}: ${rewrapped} keys re-wrapped, ${stragglers} stragglers, ${remaining} left`,
    });
  }
  return { keyId: nextId, tenantSecrets, rewrapped, stragglers, remaining, keyFile: next.fromFile };
};
