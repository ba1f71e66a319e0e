import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../server/authenticate.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses, IdParams } from '../../server/http-schemas.ts';
import {
  Board,
  DealCreate,
  DealDetail,
  DealList,
  DealListQuery,
  DealMove,
  DealPatch,
} from './deals.schemas.ts';
import { createDeal, getBoard, getDeal, listDeals, moveDeal, updateDeal } from './deals.service.ts';

export const dealsRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['deals'];
  r.get(
    '/deals',
    {
      schema: {
        tags,
        summary: 'List deals (filters: stage, status, customer, title), sorted by expected close',
        querystring: DealListQuery,
        response: { 200: DealList, ...errorResponses },
      },
    },
    async (request) => listDeals(ctx, actorOf(request), request.query),
  );
  r.get(
    '/deals/board',
    {
      schema: {
        tags,
        summary: 'The Kanban board: per stage the first 100 deals, count, sum and weighted sum',
        response: { 200: Board, ...errorResponses },
      },
    },
    async (request) => getBoard(ctx, actorOf(request)),
  );
  r.post(
    '/deals',
    {
      schema: {
        tags,
        summary: 'Create a deal for a person or organisation',
        body: DealCreate,
        response: { 201: DealDetail, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await createDeal(ctx, actorOf(request), request.body)),
  );
  r.get(
    '/deals/:id',
    {
      schema: {
        tags,
        summary: 'A deal with its stage history, quotes and orders',
        params: IdParams,
        response: { 200: DealDetail, ...errorResponses },
      },
    },
    async (request) => getDeal(ctx, actorOf(request), request.params.id),
  );
  r.patch(
    '/deals/:id',
    {
      schema: {
        tags,
        summary: 'Change a deal (not its stage: see /move); optimistic locking by version',
        params: IdParams,
        body: DealPatch,
        response: { 200: DealDetail, ...errorResponses },
      },
    },
    async (request) => updateDeal(ctx, actorOf(request), request.params.id, request.body),
  );
  r.post(
    '/deals/:id/move',
    {
      schema: {
        tags,
        summary: 'Move a deal to another stage under the pipeline rules (won needs a value, lost a reason)',
        params: IdParams,
        body: DealMove,
        response: { 200: DealDetail, ...errorResponses },
      },
    },
    async (request) => moveDeal(ctx, actorOf(request), request.params.id, request.body),
  );
};
