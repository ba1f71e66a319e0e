import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../server/authenticate.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses, IdParams } from '../../server/http-schemas.ts';
import { OutboxList, OutboxMailDetail, OutboxQuery } from './outbox.schemas.ts';
import { getOutboxMail, listOutbox } from './outbox.service.ts';

export const outboxRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['marketing'];
  r.get(
    '/outbox',
    {
      schema: {
        tags,
        summary: 'Mails sent or waiting in the outbox, newest first (outbox.read)',
        querystring: OutboxQuery,
        response: { 200: OutboxList, ...errorResponses },
      },
    },
    async (request) => listOutbox(ctx, actorOf(request), request.query),
  );
  r.get(
    '/outbox/:id',
    {
      schema: {
        tags,
        summary: 'One mail of the outbox with its text, HTML and headers (outbox.read)',
        params: IdParams,
        response: { 200: OutboxMailDetail, ...errorResponses },
      },
    },
    async (request) => getOutboxMail(ctx, actorOf(request), request.params.id),
  );
};
