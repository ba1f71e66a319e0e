import type { Tx } from '../../db/tenant.ts';

/** SQL of authentication. Runs as the owner role (asSystem): it precedes any tenant. */
export const findUserByEmail = (tx: Tx, email: string) =>
  tx.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();

export const findUserById = (tx: Tx, id: string) =>
  tx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();

export const departmentIdsOf = async (tx: Tx, userId: string) =>
  (
    await tx.selectFrom('user_departments').select('department_id').where('user_id', '=', userId).execute()
  ).map((r) => r.department_id);

export const insertSession = (
  tx: Tx,
  row: {
    id: string;
    tenantId: string;
    userId: string;
    csrfToken: string;
    mfaPassed: boolean;
    expiresAt: Date;
  },
) =>
  tx
    .insertInto('sessions')
    .values({
      id: row.id,
      tenant_id: row.tenantId,
      user_id: row.userId,
      csrf_token: row.csrfToken,
      mfa_passed: row.mfaPassed,
      expires_at: row.expiresAt,
    })
    .execute();

export const findSession = (tx: Tx, id: string) =>
  tx.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();

export const deleteSession = (tx: Tx, id: string) => tx.deleteFrom('sessions').where('id', '=', id).execute();

export const deleteSessionsOfUser = (tx: Tx, userId: string) =>
  tx.deleteFrom('sessions').where('user_id', '=', userId).execute();

export const touchSession = (tx: Tx, id: string, at: Date) =>
  tx.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();

export const findTokenByHash = (tx: Tx, tokenHash: string) =>
  tx.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();

export const touchToken = (tx: Tx, id: string, at: Date) =>
  tx.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();

/** Claims a TOTP time step for the user; false when it (or a later one) was used already: no replay. */
export const claimTotpStep = async (tx: Tx, userId: string, step: number) =>
  Boolean(
    await tx
      .updateTable('users')
      .set({ totp_last_step: step })
      .where('id', '=', userId)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
      .returning('id')
      .executeTakeFirst(),
  );

export const setTotp = (
  tx: Tx,
  userId: string,
  values: { secretEnc: string | null; enabledAt: Date | null },
) =>
  tx
    .updateTable('users')
    .set({ totp_secret_enc: values.secretEnc, totp_enabled_at: values.enabledAt })
    .where('id', '=', userId)
    .execute();
