import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../server/authenticate.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses, IdParams } from '../../server/http-schemas.ts';
import {
  PersonVerified,
  QualityDashboard,
  QualityList,
  QualityListParams,
  QualityListQuery,
  QualitySettings,
} from './data-quality.schemas.ts';
import {
  markPersonVerified,
  qualityDashboard,
  qualityList,
  qualitySettings,
  updateQualitySettings,
} from './data-quality.service.ts';

const tags = ['data-quality'];

export const dataQualityRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/data-quality',
    {
      schema: {
        tags,
        summary:
          'The data quality dashboard (quality.read): per data category completeness and validity, open duplicate ' +
          'suggestions and stale persons, as counts and shares of the persons visible to the caller; never values',
        response: { 200: QualityDashboard, ...errorResponses },
      },
    },
    async (request) => qualityDashboard(ctx, actorOf(request)),
  );
  r.get(
    '/data-quality/lists/:check',
    {
      schema: {
        tags,
        summary:
          'A page of persons to work through for one check (incomplete, invalid, duplicates, stale), by name, ' +
          'with what is wrong (not the value), within the caller’s departments and readable categories',
        params: QualityListParams,
        querystring: QualityListQuery,
        response: { 200: QualityList, ...errorResponses },
      },
    },
    async (request) => qualityList(ctx, actorOf(request), request.params.check, request.query),
  );
  r.get(
    '/data-quality/settings',
    {
      schema: {
        tags,
        summary: 'The staleness period of the dashboard (quality.read)',
        response: { 200: QualitySettings, ...errorResponses },
      },
    },
    async (request) => qualitySettings(ctx, actorOf(request)),
  );
  r.put(
    '/data-quality/settings',
    {
      schema: {
        tags,
        summary: 'Change the staleness period (quality.manage: admin, DPO); audited',
        body: QualitySettings,
        response: { 200: QualitySettings, ...errorResponses },
      },
    },
    async (request) => updateQualitySettings(ctx, actorOf(request), request.body),
  );
  r.post(
    '/persons/:id/verified',
    {
      schema: {
        tags,
        summary:
          'Mark a person’s data as checked and correct today (quality.read and write access to identity data); ' +
          'the person then counts as confirmed for the staleness period; audited',
        params: IdParams,
        response: { 200: PersonVerified, ...errorResponses },
      },
    },
    async (request) => markPersonVerified(ctx, actorOf(request), request.params.id),
  );
};
