import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../server/authenticate.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses, IdParams } from '../../server/http-schemas.ts';
import { localeFrom } from '../../server/messages.ts';
import { Recipient } from './recipients.schemas.ts';
import { AvvUpload, RegisterListQuery, SystemRegister } from './register.schemas.ts';
import { downloadAvv, listRegister, uploadAvv } from './register.service.ts';

/** RFC 6266 filename parameters: an ASCII fallback and the UTF-8 name. */
const contentDisposition = (fileName: string) => {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
};

/**
 * The system and processor register (data map). Entries are created and changed through
 * /recipients (POST, PATCH); these routes list them with their assessment and keep the AVV document.
 */
export const systemsRegisterRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['recipients'];
  r.get(
    '/register/systems',
    {
      schema: {
        tags,
        summary:
          'The system and processor register: where personal data lives, transfers, AVV, with warnings (ropa.read or recipients.manage)',
        querystring: RegisterListQuery,
        response: { 200: SystemRegister, ...errorResponses },
      },
    },
    async (request) =>
      listRegister(ctx, actorOf(request), {
        includeArchived: request.query.includeArchived,
        locale: localeFrom(request.headers['accept-language']),
      }),
  );
  r.put(
    '/register/systems/:id/avv',
    {
      // base64 of up to 5 MiB plus the JSON around it
      bodyLimit: 8 * 1024 * 1024,
      schema: {
        tags,
        summary:
          'Upload the signed data processing agreement (Art. 28) as PDF, base64 in JSON; replaces an earlier one (recipients.manage)',
        params: IdParams,
        body: AvvUpload,
        response: { 200: Recipient, ...errorResponses },
      },
    },
    async (request) => uploadAvv(ctx, actorOf(request), request.params.id, request.body),
  );
  r.get(
    '/register/systems/:id/avv',
    {
      schema: {
        tags,
        summary:
          'Download the signed data processing agreement (ropa.read or recipients.manage); 404 when none',
        params: IdParams,
        response: {
          200: {
            description: 'The AVV as uploaded',
            content: { 'application/pdf': { schema: z.file().describe('PDF document') } },
          },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { fileName, file } = await downloadAvv(ctx, actorOf(request), request.params.id);
      return (
        reply
          .type('application/pdf')
          .header('content-disposition', contentDisposition(fileName))
          .header('x-content-type-options', 'nosniff')
          // the schema documents a binary body; Fastify sends the Buffer as is
          .send(file as unknown as File)
      );
    },
  );
};
