import { z } from 'zod';
import { DATA_CATEGORIES } from '../../domain/privacy/data-categories.ts';
import {
  NOTIFICATION_RESOLUTIONS,
  NOTIFICATION_STATUSES,
} from '../../domain/requests/recipient-notifications.ts';
import { optionalText, UserRef } from '../../server/http-schemas.ts';

export const RECIPIENT_KINDS = ['processor', 'controller', 'authority', 'internal_system', 'other'] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];
export const NOTIFICATION_ACTIONS = ['rectification', 'erasure', 'restriction'] as const;
export type NotificationAction = (typeof NOTIFICATION_ACTIONS)[number];

const Name = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .describe('Name of the recipient, unique in the tenant ignoring case, e.g. "Versanddienstleister GmbH"');
const Kind = z
  .enum(RECIPIENT_KINDS)
  .describe(
    'processor (Art. 28), another controller, a public authority, an internal system (e.g. ERP) or other',
  );
const Country = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 country code, e.g. DE')
  .nullable()
  .optional()
  .describe(
    'Where the recipient processes the data (ISO 3166-1 alpha-2); decides on third-country transfers',
  );

export const RecipientCreate = z
  .strictObject({
    name: Name,
    kind: Kind,
    country: Country,
    contact: optionalText(500).describe(
      'How to reach the recipient for Art. 19 notifications (address, e-mail)',
    ),
    notes: optionalText(4000).describe(
      'Internal notes, e.g. contract reference; no data about data subjects',
    ),
  })
  .meta({ id: 'RecipientCreate' });
export type RecipientCreateInput = z.infer<typeof RecipientCreate>;

export const RecipientPatch = z
  .strictObject({
    name: Name.optional(),
    kind: Kind.optional(),
    country: Country,
    contact: optionalText(500),
    notes: optionalText(4000),
    archived: z
      .boolean()
      .optional()
      .describe('true: no new disclosures to it (kept for the log and notifications); false: active again'),
  })
  .meta({ id: 'RecipientPatch' });
export type RecipientPatchInput = z.infer<typeof RecipientPatch>;

export const RecipientListQuery = z.strictObject({
  includeArchived: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('true: also archived recipients'),
});

export const Recipient = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(RECIPIENT_KINDS),
    country: z.string().nullable(),
    contact: z.string().nullable(),
    notes: z.string().nullable(),
    archivedAt: z.string().nullable().describe('Set when archived: no new disclosures'),
    createdAt: z.string(),
  })
  .meta({ id: 'Recipient' });

export const RecipientList = z.object({ items: z.array(Recipient) }).meta({ id: 'RecipientList' });

const instant = z.iso.datetime({ offset: true });

export const DisclosureCreate = z
  .strictObject({
    recipientId: z.uuid().describe('The recipient (active, of this tenant)'),
    categories: z
      .array(z.enum(DATA_CATEGORIES))
      .min(1)
      .max(DATA_CATEGORIES.length)
      .describe('The data categories disclosed (duplicates are merged)'),
    purpose: optionalText(200).describe(
      'Why the data went there, e.g. "Versand der Bestellung"; no personal details (those go in the note)',
    ),
    disclosedAt: instant.optional().describe('When the data was disclosed (default: now); not in the future'),
    note: optionalText(2000).describe(
      "Free text about this disclosure; sealed under the person's data key (communication content)",
    ),
  })
  .meta({ id: 'DisclosureCreate' });
export type DisclosureCreateInput = z.infer<typeof DisclosureCreate>;

export const RecipientRef = z
  .object({ id: z.string(), name: z.string(), kind: z.enum(RECIPIENT_KINDS) })
  .meta({ id: 'RecipientRef' });

export const Disclosure = z
  .object({
    id: z.string(),
    personId: z.string(),
    recipient: RecipientRef,
    categories: z.array(z.enum(DATA_CATEGORIES)),
    purpose: z.string().nullable(),
    disclosedAt: z.string(),
    note: z
      .string()
      .nullable()
      .describe("null when absent, hidden from the viewer's role, or the person's key was shredded"),
    recordedBy: UserRef.nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Disclosure' });

export const DisclosureList = z
  .object({
    items: z.array(Disclosure).describe('Newest disclosure first'),
    hiddenFields: z
      .array(z.enum(['note']))
      .describe('Fields left out for the viewer (note: the role may not read communication content)'),
  })
  .meta({ id: 'DisclosureList' });

export const RecipientNotification = z
  .object({
    id: z.string(),
    requestId: z.string(),
    requestNumber: z.string().describe('Number of the data subject request, e.g. DSR-2026-0001'),
    requestType: z.string(),
    recipient: RecipientRef.extend({ contact: z.string().nullable() }),
    action: z.enum(NOTIFICATION_ACTIONS).describe('What the recipient must be told of (Art. 19)'),
    categories: z.array(z.enum(DATA_CATEGORIES)).describe('The categories disclosed to this recipient'),
    status: z.enum(NOTIFICATION_STATUSES),
    note: z.string().nullable().describe('How it was sent or confirmed, or why it is impossible'),
    createdAt: z.string(),
    resolvedAt: z.string().nullable().describe('When it was confirmed or documented as impossible'),
    resolvedBy: UserRef.nullable(),
    ageDays: z.number().describe('Whole days since the notification task was created'),
  })
  .meta({ id: 'RecipientNotification' });

export const RecipientNotificationList = z
  .object({ items: z.array(RecipientNotification) })
  .meta({ id: 'RecipientNotificationList' });

export const RecipientNotificationListQuery = z.strictObject({
  status: z
    .enum(['open', 'all'])
    .default('open')
    .describe('open: not yet confirmed or documented as impossible (open and sent); all: every one'),
});

export const RecipientNotificationPatch = z
  .strictObject({
    status: z
      .enum(NOTIFICATION_RESOLUTIONS)
      .describe('sent, confirmed (final) or impossible (final; needs the reason as note)'),
    note: optionalText(2000).describe(
      'How and when the recipient was told, or why telling it is impossible / disproportionate',
    ),
  })
  .meta({ id: 'RecipientNotificationPatch' });
export type RecipientNotificationPatchInput = z.infer<typeof RecipientNotificationPatch>;
