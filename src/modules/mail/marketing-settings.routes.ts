import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../server/authenticate.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses } from '../../server/http-schemas.ts';
import {
  MailTemplate,
  MailTemplateCreate,
  MailTemplateList,
  MailTemplateParams,
  MarketingSettings,
  MarketingSettingsUpdate,
} from './marketing-settings.schemas.ts';
import {
  createMailTemplate,
  getMarketingSettings,
  listMailTemplates,
  listMailTemplateVersions,
  updateMarketingSettings,
} from './marketing-settings.service.ts';

export const marketingSettingsRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['marketing'];
  r.get(
    '/marketing/settings',
    {
      schema: {
        tags,
        summary: 'The sender identity of marketing and notice mails (marketing.read)',
        response: { 200: MarketingSettings, ...errorResponses },
      },
    },
    async (request) => getMarketingSettings(ctx, actorOf(request)),
  );
  r.put(
    '/marketing/settings',
    {
      schema: {
        tags,
        summary: 'Change the sender identity, imprint address and link base URL (marketing.manage)',
        body: MarketingSettingsUpdate,
        response: { 200: MarketingSettings, ...errorResponses },
      },
    },
    async (request) => updateMarketingSettings(ctx, actorOf(request), request.body),
  );
  r.get(
    '/mail-templates',
    {
      schema: {
        tags,
        summary: 'The mail template in use per key and language (the newest version, or the built-in one)',
        response: { 200: MailTemplateList, ...errorResponses },
      },
    },
    async (request) => listMailTemplates(ctx, actorOf(request)),
  );
  r.get(
    '/mail-templates/:key/:language/versions',
    {
      schema: {
        tags,
        summary: 'Every version of a mail template, newest first, ending with the built-in one',
        params: MailTemplateParams,
        response: { 200: MailTemplateList, ...errorResponses },
      },
    },
    async (request) =>
      listMailTemplateVersions(ctx, actorOf(request), request.params.key, request.params.language),
  );
  r.post(
    '/mail-templates',
    {
      schema: {
        tags,
        summary: 'Save a new version of a mail template (marketing.manage); 422 invalid_template',
        body: MailTemplateCreate,
        response: { 201: MailTemplate, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createMailTemplate(ctx, actorOf(request), request.body)),
  );
};
