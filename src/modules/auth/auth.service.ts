import { sql } from 'kysely';
import { authenticator } from 'otplib';
import { asSystem, inTenant, type Tx } from '../../db/tenant.ts';
import { seal } from '../../domain/crypto/secret-box.ts';
import { AppError } from '../../domain/errors.ts';
import type { Role } from '../../domain/permissions/roles.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { recordAudit, recordAuditAlone } from '../audit/audit.service.ts';
import { openWithAnyMasterKey, wrappingKey } from '../keys/keys.service.ts';
import * as repo from './auth.repository.ts';
import { decoyHash, verifyPassword } from './password.ts';
import { newSecretToken, sha256 } from './secret-tokens.ts';

authenticator.options = { window: 1 };

export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
const TOUCH_EVERY_MS = 60 * 1000;

type NewSession = { token: string; csrfToken: string; mfaPassed: boolean; userId: string };

const startSession = async (ctx: AppContext, user: { id: string; tenant_id: string }, mfaPassed: boolean) => {
  const token = newSecretToken();
  const csrfToken = newSecretToken();
  await asSystem(ctx.db.kysely, (tx) =>
    repo.insertSession(tx, {
      id: sha256(token),
      tenantId: user.tenant_id,
      userId: user.id,
      csrfToken,
      mfaPassed,
      expiresAt: new Date(ctx.now().getTime() + SESSION_ABSOLUTE_MS),
    }),
  );
  return { token, csrfToken, mfaPassed, userId: user.id } satisfies NewSession;
};

/** Password step of the login. With TOTP enabled the session is only half-open until `verifyMfa`. */
export const login = async (ctx: AppContext, { email, password }: { email: string; password: string }) => {
  const user = await asSystem(ctx.db.kysely, (tx) => repo.findUserByEmail(tx, email));
  const ok = await verifyPassword(user?.password_hash ?? (await decoyHash()), password);
  if (!user) throw new AppError('invalid_credentials');
  const actor = { userId: user.id };
  if (!ok || user.disabled_at) {
    await recordAuditAlone(ctx, user.tenant_id, {
      actor,
      action: 'login_failed',
      note: ok ? 'account disabled' : 'wrong password',
    });
    throw new AppError(ok ? 'user_disabled' : 'invalid_credentials');
  }
  const mfaPending = user.totp_enabled_at != null;
  if (!mfaPending) await recordAuditAlone(ctx, user.tenant_id, { actor, action: 'login' });
  return startSession(ctx, user, !mfaPending);
};

const totpContext = (userId: string) => `totp:${userId}`;

const TOTP_STEP_MS = 30_000;

/**
 * A TOTP code is valid when it matches a time step within ±1 of now (clock drift) that is later than
 * the last one this user used: each code works once (RFC 6238 §5.2), so an observed code cannot be replayed.
 */
const checkCode = async (
  tx: Tx,
  ctx: AppContext,
  user: { id: string; totp_secret_enc: string | null },
  code: string,
) => {
  if (!user.totp_secret_enc) return false;
  const secret = openWithAnyMasterKey(ctx, user.totp_secret_enc, totpContext(user.id)).toString('utf8');
  const now = ctx.now().getTime();
  const delta = authenticator.clone({ epoch: now, window: 1 }).checkDelta(code, secret);
  if (delta === null) return false;
  return repo.claimTotpStep(tx, user.id, Math.floor(now / TOTP_STEP_MS) + delta);
};

/** Second step: a valid TOTP code replaces the half-open session by a fresh, full one (no fixation). */
export const verifyMfa = async (
  ctx: AppContext,
  { sessionToken, code }: { sessionToken: string; code: string },
) => {
  const id = sha256(sessionToken);
  const session = await asSystem(ctx.db.kysely, (tx) => repo.findSession(tx, id));
  if (!session || session.expires_at.getTime() < ctx.now().getTime()) throw new AppError('unauthenticated');
  const user = await asSystem(ctx.db.kysely, (tx) => repo.findUserById(tx, session.user_id));
  if (!user || user.disabled_at) throw new AppError('unauthenticated');
  if (!(await asSystem(ctx.db.kysely, (tx) => checkCode(tx, ctx, user, code)))) {
    await recordAuditAlone(ctx, user.tenant_id, {
      actor: { userId: user.id },
      action: 'login_failed',
      note: 'wrong second factor',
    });
    throw new AppError('invalid_mfa_code');
  }
  await recordAuditAlone(ctx, user.tenant_id, {
    actor: { userId: user.id },
    action: 'login',
    note: 'with second factor',
  });
  await asSystem(ctx.db.kysely, (tx) => repo.deleteSession(tx, id));
  return startSession(ctx, user, true);
};

export const logout = (ctx: AppContext, sessionToken: string) =>
  asSystem(ctx.db.kysely, (tx) => repo.deleteSession(tx, sha256(sessionToken)));

export type ResolvedSession = { actor: Actor; csrfToken: string; mfaPassed: boolean };

/** Looks up a session cookie: expired, idle or disabled-user sessions count as none. */
export const resolveSession = async (
  ctx: AppContext,
  sessionToken: string,
): Promise<ResolvedSession | null> => {
  const id = sha256(sessionToken);
  const now = ctx.now();
  const row = await asSystem(ctx.db.kysely, (tx) =>
    tx
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select([
        's.id',
        's.csrf_token',
        's.mfa_passed',
        's.expires_at',
        's.last_seen_at',
        'u.tenant_id',
        'u.role',
      ])
      .select(['u.id as user_id', 'u.disabled_at'])
      .select(
        sql<
          string[]
        >`coalesce((select array_agg(department_id) from user_departments d where d.user_id = u.id), '{}')`.as(
          'department_ids',
        ),
      )
      .where('s.id', '=', id)
      .executeTakeFirst(),
  );
  if (!row) return null;
  const idleSince = now.getTime() - row.last_seen_at.getTime();
  if (row.disabled_at || row.expires_at.getTime() <= now.getTime() || idleSince > SESSION_IDLE_MS) {
    await asSystem(ctx.db.kysely, (tx) => repo.deleteSession(tx, id));
    return null;
  }
  if (idleSince > TOUCH_EVERY_MS) await asSystem(ctx.db.kysely, (tx) => repo.touchSession(tx, id, now));
  return {
    actor: {
      tenantId: row.tenant_id,
      userId: row.user_id,
      role: row.role as Role,
      departmentIds: row.department_ids,
      via: 'session',
      sessionId: id,
    },
    csrfToken: row.csrf_token,
    mfaPassed: row.mfa_passed,
  };
};

/** Looks up a bearer token; it acts with its user's role and departments. */
export const resolveToken = async (ctx: AppContext, token: string): Promise<Actor> => {
  const now = ctx.now();
  // One statement, so no transaction around it: this runs on every API request.
  const row = await ctx.db.kysely
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select([
      't.id',
      't.revoked_at',
      't.last_used_at',
      'u.tenant_id',
      'u.role',
      'u.id as user_id',
      'u.disabled_at',
    ])
    .select(
      sql<
        string[]
      >`coalesce((select array_agg(department_id) from user_departments d where d.user_id = u.id), '{}')`.as(
        'department_ids',
      ),
    )
    .where('t.token_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!row) throw new AppError('unauthenticated');
  if (row.revoked_at) throw new AppError('token_revoked');
  if (row.disabled_at) throw new AppError('user_disabled');
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > TOUCH_EVERY_MS) {
    await asSystem(ctx.db.kysely, (tx) => repo.touchToken(tx, row.id, now));
  }
  return {
    tenantId: row.tenant_id,
    userId: row.user_id,
    role: row.role as Role,
    departmentIds: row.department_ids,
    via: 'token',
    tokenId: row.id,
  };
};

/** Starts TOTP enrolment: a new secret, stored sealed, active only after `enableTotp` confirms a code. */
export const setupTotp = async (ctx: AppContext, actor: Actor) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    const user = await repo.findUserById(tx, actor.userId);
    if (!user) throw new AppError('unauthenticated');
    if (user.totp_enabled_at) throw new AppError('mfa_already_enabled');
    const secret = authenticator.generateSecret();
    const master = await wrappingKey(tx, ctx, actor.tenantId);
    await repo.setTotp(tx, user.id, {
      secretEnc: seal({ key: master.key, plaintext: secret, context: totpContext(user.id) }),
      enabledAt: null,
    });
    return { secret, otpauthUrl: authenticator.keyuri(user.email, 'Custos', secret) };
  });

export const enableTotp = async (ctx: AppContext, actor: Actor, code: string) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    const user = await repo.findUserById(tx, actor.userId);
    if (!user) throw new AppError('unauthenticated');
    if (user.totp_enabled_at) throw new AppError('mfa_already_enabled');
    if (!(await checkCode(tx, ctx, user, code))) throw new AppError('invalid_mfa_code');
    await repo.setTotp(tx, user.id, { secretEnc: user.totp_secret_enc, enabledAt: ctx.now() });
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'settings_change',
      subject: { type: 'user', id: user.id },
      note: 'two-factor login enabled',
    });
  });

export const disableTotp = async (ctx: AppContext, actor: Actor, code: string) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    const user = await repo.findUserById(tx, actor.userId);
    if (!user) throw new AppError('unauthenticated');
    if (!user.totp_enabled_at) throw new AppError('mfa_not_enabled');
    if (!(await checkCode(tx, ctx, user, code))) throw new AppError('invalid_mfa_code');
    await repo.setTotp(tx, user.id, { secretEnc: null, enabledAt: null });
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'settings_change',
      subject: { type: 'user', id: user.id },
      note: 'two-factor login disabled',
    });
  });
