import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../server/authenticate.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses, IdParams } from '../../server/http-schemas.ts';
import {
  Segment,
  SegmentCreate,
  SegmentEvaluation,
  SegmentList,
  SegmentPreview,
  SegmentUpdate,
} from './segments.schemas.ts';
import {
  archiveSegment,
  createSegment,
  evaluateSegment,
  getSegment,
  listSegments,
  previewSegment,
  updateSegment,
} from './segments.service.ts';

export const segmentsRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['segments'];
  r.get(
    '/segments',
    {
      schema: {
        tags,
        summary: 'The active segments, by name (marketing.read)',
        response: { 200: SegmentList, ...errorResponses },
      },
    },
    async (request) => listSegments(ctx, actorOf(request)),
  );
  r.post(
    '/segments',
    {
      schema: {
        tags,
        summary:
          'Save a segment (marketing.manage); with purposeId and channel it is a marketing segment (advertising purposes only)',
        body: SegmentCreate,
        response: { 201: Segment, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createSegment(ctx, actorOf(request), request.body)),
  );
  r.post(
    '/segments/preview',
    {
      schema: {
        tags,
        summary:
          'Evaluate an unsaved definition: matched, eligible and excluded by reason, over the persons the user may see',
        body: SegmentPreview,
        response: { 200: SegmentEvaluation, ...errorResponses },
      },
    },
    async (request) => previewSegment(ctx, actorOf(request), request.body),
  );
  r.get(
    '/segments/:id',
    {
      schema: {
        tags,
        summary: 'One active segment',
        params: IdParams,
        response: { 200: Segment, ...errorResponses },
      },
    },
    async (request) => getSegment(ctx, actorOf(request), request.params.id),
  );
  r.put(
    '/segments/:id',
    {
      schema: {
        tags,
        summary: 'Change a segment (marketing.manage); 409 version_conflict if it changed since it was read',
        params: IdParams,
        body: SegmentUpdate,
        response: { 200: Segment, ...errorResponses },
      },
    },
    async (request) => updateSegment(ctx, actorOf(request), request.params.id, request.body),
  );
  r.delete(
    '/segments/:id',
    {
      schema: {
        tags,
        summary:
          'Archive a segment (marketing.manage); 409 segment_in_use while a scheduled campaign uses it',
        params: IdParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await archiveSegment(ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  r.get(
    '/segments/:id/evaluation',
    {
      schema: {
        tags,
        summary:
          'Evaluate a saved segment for its purpose and channel: who is matched, who may be reached, who is left out and why',
        params: IdParams,
        response: { 200: SegmentEvaluation, ...errorResponses },
      },
    },
    async (request) => evaluateSegment(ctx, actorOf(request), request.params.id),
  );
};
