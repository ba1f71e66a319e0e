import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../server/authenticate.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses, IdParams } from '../../server/http-schemas.ts';
import { createToken, listTokens, revokeToken } from './tokens.service.ts';

const Token = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().describe('First characters, to recognise the token'),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiToken' });

export const tokensRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['tokens'];
  r.get(
    '/tokens',
    {
      schema: {
        tags,
        summary: 'My API tokens',
        response: { 200: z.object({ items: z.array(Token) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await listTokens(ctx, actorOf(request)) }),
  );
  r.post(
    '/tokens',
    {
      schema: {
        tags,
        summary: 'Create an API token with my rights; the token is shown only in this response',
        body: z.strictObject({ name: z.string().trim().min(1).max(100) }).meta({ id: 'TokenCreate' }),
        response: { 201: z.object({ id: z.string(), token: z.string() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply.status(201).send(await createToken(ctx, { ...actor, name: request.body.name }));
    },
  );
  r.delete(
    '/tokens/:id',
    {
      schema: {
        tags,
        summary: 'Revoke one of my tokens',
        params: IdParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await revokeToken(ctx, { tenantId: actor.tenantId, id: request.params.id, userId: actor.userId });
      return reply.status(204).send(null);
    },
  );
};
