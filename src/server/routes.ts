import type { FastifyInstance } from 'fastify';
import { auditRoutes } from '../modules/audit/audit.routes.ts';
import { authRoutes } from '../modules/auth/auth.routes.ts';
import { catalogueRoutes } from '../modules/catalogue/catalogue.routes.ts';
import { departmentsRoutes } from '../modules/departments/departments.routes.ts';
import { interactionsRoutes } from '../modules/interactions/interactions.routes.ts';
import { organizationsRoutes } from '../modules/organizations/organizations.routes.ts';
import { personsRoutes } from '../modules/persons/persons.routes.ts';
import { setupRoutes } from '../modules/setup/setup.routes.ts';
import { tagsRoutes } from '../modules/tags/tags.routes.ts';
import { tokensRoutes } from '../modules/tokens/tokens.routes.ts';
import { usersRoutes } from '../modules/users/users.routes.ts';
import type { AppContext } from './context.ts';

/** Every capability's routes under /api/v1. */
export const registerRoutes = (api: FastifyInstance, ctx: AppContext) => {
  for (const register of [
    setupRoutes,
    authRoutes,
    catalogueRoutes,
    departmentsRoutes,
    usersRoutes,
    tokensRoutes,
    tagsRoutes,
    organizationsRoutes,
    personsRoutes,
    interactionsRoutes,
    auditRoutes,
  ]) {
    register(api, ctx);
  }
};
