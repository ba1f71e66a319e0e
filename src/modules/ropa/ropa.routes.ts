import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../server/authenticate.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses, IdParams } from '../../server/http-schemas.ts';
import {
  RopaActivityCreate,
  RopaActivityOut,
  RopaActivityPatch,
  RopaExportQuery,
  RopaOut,
  RopaSettingsPut,
} from './ropa.schemas.ts';
import { createActivity, getRopa, patchActivity, putSettings, ropaDocument } from './ropa.service.ts';
import { renderRopaCsv, renderRopaPdf } from './ropa-export.ts';

export const ropaRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['ropa'];
  r.get(
    '/ropa',
    {
      schema: {
        tags,
        summary:
          'The record of processing activities (Art. 30): controller details and every activity with the live facts it is prefilled from (ropa.read)',
        response: { 200: RopaOut, ...errorResponses },
      },
    },
    async (request) => getRopa(ctx, actorOf(request)),
  );
  r.put(
    '/ropa/settings',
    {
      schema: {
        tags,
        summary:
          "The controller's name and contact details, representative, DPO (Art. 30(1)(a)) and the general measures (Art. 32) (ropa.manage)",
        body: RopaSettingsPut,
        response: { 200: RopaOut, ...errorResponses },
      },
    },
    async (request) => putSettings(ctx, actorOf(request), request.body),
  );
  r.post(
    '/ropa/activities',
    {
      schema: {
        tags,
        summary:
          'Add a hand-kept activity: Art. 30(1) outside the declared purposes, or Art. 30(2) as processor for another controller (ropa.manage)',
        body: RopaActivityCreate,
        response: { 201: RopaActivityOut, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createActivity(ctx, actorOf(request), request.body)),
  );
  r.patch(
    '/ropa/activities/:id',
    {
      schema: {
        tags,
        summary:
          'Edit, confirm or reopen an activity (ropa.manage; 409 version_conflict, 422 ropa_incomplete when confirming without the Art. 30 content)',
        params: IdParams,
        body: RopaActivityPatch,
        response: { 200: RopaActivityOut, ...errorResponses },
      },
    },
    async (request) => patchActivity(ctx, actorOf(request), request.params.id, request.body),
  );
  r.get(
    '/ropa/export',
    {
      schema: {
        tags,
        summary:
          'The record as PDF, CSV or JSON, in German or English, both parts or one (ropa.read; the export is audited)',
        querystring: RopaExportQuery,
        response: {
          200: {
            description: 'The record of processing activities',
            content: {
              'application/pdf': { schema: z.file().describe('PDF document') },
              'text/csv': { schema: z.string().describe('CSV, one row per activity') },
              'application/json': { schema: z.unknown().describe('The record as a document') },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { format, part } = request.query;
      const language =
        request.query.lang ?? (/^en/i.test(String(request.headers['accept-language'] ?? '')) ? 'en' : 'de');
      const document = await ropaDocument(ctx, actorOf(request), { language, part, format });
      const name = `ropa-${language}${part ? `-${part}` : ''}`;
      if (format === 'json')
        return reply
          .type('application/json')
          .header('content-disposition', `attachment; filename="${name}.json"`)
          .send(JSON.stringify(document, null, 2) as never);
      if (format === 'csv')
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}.csv"`)
          .send(renderRopaCsv(document) as never);
      const author = document.parts[0]?.header[0]?.value.split('\n')[0] ?? '';
      const pdf = await renderRopaPdf(document, author);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${name}.pdf"`)
        .send(pdf as unknown as File);
    },
  );
};
