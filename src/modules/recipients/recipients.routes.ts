import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../server/authenticate.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses, IdParams } from '../../server/http-schemas.ts';
import { listNotifications, listRequestNotifications, resolveNotification } from './notifications.service.ts';
import {
  Disclosure,
  DisclosureCreate,
  DisclosureList,
  Recipient,
  RecipientCreate,
  RecipientList,
  RecipientListQuery,
  RecipientNotification,
  RecipientNotificationList,
  RecipientNotificationListQuery,
  RecipientNotificationPatch,
  RecipientPatch,
} from './recipients.schemas.ts';
import {
  createRecipient,
  listDisclosures,
  listRecipients,
  recordDisclosure,
  updateRecipient,
} from './recipients.service.ts';

export const recipientsRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['recipients'];
  r.get(
    '/recipients',
    {
      schema: {
        tags,
        summary: 'The recipients register (processors, controllers, authorities, internal systems), by name',
        querystring: RecipientListQuery,
        response: { 200: RecipientList, ...errorResponses },
      },
    },
    async (request) => listRecipients(ctx, actorOf(request), request.query),
  );
  r.post(
    '/recipients',
    {
      schema: {
        tags,
        summary:
          'Add a recipient of personal data (recipients.manage); names are unique (409 recipient_exists)',
        body: RecipientCreate,
        response: { 201: Recipient, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createRecipient(ctx, actorOf(request), request.body)),
  );
  r.patch(
    '/recipients/:id',
    {
      schema: {
        tags,
        summary: 'Change or archive a recipient (recipients.manage); archived ones get no new disclosures',
        params: IdParams,
        body: RecipientPatch,
        response: { 200: Recipient, ...errorResponses },
      },
    },
    async (request) => updateRecipient(ctx, actorOf(request), request.params.id, request.body),
  );
  r.get(
    '/persons/:id/disclosures',
    {
      schema: {
        tags,
        summary: "The person's disclosure log: which recipient got which data categories when, newest first",
        params: IdParams,
        response: { 200: DisclosureList, ...errorResponses },
      },
    },
    async (request) => listDisclosures(ctx, actorOf(request), request.params.id),
  );
  r.post(
    '/persons/:id/disclosures',
    {
      schema: {
        tags,
        summary:
          'Log a disclosure of the person’s data to a recipient (disclosures.record; Art. 15(1)(c), 19)',
        params: IdParams,
        body: DisclosureCreate,
        response: { 201: Disclosure, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await recordDisclosure(ctx, actorOf(request), request.params.id, request.body)),
  );
  r.get(
    '/requests/:id/notifications',
    {
      schema: {
        tags,
        summary: 'The Art. 19 recipient notifications of a data subject request (requests.manage)',
        params: IdParams,
        response: { 200: RecipientNotificationList, ...errorResponses },
      },
    },
    async (request) => listRequestNotifications(ctx, actorOf(request), request.params.id),
  );
  r.get(
    '/recipient-notifications',
    {
      schema: {
        tags,
        summary: "The DPO's Art. 19 worklist: recipients still to notify or to confirm, oldest first",
        querystring: RecipientNotificationListQuery,
        response: { 200: RecipientNotificationList, ...errorResponses },
      },
    },
    async (request) => listNotifications(ctx, actorOf(request), request.query),
  );
  r.patch(
    '/recipient-notifications/:id',
    {
      schema: {
        tags,
        summary:
          'Mark a notification sent, confirmed or impossible (with the reason); confirmed and impossible are final',
        params: IdParams,
        body: RecipientNotificationPatch,
        response: { 200: RecipientNotification, ...errorResponses },
      },
    },
    async (request) => resolveNotification(ctx, actorOf(request), request.params.id, request.body),
  );
};
