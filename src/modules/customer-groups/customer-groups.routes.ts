import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../server/authenticate.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses, IdParams } from '../../server/http-schemas.ts';
import {
  CustomerGroup,
  CustomerGroupCreate,
  CustomerGroupList,
  CustomerGroupPatch,
} from './customer-groups.schemas.ts';
import { createCustomerGroup, listCustomerGroups, renameCustomerGroup } from './customer-groups.service.ts';

export const customerGroupsRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['customer-groups'];
  r.get(
    '/customer-groups',
    {
      schema: {
        tags,
        summary: 'The customer groups of the tenant, by name',
        response: { 200: CustomerGroupList, ...errorResponses },
      },
    },
    async (request) => listCustomerGroups(ctx, actorOf(request)),
  );
  r.post(
    '/customer-groups',
    {
      schema: {
        tags,
        summary: 'Add a customer group (customer_groups.manage)',
        body: CustomerGroupCreate,
        response: { 201: CustomerGroup, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createCustomerGroup(ctx, actorOf(request), request.body)),
  );
  r.patch(
    '/customer-groups/:id',
    {
      schema: {
        tags,
        summary: 'Rename a customer group (customer_groups.manage)',
        params: IdParams,
        body: CustomerGroupPatch,
        response: { 200: CustomerGroup, ...errorResponses },
      },
    },
    async (request) => renameCustomerGroup(ctx, actorOf(request), request.params.id, request.body),
  );
};
