import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../server/authenticate.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses, IdParams } from '../../server/http-schemas.ts';
import { Order, OrderCreate, OrderList, OrderListQuery, OrderPatch } from './orders.schemas.ts';
import { createOrder, getOrder, listOrders, updateOrder } from './orders.service.ts';

export const ordersRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['orders'];
  r.get(
    '/orders',
    {
      schema: {
        tags,
        summary: 'List orders (filters: customer, deal, status), newest first',
        querystring: OrderListQuery,
        response: { 200: OrderList, ...errorResponses },
      },
    },
    async (request) => listOrders(ctx, actorOf(request), request.query),
  );
  r.post(
    '/orders',
    {
      schema: {
        tags,
        summary: 'Record an order with its lines; totals are computed by the server',
        body: OrderCreate,
        response: { 201: Order, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await createOrder(ctx, actorOf(request), request.body)),
  );
  r.get(
    '/orders/:id',
    {
      schema: {
        tags,
        summary: 'An order with its lines and VAT per rate',
        params: IdParams,
        response: { 200: Order, ...errorResponses },
      },
    },
    async (request) => getOrder(ctx, actorOf(request), request.params.id),
  );
  r.patch(
    '/orders/:id',
    {
      schema: {
        tags,
        summary: 'Fulfil or cancel an order, or set its ERP reference; optimistic locking by version',
        params: IdParams,
        body: OrderPatch,
        response: { 200: Order, ...errorResponses },
      },
    },
    async (request) => updateOrder(ctx, actorOf(request), request.params.id, request.body),
  );
};
