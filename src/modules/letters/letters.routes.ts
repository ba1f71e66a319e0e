import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../server/authenticate.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses, IdParams } from '../../server/http-schemas.ts';
import { emailLetter } from './letter-email.service.ts';
import {
  Letter,
  LetterCreate,
  LetterList,
  LetterTemplate,
  LetterTemplateList,
  LetterTemplateParams,
  LetterTemplateUpdate,
} from './letters.schemas.ts';
import {
  createLetter,
  letterPdf,
  listLetters,
  listTemplates,
  markLetterSent,
  resetTemplate,
  updateTemplate,
} from './letters.service.ts';

export const lettersRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/letter-templates',
    {
      schema: {
        tags: ['letters'],
        summary: 'Every letter template (kind × language): the tenant’s edit or the built-in text',
        response: { 200: LetterTemplateList, ...errorResponses },
      },
    },
    async (request) => listTemplates(ctx, actorOf(request)),
  );
  r.put(
    '/letter-templates/:kind/:locale',
    {
      schema: {
        tags: ['letters'],
        summary: 'Edit a letter template (DPO); an unknown placeholder gives 422 invalid_template',
        params: LetterTemplateParams,
        body: LetterTemplateUpdate,
        response: { 200: LetterTemplate, ...errorResponses },
      },
    },
    async (request) =>
      updateTemplate(ctx, actorOf(request), request.params.kind, request.params.locale, request.body),
  );
  r.delete(
    '/letter-templates/:kind/:locale',
    {
      schema: {
        tags: ['letters'],
        summary: 'Reset a letter template to the built-in text (DPO)',
        params: LetterTemplateParams,
        response: { 200: LetterTemplate, ...errorResponses },
      },
    },
    async (request) => resetTemplate(ctx, actorOf(request), request.params.kind, request.params.locale),
  );
  r.post(
    '/requests/:id/letters',
    {
      schema: {
        tags: ['letters'],
        summary:
          'Write a letter for a request from its template; the access answer needs the completed request’s export',
        params: IdParams,
        body: LetterCreate,
        response: { 201: Letter, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createLetter(ctx, actorOf(request), request.params.id, request.body)),
  );
  r.get(
    '/requests/:id/letters',
    {
      schema: {
        tags: ['letters'],
        summary: 'The letters of a request with their text (null once the person was erased)',
        params: IdParams,
        response: { 200: LetterList, ...errorResponses },
      },
    },
    async (request) => listLetters(ctx, actorOf(request), request.params.id),
  );
  r.get(
    '/letters/:id/pdf',
    {
      schema: {
        tags: ['letters'],
        summary: 'The letter as an A4 PDF (DIN 5008); 409 letter_unavailable once the person was erased',
        params: IdParams,
        response: {
          200: {
            description: 'The letter as PDF',
            content: { 'application/pdf': { schema: z.file().describe('PDF document') } },
          },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { pdf, number, kind } = await letterPdf(ctx, actorOf(request), request.params.id);
      return (
        reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="${number}-${kind}.pdf"`)
          // the schema documents a binary body; Fastify sends the Buffer as is, without serialising it
          .send(pdf as unknown as File)
      );
    },
  );
  r.post(
    '/letters/:id/sent',
    {
      schema: {
        tags: ['letters'],
        summary: 'Mark a letter as sent (the first time counts)',
        params: IdParams,
        response: { 200: Letter, ...errorResponses },
      },
    },
    async (request) => markLetterSent(ctx, actorOf(request), request.params.id),
  );
  r.post(
    '/letters/:id/email',
    {
      schema: {
        tags: ['letters'],
        summary: "Send the letter to the person's e-mail address and mark it sent",
        description:
          'Through SMTP_URL, or into the outbox without it. 422 no_email_address, 409 letter_unavailable ' +
          '(person erased), 422 email_undeliverable (bounce), 503 mail_delivery_failed (server unreachable).',
        params: IdParams,
        response: { 200: Letter, ...errorResponses },
      },
    },
    async (request) => emailLetter(ctx, actorOf(request), request.params.id),
  );
};
