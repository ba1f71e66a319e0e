import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../server/authenticate.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses, IdParams } from '../../server/http-schemas.ts';
import {
  ExtensionCreate,
  FulfilBody,
  RefusalCreate,
  Request,
  RequestCreate,
  RequestList,
  RequestListQuery,
  RequestPatch,
  RequestSettings,
  RequestSettingsPut,
  VerificationCreate,
} from './requests.schemas.ts';
import {
  addVerification,
  createRequest,
  extendRequest,
  fulfilRequest,
  getRequest,
  getRequestSettings,
  listRequests,
  putRequestSettings,
  refuseRequest,
  updateRequest,
} from './requests.service.ts';

const tags = ['requests'];

export const requestsRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/requests/settings',
    {
      schema: {
        tags,
        summary: 'The Bundesland whose public holidays move request deadlines (DPO)',
        response: { 200: RequestSettings, ...errorResponses },
      },
    },
    async (request) => getRequestSettings(ctx, actorOf(request)),
  );
  r.put(
    '/requests/settings',
    {
      schema: {
        tags,
        summary: 'Set the Bundesland for request deadlines; null: nationwide holidays only (DPO)',
        body: RequestSettingsPut,
        response: { 200: RequestSettings, ...errorResponses },
      },
    },
    async (request) => putRequestSettings(ctx, actorOf(request), request.body),
  );
  r.get(
    '/requests',
    {
      schema: {
        tags,
        summary: 'The inbox of data subject requests, by effective due date, with deadline warnings (DPO)',
        querystring: RequestListQuery,
        response: { 200: RequestList, ...errorResponses },
      },
    },
    async (request) => listRequests(ctx, actorOf(request), request.query),
  );
  r.post(
    '/requests',
    {
      schema: {
        tags,
        summary:
          'Record a data subject request (Art. 15–21 GDPR); it gets a number and its Art. 12(3) due date',
        body: RequestCreate,
        response: { 201: Request, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createRequest(ctx, actorOf(request), request.body)),
  );
  r.get(
    '/requests/:id',
    {
      schema: {
        tags,
        summary: 'A request with its identity checks and history (DPO; the read is audited)',
        params: IdParams,
        response: { 200: Request, ...errorResponses },
      },
    },
    async (request) => getRequest(ctx, actorOf(request), request.params.id),
  );
  r.patch(
    '/requests/:id',
    {
      schema: {
        tags,
        summary: 'Assign an open request to an employee (DPO)',
        params: IdParams,
        body: RequestPatch,
        response: { 200: Request, ...errorResponses },
      },
    },
    async (request) => updateRequest(ctx, actorOf(request), request.params.id, request.body),
  );
  r.post(
    '/requests/:id/verification',
    {
      schema: {
        tags,
        summary: 'Record an identity check step: requested, passed (verified) or failed (DPO)',
        params: IdParams,
        body: VerificationCreate,
        response: { 200: Request, ...errorResponses },
      },
    },
    async (request) => addVerification(ctx, actorOf(request), request.params.id, request.body),
  );
  r.post(
    '/requests/:id/extend',
    {
      schema: {
        tags,
        summary: 'Extend the deadline by one or two months, once, within the first month (DPO)',
        params: IdParams,
        body: ExtensionCreate,
        response: { 200: Request, ...errorResponses },
      },
    },
    async (request) => extendRequest(ctx, actorOf(request), request.params.id, request.body),
  );
  r.post(
    '/requests/:id/refuse',
    {
      schema: {
        tags,
        summary: 'Refuse the request with a reason (Art. 12(4), 12(5)); it is closed (DPO)',
        params: IdParams,
        body: RefusalCreate,
        response: { 200: Request, ...errorResponses },
      },
    },
    async (request) => refuseRequest(ctx, actorOf(request), request.params.id, request.body),
  );
  r.post(
    '/requests/:id/fulfil',
    {
      schema: {
        tags,
        summary:
          'Carry the request out in one step (export, rectification, erasure, restriction, objection); 409 when closed or unverified (DPO)',
        params: IdParams,
        body: FulfilBody.nullish(),
        response: { 200: Request, ...errorResponses },
      },
    },
    async (request) => fulfilRequest(ctx, actorOf(request), request.params.id, request.body ?? {}),
  );
};
