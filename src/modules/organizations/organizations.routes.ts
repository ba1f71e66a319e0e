import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../server/authenticate.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses, IdParams } from '../../server/http-schemas.ts';
import {
  Organization,
  OrganizationCreate,
  OrganizationList,
  OrganizationListQuery,
  OrganizationPatch,
} from './organizations.schemas.ts';
import {
  createOrganization,
  getOrganization,
  listOrganizations,
  updateOrganization,
} from './organizations.service.ts';

export const organizationsRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['organizations'];
  r.get(
    '/organizations',
    {
      schema: {
        tags,
        summary: 'List and search organisations',
        querystring: OrganizationListQuery,
        response: { 200: OrganizationList, ...errorResponses },
      },
    },
    async (request) => listOrganizations(ctx, actorOf(request), request.query),
  );
  r.post(
    '/organizations',
    {
      schema: {
        tags,
        summary: 'Create an organisation',
        body: OrganizationCreate,
        response: { 201: Organization, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createOrganization(ctx, actorOf(request), request.body)),
  );
  r.get(
    '/organizations/:id',
    {
      schema: {
        tags,
        summary: 'An organisation with its contact persons',
        params: IdParams,
        response: { 200: Organization, ...errorResponses },
      },
    },
    async (request) => getOrganization(ctx, actorOf(request), request.params.id),
  );
  r.patch(
    '/organizations/:id',
    {
      schema: {
        tags,
        summary: 'Change an organisation (optimistic locking by version)',
        params: IdParams,
        body: OrganizationPatch,
        response: { 200: Organization, ...errorResponses },
      },
    },
    async (request) => updateOrganization(ctx, actorOf(request), request.params.id, request.body),
  );
};
