import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../server/authenticate.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses } from '../../server/http-schemas.ts';
import { SelfCheckReport } from './self-check.schemas.ts';
import { runSelfCheck } from './self-check.service.ts';

export const selfCheckRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/self-check',
    {
      schema: {
        tags: ['self-check'],
        summary:
          'Run the self-check over the live data (self_check.read): every check with its count and the first records by id; ok when no violation',
        response: { 200: SelfCheckReport, ...errorResponses },
      },
    },
    async (request) => runSelfCheck(ctx, actorOf(request)),
  );
};
