import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../server/authenticate.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses } from '../../server/http-schemas.ts';
import { localeFrom } from '../../server/messages.ts';
import { CasesByAgeReport, PipelineReport, RevenueQuery, RevenueReport } from './reports.schemas.ts';
import { casesByAgeReport, pipelineReport, revenueReport } from './reports.service.ts';

export const reportsRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['reports'];
  r.get(
    '/reports/revenue',
    {
      schema: {
        tags,
        summary: 'Net revenue per quarter by customer group or product (from the revenue ledger)',
        querystring: RevenueQuery,
        response: { 200: RevenueReport, ...errorResponses },
      },
    },
    async (request) =>
      revenueReport(ctx, actorOf(request), request.query, localeFrom(request.headers['accept-language'])),
  );
  r.get(
    '/reports/pipeline',
    {
      schema: {
        tags,
        summary: 'Open deals per pipeline stage: count, value and weighted value per currency',
        response: { 200: PipelineReport, ...errorResponses },
      },
    },
    async (request) => pipelineReport(ctx, actorOf(request)),
  );
  r.get(
    '/reports/cases-by-age',
    {
      schema: {
        tags,
        summary: 'Open support cases by age and priority, with SLA breaches',
        response: { 200: CasesByAgeReport, ...errorResponses },
      },
    },
    async (request) => casesByAgeReport(ctx, actorOf(request)),
  );
};
