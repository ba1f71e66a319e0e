import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTenant } from '../../db/tenant.ts';
import { AppError } from '../../domain/errors.ts';
import { canDo } from '../../domain/permissions/roles.ts';
import { DATA_CATEGORIES, DATA_CATEGORY_INFO } from '../../domain/privacy/data-categories.ts';
import {
  LEGAL_BASES,
  LEGAL_BASIS_LABELS,
  SOURCE_KINDS,
  SPECIAL_CATEGORY_BASES,
  SPECIAL_CATEGORY_BASIS_LABELS,
} from '../../domain/privacy/legal-bases.ts';
import { actorOf } from '../../server/authenticate.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses } from '../../server/http-schemas.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as repo from './catalogue.repository.ts';

const Basis = z.object({ id: z.string(), article: z.string(), labelDe: z.string(), labelEn: z.string() });
export const PurposeOut = z
  .object({
    id: z.string(),
    labelDe: z.string(),
    labelEn: z.string(),
    descriptionDe: z.string(),
    descriptionEn: z.string(),
    legalBases: z.array(z.enum(LEGAL_BASES)),
    builtIn: z.boolean(),
  })
  .meta({ id: 'Purpose' });
const PurposeCreate = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z][a-z0-9_]{1,62}$/, 'lower-case letters, digits and _')
      .describe('Stable id'),
    labelDe: z.string().trim().min(1).max(100),
    labelEn: z.string().trim().min(1).max(100),
    descriptionDe: z.string().trim().min(1).max(2000),
    descriptionEn: z.string().trim().min(1).max(2000),
    legalBases: z.array(z.enum(LEGAL_BASES)).min(1).max(6),
  })
  .meta({ id: 'PurposeCreate' });
const Catalogue = z
  .object({
    legalBases: z.array(Basis),
    specialCategoryBases: z.array(Basis),
    dataCategories: z.array(
      z.object({ id: z.string(), labelDe: z.string(), labelEn: z.string(), special: z.boolean() }),
    ),
    sourceKinds: z.array(z.string()),
    purposes: z.array(PurposeOut),
  })
  .meta({ id: 'PrivacyCatalogue' });

const STATIC = {
  legalBases: LEGAL_BASES.map((id) => ({
    id,
    article: LEGAL_BASIS_LABELS[id].article,
    labelDe: LEGAL_BASIS_LABELS[id].de,
    labelEn: LEGAL_BASIS_LABELS[id].en,
  })),
  specialCategoryBases: SPECIAL_CATEGORY_BASES.map((id) => {
    const l = SPECIAL_CATEGORY_BASIS_LABELS[id];
    return { id, article: l.article, labelDe: l.de, labelEn: l.en };
  }),
  dataCategories: DATA_CATEGORIES.map((id) => ({
    id,
    labelDe: DATA_CATEGORY_INFO[id].de,
    labelEn: DATA_CATEGORY_INFO[id].en,
    special: DATA_CATEGORY_INFO[id].special,
  })),
  sourceKinds: [...SOURCE_KINDS],
};

export const catalogueRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/privacy/catalogue',
    {
      schema: {
        tags: ['privacy'],
        summary: 'Legal bases, Art. 9 conditions, data categories, source kinds and the declared purposes',
        response: { 200: Catalogue, ...errorResponses },
      },
    },
    async (request) => ({
      ...STATIC,
      purposes: await inTenant(ctx.db.kysely, actorOf(request).tenantId, repo.listPurposes),
    }),
  );
  r.post(
    '/purposes',
    {
      schema: {
        tags: ['privacy'],
        summary: 'Declare a purpose (admin, DPO)',
        body: PurposeCreate,
        response: { 201: PurposeOut, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (!canDo({ role: actor.role, action: 'purposes.manage' })) throw new AppError('forbidden');
      const purpose = await inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
        if (await repo.findPurpose(tx, request.body.id))
          throw new AppError('purpose_exists', { params: { purpose: request.body.id } });
        const purpose = await repo.insertPurpose(tx, actor.tenantId, request.body);
        await recordAudit(tx, ctx, actor.tenantId, {
          actor,
          action: 'settings_change',
          fields: ['purposes'],
          note: `purpose ${purpose.id} declared (${purpose.legalBases.join(', ')})`,
        });
        return purpose;
      });
      return reply.status(201).send(purpose);
    },
  );
};
