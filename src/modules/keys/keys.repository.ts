import type { Tx } from '../../db/tenant.ts';

export const findSubjectKey = (tx: Tx, subjectId: string) =>
  tx
    .selectFrom('subject_keys')
    .select(['wrapped_key', 'master_key_id'])
    .where('subject_id', '=', subjectId)
    .executeTakeFirst();

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

export const rewrapSubjectKey = (tx: Tx, subjectId: string, wrapped: string, masterKeyId: string) =>
  tx
    .updateTable('subject_keys')
    .set({ wrapped_key: wrapped, master_key_id: masterKeyId })
    .where('subject_id', '=', subjectId)
    .execute();

export const usersWithTotp = (tx: Tx) =>
  tx
    .selectFrom('users')
    .select(['id', 'totp_secret_enc'])
    .where('totp_secret_enc', 'is not', null)
    .execute() as Promise<{ id: string; totp_secret_enc: string }[]>;

export const setUserTotpSecret = (tx: Tx, userId: string, sealed: string) =>
  tx.updateTable('users').set({ totp_secret_enc: sealed }).where('id', '=', userId).execute();
