import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
} from 'fastify-type-provider-zod';
import type { DestinationStream } from 'pino';
import { AppError } from '../domain/errors.ts';
import { startCampaignScheduler } from '../modules/campaigns/campaigns.scheduler.ts';
import { rateLimitStoreOption } from '../modules/rate-limits/rate-limits.store.ts';
import { webFormPageRoutes } from '../modules/web-forms/web-forms.page-routes.ts';
import { registerAuthentication } from './authenticate.ts';
import type { AppContext } from './context.ts';
import { handleError } from './errors.ts';
import { loggerOptions } from './logger.ts';
import { registerRoutes } from './routes.ts';
import { zodValidatorCompiler } from './validation.ts';

export type BuildAppOptions = {
  ctx: AppContext;
  logger?: boolean;
  /** Where the JSON log lines go (tests capture them); stdout when absent. */
  logStream?: DestinationStream;
};

export const buildApp = async ({
  ctx,
  logger = true,
  logStream,
}: BuildAppOptions): Promise<FastifyInstance> => {
  const app = Fastify({
    logger: logger ? loggerOptions(ctx.config.logLevel, logStream) : false,
    bodyLimit: 1024 * 1024,
    // undecodable URLs and over-long path parameters get the app's own {code, message} answer
    frameworkErrors: (error, request, reply) => handleError(error, request, reply),
    trustProxy: process.env.CUSTOS_TRUST_PROXY === '1',
  });
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    // DENY like frame-ancestors 'none' (the hosted web form pages remove it to be embeddable)
    frameguard: { action: 'deny' },
    strictTransportSecurity: ctx.config.secureCookies,
  });
  // API answers hold personal data: browsers and proxies must not store them (ASVS 14.3.2). Set
  // before the route runs, so a route with its own caching header (e.g. photos) overrides it.
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });
  await app.register(rateLimit, {
    global: false,
    // CUSTOS_RATE_LIMIT_STORE=database: counters shared by all instances on one database
    ...rateLimitStoreOption(ctx),
    errorResponseBuilder: (_req, context) =>
      new AppError('rate_limited', { params: { retryAfter: Math.ceil(context.ttl / 1000) } }),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Custos API',
        version: '1.0.0',
        description:
          'CRM with GDPR compliance in the data model. Authenticate with `Authorization: Bearer <token>` ' +
          '(create one with `npx custos token create`) or a session cookie plus the `x-csrf-token` header.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'custos_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
    hideUntagged: false,
  });

  registerAuthentication(app, ctx);

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(async (api) => registerRoutes(api, ctx), { prefix: '/api/v1' });

  // the hosted pages of public web forms (server-rendered, outside the SPA and /api/v1)
  await app.register(async (pages) => webFormPageRoutes(pages, ctx));

  registerWebUi(app, ctx.config.webDist);

  // the campaign scheduler: due campaigns every minute (CUSTOS_SCHEDULER=0 switches it off)
  if (ctx.config.schedulerEnabled) {
    let stopScheduler: (() => void) | undefined;
    app.addHook('onReady', async () => {
      stopScheduler = startCampaignScheduler(ctx);
    });
    app.addHook('onClose', async () => stopScheduler?.());
  }
  return app;
};

/** Serves the built React UI, with index.html for client-side routes; unknown API paths stay 404 JSON. */
const registerWebUi = (app: FastifyInstance, webDist: string) => {
  const hasUi = fs.existsSync(path.join(webDist, 'index.html'));
  if (hasUi) app.register(fastifyStatic, { root: webDist, wildcard: true, index: ['index.html'] });
  app.setNotFoundHandler((request, reply) => {
    const isApi =
      request.url.startsWith('/api/') || request.url === '/healthz' || request.url.startsWith('/assets/');
    if (hasUi && !isApi && request.method === 'GET') return reply.sendFile('index.html');
    return handleError(new AppError('not_found', { params: { entity: 'route' } }), request, reply);
  });
};
