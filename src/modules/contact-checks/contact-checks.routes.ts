import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../server/authenticate.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses } from '../../server/http-schemas.ts';
import { ContactCheckInput, ContactCheckResult } from './contact-checks.schemas.ts';
import { checkContact } from './contact-checks.service.ts';

const tags = ['contact-checks'];

export const contactChecksRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/contact-checks',
    {
      schema: {
        tags,
        summary:
          'Checks contact data as it is typed (any logged-in user): e-mail syntax and disposable domains, ' +
          'the E.164 form of a phone number, places of a German postal code (© OpenStreetMap contributors, ' +
          'ODbL), IBAN and BIC. Stores, audits and logs nothing',
        body: ContactCheckInput,
        response: { 200: ContactCheckResult, ...errorResponses },
      },
    },
    async (request) => checkContact(ctx, actorOf(request), request.body),
  );
};
