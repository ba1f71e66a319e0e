import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTenant } from '../../db/tenant.ts';
import { AppError } from '../../domain/errors.ts';
import { canDo } from '../../domain/permissions/roles.ts';
import { actorOf } from '../../server/authenticate.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses, IdParams } from '../../server/http-schemas.ts';
import * as repo from './erasure.repository.ts';
import { ErasureList, SuppressionCheck, SuppressionCheckResult, SuppressionList } from './erasure.schemas.ts';
import { checkSuppression, deleteSuppression, listSuppressions } from './suppressions.service.ts';

const tags = ['erasure'];

export const erasureRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/erasures',
    {
      schema: {
        tags,
        summary: 'The erasure journal (DPO): who was erased when, by which request, with counts per table',
        response: { 200: ErasureList, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (!canDo({ role: actor.role, action: 'requests.manage' })) throw new AppError('forbidden');
      const rows = await inTenant(ctx.db.kysely, actor.tenantId, repo.listErasures);
      return {
        items: rows.map((e) => {
          const s = e.summary as Record<string, unknown>;
          return {
            id: e.id,
            personId: e.person_id,
            requestId: e.request_id,
            erasedAt: e.erased_at.toISOString(),
            erasedBy: e.erased_by,
            summary: {
              deleted: (s.deleted as Record<string, number> | undefined) ?? {},
              retainedInvoices: Number(s.retainedInvoices ?? 0),
              suppressions: Number(s.suppressions ?? 0),
              unlinked: s.unlinked as Record<string, number> | undefined,
              reappliedAt: typeof s.reappliedAt === 'string' ? s.reappliedAt : undefined,
            },
          };
        }),
      };
    },
  );
  r.get(
    '/suppressions',
    {
      schema: {
        tags,
        summary: 'The suppression list (DPO): kinds and reasons only, never the e-mail address or number',
        response: { 200: SuppressionList, ...errorResponses },
      },
    },
    async (request) => listSuppressions(ctx, actorOf(request)),
  );
  r.post(
    '/suppressions/check',
    {
      schema: {
        tags,
        summary:
          'Whether an e-mail address or phone number belongs to an erased person (before creating one)',
        body: SuppressionCheck,
        response: { 200: SuppressionCheckResult, ...errorResponses },
      },
    },
    async (request) => checkSuppression(ctx, actorOf(request), request.body),
  );
  r.delete(
    '/suppressions/:id',
    {
      schema: {
        tags,
        summary:
          'Lift a suppression entry (DPO), e.g. when the person comes back of their own accord; audited',
        params: IdParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteSuppression(ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
