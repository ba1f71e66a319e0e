import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../domain/errors.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses } from '../../server/http-schemas.ts';
import { localeFrom } from '../../server/messages.ts';
import { SubjectExportOut } from '../subject-data/subject-data.schemas.ts';
import {
  PortalConsent,
  PortalConsentParams,
  PortalExportQuery,
  PortalLangQuery,
  PortalLoginRequest,
  PortalLoginResponse,
  PortalMe,
  PortalObjectionRequest,
  PortalObjectionResponse,
  PortalRequestCreate,
  PortalRequestCreated,
  PortalSessionRequest,
  PortalSessionResponse,
} from './portal.schemas.ts';
import {
  csrfMatches,
  endPortalSession,
  type PortalSession,
  portalCreateRequest,
  portalExport,
  portalMe,
  portalObject,
  portalWithdrawConsent,
  requestPortalLogin,
  resolvePortalSession,
  SESSION_TTL_MS,
  startPortalSession,
} from './portal.service.ts';

export const PORTAL_COOKIE = 'custos_portal';
const COOKIE_PATH = '/api/v1/portal';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    portalSession: PortalSession | null;
  }
}

const loginLimit = {
  max: Number(process.env.CUSTOS_PORTAL_LOGIN_RATE_LIMIT ?? 10),
  timeWindow: '1 minute',
};
const sessionLimit = { max: 30, timeWindow: '1 minute' };

/** The session of a portal request (set by the portal's onRequest hook). */
const sessionOf = (request: FastifyRequest): PortalSession => {
  if (!request.portalSession) throw new AppError('portal_session_required');
  return request.portalSession;
};

const localeOf = (request: FastifyRequest, lang?: 'de' | 'en') =>
  lang ?? localeFrom(request.headers['accept-language']);

export const portalRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  if (!app.hasRequestDecorator('portalSession')) app.decorateRequest('portalSession', null);

  /**
   * The data subject's session: the cookie resolves to the tenant and persons; state-changing calls
   * must send the session's CSRF token in x-portal-csrf. Runs before body validation, like the staff
   * authentication, so nobody without a session learns anything from validation errors.
   */
  const requirePortalSession = async (request: FastifyRequest) => {
    const token = request.cookies[PORTAL_COOKIE];
    const session = token ? await resolvePortalSession(ctx, token) : null;
    if (!session) throw new AppError('portal_session_required');
    if (!SAFE_METHODS.has(request.method) && !csrfMatches(session, request.headers['x-portal-csrf']))
      throw new AppError('csrf_failed');
    request.portalSession = session;
  };
  const clearCookie = (reply: FastifyReply) =>
    reply.clearCookie(PORTAL_COOKIE, {
      path: COOKIE_PATH,
      httpOnly: true,
      sameSite: 'strict',
      secure: ctx.config.secureCookies,
    });
  const publicConfig = { auth: 'public' as const };
  const guarded = { config: publicConfig, onRequest: requirePortalSession };
  const tags = ['portal'];

  r.post(
    '/portal/login',
    {
      config: { ...publicConfig, rateLimit: loginLimit },
      schema: {
        security: [],
        tags,
        summary:
          'Privacy portal: send a magic link to the address if it is known (always 202; at most 3 mails per address and hour)',
        body: PortalLoginRequest,
        response: { 202: PortalLoginResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const deliver = await requestPortalLogin(ctx, request.body);
      await reply.status(202).send({ status: 'sent_if_known' as const });
      // delivered after the answer went out: its duration must not reveal that the address is known
      if (deliver)
        await deliver().catch((error: unknown) =>
          request.log.error({ err: { type: (error as Error)?.name } }, 'portal login mail not delivered'),
        );
      return reply;
    },
  );

  r.post(
    '/portal/session',
    {
      config: { ...publicConfig, rateLimit: sessionLimit },
      schema: {
        security: [],
        tags,
        summary: 'Privacy portal: exchange the magic link token for a session (cookie custos_portal)',
        body: PortalSessionRequest,
        response: { 200: PortalSessionResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { sessionToken, ...session } = await startPortalSession(ctx, request.body.token);
      reply.setCookie(PORTAL_COOKIE, sessionToken, {
        path: COOKIE_PATH,
        httpOnly: true,
        sameSite: 'strict',
        secure: ctx.config.secureCookies,
        maxAge: SESSION_TTL_MS / 1000,
      });
      return session;
    },
  );

  r.get(
    '/portal/me',
    {
      ...guarded,
      schema: {
        security: [],
        tags,
        summary: 'Privacy portal: everything held about the persons of the session (read is audited)',
        querystring: PortalLangQuery,
        response: { 200: PortalMe, ...errorResponses },
      },
    },
    (request) => portalMe(ctx, sessionOf(request), localeOf(request, request.query.lang)),
  );

  r.get(
    '/portal/export',
    {
      ...guarded,
      schema: {
        security: [],
        tags,
        summary:
          'Privacy portal: download the access export (Art. 15) as JSON; recorded as a completed access request',
        querystring: PortalExportQuery,
        response: { 200: SubjectExportOut, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { personId, lang } = request.query;
      const data = await portalExport(ctx, sessionOf(request), personId, localeOf(request, lang));
      reply.header('content-disposition', `attachment; filename="access-export-${personId}.json"`);
      return data;
    },
  );

  r.post(
    '/portal/consents/:id/withdraw',
    {
      ...guarded,
      schema: {
        security: [],
        tags,
        summary: 'Privacy portal: withdraw one of the persons’ consents (Art. 7(3))',
        params: PortalConsentParams,
        response: { 200: PortalConsent, ...errorResponses },
      },
    },
    (request) => portalWithdrawConsent(ctx, sessionOf(request), request.params.id, localeOf(request)),
  );

  r.post(
    '/portal/objection',
    {
      ...guarded,
      schema: {
        security: [],
        tags,
        summary: 'Privacy portal: object to direct marketing (Art. 21(2))',
        body: PortalObjectionRequest,
        response: { 200: PortalObjectionResponse, ...errorResponses },
      },
    },
    (request) => portalObject(ctx, sessionOf(request), request.body.personId),
  );

  r.post(
    '/portal/requests',
    {
      ...guarded,
      schema: {
        security: [],
        tags,
        summary:
          'Privacy portal: ask for rectification, erasure, restriction or access (lands in the DPO inbox)',
        body: PortalRequestCreate,
        response: { 201: PortalRequestCreated, ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await portalCreateRequest(ctx, sessionOf(request), request.body, localeOf(request));
      return reply.status(201).send(created);
    },
  );

  r.post(
    '/portal/logout',
    {
      ...guarded,
      schema: {
        security: [],
        tags,
        summary: 'Privacy portal: end the session',
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await endPortalSession(ctx, sessionOf(request));
      clearCookie(reply);
      return reply.status(204).send(null);
    },
  );
};
