import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../domain/errors.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses } from '../../server/http-schemas.ts';
import { safeEqual } from '../auth/secret-tokens.ts';
import { SetupRequest, SetupStatus } from './setup.schemas.ts';
import { initInstallation, isInitialized } from './setup.service.ts';

export const setupRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/setup/status',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['setup'],
        security: [],
        summary: 'Whether the installation is set up',
        response: { 200: SetupStatus },
      },
    },
    async () => ({ initialized: await isInitialized(ctx) }),
  );
  r.post(
    '/setup',
    {
      config: { auth: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['setup'],
        security: [],
        summary: 'First-run set-up: creates the tenant and its administrator (only while not set up)',
        body: SetupRequest,
        response: { 201: z.object({ tenantId: z.string(), adminId: z.string() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      if (await isInitialized(ctx)) throw new AppError('already_initialized');
      const { setupCode, ...input } = request.body;
      if (!ctx.setupCode || !safeEqual(setupCode, ctx.setupCode)) throw new AppError('invalid_setup_code');
      const result = await initInstallation(ctx, input);
      ctx.setupCode = undefined;
      return reply.status(201).send(result);
    },
  );
};
