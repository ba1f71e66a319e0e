import { z } from 'zod';
import {
  CAMPAIGN_KINDS,
  CAMPAIGN_OCCASIONS,
  CAMPAIGN_RECURRENCES,
  CAMPAIGN_STATUSES,
} from '../../domain/marketing/campaign-rules.ts';

export const RECIPIENT_STATUSES = ['pending', 'sent', 'printed', 'skipped', 'failed', 'bounced'] as const;

const instant = z.iso.datetime({ offset: true });

const Name = z.string().trim().min(1).max(200).describe('Internal name, e.g. "Frühjahrsangebot 2026"');
const Subject = z.string().trim().min(1).max(300).describe('Subject of the mail or letter');
const Body = z
  .string()
  .min(1)
  .max(50_000)
  .describe(
    'Plain text; placeholders {{firstName}}, {{lastName}}, {{salutation}} and {{link}} (tracked link)',
  );
const LinkUrl = z
  .url({ protocol: /^https?$/ })
  .max(500)
  .nullable()
  .optional()
  .describe('Where the tracked link {{link}} leads (http or https)');
const RecurrenceDate = z
  .string()
  .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/, 'MM-DD, e.g. 12-24')
  .nullable()
  .optional()
  .describe('Yearly campaigns: the day (MM-DD) in Europe/Berlin; 02-29 runs on 28 February in other years');

export const CampaignCreate = z
  .strictObject({
    name: Name,
    kind: z.enum(CAMPAIGN_KINDS).describe('email (sent through SMTP) or letter (printed as PDF)'),
    occasion: z.enum(CAMPAIGN_OCCASIONS),
    segmentId: z.uuid().describe('The segment to reach'),
    purposeId: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .describe('A declared advertising purpose (its legal bases include consent or legitimate interest)'),
    language: z.enum(['de', 'en']),
    subject: Subject,
    body: Body,
    linkUrl: LinkUrl,
    recurrence: z
      .enum(CAMPAIGN_RECURRENCES)
      .default('none')
      .describe('none; birthday (daily, to the persons whose birthday it is); yearly (on recurrenceDate)'),
    recurrenceDate: RecurrenceDate,
  })
  .meta({ id: 'CampaignCreate' });
export type CampaignCreateInput = z.infer<typeof CampaignCreate>;

export const CampaignPatch = z
  .strictObject({
    version: z.number().int().min(1).describe('The version read; a stale one is 409 version_conflict'),
    name: Name.optional(),
    kind: z.enum(CAMPAIGN_KINDS).optional(),
    occasion: z.enum(CAMPAIGN_OCCASIONS).optional(),
    segmentId: z.uuid().optional(),
    purposeId: z.string().trim().min(1).max(100).optional(),
    language: z.enum(['de', 'en']).optional(),
    subject: Subject.optional(),
    body: Body.optional(),
    linkUrl: LinkUrl,
    recurrence: z.enum(CAMPAIGN_RECURRENCES).optional(),
    recurrenceDate: RecurrenceDate,
  })
  .meta({ id: 'CampaignPatch' });
export type CampaignPatchInput = z.infer<typeof CampaignPatch>;

export const CampaignSchedule = z
  .strictObject({
    at: instant.describe('When to send (in the future); for recurring campaigns the first day they may run'),
  })
  .meta({ id: 'CampaignSchedule' });

export const CampaignStats = z
  .object({
    recipients: z.number().int(),
    sent: z.number().int().describe('Mails sent (or in the outbox without SMTP) and letters printed'),
    skipped: z.number().int(),
    bounced: z.number().int(),
    failed: z.number().int(),
  })
  .meta({ id: 'CampaignStats' });

export const Campaign = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(CAMPAIGN_KINDS),
    occasion: z.enum(CAMPAIGN_OCCASIONS),
    segmentId: z.string(),
    purposeId: z.string(),
    language: z.enum(['de', 'en']),
    subject: z.string(),
    body: z.string(),
    linkUrl: z.string().nullable(),
    status: z.enum(CAMPAIGN_STATUSES),
    recurrence: z.enum(CAMPAIGN_RECURRENCES),
    recurrenceDate: z.string().nullable(),
    scheduledAt: z.string().nullable(),
    sentAt: z.string().nullable().describe('When the (last) run finished'),
    version: z.number().int(),
    stats: CampaignStats,
  })
  .meta({ id: 'Campaign' });

export const CampaignList = z.object({ items: z.array(Campaign) }).meta({ id: 'CampaignList' });

export const CampaignRecipientsQuery = z.strictObject({
  status: z.enum(RECIPIENT_STATUSES).optional().describe('Only recipients in this status'),
});

export const CampaignRecipient = z
  .object({
    id: z.string(),
    personId: z.string(),
    name: z.string(),
    runKey: z.string().describe("'once', or the day / year of a recurring run"),
    status: z.enum(RECIPIENT_STATUSES),
    skipReason: z
      .string()
      .nullable()
      .describe(
        'Why the person was left out: restricted, objected, no_address, bounced, withdrawn, no_consent',
      ),
    basis: z.enum(['consent', 'legitimate_interest']).nullable(),
    sentAt: z.string().nullable(),
  })
  .meta({ id: 'CampaignRecipient' });

export const CampaignRecipientList = z
  .object({ items: z.array(CampaignRecipient) })
  .meta({ id: 'CampaignRecipientList' });

export const CampaignResponseCreate = z
  .strictObject({
    personId: z.uuid().describe('A recipient of the campaign'),
    kind: z.enum(['replied', 'ordered']),
    occurredAt: instant.describe('When the reply or order came in (not in the future)'),
    orderId: z.uuid().nullable().optional().describe('The order (of this person) the campaign led to'),
  })
  .meta({ id: 'CampaignResponseCreate' });
export type CampaignResponseInput = z.infer<typeof CampaignResponseCreate>;

export const CampaignResponse = z
  .object({
    id: z.string(),
    campaignId: z.string(),
    personId: z.string(),
    kind: z.enum(['clicked', 'replied', 'ordered', 'unsubscribed']),
    occurredAt: z.string(),
    orderId: z.string().nullable(),
  })
  .meta({ id: 'CampaignResponse' });

const Counts = {
  clicked: z.number().int(),
  replied: z.number().int(),
  ordered: z.number().int(),
};

export const CampaignReport = z
  .object({
    campaignId: z.string(),
    totals: z.object({
      recipients: z.number().int(),
      sent: z.number().int(),
      skipped: z.number().int(),
      bounced: z.number().int(),
      ...Counts,
      unsubscribed: z.number().int(),
    }),
    byCustomerGroup: z
      .array(
        z.object({
          customerGroupId: z.string().nullable().describe('null: persons without a customer group'),
          name: z.string(),
          recipients: z.number().int().describe('Recipients reached (mail sent or letter printed)'),
          responded: z.number().int().describe('Of them, those who clicked, replied or ordered'),
          ...Counts,
          responseRate: z.number().describe('responded / recipients (0 when none)'),
        }),
      )
      .describe('Persons → organisation → customer group; largest group first, "no group" last'),
  })
  .meta({ id: 'CampaignReport' });
