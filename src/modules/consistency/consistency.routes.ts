import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../server/authenticate.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses } from '../../server/http-schemas.ts';
import { DEFAULT_MAX_IMPORT_BYTES } from '../import/import.limits.ts';
import { IMPORT_CONTENT_TYPES } from '../import/imports.schemas.ts';
import { ConsistencyReport, ConsistencyUploadBody, ConsistencyUploadQuery } from './consistency.schemas.ts';
import { compareFile, reportCsv } from './consistency.service.ts';

const errors = { ...errorResponses, 413: errorResponses[422] };

/** The consistency report (issue 8): an export of another system compared with Custos, not stored. */
export const consistencyRoutes = (app: FastifyInstance, ctx: AppContext) => {
  // the raw file is the body: parsed as a stream only in this scope
  app.register(async (scope) => {
    scope.removeContentTypeParser(['text/plain']);
    scope.addContentTypeParser([...IMPORT_CONTENT_TYPES], (_request, payload, done) => done(null, payload));
    const u = scope.withTypeProvider<ZodTypeProvider>();
    u.post(
      '/consistency-reports',
      {
        bodyLimit: DEFAULT_MAX_IMPORT_BYTES + 1024 * 1024,
        schema: {
          tags: ['consistency'],
          summary:
            'Compare a file exported from another system (ERP, another branch’s CRM; CSV, xlsx or vCard as the raw ' +
            'body) with the persons visible to the caller (consistency.compare): matched (Custos id, e-mail, then ' +
            'the duplicate engine), only in Custos, only in the file, field disagreements and the agreement rate ' +
            'per field. The report is answered, never stored; format=csv answers the same report as CSV',
          consumes: [...IMPORT_CONTENT_TYPES],
          querystring: ConsistencyUploadQuery,
          body: ConsistencyUploadBody,
          response: {
            200: ConsistencyReport.or(z.string().describe('format=csv: the report as CSV')),
            ...errors,
          },
        },
      },
      async (request, reply) => {
        const header = request.headers['x-file-name'];
        const fileName =
          request.query.fileName ?? (typeof header === 'string' ? decodeURIComponent(header) : 'upload.csv');
        const length = Number(request.headers['content-length']);
        const report = await compareFile(ctx, actorOf(request), {
          ...request.query,
          fileName,
          size: Number.isFinite(length) ? length : undefined,
          source: request.body as AsyncIterable<Uint8Array>,
        });
        if (request.query.format !== 'csv') return report;
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="consistency-report.csv"')
          .header('cache-control', 'no-store')
          .send(reportCsv(report));
      },
    );
  });
};
