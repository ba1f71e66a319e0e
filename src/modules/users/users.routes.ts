import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../domain/errors.ts';
import { canDo } from '../../domain/permissions/roles.ts';
import { actorOf } from '../../server/authenticate.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses, IdParams } from '../../server/http-schemas.ts';
import { User, UserCreate, UserPatch } from './users.schemas.ts';
import { createUser, listUsers, updateUser } from './users.service.ts';

const admin = (request: FastifyRequest) => {
  const actor = actorOf(request);
  if (!canDo({ role: actor.role, action: 'users.manage' })) throw new AppError('forbidden');
  return actor;
};

export const usersRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['users'];
  r.get(
    '/users',
    {
      schema: {
        tags,
        summary: 'Users of the tenant (admin)',
        response: { 200: z.object({ items: z.array(User) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await listUsers(ctx, { tenantId: admin(request).tenantId }) }),
  );
  r.post(
    '/users',
    {
      schema: {
        tags,
        summary: 'Create a user (admin)',
        body: UserCreate,
        response: { 201: User, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await createUser(ctx, {
          tenantId: admin(request).tenantId,
          input: request.body,
          by: actorOf(request),
        }),
      ),
  );
  r.patch(
    '/users/:id',
    {
      schema: {
        tags,
        summary: 'Change role, departments or disable a user (admin)',
        params: IdParams,
        body: UserPatch,
        response: { 200: User, ...errorResponses },
      },
    },
    async (request) =>
      updateUser(ctx, {
        tenantId: admin(request).tenantId,
        id: request.params.id,
        patch: request.body,
        by: actorOf(request),
      }),
  );
};
