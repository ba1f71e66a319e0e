import { sql } from 'kysely';
import type { Tx } from '../../db/tenant.ts';

export const findSubjectKeys = (tx: Tx, subjectIds: string[]) =>
  tx
    .selectFrom('subject_keys')
    .select(['subject_id', 'wrapped_key', 'master_key_id'])
    .where('subject_id', 'in', subjectIds)
    .execute();

export const insertSubjectKey = (
  tx: Tx,
  values: {
    tenant_id: string;
    subject_id: string;
    subject_type: 'person';
    wrapped_key: string;
    master_key_id: string;
  },
) => tx.insertInto('subject_keys').values(values).execute();

/** Crypto-shredding: the wrapped key is overwritten with NULL; every ciphertext under it is now noise. */
export const shredSubjectKey = (tx: Tx, subjectId: string, at: Date) =>
  tx
    .updateTable('subject_keys')
    .set({ wrapped_key: null, master_key_id: null, shredded_at: at })
    .where('subject_id', '=', subjectId)
    .where('wrapped_key', 'is not', null)
    .returning('subject_id')
    .executeTakeFirst();

export const tenantKeys = (tx: Tx, tenantId: string) =>
  tx
    .selectFrom('tenants')
    .select(['id', 'key_check', 'audit_key_wrapped', 'master_key_id'])
    .where('id', '=', tenantId)
    .executeTakeFirst();

export const allTenantKeys = (tx: Tx) =>
  tx.selectFrom('tenants').select(['id', 'key_check', 'audit_key_wrapped', 'master_key_id']).execute();

export const setTenantKeys = (
  tx: Tx,
  tenantId: string,
  values: { key_check: string; audit_key_wrapped: string; master_key_id: string },
) => tx.updateTable('tenants').set(values).where('id', '=', tenantId).execute();

/** Keys still wrapped by another master key than `currentId`, for rotation in resumable batches. */
export const keysToRewrap = (tx: Tx, currentId: string, limit: number) =>
  tx
    .selectFrom('subject_keys')
    .select(['tenant_id', 'subject_id', 'wrapped_key', 'master_key_id'])
    .where('wrapped_key', 'is not', null)
    .where('master_key_id', '<>', currentId)
    .orderBy('subject_id')
    .limit(limit)
    .execute();

/** Only a key still wrapped as read: a key shredded (or re-wrapped) meanwhile stays as it is. */
export const rewrapSubjectKey = (tx: Tx, subjectId: string, wrapped: string, masterKeyId: string) =>
  tx
    .updateTable('subject_keys')
    .set({ wrapped_key: wrapped, master_key_id: masterKeyId })
    .where('subject_id', '=', subjectId)
    .where('wrapped_key', 'is not', null)
    .where('master_key_id', '<>', masterKeyId)
    .execute();

export const usersWithTotp = (tx: Tx) =>
  tx
    .selectFrom('users')
    .select(['id', 'totp_secret_enc'])
    .where('totp_secret_enc', 'is not', null)
    .execute() as Promise<{ id: string; totp_secret_enc: string }[]>;

export const setUserTotpSecret = (tx: Tx, userId: string, sealed: string) =>
  tx.updateTable('users').set({ totp_secret_enc: sealed }).where('id', '=', userId).execute();

/**
 * The keyring lock (advisory, transaction-scoped): transactions that wrap a new key take it shared,
 * a rotation takes it exclusive while it switches the tenants to the new key, so no transaction
 * that read the old key id can commit after the switch. Namespace 'MKey'.
 */
const KEYRING_LOCK = sql`${0x4d4b_6579 | 0}, 1`;
export const lockKeyringShared = (tx: Tx) =>
  sql`select pg_advisory_xact_lock_shared(${KEYRING_LOCK})`.execute(tx);
export const lockKeyringExclusive = (tx: Tx) =>
  sql`select pg_advisory_xact_lock(${KEYRING_LOCK})`.execute(tx);

/** The id of the master key the database names current for the tenant (set by a rotation). */
export const currentMasterKeyId = async (tx: Tx, tenantId: string) =>
  (await tx.selectFrom('tenants').select('master_key_id').where('id', '=', tenantId).executeTakeFirst())
    ?.master_key_id ?? null;

/** The current key id of the installation, for a tenant without one yet (set-up). */
export const anyMasterKeyId = async (tx: Tx, exceptTenantId: string) =>
  (
    await tx
      .selectFrom('tenants')
      .select('master_key_id')
      .where('master_key_id', 'is not', null)
      .where('id', '<>', exceptTenantId)
      .limit(1)
      .executeTakeFirst()
  )?.master_key_id ?? null;

/** Staged import batches whose key is wrapped by another master key than `currentId`. */
export const importKeysToRewrap = (tx: Tx, currentId: string, limit: number) =>
  tx
    .selectFrom('person_imports')
    .select(['tenant_id', 'id', 'wrapped_key', 'master_key_id'])
    .where('wrapped_key', 'is not', null)
    .where('master_key_id', '<>', currentId)
    .orderBy('id')
    .limit(limit)
    .execute();

export const rewrapImportKey = (tx: Tx, importId: string, wrapped: string, masterKeyId: string) =>
  tx
    .updateTable('person_imports')
    .set({ wrapped_key: wrapped, master_key_id: masterKeyId })
    .where('id', '=', importId)
    .where('wrapped_key', 'is not', null)
    .where('master_key_id', '<>', masterKeyId)
    .execute();

/** What is still wrapped by another master key than `currentId` (0 after a finished rotation). */
export const countNotUnder = async (tx: Tx, currentId: string) => {
  const row = await sql<{ n: number }>`select
      (select count(*) from subject_keys where wrapped_key is not null and master_key_id <> ${currentId})
    + (select count(*) from person_imports where wrapped_key is not null and master_key_id <> ${currentId})
    + (select count(*) from tenants where key_check is not null and master_key_id <> ${currentId}) as n`.execute(
    tx,
  );
  return Number(row.rows[0]?.n ?? 0);
};
