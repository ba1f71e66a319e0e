import { z } from 'zod';

/** Request and response schemas of sign-up forms, the double opt-in and the public withdrawal pages. */

const Language = z.enum(['de', 'en']);

const RedirectUrl = z
  .string()
  .trim()
  .max(500)
  .regex(/^https?:\/\/[^\s]+$/, 'an http(s) URL')
  .nullable()
  .optional()
  .describe('Where the browser goes after an HTML form post (default: the hosted form with ?sent=1)');

const FormName = z.string().trim().min(1).max(200).describe('Name of the form, e.g. "Newsletter Website"');

export const ConsentFormCreate = z
  .strictObject({
    name: FormName,
    purposeId: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .describe('A declared purpose whose legal bases include consent, e.g. newsletter'),
    language: Language.describe('Language of the form, its wording and its confirmation mail'),
    redirectUrl: RedirectUrl,
  })
  .meta({ id: 'ConsentFormCreate' });
export type ConsentFormCreateInput = z.infer<typeof ConsentFormCreate>;

export const ConsentFormPatch = z
  .strictObject({
    name: FormName.optional(),
    active: z.boolean().optional().describe('An inactive form takes no sign-ups (409 form_inactive)'),
    redirectUrl: RedirectUrl,
  })
  .meta({ id: 'ConsentFormPatch' });
export type ConsentFormPatchInput = z.infer<typeof ConsentFormPatch>;

export const ConsentForm = z
  .object({
    id: z.uuid(),
    name: z.string(),
    purposeId: z.string(),
    channel: z.literal('email'),
    language: Language,
    redirectUrl: z.string().nullable(),
    active: z.boolean(),
    createdAt: z.string(),
    publicUrl: z.string().describe('The hosted sign-up page of this form'),
    signups: z
      .object({ pending: z.number().int(), confirmed: z.number().int() })
      .describe('Pending (link sent, not expired) and confirmed sign-ups'),
  })
  .meta({ id: 'ConsentForm' });

export const ConsentFormList = z.object({ items: z.array(ConsentForm) }).meta({ id: 'ConsentFormList' });

export const FormIdParams = z.strictObject({ formId: z.uuid().describe('Form id') });

const PurposeRef = z.object({ id: z.string(), label: z.string() });

export const PublicForm = z
  .object({
    formId: z.uuid(),
    name: z.string(),
    language: Language,
    purpose: PurposeRef,
    wording: z.object({
      id: z.uuid(),
      version: z.number().int(),
      text: z.string(),
      advertiser: z.string(),
      productScope: z.string().nullable(),
    }),
  })
  .meta({ id: 'PublicConsentForm' });

const OptionalName = z
  .string()
  .trim()
  .max(200)
  .transform((v) => (v === '' ? null : v))
  .nullable()
  .optional();

export const SignupRequest = z
  .strictObject({
    email: z.string().trim().toLowerCase().max(254).pipe(z.email()).describe('The address to confirm'),
    firstName: OptionalName,
    lastName: OptionalName,
    wordingId: z.uuid().describe('The wording shown on the form (GET /public/forms/:formId)'),
    consent: z
      .union([z.boolean(), z.enum(['on', 'true', 'false'])])
      .optional()
      .describe(
        'The checkbox, ticked by the person: JSON needs literally true (HTML form posts send "on"); anything else is 422 consent_not_given',
      ),
    language: Language.optional().describe("Language of the confirmation mail (default: the form's)"),
  })
  .meta({ id: 'SignupRequest' });
export type SignupRequestInput = z.infer<typeof SignupRequest>;

export const SignupAccepted = z
  .object({ status: z.literal('confirmation_sent') })
  .meta({ id: 'SignupAccepted' });

export const ConfirmRequest = z
  .strictObject({ token: z.string().trim().min(1).max(200).describe('The token of the confirmation link') })
  .meta({ id: 'ConsentConfirmRequest' });

export const ConfirmResponse = z
  .object({
    status: z.literal('confirmed'),
    purpose: PurposeRef,
    redirectUrl: z.string().nullable(),
  })
  .meta({ id: 'ConsentConfirmResponse' });

export const LinkTokenParams = z.strictObject({
  token: z.string().min(1).max(200).describe("The recipient's personal link token from the mail"),
});

export const UnsubscribeBody = z
  .strictObject({
    'List-Unsubscribe': z.string().max(50).optional().describe('RFC 8058: "One-Click"'),
  })
  .nullish()
  .meta({ id: 'UnsubscribeBody' });

export const UnsubscribeResponse = z
  .object({ status: z.enum(['withdrawn', 'objected']) })
  .meta({ id: 'UnsubscribeResponse' });

export const Preferences = z
  .object({
    firstName: z.string(),
    language: Language,
    consents: z.array(
      z.object({
        id: z.uuid(),
        purpose: PurposeRef,
        channel: z.enum(['email', 'phone', 'letter', 'sms']),
        givenAt: z.string(),
        state: z.enum(['valid', 'withdrawn', 'superseded']),
      }),
    ),
    marketingObjection: z.boolean(),
  })
  .meta({ id: 'Preferences' });

export const PreferenceWithdraw = z
  .strictObject({ consentId: z.uuid().describe('One of the consents of the preference page') })
  .meta({ id: 'PreferenceWithdraw' });
