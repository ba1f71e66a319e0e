import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../server/authenticate.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses, IdParams } from '../../server/http-schemas.ts';
import { Interaction, InteractionCreate, InteractionList } from './interactions.schemas.ts';
import { createInteraction, listInteractions } from './interactions.service.ts';

export const interactionsRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/persons/:id/interactions',
    {
      schema: {
        tags: ['interactions'],
        summary: "A person's interaction timeline, newest first",
        params: IdParams,
        response: { 200: InteractionList, ...errorResponses },
      },
    },
    async (request) => listInteractions(ctx, actorOf(request), request.params.id),
  );
  r.post(
    '/persons/:id/interactions',
    {
      schema: {
        tags: ['interactions'],
        summary: 'Record a call, e-mail, meeting, chat, letter, note or social contact',
        params: IdParams,
        body: InteractionCreate,
        response: { 201: Interaction, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createInteraction(ctx, actorOf(request), request.params.id, request.body)),
  );
};
