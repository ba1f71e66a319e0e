import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { asSystem } from '../../db/tenant.ts';
import { AppError } from '../../domain/errors.ts';
import type { Role } from '../../domain/permissions/roles.ts';
import { actorOf, SESSION_COOKIE } from '../../server/authenticate.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses } from '../../server/http-schemas.ts';
import { rateLimitCounter } from '../rate-limits/rate-limits.counters.ts';
import {
  LoginRequest,
  LoginResponse,
  MfaRequest,
  SessionResponse,
  TotpSetupResponse,
} from './auth.schemas.ts';
import {
  disableTotp,
  enableTotp,
  login,
  logout,
  SESSION_ABSOLUTE_MS,
  setupTotp,
  verifyMfa,
} from './auth.service.ts';
import { loginFailureLimiter } from './login-failures.ts';
import { sha256 } from './secret-tokens.ts';

const loginLimit = { max: Number(process.env.CUSTOS_LOGIN_RATE_LIMIT ?? 10), timeWindow: '1 minute' };
/** Failed logins a minute per address over all e-mails (CUSTOS_LOGIN_FAILURES_PER_ADDRESS, default 50). */
const LOGIN_FAILURES_PER_ADDRESS = Number(process.env.CUSTOS_LOGIN_FAILURES_PER_ADDRESS ?? 50);

export const sessionUser = async (ctx: AppContext, userId: string) =>
  asSystem(ctx.db.kysely, async (tx) => {
    const user = await tx.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
    const departments = await tx
      .selectFrom('user_departments as ud')
      .innerJoin('departments as d', 'd.id', 'ud.department_id')
      .select(['d.id', 'd.name'])
      .where('ud.user_id', '=', userId)
      .orderBy('d.name')
      .execute();
    return {
      id: user.id,
      email: user.email,
      displayName: user.display_name,
      role: user.role as Role,
      locale: user.locale as 'de' | 'en',
      departments,
      totpEnabled: user.totp_enabled_at != null,
    };
  });

export const authRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const failures = loginFailureLimiter({
    max: LOGIN_FAILURES_PER_ADDRESS,
    windowMs: 60_000,
    counter: rateLimitCounter(ctx, 'login-failures'),
  });
  const setCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: ctx.config.secureCookies,
      maxAge: SESSION_ABSOLUTE_MS / 1000,
    });

  r.post(
    '/auth/login',
    {
      config: {
        auth: 'public',
        rateLimit: {
          ...loginLimit,
          // after body parsing (the default onRequest hook has no body yet, so every login from one
          // address would share one counter), before validation (malformed attempts count too)
          hook: 'preValidation',
          keyGenerator: (req) =>
            `${req.ip}|${String((req.body as { email?: unknown })?.email ?? '')
              .trim()
              .toLowerCase()}`,
        },
      },
      schema: {
        security: [],
        tags: ['auth'],
        summary: 'Log in with e-mail and password; sets the session cookie',
        body: LoginRequest,
        response: { 200: LoginResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      await failures.check(request.ip);
      const session = await login(ctx, request.body).catch(async (error: unknown) => {
        if (error instanceof AppError && error.code === 'invalid_credentials')
          await failures.fail(request.ip);
        throw error;
      });
      setCookie(reply, session.token);
      if (!session.mfaPassed) return { status: 'mfa_required' as const, csrfToken: session.csrfToken };
      return {
        status: 'ok' as const,
        csrfToken: session.csrfToken,
        user: await sessionUser(ctx, session.userId),
      };
    },
  );

  r.post(
    '/auth/mfa',
    {
      config: {
        auth: 'half',
        // per half-open session (its cookie), not per address: a shared NAT must not lock out colleagues
        rateLimit: {
          ...loginLimit,
          keyGenerator: (req) => `mfa|${sha256(req.cookies[SESSION_COOKIE] ?? req.ip)}`,
        },
      },
      schema: {
        tags: ['auth'],
        summary: 'Second login step: TOTP code; replaces the session by a new one',
        body: MfaRequest,
        response: { 200: LoginResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (!token) throw new AppError('unauthenticated');
      const session = await verifyMfa(ctx, { sessionToken: token, code: request.body.code });
      setCookie(reply, session.token);
      return {
        status: 'ok' as const,
        csrfToken: session.csrfToken,
        user: await sessionUser(ctx, session.userId),
      };
    },
  );

  r.post(
    '/auth/logout',
    {
      config: { auth: 'half' },
      schema: { tags: ['auth'], summary: 'End the session', response: { 204: z.null(), ...errorResponses } },
    },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await logout(ctx, token);
      // the same attributes as when set, so the clearing Set-Cookie is Secure and HttpOnly too
      reply.clearCookie(SESSION_COOKIE, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: ctx.config.secureCookies,
      });
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/auth/session',
    {
      schema: {
        tags: ['auth'],
        summary: 'The logged-in user and the CSRF token',
        response: { 200: SessionResponse, ...errorResponses },
      },
    },
    async (request) => ({
      user: await sessionUser(ctx, actorOf(request).userId),
      csrfToken: request.csrfToken ?? '',
    }),
  );

  r.post(
    '/auth/totp/setup',
    {
      schema: {
        tags: ['auth'],
        summary: 'Start two-factor enrolment',
        response: { 200: TotpSetupResponse, ...errorResponses },
      },
    },
    async (request) => setupTotp(ctx, actorOf(request)),
  );
  r.post(
    '/auth/totp/enable',
    {
      schema: {
        tags: ['auth'],
        summary: 'Confirm two-factor enrolment with a code',
        body: MfaRequest,
        response: { 200: z.object({ totpEnabled: z.boolean() }), ...errorResponses },
      },
    },
    async (request) => {
      await enableTotp(ctx, actorOf(request), request.body.code);
      return { totpEnabled: true };
    },
  );
  r.post(
    '/auth/totp/disable',
    {
      schema: {
        tags: ['auth'],
        summary: 'Switch two-factor login off (needs a current code)',
        body: MfaRequest,
        response: { 200: z.object({ totpEnabled: z.boolean() }), ...errorResponses },
      },
    },
    async (request) => {
      await disableTotp(ctx, actorOf(request), request.body.code);
      return { totpEnabled: false };
    },
  );
};
