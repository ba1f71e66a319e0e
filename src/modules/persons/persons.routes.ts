import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../server/authenticate.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses, IdParams } from '../../server/http-schemas.ts';
import { Person, PersonCreate, PersonList, PersonListQuery, PersonPatch } from './persons.schemas.ts';
import { createPerson, getPerson, listPersons, updatePerson } from './persons.service.ts';

export const personsRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/persons',
    {
      schema: {
        tags: ['persons'],
        summary: 'List and search persons (name, e-mail, phone), paginated',
        querystring: PersonListQuery,
        response: { 200: PersonList, ...errorResponses },
      },
    },
    async (request) => listPersons(ctx, actorOf(request), request.query),
  );
  r.post(
    '/persons',
    {
      schema: {
        tags: ['persons'],
        summary: 'Create a person; legal basis, purposes and source are mandatory',
        body: PersonCreate,
        response: { 201: Person, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await createPerson(ctx, actorOf(request), request.body)),
  );
  r.get(
    '/persons/:id',
    {
      schema: {
        tags: ['persons'],
        summary: "A person with privacy facts; fields the viewer's role may not read are omitted",
        params: IdParams,
        response: { 200: Person, ...errorResponses },
      },
    },
    async (request) => getPerson(ctx, actorOf(request), request.params.id),
  );
  r.patch(
    '/persons/:id',
    {
      schema: {
        tags: ['persons'],
        summary: 'Change a person (optimistic locking by version)',
        params: IdParams,
        body: PersonPatch,
        response: { 200: Person, ...errorResponses },
      },
    },
    async (request) => updatePerson(ctx, actorOf(request), request.params.id, request.body),
  );
};
