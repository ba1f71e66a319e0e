import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../server/authenticate.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses, IdParams } from '../../server/http-schemas.ts';
import {
  CompareQuery,
  CompareResult,
  DismissResult,
  DuplicateList,
  DuplicateListQuery,
  MergeBody,
  MergeResult,
  ScanResult,
} from './duplicates.schemas.ts';
import {
  comparePersons,
  dismissSuggestion,
  duplicatesOfPerson,
  listSuggestions,
  scanDuplicates,
} from './duplicates.service.ts';
import { mergePersons } from './merge.service.ts';

export const duplicatesRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/duplicates',
    {
      schema: {
        tags: ['duplicates'],
        summary: 'Open duplicate suggestions (both persons visible to the caller), best score first',
        querystring: DuplicateListQuery,
        response: { 200: DuplicateList, ...errorResponses },
      },
    },
    async (request) => listSuggestions(ctx, actorOf(request), request.query),
  );
  r.post(
    '/duplicates/scan',
    {
      schema: {
        tags: ['duplicates'],
        summary: 'Refresh the duplicate suggestions of the whole tenant (SQL blocking, scored pairs)',
        response: { 200: ScanResult, ...errorResponses },
      },
    },
    async (request) => scanDuplicates(ctx, actorOf(request)),
  );
  r.post(
    '/duplicates/:id/dismiss',
    {
      schema: {
        tags: ['duplicates'],
        summary: 'Not the same person: the pair is never suggested again',
        params: IdParams,
        response: { 200: DismissResult, ...errorResponses },
      },
    },
    async (request) => dismissSuggestion(ctx, actorOf(request), request.params.id),
  );
  r.get(
    '/duplicates/compare',
    {
      schema: {
        tags: ['duplicates'],
        summary: 'Two persons side by side with the survivorship default per field',
        querystring: CompareQuery,
        response: { 200: CompareResult, ...errorResponses },
      },
    },
    async (request) => comparePersons(ctx, actorOf(request), request.query),
  );
  r.get(
    '/persons/:id/duplicates',
    {
      schema: {
        tags: ['duplicates'],
        summary: 'Possible duplicates of one person, found now from its current data',
        params: IdParams,
        response: { 200: DuplicateList, ...errorResponses },
      },
    },
    async (request) => duplicatesOfPerson(ctx, actorOf(request), request.params.id),
  );
  r.post(
    '/persons/merge',
    {
      schema: {
        tags: ['duplicates'],
        summary: 'Merge one person into another (never automatic): records move, history and consents stay',
        body: MergeBody,
        response: { 200: MergeResult, ...errorResponses },
      },
    },
    async (request) => mergePersons(ctx, actorOf(request), request.body),
  );
};
