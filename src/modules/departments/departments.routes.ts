import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTenant } from '../../db/tenant.ts';
import { AppError } from '../../domain/errors.ts';
import { canDo } from '../../domain/permissions/roles.ts';
import { actorOf } from '../../server/authenticate.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses } from '../../server/http-schemas.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as repo from './departments.repository.ts';

const Department = z.object({ id: z.string(), name: z.string() }).meta({ id: 'Department' });
const DepartmentCreate = z
  .strictObject({ name: z.string().trim().min(1).max(100) })
  .meta({ id: 'DepartmentCreate' });

export const departmentsRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/departments',
    {
      schema: {
        tags: ['departments'],
        summary: 'Departments (Abteilungen) that records can be scoped to',
        response: { 200: z.object({ items: z.array(Department) }), ...errorResponses },
      },
    },
    async (request) => ({
      items: await inTenant(ctx.db.kysely, actorOf(request).tenantId, repo.listDepartments),
    }),
  );
  r.post(
    '/departments',
    {
      schema: {
        tags: ['departments'],
        summary: 'Create a department (admin)',
        body: DepartmentCreate,
        response: { 201: Department, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (!canDo({ role: actor.role, action: 'departments.manage' })) throw new AppError('forbidden');
      const department = await inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
        if (await repo.findDepartmentByName(tx, request.body.name)) throw new AppError('conflict');
        const created = await repo.insertDepartment(tx, {
          tenant_id: actor.tenantId,
          name: request.body.name,
        });
        await recordAudit(tx, ctx, actor.tenantId, {
          actor,
          action: 'settings_change',
          subject: { type: 'department', id: created.id },
          fields: ['departments'],
          note: 'department created',
        });
        return created;
      });
      return reply.status(201).send(department);
    },
  );
};
