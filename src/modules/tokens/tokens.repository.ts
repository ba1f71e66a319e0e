import type { Tx } from '../../db/tenant.ts';

export const listTokens = (tx: Tx, userId: string) =>
  tx
    .selectFrom('api_tokens')
    .select(['id', 'name', 'token_prefix', 'created_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .execute();

export const insertToken = (
  tx: Tx,
  values: { tenant_id: string; user_id: string; name: string; token_hash: string; token_prefix: string },
) => tx.insertInto('api_tokens').values(values).returning('id').executeTakeFirstOrThrow();

export const revokeToken = (tx: Tx, { id, userId, at }: { id: string; userId?: string; at: Date }) => {
  let q = tx
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null);
  if (userId) q = q.where('user_id', '=', userId);
  return q.returning('id').executeTakeFirst();
};
