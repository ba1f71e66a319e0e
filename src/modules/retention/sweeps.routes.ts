import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../server/authenticate.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses, IdParams } from '../../server/http-schemas.ts';
import { Preview, PreviewQuery, Sweep, SweepList } from './sweeps.schemas.ts';
import { getSweep, listSweeps, previewSweep, runSweepNow } from './sweeps.service.ts';

export const retentionSweepRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['retention'];
  r.get(
    '/retention/preview',
    {
      schema: {
        tags,
        summary:
          'What the retention sweep would delete today and why, per data type: rule, cutoff, counts due and held, the first due records (retention.read)',
        querystring: PreviewQuery,
        response: { 200: Preview, ...errorResponses },
      },
    },
    async (request) => previewSweep(ctx, actorOf(request), request.query),
  );
  r.post(
    '/retention/sweeps',
    {
      schema: {
        tags,
        summary:
          'Run the retention sweep now (or resume an interrupted one) and return its report, counts only (retention.manage; 409 retention_sweep_running)',
        response: { 200: Sweep, ...errorResponses },
      },
    },
    async (request) => runSweepNow(ctx, actorOf(request)),
  );
  r.get(
    '/retention/sweeps',
    {
      schema: {
        tags,
        summary: 'The retention sweeps, newest first, with their counts per data type (retention.read)',
        response: { 200: SweepList, ...errorResponses },
      },
    },
    async (request) => listSweeps(ctx, actorOf(request)),
  );
  r.get(
    '/retention/sweeps/:id',
    {
      schema: {
        tags,
        summary: 'One retention sweep report (retention.read)',
        params: IdParams,
        response: { 200: Sweep, ...errorResponses },
      },
    },
    async (request) => getSweep(ctx, actorOf(request), request.params.id),
  );
};
