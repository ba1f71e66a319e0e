import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../domain/errors.ts';
import { actorOf } from '../../server/authenticate.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses, IdParams } from '../../server/http-schemas.ts';
import { campaignLettersPdf } from './campaigns.letters.ts';
import { scheduleCampaign, sendCampaignNow } from './campaigns.runner.ts';
import {
  Campaign,
  CampaignCreate,
  CampaignList,
  CampaignPatch,
  CampaignRecipientList,
  CampaignRecipientsQuery,
  CampaignReport,
  CampaignResponse,
  CampaignResponseCreate,
  CampaignSchedule,
} from './campaigns.schemas.ts';
import {
  campaignReport,
  cancelCampaign,
  createCampaign,
  followTrackedLink,
  getCampaign,
  listCampaignRecipients,
  listCampaigns,
  recordResponse,
  updateCampaign,
} from './campaigns.service.ts';

export const campaignsRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['campaigns'];
  r.get(
    '/campaigns',
    {
      schema: {
        tags,
        summary: 'Campaigns, newest first, with their recipient counts (marketing.read)',
        response: { 200: CampaignList, ...errorResponses },
      },
    },
    async (request) => listCampaigns(ctx, actorOf(request)),
  );
  r.post(
    '/campaigns',
    {
      schema: {
        tags,
        summary:
          'A campaign draft to a segment for a declared advertising purpose (marketing.manage; campaign_not_marketing)',
        body: CampaignCreate,
        response: { 201: Campaign, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createCampaign(ctx, actorOf(request), request.body)),
  );
  r.get(
    '/campaigns/:id',
    {
      schema: {
        tags,
        summary: 'One campaign with its recipient counts',
        params: IdParams,
        response: { 200: Campaign, ...errorResponses },
      },
    },
    async (request) => getCampaign(ctx, actorOf(request), request.params.id),
  );
  r.patch(
    '/campaigns/:id',
    {
      schema: {
        tags,
        summary: 'Change a draft (409 campaign_not_editable otherwise; version as read)',
        params: IdParams,
        body: CampaignPatch,
        response: { 200: Campaign, ...errorResponses },
      },
    },
    async (request) => updateCampaign(ctx, actorOf(request), request.params.id, request.body),
  );
  r.post(
    '/campaigns/:id/schedule',
    {
      schema: {
        tags,
        summary:
          'Schedule a draft for a time in the future; recurring campaigns then run on each birthday or yearly date',
        params: IdParams,
        body: CampaignSchedule,
        response: { 200: Campaign, ...errorResponses },
      },
    },
    async (request) => scheduleCampaign(ctx, actorOf(request), request.params.id, request.body),
  );
  r.post(
    '/campaigns/:id/send',
    {
      schema: {
        tags,
        summary:
          'Send an e-mail campaign now to every eligible person (409 campaign_no_legal_basis: nobody may be reached, nothing sent)',
        params: IdParams,
        response: { 200: Campaign, ...errorResponses },
      },
    },
    async (request) => sendCampaignNow(ctx, actorOf(request), request.params.id),
  );
  r.post(
    '/campaigns/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel a draft or scheduled campaign (a recurring one stops)',
        params: IdParams,
        response: { 200: Campaign, ...errorResponses },
      },
    },
    async (request) => cancelCampaign(ctx, actorOf(request), request.params.id),
  );
  r.get(
    '/campaigns/:id/recipients',
    {
      schema: {
        tags,
        summary: 'Who the campaign reached or left out (and why), with the legal basis relied on',
        params: IdParams,
        querystring: CampaignRecipientsQuery,
        response: { 200: CampaignRecipientList, ...errorResponses },
      },
    },
    async (request) => listCampaignRecipients(ctx, actorOf(request), request.params.id, request.query),
  );
  r.post(
    '/campaigns/:id/responses',
    {
      schema: {
        tags,
        summary: 'Record that a recipient replied or ordered (campaigns.respond)',
        params: IdParams,
        body: CampaignResponseCreate,
        response: { 201: CampaignResponse, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await recordResponse(ctx, actorOf(request), request.params.id, request.body)),
  );
  r.get(
    '/campaigns/:id/report',
    {
      schema: {
        tags,
        summary: 'Totals and responses by customer group (which group responded to the campaign)',
        params: IdParams,
        response: { 200: CampaignReport, ...errorResponses },
      },
    },
    async (request) => campaignReport(ctx, actorOf(request), request.params.id),
  );
  r.get(
    '/campaigns/:id/letters.pdf',
    {
      schema: {
        tags,
        summary:
          'Letter campaigns: one letter per eligible recipient as one PDF (marks them printed; marketing.manage)',
        params: IdParams,
        response: {
          200: {
            description: 'The letters as PDF',
            content: { 'application/pdf': { schema: z.file().describe('PDF document') } },
          },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { pdf } = await campaignLettersPdf(ctx, actorOf(request), request.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="campaign-${request.params.id}.pdf"`)
        .header('cache-control', 'no-store')
        .send(pdf as unknown as File);
    },
  );
  r.get(
    '/public/c/:token',
    {
      config: { auth: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        security: [],
        tags,
        summary:
          "A campaign mail's tracked link: records 'clicked' once and redirects to the campaign's link",
        params: z.strictObject({ token: z.string().min(1).max(200).describe('The recipient link token') }),
        response: {
          302: z.null().describe('Redirect to the campaign link'),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const target = await followTrackedLink(ctx, ctx.db.kysely, request.params.token);
      if (!target) throw new AppError('link_invalid');
      return reply.header('cache-control', 'no-store').redirect(target, 302);
    },
  );
};
