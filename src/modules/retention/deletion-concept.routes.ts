import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../server/context.ts';

export const deletionConceptRoutes = (_app: FastifyInstance, _ctx: AppContext) => {};
