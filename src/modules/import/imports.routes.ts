import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../server/authenticate.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses, IdParams } from '../../server/http-schemas.ts';
import { DEFAULT_MAX_IMPORT_BYTES } from './import.limits.ts';
import { checkImport, commitImport } from './imports.commit.ts';
import { createImportMapping, deleteImportMapping, listImportMappings } from './imports.mappings.service.ts';
import { importReportCsv, importRows } from './imports.report.ts';
import {
  IMPORT_CONTENT_TYPES,
  ImportCommit,
  ImportListQuery,
  ImportMapping,
  ImportMappingCreate,
  ImportMappingList,
  ImportReport,
  ImportRowList,
  ImportRowsQuery,
  ImportSettings,
  ImportUploadBody,
  ImportUploadQuery,
  PersonImport,
  PersonImportList,
} from './imports.schemas.ts';
import { discardImport, getImport, listImports, setImportSettings, uploadImport } from './imports.service.ts';

const errors = { ...errorResponses, 413: errorResponses[422] };

/** Person imports (issue 8, ADR 0029): upload → mapping and facts → dry run → commit, all or nothing. */
export const importsRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const tags = ['imports'];
  // the raw file is the body: parsed as a stream only in this scope (the API's JSON parser stays as it is)
  app.register(async (scope) => {
    scope.removeContentTypeParser(['text/plain']);
    scope.addContentTypeParser([...IMPORT_CONTENT_TYPES], (_request, payload, done) => done(null, payload));
    const u = scope.withTypeProvider<ZodTypeProvider>();
    u.post(
      '/imports',
      {
        bodyLimit: DEFAULT_MAX_IMPORT_BYTES + 1024 * 1024,
        schema: {
          tags,
          summary:
            'Upload a CSV, xlsx or vCard file of persons as the raw body: read, staged sealed, with findings, preview and a suggested mapping (imports.run)',
          consumes: [...IMPORT_CONTENT_TYPES],
          querystring: ImportUploadQuery,
          body: ImportUploadBody,
          response: { 201: PersonImport, ...errors },
        },
      },
      async (request, reply) => {
        const header = request.headers['x-file-name'];
        const fileName =
          request.query.fileName ?? (typeof header === 'string' ? decodeURIComponent(header) : '');
        const length = Number(request.headers['content-length']);
        const created = await uploadImport(ctx, actorOf(request), {
          ...request.query,
          fileName,
          size: Number.isFinite(length) ? length : undefined,
          source: request.body as AsyncIterable<Uint8Array>,
        });
        return reply.status(201).send(created);
      },
    );
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/imports',
    {
      schema: {
        tags,
        summary: 'Person import batches, newest first, with status and counts (imports.read)',
        querystring: ImportListQuery,
        response: { 200: PersonImportList, ...errorResponses },
      },
    },
    async (request) => listImports(ctx, actorOf(request), request.query),
  );
  r.get(
    '/imports/:id',
    {
      schema: {
        tags,
        summary: 'One import batch with its provenance, findings, mapping and, while staged, a preview',
        params: IdParams,
        response: { 200: PersonImport, ...errorResponses },
      },
    },
    async (request) => getImport(ctx, actorOf(request), request.params.id),
  );
  r.put(
    '/imports/:id',
    {
      schema: {
        tags,
        summary:
          'Set the mapping, legal basis, purposes and source of a staged batch; unneeded columns are dropped (imports.run)',
        params: IdParams,
        body: ImportSettings,
        response: { 200: PersonImport, ...errorResponses },
      },
    },
    async (request) => setImportSettings(ctx, actorOf(request), request.params.id, request.body),
  );
  r.delete(
    '/imports/:id',
    {
      schema: {
        tags,
        summary: 'Discard a staged batch: its staged rows and their key are destroyed (imports.run)',
        params: IdParams,
        response: { 204: z.null().describe('Discarded'), ...errorResponses },
      },
    },
    async (request, reply) => {
      await discardImport(ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  r.post(
    '/imports/:id/dry-run',
    {
      schema: {
        tags,
        summary:
          'Check every row: valid, invalid, duplicate, suppressed or field-locked, sensitive notes flagged; nothing is written to persons (imports.run)',
        params: IdParams,
        response: { 200: ImportReport, ...errorResponses },
      },
    },
    async (request) => checkImport(ctx, actorOf(request), request.params.id),
  );
  r.post(
    '/imports/:id/commit',
    {
      schema: {
        tags,
        summary:
          'Import the batch in one transaction: any invalid row → 409 import_has_errors unless excluded; suppressed and locked rows never, duplicates skipped by default (imports.run)',
        params: IdParams,
        body: ImportCommit,
        response: { 200: ImportReport, ...errorResponses },
      },
    },
    async (request) => commitImport(ctx, actorOf(request), request.params.id, request.body),
  );
  r.get(
    '/imports/:id/rows',
    {
      schema: {
        tags,
        summary: 'The outcome of every row of the last check or the commit, paged (imports.read)',
        params: IdParams,
        querystring: ImportRowsQuery,
        response: { 200: ImportRowList, ...errorResponses },
      },
    },
    async (request) => importRows(ctx, actorOf(request), request.params.id, request.query),
  );
  r.get(
    '/imports/:id/report.csv',
    {
      schema: {
        tags,
        summary:
          'The error report as CSV: row, status, reasons, duplicate of; formulas escaped (imports.read)',
        params: IdParams,
        response: {
          200: {
            description: 'The report',
            content: { 'text/csv': { schema: z.string().describe('CSV, one line per row') } },
          },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { fileName, csv } = await importReportCsv(ctx, actorOf(request), request.params.id);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .send(csv as never);
    },
  );

  r.get(
    '/import-mappings',
    {
      schema: {
        tags,
        summary: 'Saved column mappings (imports.run)',
        response: { 200: ImportMappingList, ...errorResponses },
      },
    },
    async (request) => listImportMappings(ctx, actorOf(request)),
  );
  r.post(
    '/import-mappings',
    {
      schema: {
        tags,
        summary: 'Save a column mapping for files with these columns (imports.run)',
        body: ImportMappingCreate,
        response: { 201: ImportMapping, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createImportMapping(ctx, actorOf(request), request.body)),
  );
  r.delete(
    '/import-mappings/:id',
    {
      schema: {
        tags,
        summary: 'Delete a saved column mapping (imports.run)',
        params: IdParams,
        response: { 204: z.null().describe('Deleted'), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteImportMapping(ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
