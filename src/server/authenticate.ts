import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../domain/errors.ts';
import { resolveSession, resolveToken } from '../modules/auth/auth.service.ts';
import { safeEqual } from '../modules/auth/secret-tokens.ts';
import type { Actor, AppContext } from './context.ts';

export const SESSION_COOKIE = 'custos_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    csrfToken: string | null;
  }
  interface FastifyInstance {
    appContext: AppContext;
  }
  interface FastifyContextConfig {
    /** 'public': no login; 'half': a session awaiting its second factor suffices. Default: full login. */
    auth?: 'public' | 'half';
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The actor of a request that must be logged in (throws 401 otherwise). */
export const actorOf = (request: FastifyRequest): Actor => {
  if (!request.actor) throw new AppError('unauthenticated');
  return request.actor;
};

/**
 * Resolves the actor of every /api/v1 request from a bearer token or the session cookie. Cookie
 * sessions must send the session's CSRF token on every state-changing request; bearer tokens cannot
 * be sent by a browser on its own, so they need none.
 */
export const registerAuthentication = (app: FastifyInstance, ctx: AppContext) => {
  app.decorate('appContext', ctx);
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);
  // onRequest, before the body is parsed and validated: without a login a client learns nothing from
  // validation errors and the server parses nothing for it. The matched route's path decides, not the
  // raw URL, which may spell the same route differently (e.g. /api/%761/...).
  app.addHook('onRequest', async (request) => {
    if (!(request.routeOptions.url ?? request.url).startsWith('/api/v1/')) return;
    const mode = request.routeOptions.config?.auth;
    // Public routes (set-up, login) act for nobody: an existing session or token is irrelevant to them,
    // so logging in again, or as someone else, needs no CSRF token of the old session.
    if (mode === 'public') return;
    const authorization = request.headers.authorization;
    if (authorization) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      if (!match?.[1]) throw new AppError('unauthenticated');
      request.actor = await resolveToken(ctx, match[1]);
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    const session = cookie ? await resolveSession(ctx, cookie) : null;
    if (session && (session.mfaPassed || mode === 'half')) {
      if (!SAFE_METHODS.has(request.method)) {
        const sent = request.headers['x-csrf-token'];
        if (typeof sent !== 'string' || !safeEqual(sent, session.csrfToken))
          throw new AppError('csrf_failed');
      }
      request.actor = session.actor;
      request.csrfToken = session.csrfToken;
      return;
    }
    throw new AppError(session ? 'mfa_required' : 'unauthenticated');
  });
};

/** The installation context of the app serving a request (for the error handler's audit entries). */
export const auditContextOf = (request: FastifyRequest): AppContext => request.server.appContext;
