import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../server/authenticate.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses, IdParams } from '../../server/http-schemas.ts';
import {
  Breach,
  BreachClose,
  BreachCreate,
  BreachDetail,
  BreachList,
  BreachListQuery,
  BreachNotification,
  BreachPatch,
  BreachSubjectsDecision,
} from './breaches.schemas.ts';
import {
  assessBreach,
  closeBreach,
  decideSubjects,
  getBreach,
  listBreaches,
  notifyAuthority,
  reopenBreach,
  reportBreach,
} from './breaches.service.ts';

export const breachesRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['breaches'];
  r.get(
    '/breaches',
    {
      schema: {
        tags,
        summary: 'The breach register (breaches.manage), newest first, with the 72-hour deadline of each',
        querystring: BreachListQuery,
        response: { 200: BreachList, ...errorResponses },
      },
    },
    async (request) => listBreaches(ctx, actorOf(request), request.query),
  );
  r.post(
    '/breaches',
    {
      schema: {
        tags,
        summary:
          'Report a personal data breach at once (breaches.report); the 72 hours of Art. 33(1) run from awareAt',
        body: BreachCreate,
        response: { 201: Breach, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await reportBreach(ctx, actorOf(request), request.body)),
  );
  r.get(
    '/breaches/:id',
    {
      schema: {
        tags,
        summary: 'A breach with its history (breaches.manage)',
        params: IdParams,
        response: { 200: BreachDetail, ...errorResponses },
      },
    },
    async (request) => getBreach(ctx, actorOf(request), request.params.id),
  );
  r.patch(
    '/breaches/:id',
    {
      schema: {
        tags,
        summary:
          "The DPO's assessment: facts, Art. 33(3) content and risk (breaches.manage; 409 breach_closed, version_conflict)",
        params: IdParams,
        body: BreachPatch,
        response: { 200: Breach, ...errorResponses },
      },
    },
    async (request) => assessBreach(ctx, actorOf(request), request.params.id, request.body),
  );
  r.post(
    '/breaches/:id/authority-notification',
    {
      schema: {
        tags,
        summary:
          'Record the notification to the supervisory authority (Art. 33); 422 breach_incomplete while Art. 33(3) content is missing, breach_late_reason_required after 72 hours without reasons',
        params: IdParams,
        body: BreachNotification,
        response: { 200: Breach, ...errorResponses },
      },
    },
    async (request) => notifyAuthority(ctx, actorOf(request), request.params.id, request.body),
  );
  r.post(
    '/breaches/:id/subjects-decision',
    {
      schema: {
        tags,
        summary: 'Record whether and how the data subjects are informed (Art. 34)',
        params: IdParams,
        body: BreachSubjectsDecision,
        response: { 200: Breach, ...errorResponses },
      },
    },
    async (request) => decideSubjects(ctx, actorOf(request), request.params.id, request.body),
  );
  r.post(
    '/breaches/:id/close',
    {
      schema: {
        tags,
        summary:
          'Close a breach: needs the risk assessment, with a risk the authority notification, with a high risk the subjects decision (422 breach_incomplete)',
        params: IdParams,
        body: BreachClose,
        response: { 200: Breach, ...errorResponses },
      },
    },
    async (request) => closeBreach(ctx, actorOf(request), request.params.id, request.body),
  );
  r.post(
    '/breaches/:id/reopen',
    {
      schema: {
        tags,
        summary: 'Open a closed breach again, e.g. on new findings (an open breach stays as it is)',
        params: IdParams,
        response: { 200: Breach, ...errorResponses },
      },
    },
    async (request) => reopenBreach(ctx, actorOf(request), request.params.id),
  );
};
