import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../server/context.ts';

export const selfCheckRoutes = (_app: FastifyInstance, _ctx: AppContext) => {};
