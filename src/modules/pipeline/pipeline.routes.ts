import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../server/authenticate.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses, IdParams } from '../../server/http-schemas.ts';
import { Stage, StageCreate, StageList, StagePatch } from './pipeline.schemas.ts';
import { createStage, listStages, updateStage } from './pipeline.service.ts';

export const pipelineRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['pipeline'];
  r.get(
    '/pipeline/stages',
    {
      schema: {
        tags,
        summary: 'The pipeline stages in board order, archived ones included',
        response: { 200: StageList, ...errorResponses },
      },
    },
    async (request) => listStages(ctx, actorOf(request)),
  );
  r.post(
    '/pipeline/stages',
    {
      schema: {
        tags,
        summary: 'Add a pipeline stage (administrators)',
        body: StageCreate,
        response: { 201: Stage, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await createStage(ctx, actorOf(request), request.body)),
  );
  r.patch(
    '/pipeline/stages/:id',
    {
      schema: {
        tags,
        summary: 'Rename, re-weight, reorder, archive or restore a stage (administrators)',
        params: IdParams,
        body: StagePatch,
        response: { 200: Stage, ...errorResponses },
      },
    },
    async (request) => updateStage(ctx, actorOf(request), request.params.id, request.body),
  );
};
