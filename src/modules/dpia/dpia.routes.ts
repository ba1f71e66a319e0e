import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../server/authenticate.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses, IdParams } from '../../server/http-schemas.ts';
import {
  Dpia,
  DpiaCreate,
  DpiaList,
  DpiaPatch,
  DpiaSignOff,
  PdfQuery,
  PurposeParams,
  PurposeScreening,
  ScreeningList,
  ScreeningPut,
} from './dpia.schemas.ts';
import {
  createDpia,
  dpiaPdf,
  getDpia,
  listDpias,
  listScreenings,
  putScreening,
  reviewDpia,
  signOffDpia,
  updateDpia,
} from './dpia.service.ts';

export const dpiaRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['dpia'];
  r.get(
    '/dpias',
    {
      schema: {
        tags,
        summary: 'Every data protection impact assessment (Art. 35), all revisions (ropa.read)',
        response: { 200: DpiaList, ...errorResponses },
      },
    },
    async (request) => listDpias(ctx, actorOf(request)),
  );
  r.get(
    '/dpias/screening',
    {
      schema: {
        tags,
        summary:
          'The screening of every declared purpose: automatic triggers from the live data, the answers, whether a DPIA is required and where it stands (ropa.read)',
        response: { 200: ScreeningList, ...errorResponses },
      },
    },
    async (request) => listScreenings(ctx, actorOf(request)),
  );
  r.put(
    '/dpias/screening/:purposeId',
    {
      schema: {
        tags,
        summary:
          "The DPO's screening answers of a purpose: Art. 35(3) cases, DSK list items, WP248 criteria (dpia.manage; 409 version_conflict)",
        params: PurposeParams,
        body: ScreeningPut,
        response: { 200: PurposeScreening, ...errorResponses },
      },
    },
    async (request) => putScreening(ctx, actorOf(request), request.params.purposeId, request.body),
  );
  r.post(
    '/dpias',
    {
      schema: {
        tags,
        summary:
          'Start the DPIA of a purpose (dpia.manage; 409 conflict when the purpose has one: review it)',
        body: DpiaCreate,
        response: { 201: Dpia, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await createDpia(ctx, actorOf(request), request.body)),
  );
  r.get(
    '/dpias/:id',
    {
      schema: {
        tags,
        summary: 'One DPIA with its risks on the 4 × 4 matrix (ropa.read)',
        params: IdParams,
        response: { 200: Dpia, ...errorResponses },
      },
    },
    async (request) => getDpia(ctx, actorOf(request), request.params.id),
  );
  r.patch(
    '/dpias/:id',
    {
      schema: {
        tags,
        summary:
          'Change a draft: questionnaire, risks with measures and residual risk, DPO opinion, Art. 36 consultation (dpia.manage; 409 dpia_signed_off, version_conflict)',
        params: IdParams,
        body: DpiaPatch,
        response: { 200: Dpia, ...errorResponses },
      },
    },
    async (request) => updateDpia(ctx, actorOf(request), request.params.id, request.body),
  );
  r.post(
    '/dpias/:id/sign-off',
    {
      schema: {
        tags,
        summary:
          'Sign a draft off with a review date (default one year): 422 dpia_incomplete, dpia_measures_missing; 409 dpia_high_residual_risk without Art. 36 consultation, dpia_signed_off',
        params: IdParams,
        body: DpiaSignOff,
        response: { 200: Dpia, ...errorResponses },
      },
    },
    async (request) => signOffDpia(ctx, actorOf(request), request.params.id, request.body),
  );
  r.post(
    '/dpias/:id/review',
    {
      schema: {
        tags,
        summary:
          'Review a signed-off DPIA: a new draft revision (201); the open draft of the series if there is one (200)',
        params: IdParams,
        response: { 200: Dpia, 201: Dpia, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { created, dpia } = await reviewDpia(ctx, actorOf(request), request.params.id);
      return reply.status(created ? 201 : 200).send(dpia);
    },
  );
  r.get(
    '/dpias/:id/export.pdf',
    {
      schema: {
        tags,
        summary: 'The DPIA as a printable PDF, structured after Art. 35(7) (ropa.read)',
        params: IdParams,
        querystring: PdfQuery,
        response: {
          200: {
            description: 'The DPIA as PDF',
            content: { 'application/pdf': { schema: z.file().describe('PDF document') } },
          },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const language =
        request.query.lang ?? (/^en/i.test(String(request.headers['accept-language'] ?? '')) ? 'en' : 'de');
      const pdf = await dpiaPdf(ctx, actorOf(request), request.params.id, language);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="dpia-${request.params.id}.pdf"`)
        .send(pdf as unknown as File);
    },
  );
};
