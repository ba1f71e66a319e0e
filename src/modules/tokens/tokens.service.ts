import { asSystem, inTenant } from '../../db/tenant.ts';
import { AppError } from '../../domain/errors.ts';
import type { AppContext } from '../../server/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { findUserByEmail } from '../auth/auth.repository.ts';
import { newSecretToken, sha256 } from '../auth/secret-tokens.ts';
import * as repo from './tokens.repository.ts';

const TOKEN_PREFIX = 'cst_';

/** Creates an API token for a user; the plain token is returned once, only its hash is stored. */
export const createToken = (
  ctx: AppContext,
  { tenantId, userId, name }: { tenantId: string; userId: string; name: string },
) =>
  inTenant(ctx.db.kysely, tenantId, async (tx) => {
    const token = newSecretToken(TOKEN_PREFIX);
    const { id } = await repo.insertToken(tx, {
      tenant_id: tenantId,
      user_id: userId,
      name,
      token_hash: sha256(token),
      token_prefix: token.slice(0, 10),
    });
    await recordAudit(tx, ctx, tenantId, {
      actor: { userId },
      action: 'settings_change',
      subject: { type: 'token', id },
      note: 'API token created',
    });
    return { id, token };
  });

/** For the CLI: the user is named by e-mail. */
export const createTokenForEmail = async (
  ctx: AppContext,
  { email, name }: { email: string; name: string },
) => {
  const user = await asSystem(ctx.db.kysely, (tx) => findUserByEmail(tx, email));
  if (!user) throw new AppError('not_found', { params: { entity: 'user' } });
  if (user.disabled_at) throw new AppError('user_disabled');
  return createToken(ctx, { tenantId: user.tenant_id, userId: user.id, name });
};

export const listTokens = (ctx: AppContext, { tenantId, userId }: { tenantId: string; userId: string }) =>
  inTenant(ctx.db.kysely, tenantId, async (tx) =>
    (await repo.listTokens(tx, userId)).map((t) => ({
      id: t.id,
      name: t.name,
      prefix: t.token_prefix,
      createdAt: t.created_at.toISOString(),
      lastUsedAt: t.last_used_at?.toISOString() ?? null,
      revokedAt: t.revoked_at?.toISOString() ?? null,
    })),
  );

export const revokeToken = (
  ctx: AppContext,
  { tenantId, id, userId }: { tenantId: string; id: string; userId?: string },
) =>
  inTenant(ctx.db.kysely, tenantId, async (tx) => {
    const revoked = await repo.revokeToken(tx, { id, userId, at: ctx.now() });
    if (!revoked) throw new AppError('not_found', { params: { entity: 'token' } });
    await recordAudit(tx, ctx, tenantId, {
      actor: userId ? { userId } : null,
      action: 'settings_change',
      subject: { type: 'token', id },
      note: 'API token revoked',
    });
  });

/** For the CLI: revoke by id or by the shown prefix across the installation. */
export const revokeTokenByIdOrPrefix = async (ctx: AppContext, idOrPrefix: string) => {
  const row = await asSystem(ctx.db.kysely, (tx) =>
    tx
      .selectFrom('api_tokens')
      .select(['id', 'tenant_id'])
      .where((eb) =>
        /^[0-9a-f-]{36}$/i.test(idOrPrefix)
          ? eb('id', '=', idOrPrefix)
          : eb('token_prefix', '=', idOrPrefix.slice(0, 10)),
      )
      .where('revoked_at', 'is', null)
      .executeTakeFirst(),
  );
  if (!row) throw new AppError('not_found', { params: { entity: 'token' } });
  await revokeToken(ctx, { tenantId: row.tenant_id, id: row.id });
};
