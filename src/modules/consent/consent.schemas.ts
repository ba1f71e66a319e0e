import { z } from 'zod';
import { STAFF_CONSENT_METHODS } from '../../domain/marketing/consent-ledger.ts';

const instant = z.iso.datetime({ offset: true });
const Channel = z.enum(['email', 'phone', 'letter', 'sms']).describe('Channel of the advertising');
const Language = z.enum(['de', 'en']);
const PurposeId = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .describe('Declared purpose, e.g. "newsletter" or "marketing"');

export const ConsentWording = z
  .object({
    id: z.uuid(),
    purposeId: z.string(),
    channel: Channel,
    language: Language,
    version: z.number().int(),
    text: z.string().describe('The exact text the person agreed to'),
    textSha256: z.string().describe('SHA-256 (hex) of the exact text'),
    advertiser: z.string(),
    productScope: z.string().nullable(),
    createdAt: z.string(),
    current: z.boolean().describe('The newest version for its purpose, channel and language'),
  })
  .meta({ id: 'ConsentWording' });

export const ConsentWordingList = z
  .object({ items: z.array(ConsentWording) })
  .meta({ id: 'ConsentWordingList' });

export const ConsentWordingQuery = z.strictObject({
  purposeId: PurposeId.optional(),
  channel: Channel.optional(),
  language: Language.optional(),
});

export const ConsentWordingCreate = z
  .strictObject({
    purposeId: PurposeId,
    channel: Channel,
    language: Language,
    text: z
      .string()
      .min(10)
      .max(10000)
      .describe('The exact wording shown to the person (kept byte for byte)'),
    advertiser: z.string().trim().min(1).max(300).describe('Who advertises (BGH VI ZR 721/15)'),
    productScope: z
      .string()
      .trim()
      .max(1000)
      .nullable()
      .optional()
      .describe('Which products or services the advertising is about'),
  })
  .meta({ id: 'ConsentWordingCreate' });
export type ConsentWordingCreateInput = z.infer<typeof ConsentWordingCreate>;

export const Consent = z
  .object({
    id: z.uuid(),
    personId: z.uuid(),
    purposeId: z.string(),
    channel: Channel,
    address: z.string().nullable(),
    wording: z.object({
      id: z.uuid(),
      version: z.number().int(),
      language: Language,
      text: z.string(),
      textSha256: z.string(),
      advertiser: z.string(),
      productScope: z.string().nullable(),
    }),
    method: z.enum(['double_opt_in', 'web_form', 'phone', 'in_person', 'letter', 'import', 'portal']),
    givenAt: z.string(),
    proof: z.record(z.string(), z.unknown()),
    recordedBy: z.string().nullable(),
    state: z.enum(['valid', 'withdrawn', 'superseded']),
    supersedesId: z.string().nullable(),
    supersededAt: z.string().nullable(),
    supersededById: z.string().nullable(),
    withdrawnAt: z.string().nullable(),
    withdrawalMethod: z
      .enum(['one_click', 'preference_page', 'portal', 'staff', 'objection', 'request'])
      .nullable(),
    withdrawalNote: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    proofRetainedUntil: z
      .string()
      .nullable()
      .describe(
        'Until when the proof is kept (phone: 5 years after last use; others: 3 years after the end)',
      ),
  })
  .meta({ id: 'Consent' });

export const ConsentList = z.object({ items: z.array(Consent) }).meta({ id: 'ConsentList' });

const proofText = (max: number) => z.string().trim().min(1).max(max).optional();

export const ConsentCreate = z
  .strictObject({
    purposeId: PurposeId,
    channel: Channel,
    wordingId: z.uuid().describe('The wording version the person agreed to'),
    method: z.enum(STAFF_CONSENT_METHODS).describe('How it was given (phone needs proof.note: § 7a UWG)'),
    givenAt: instant.describe('When it was given'),
    address: z
      .string()
      .trim()
      .min(1)
      .max(320)
      .nullable()
      .optional()
      .describe('The e-mail address or phone number it was given for; default: the person’s'),
    proof: z
      .strictObject({
        note: proofText(2000).describe('Who, when, what was said or shown'),
        formUrl: z.url().max(500).optional().describe('The URL of the form'),
        documentRef: proofText(500).describe('Reference to the signed document'),
      })
      .default({}),
  })
  .meta({ id: 'ConsentCreate' });
export type ConsentCreateInput = z.infer<typeof ConsentCreate>;

export const ConsentWithdraw = z
  .strictObject({ note: z.string().trim().max(2000).optional() })
  .meta({ id: 'ConsentWithdraw' });

export const PersonConsentParams = z.strictObject({ id: z.uuid(), consentId: z.uuid() });
