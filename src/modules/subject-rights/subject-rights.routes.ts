import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../server/authenticate.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses, IdParams } from '../../server/http-schemas.ts';
import { Person } from '../persons/persons.schemas.ts';
import { FieldLock, FieldLockList, FieldLockParams, FieldLockSet } from './subject-rights.schemas.ts';
import { liftRestriction, listFieldLocks, removeFieldLock, setFieldLock } from './subject-rights.service.ts';

const tags = ['subject-rights'];

export const subjectRightsRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/persons/:id/field-locks',
    {
      schema: {
        tags,
        summary: 'The fields the person refused (locked: emptied, every later write refused)',
        params: IdParams,
        response: { 200: FieldLockList, ...errorResponses },
      },
    },
    async (request) => listFieldLocks(ctx, actorOf(request), request.params.id),
  );
  r.put(
    '/persons/:id/field-locks/:field',
    {
      schema: {
        tags,
        summary:
          'Lock a field the person refused: its value is erased (audited) and later writes are refused',
        params: FieldLockParams,
        body: FieldLockSet,
        response: { 200: FieldLock, ...errorResponses },
      },
    },
    async (request) =>
      setFieldLock(ctx, actorOf(request), request.params.id, request.params.field, request.body),
  );
  r.delete(
    '/persons/:id/field-locks/:field',
    {
      schema: {
        tags,
        summary: 'Lift a field lock (the person agreed again); the field stays empty until written',
        params: FieldLockParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await removeFieldLock(ctx, actorOf(request), request.params.id, request.params.field);
      return reply.status(204).send(null);
    },
  );
  r.delete(
    '/persons/:id/restriction',
    {
      schema: {
        tags,
        summary:
          'Lift the restriction of processing (Art. 18); the person must be informed first (Art. 18(3))',
        params: IdParams,
        response: { 200: Person, ...errorResponses },
      },
    },
    async (request) => liftRestriction(ctx, actorOf(request), request.params.id),
  );
};
