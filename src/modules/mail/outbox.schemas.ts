import { z } from 'zod';

const Kind = z.enum(['double_opt_in', 'portal_login', 'campaign', 'notice']);
const Status = z.enum(['outbox', 'queued', 'sent', 'failed', 'bounced']);

export const OutboxQuery = z.strictObject({
  kind: Kind.optional(),
  status: Status.optional(),
  cursor: z.string().max(200).optional().describe('nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const OutboxMail = z
  .object({
    id: z.uuid(),
    kind: Kind,
    to: z.string(),
    subject: z.string(),
    status: Status,
    error: z.string().nullable(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
    personId: z.string().nullable(),
    campaignId: z.string().nullable(),
  })
  .meta({ id: 'OutboxMail' });

export const OutboxList = z
  .object({ items: z.array(OutboxMail), nextCursor: z.string().nullable() })
  .meta({ id: 'OutboxList' });

export const OutboxMailDetail = OutboxMail.extend({
  text: z.string(),
  html: z.string().nullable(),
  headers: z.record(z.string(), z.string()),
  messageId: z.string(),
}).meta({ id: 'OutboxMailDetail' });
