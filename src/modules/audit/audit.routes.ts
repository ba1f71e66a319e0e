import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTenant } from '../../db/tenant.ts';
import { AppError } from '../../domain/errors.ts';
import { canDo, canRead } from '../../domain/permissions/roles.ts';
import { PERSON_FIELD_CATEGORIES, type PersonField } from '../../domain/privacy/data-categories.ts';
import { actorOf } from '../../server/authenticate.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses, IdParams } from '../../server/http-schemas.ts';
import { assertPersonVisible } from '../persons/persons.service.ts';
import { AuditList, AuditQuery, AuditVerification, HistoryEntry } from './audit.schemas.ts';
import { listAudit, recordAuditAlone, verifyAudit } from './audit.service.ts';

const dpo = (request: FastifyRequest) => {
  const actor = actorOf(request);
  if (!canDo({ role: actor.role, action: 'audit.read' })) throw new AppError('forbidden');
  return actor;
};

/** History values are shown per field as the viewer's role may read its category (privacy facts: all). */
const readableField = (role: Parameters<typeof canRead>[0]['role'], field: string) => {
  const base = field.split('.')[0] ?? '';
  if (base === 'interactions' || base === 'interaction') return canRead({ role, category: 'communication' });
  const category = PERSON_FIELD_CATEGORIES[base as PersonField];
  return category ? canRead({ role, category }) : true;
};

export const auditRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary:
          'Audit trail (DPO): filter by subject, action and period, values decrypted while the key exists',
        querystring: AuditQuery,
        response: { 200: AuditList, ...errorResponses },
      },
    },
    async (request) => {
      const actor = dpo(request);
      const q = request.query;
      const items = await listAudit(ctx, actor.tenantId, {
        subjectId: q.subjectId,
        action: q.action,
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
        beforeSeq: q.beforeSeq,
        limit: q.limit,
      });
      return { items };
    },
  );
  r.get(
    '/audit/verify',
    {
      schema: {
        tags: ['audit'],
        summary: "Verify the tenant's audit hash chain (DPO)",
        response: { 200: AuditVerification, ...errorResponses },
      },
    },
    async (request) => verifyAudit(ctx, { tenantId: dpo(request).tenantId }),
  );
  r.get(
    '/persons/:id/history',
    {
      schema: {
        tags: ['audit'],
        summary:
          "Change history of a person: who changed which field when, values as the viewer's role may read",
        params: IdParams,
        response: { 200: z.object({ items: z.array(HistoryEntry) }), ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await inTenant(ctx.db.kysely, actor.tenantId, (tx) =>
        assertPersonVisible(tx, actor, request.params.id),
      );
      const entries = [
        ...(await listAudit(ctx, actor.tenantId, {
          subjectId: request.params.id,
          action: 'create',
          limit: 200,
        })),
        ...(await listAudit(ctx, actor.tenantId, {
          subjectId: request.params.id,
          action: 'update',
          limit: 200,
        })),
      ].sort((a, b) => b.seq - a.seq);
      // the history shows former values: opening it is a read of personal data like the detail view
      await recordAuditAlone(ctx, actor.tenantId, {
        actor,
        action: 'read',
        subject: { type: 'person', id: request.params.id },
        fields: ['history'],
      });
      return {
        items: entries.map((e) => {
          const changes: Record<string, { old?: unknown; new?: unknown }> = {};
          for (const [key, value] of Object.entries(e.values?.new ?? {})) {
            if (readableField(actor.role, key)) changes[key] = { old: e.values?.old?.[key], new: value };
          }
          return {
            at: e.at,
            actor: e.actor,
            action: e.action as 'create' | 'update',
            fields: e.fields,
            changes,
          };
        }),
      };
    },
  );
};
