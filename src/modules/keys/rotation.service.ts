import { asSystem } from '../../db/tenant.ts';
import { keyFingerprint } from '../../domain/crypto/envelope.ts';
import { openSealed, seal } from '../../domain/crypto/secret-box.ts';
import type { AppContext } from '../../server/context.ts';
import { ensureNextKey, MasterKeyError, promoteNextKey } from '../../server/master-key.ts';
import { recordAuditAlone } from '../audit/audit.service.ts';
import * as repo from './keys.repository.ts';
import { masterKeyById, openWithAnyMasterKey } from './keys.service.ts';

const BATCH = 500;

const rewrapTenantSecrets = async (ctx: AppContext, newKey: Buffer) => {
  const newId = keyFingerprint(newKey);
  await asSystem(ctx.db.kysely, async (tx) => {
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
    }
    for (const u of await repo.usersWithTotp(tx)) {
      const context = `totp:${u.id}`;
      const plain = openWithAnyMasterKey(ctx, u.totp_secret_enc, context);
      await repo.setUserTotpSecret(tx, u.id, seal({ key: newKey, plaintext: plain, context }));
    }
  });
};

/**
 * Master key rotation without downtime: the new key becomes the current key at once (new data is
 * wrapped by it) while the old one stays in the keyring; every data key, tenant key and TOTP secret
 * is re-wrapped in batches of its own transactions, so an interrupted run resumes where it stopped.
 * With a key file, the file is replaced at the end; with CUSTOS_MASTER_KEY, the operator sets the
 * printed new key afterwards.
 */
export const rotateMasterKey = async (ctx: AppContext, { newKey }: { newKey?: Buffer } = {}) => {
  if (ctx.config.masterKeyBase64 && !newKey) {
    throw new MasterKeyError('CUSTOS_MASTER_KEY is set: pass the new key with --new-key-file.');
  }
  const next = newKey ?? ensureNextKey(ctx.config.dataDir);
  const nextId = keyFingerprint(next);
  if (keyFingerprint(ctx.masterKey) !== nextId) {
    ctx.otherMasterKeys = [
      ctx.masterKey,
      ...(ctx.otherMasterKeys ?? []).filter((k) => keyFingerprint(k) !== nextId),
    ];
    ctx.masterKey = next;
  }
  await rewrapTenantSecrets(ctx, next);
  let rewrapped = 0;
  for (;;) {
    const batch = await asSystem(ctx.db.kysely, async (tx) => {
      const rows = await repo.keysToRewrap(tx, nextId, BATCH);
      for (const r of rows) {
        const context = `dek:${r.tenant_id}:${r.subject_id}`;
        const plain = openSealed({
          key: masterKeyById(ctx, r.master_key_id),
          sealed: r.wrapped_key!,
          context,
        });
        await repo.rewrapSubjectKey(tx, r.subject_id, seal({ key: next, plaintext: plain, context }), nextId);
      }
      return rows.length;
    });
    rewrapped += batch;
    if (batch < BATCH) break;
  }
  if (!ctx.config.masterKeyBase64 && !newKey) promoteNextKey(ctx.config.dataDir);
  const tenants = await asSystem(ctx.db.kysely, async (tx) =>
    (await repo.allTenantKeys(tx)).map((t) => t.id),
  );
  for (const tenantId of tenants) {
    await recordAuditAlone(ctx, tenantId, {
      actor: null,
      action: 'key_rotation',
      note: `master key ${nextId}`,
    });
  }
  ctx.otherMasterKeys = [];
  return {
    keyId: nextId,
    rewrapped,
    newKeyBase64: ctx.config.masterKeyBase64 ? next.toString('base64') : undefined,
  };
};
