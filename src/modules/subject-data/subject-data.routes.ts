import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { strToU8, zipSync } from 'fflate';
import { exportToCsvFiles } from '../../domain/requests/subject-export.ts';
import { actorOf } from '../../server/authenticate.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses, IdParams } from '../../server/http-schemas.ts';
import { ExportQuery, SubjectExportOut } from './subject-data.schemas.ts';
import { getRequestExport } from './subject-data.service.ts';

export const subjectDataRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/requests/:id/export',
    {
      schema: {
        tags: ['requests'],
        summary:
          'The export of a completed access (Art. 15) or portability (Art. 20) request: JSON, or ?format=csv as a ZIP of CSV files (DPO)',
        params: IdParams,
        querystring: ExportQuery,
        response: { 200: SubjectExportOut, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { format } = request.query;
      const data = await getRequestExport(ctx, actorOf(request), request.params.id, format);
      if (format === 'json') return data;
      const files = exportToCsvFiles({ facts: data.facts, tables: data.tables });
      const zip = zipSync(
        Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)])),
      );
      return reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="${data.scope}-export-${request.params.id}.zip"`)
        .send(Buffer.from(zip) as never);
    },
  );
};
