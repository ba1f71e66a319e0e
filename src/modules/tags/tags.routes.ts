import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTenant } from '../../db/tenant.ts';
import { AppError } from '../../domain/errors.ts';
import { canDo } from '../../domain/permissions/roles.ts';
import { actorOf } from '../../server/authenticate.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses } from '../../server/http-schemas.ts';
import * as repo from './tags.repository.ts';

export const TAG_COLORS = ['gray', 'red', 'orange', 'yellow', 'green', 'blue', 'purple', 'pink'] as const;
const Tag = z.object({ id: z.string(), name: z.string(), color: z.string() }).meta({ id: 'Tag' });
const TagCreate = z
  .strictObject({ name: z.string().trim().min(1).max(50), color: z.enum(TAG_COLORS).default('gray') })
  .meta({ id: 'TagCreate' });

export const tagsRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/tags',
    {
      schema: {
        tags: ['tags'],
        summary: 'All tags of the tenant',
        response: { 200: z.object({ items: z.array(Tag) }), ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return { items: await inTenant(ctx.db.kysely, actor.tenantId, repo.listTags) };
    },
  );
  r.post(
    '/tags',
    {
      schema: {
        tags: ['tags'],
        summary: 'Create a tag',
        body: TagCreate,
        response: { 201: Tag, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (!canDo({ role: actor.role, action: 'tags.manage' })) throw new AppError('forbidden');
      const tag = await inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
        if (await repo.findTagByName(tx, request.body.name)) throw new AppError('conflict');
        return repo.insertTag(tx, { tenant_id: actor.tenantId, ...request.body });
      });
      return reply.status(201).send(tag);
    },
  );
};
