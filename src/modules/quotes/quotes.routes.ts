import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../server/authenticate.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses, IdParams } from '../../server/http-schemas.ts';
import { Order } from '../orders/orders.schemas.ts';
import { createOrderFromQuote } from '../orders/orders.service.ts';
import { Quote, QuoteCreate, QuoteList, QuoteListQuery, QuotePatch } from './quotes.schemas.ts';
import { createQuote, getQuote, listQuotes, updateQuote } from './quotes.service.ts';

export const quotesRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['quotes'];
  r.get(
    '/quotes',
    {
      schema: {
        tags,
        summary: 'List quotes (filters: customer, deal, status), newest first',
        querystring: QuoteListQuery,
        response: { 200: QuoteList, ...errorResponses },
      },
    },
    async (request) => listQuotes(ctx, actorOf(request), request.query),
  );
  r.post(
    '/quotes',
    {
      schema: {
        tags,
        summary: 'Create a quote (draft) with its lines; totals are computed by the server',
        body: QuoteCreate,
        response: { 201: Quote, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await createQuote(ctx, actorOf(request), request.body)),
  );
  r.get(
    '/quotes/:id',
    {
      schema: {
        tags,
        summary: 'A quote with its lines and VAT per rate',
        params: IdParams,
        response: { 200: Quote, ...errorResponses },
      },
    },
    async (request) => getQuote(ctx, actorOf(request), request.params.id),
  );
  r.patch(
    '/quotes/:id',
    {
      schema: {
        tags,
        summary: 'Change the status (draft → sent → accepted | rejected | expired) or validity of a quote',
        params: IdParams,
        body: QuotePatch,
        response: { 200: Quote, ...errorResponses },
      },
    },
    async (request) => updateQuote(ctx, actorOf(request), request.params.id, request.body),
  );
  r.post(
    '/quotes/:id/order',
    {
      schema: {
        tags,
        summary: 'Make an order from an accepted quote (lines copied, quote and deal linked; once)',
        params: IdParams,
        response: { 201: Order, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createOrderFromQuote(ctx, actorOf(request), request.params.id)),
  );
};
