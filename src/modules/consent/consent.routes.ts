import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../server/authenticate.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses, IdParams } from '../../server/http-schemas.ts';
import {
  Consent,
  ConsentCreate,
  ConsentList,
  ConsentWithdraw,
  ConsentWording,
  ConsentWordingCreate,
  ConsentWordingList,
  ConsentWordingQuery,
  PersonConsentParams,
} from './consent.schemas.ts';
import {
  consentHistoryPdf,
  createWording,
  listPersonConsents,
  listWordings,
  recordPersonConsent,
  withdrawPersonConsent,
} from './consent.service.ts';

const PdfQuery = z.strictObject({
  lang: z.enum(['de', 'en']).optional().describe('Language of the PDF; default from Accept-Language'),
});

export const consentRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['consent'];
  r.get(
    '/consent-wordings',
    {
      schema: {
        tags,
        summary:
          'Consent wordings, every version (newest first); `current` marks the newest per purpose, channel, language',
        querystring: ConsentWordingQuery,
        response: { 200: ConsentWordingList, ...errorResponses },
      },
    },
    async (request) => listWordings(ctx, actorOf(request), request.query),
  );
  r.post(
    '/consent-wordings',
    {
      schema: {
        tags,
        summary: 'A new version of a consent wording (consent_wordings.manage); old versions stay',
        body: ConsentWordingCreate,
        response: { 201: ConsentWording, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createWording(ctx, actorOf(request), request.body)),
  );
  r.get(
    '/persons/:id/consents',
    {
      schema: {
        tags,
        summary: "The person's consent ledger, all history (valid, withdrawn, superseded), newest first",
        params: IdParams,
        response: { 200: ConsentList, ...errorResponses },
      },
    },
    async (request) => listPersonConsents(ctx, actorOf(request), request.params.id),
  );
  r.post(
    '/persons/:id/consents',
    {
      schema: {
        tags,
        summary:
          'Record a consent the person gave (consents.record); supersedes a valid one for the same purpose and channel; phone needs proof.note (§ 7a UWG)',
        params: IdParams,
        body: ConsentCreate,
        response: { 201: Consent, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await recordPersonConsent(ctx, actorOf(request), request.params.id, request.body)),
  );
  r.post(
    '/persons/:id/consents/:consentId/withdraw',
    {
      schema: {
        tags,
        summary: 'Withdraw a consent on the person’s behalf (consents.record); 409 consent_already_withdrawn',
        params: PersonConsentParams,
        body: ConsentWithdraw,
        response: { 200: Consent, ...errorResponses },
      },
    },
    async (request) =>
      withdrawPersonConsent(
        ctx,
        actorOf(request),
        request.params.id,
        request.params.consentId,
        request.body ?? {},
      ),
  );
  r.get(
    '/persons/:id/consents/history.pdf',
    {
      schema: {
        tags,
        summary: "The person's consent history as a printable PDF, with each wording's full text",
        params: IdParams,
        querystring: PdfQuery,
        response: {
          200: {
            description: 'The consent history as PDF',
            content: { 'application/pdf': { schema: z.file().describe('PDF document') } },
          },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const language =
        request.query.lang ?? (/^en/i.test(String(request.headers['accept-language'] ?? '')) ? 'en' : 'de');
      const pdf = await consentHistoryPdf(ctx, actorOf(request), request.params.id, language);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="consents-${request.params.id}.pdf"`)
        .send(pdf as unknown as File);
    },
  );
};
