import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../server/authenticate.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses, IdParams } from '../../server/http-schemas.ts';
import { OrganizationAccount, PersonAccount } from './accounts.schemas.ts';
import { getOrganizationAccount, getPersonAccount } from './accounts.service.ts';

export const accountRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/persons/:id/account',
    {
      schema: {
        tags: ['accounts'],
        summary:
          "A person's customer account: timeline, open invoices, deals, orders, cases, tasks and privacy facts, as the role may read them",
        params: IdParams,
        response: { 200: PersonAccount, ...errorResponses },
      },
    },
    async (request) => getPersonAccount(ctx, actorOf(request), request.params.id),
  );
  r.get(
    '/organizations/:id/account',
    {
      schema: {
        tags: ['accounts'],
        summary:
          "An organisation's customer account: contact persons and the records of the organisation and of its contact persons",
        params: IdParams,
        response: { 200: OrganizationAccount, ...errorResponses },
      },
    },
    async (request) => getOrganizationAccount(ctx, actorOf(request), request.params.id),
  );
};
