import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../server/authenticate.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses, IdParams } from '../../server/http-schemas.ts';
import {
  Case,
  CaseCreate,
  CaseList,
  CaseListQuery,
  CaseMessage,
  CaseMessageCreate,
  CasePatch,
} from './cases.schemas.ts';
import { addCaseMessage, createCase, getCase, listCases, updateCase } from './cases.service.ts';

export const casesRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'List support cases, open ones first by the SLA due time that matters next',
        querystring: CaseListQuery,
        response: { 200: CaseList, ...errorResponses },
      },
    },
    async (request) => listCases(ctx, actorOf(request), request.query),
  );
  r.post(
    '/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'Open a support case or complaint; it gets a number (F-2026-0001) and SLA due times',
        body: CaseCreate,
        response: { 201: Case, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await createCase(ctx, actorOf(request), request.body)),
  );
  r.get(
    '/cases/:id',
    {
      schema: {
        tags: ['cases'],
        summary: 'A case with its message thread (omitted when the role may not read communication content)',
        params: IdParams,
        response: { 200: Case, ...errorResponses },
      },
    },
    async (request) => getCase(ctx, actorOf(request), request.params.id),
  );
  r.patch(
    '/cases/:id',
    {
      schema: {
        tags: ['cases'],
        summary: 'Change status, priority (recomputes the due times), assignee, category or subject',
        params: IdParams,
        body: CasePatch,
        response: { 200: Case, ...errorResponses },
      },
    },
    async (request) => updateCase(ctx, actorOf(request), request.params.id, request.body),
  );
  r.post(
    '/cases/:id/messages',
    {
      schema: {
        tags: ['cases'],
        summary: 'Add a message to the thread: inbound, outbound (an answer) or internal note',
        params: IdParams,
        body: CaseMessageCreate,
        response: { 201: CaseMessage, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addCaseMessage(ctx, actorOf(request), request.params.id, request.body)),
  );
};
