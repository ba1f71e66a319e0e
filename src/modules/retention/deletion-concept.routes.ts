import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../server/authenticate.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses, IdParams } from '../../server/http-schemas.ts';
import {
  ConceptQuery,
  DataTypeCreate,
  DataTypeIdParams,
  DataTypeOut,
  DataTypePatch,
  DeletionClassCreate,
  DeletionClassOut,
  DeletionConcept,
  RetentionPeriodCreate,
  RetentionPeriodOut,
  RetentionSettings,
} from './deletion-concept.schemas.ts';
import {
  createClass,
  createDataType,
  createPeriod,
  getConcept,
  getSettings,
  putSettings,
  updateDataType,
} from './deletion-concept.service.ts';
import { LegalHold, LegalHoldCreate, LegalHoldList, LegalHoldListQuery } from './legal-holds.schemas.ts';
import { listHolds, placeHold, releaseHold } from './legal-holds.service.ts';

export const deletionConceptRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['retention'];
  r.get(
    '/retention/concept',
    {
      schema: {
        tags,
        summary:
          "The deletion concept after DIN 66398 (retention.read): standard periods, deletion classes, and the catalogue of deletion rules of one jurisdiction (default the tenant's), sorted by period",
        querystring: ConceptQuery,
        response: { 200: DeletionConcept, ...errorResponses },
      },
    },
    async (request) => getConcept(ctx, actorOf(request), request.query),
  );
  r.post(
    '/retention/periods',
    {
      schema: {
        tags,
        summary: 'Add a standard period (retention.manage; 409 conflict if the id exists)',
        body: RetentionPeriodCreate,
        response: { 201: RetentionPeriodOut, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await createPeriod(ctx, actorOf(request), request.body)),
  );
  r.post(
    '/retention/classes',
    {
      schema: {
        tags,
        summary:
          'Add a deletion class: a standard period × start type cell (retention.manage; 409 if the cell exists)',
        body: DeletionClassCreate,
        response: { 201: DeletionClassOut, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await createClass(ctx, actorOf(request), request.body)),
  );
  r.post(
    '/retention/data-types',
    {
      schema: {
        tags,
        summary:
          'Add a data type with its deletion rule (retention.manage; 422 retention_below_legal_minimum, 409 retention_rule_conflict)',
        body: DataTypeCreate,
        response: { 201: DataTypeOut, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createDataType(ctx, actorOf(request), request.body)),
  );
  r.patch(
    '/retention/data-types/:id',
    {
      schema: {
        tags,
        summary:
          'Change a data type: class, texts, statute, active (retention.manage; 422 retention_below_legal_minimum, 409 retention_rule_conflict, version_conflict)',
        params: DataTypeIdParams,
        body: DataTypePatch,
        response: { 200: DataTypeOut, ...errorResponses },
      },
    },
    async (request) => updateDataType(ctx, actorOf(request), request.params.id, request.body),
  );
  r.get(
    '/retention/settings',
    {
      schema: {
        tags,
        summary: "The tenant's jurisdiction for deletion rules and invoice retention (retention.read)",
        response: { 200: RetentionSettings, ...errorResponses },
      },
    },
    async (request) => getSettings(ctx, actorOf(request)),
  );
  r.put(
    '/retention/settings',
    {
      schema: {
        tags,
        summary: "Set the tenant's jurisdiction (retention.manage)",
        body: RetentionSettings,
        response: { 200: RetentionSettings, ...errorResponses },
      },
    },
    async (request) => putSettings(ctx, actorOf(request), request.body),
  );
  legalHoldRoutes(app, ctx);
};

/** Legal holds: placed and released with legal_holds.manage, read also with retention.read. */
export const legalHoldRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['retention'];
  r.get(
    '/legal-holds',
    {
      schema: {
        tags,
        summary: 'Legal holds on records the actor sees, newest first (legal_holds.manage or retention.read)',
        querystring: LegalHoldListQuery,
        response: { 200: LegalHoldList, ...errorResponses },
      },
    },
    async (request) => listHolds(ctx, actorOf(request), request.query),
  );
  r.post(
    '/legal-holds',
    {
      schema: {
        tags,
        summary:
          'Place a legal hold that pauses deletion of a record or of everything about a person (legal_holds.manage; 404 if the record is unknown or not visible)',
        body: LegalHoldCreate,
        response: { 201: LegalHold, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await placeHold(ctx, actorOf(request), request.body)),
  );
  r.post(
    '/legal-holds/:id/release',
    {
      schema: {
        tags,
        summary: 'Release a legal hold; it stays documented (legal_holds.manage; 409 legal_hold_released)',
        params: IdParams,
        response: { 200: LegalHold, ...errorResponses },
      },
    },
    async (request) => releaseHold(ctx, actorOf(request), request.params.id),
  );
};
