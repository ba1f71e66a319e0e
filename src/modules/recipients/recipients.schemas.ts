import { z } from 'zod';
import { DATA_CATEGORIES } from '../../domain/privacy/data-categories.ts';
import {
  NOTIFICATION_RESOLUTIONS,
  NOTIFICATION_STATUSES,
} from '../../domain/requests/recipient-notifications.ts';
import {
  LOCATIONS,
  REGISTER_WARNINGS,
  SCC_MODULES,
  TRANSFER_MECHANISMS,
} from '../../domain/transfers/transfers.ts';
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

// ---- the system and processor register (data map, 0013) ----------------------------------------

const day = z.iso.date();
/** Fields of the register; on create absent means empty, on change absent means unchanged. */
const registerFields = {
  location: z
    .enum(LOCATIONS)
    .nullable()
    .optional()
    .describe(
      'Where the data lives: database, spreadsheet (e.g. Excel), paper files, SaaS, application, other',
    ),
  purposes: z
    .array(z.string().trim().min(1).max(63))
    .max(50)
    .optional()
    .describe('Declared purpose ids the entry holds data for (422 unknown_purpose otherwise)'),
  dataCategories: z
    .array(z.enum(DATA_CATEGORIES))
    .max(DATA_CATEGORIES.length)
    .optional()
    .describe('Data categories held there (duplicates are merged)'),
  subjectGroups: z
    .array(z.string().trim().min(1).max(100))
    .max(20)
    .optional()
    .describe('Groups of data subjects, e.g. "Kunden", "Interessenten", "Newsletter-Abonnenten"'),
  transferMechanism: z
    .enum(TRANSFER_MECHANISMS)
    .nullable()
    .optional()
    .describe(
      'Third-country transfer (Chapter V): adequacy (Art. 45), dpf (EU-US Data Privacy Framework, US only), ' +
        'scc (Art. 46(2)(c)), bcr (Art. 47), derogation (Art. 49); 422 transfer_mechanism_invalid when it ' +
        'does not fit the country. Leave empty where an adequacy decision covers the country.',
    ),
  sccModule: z
    .enum(SCC_MODULES)
    .nullable()
    .optional()
    .describe('SCC module of (EU) 2021/914 (with scc only)'),
  tiaDate: day.nullable().optional().describe('Date of the transfer impact assessment (with scc or bcr)'),
  dpfCheckedOn: day
    .nullable()
    .optional()
    .describe('When the certification on the DPF list was last checked (with dpf)'),
  transferNote: optionalText(2000).describe('Safeguards and supplementary measures of the transfer'),
  avvSignedOn: day
    .nullable()
    .optional()
    .describe('Day the data processing agreement (Art. 28, AVV) was signed; processors need one'),
  toms: optionalText(8000).describe('Technical and organisational measures (Art. 32) of the entry'),
  subProcessors: optionalText(4000).describe('Sub-processors (Art. 28(2), (4)) with their countries'),
};

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
    ...registerFields,
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
    ...registerFields,
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
    location: z.enum(LOCATIONS).nullable(),
    purposes: z.array(z.string()),
    dataCategories: z.array(z.enum(DATA_CATEGORIES)),
    subjectGroups: z.array(z.string()),
    transferMechanism: z.enum(TRANSFER_MECHANISMS).nullable(),
    sccModule: z.enum(SCC_MODULES).nullable(),
    tiaDate: z.string().nullable(),
    dpfCheckedOn: z.string().nullable(),
    transferNote: z.string().nullable(),
    avvSignedOn: z.string().nullable(),
    avvDocument: z
      .object({ fileName: z.string(), size: z.number(), uploadedAt: z.string() })
      .nullable()
      .describe('The signed AVV as uploaded (GET /register/systems/{id}/avv)'),
    toms: z.string().nullable(),
    subProcessors: z.string().nullable(),
    assessment: z
      .object({
        thirdCountry: z.boolean().describe('The country is outside the EU/EEA'),
        adequacy: z
          .object({ reference: z.string(), scope: z.enum(['full', 'partial', 'certified_only']) })
          .nullable()
          .describe('The adequacy decision for the country (Art. 45), if any'),
        effectiveMechanism: z
          .enum(TRANSFER_MECHANISMS)
          .nullable()
          .describe('The mechanism documented, or adequacy implied by a decision; null: none'),
        mechanismImplied: z.boolean(),
        warnings: z
          .array(z.enum(REGISTER_WARNINGS))
          .describe(
            'What the entry lacks; avv_missing and transfer_without_mechanism are self-check violations',
          ),
      })
      .meta({ id: 'RegisterAssessment' }),
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
