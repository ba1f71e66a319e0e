import { z } from 'zod';
import { DATA_CATEGORIES } from '../../domain/privacy/data-categories.ts';
import { LEGAL_BASES } from '../../domain/privacy/legal-bases.ts';
import { FIELD_KEY, FIELD_TARGETS, FIELD_TYPES, FORM_KINDS } from '../../domain/web-forms/fields.ts';

/** Request and response schemas of public web forms, their public endpoint and their inbox. */

const Label = z
  .strictObject({ de: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200) })
  .describe('German and English label');

export const WebFormField = z
  .strictObject({
    key: z.string().regex(FIELD_KEY).describe('The name the form posts, e.g. "message"'),
    label: Label,
    type: z.enum(FIELD_TYPES),
    required: z.boolean().default(false),
    maxLength: z.number().int().min(1).max(5000).nullable().optional(),
    options: z
      .array(z.strictObject({ value: z.string().trim().min(1).max(100), label: Label }))
      .max(50)
      .nullable()
      .optional()
      .describe('The choices of a select'),
    maps: z
      .enum(FIELD_TARGETS)
      .nullable()
      .optional()
      .describe('The person field (or the message, the wishes) an accepted submission fills'),
    category: z
      .enum(DATA_CATEGORIES)
      .nullable()
      .optional()
      .describe('Data category of the field: required, a field without one is refused (privacy by default)'),
  })
  .meta({ id: 'WebFormField' });

const SuccessText = z
  .strictObject({ de: z.string().trim().max(2000), en: z.string().trim().max(2000) })
  .describe('Shown after sending');

export const WebFormCreate = z
  .strictObject({
    kind: z.enum(FORM_KINDS).describe('contact, wishlist (Wunschzettel) or newsletter'),
    name: z.string().trim().min(1).max(200),
    purposeId: z.string().trim().min(1).max(100).describe('A purpose of the catalogue'),
    legalBasis: z.enum(LEGAL_BASES).describe("One of the purpose's legal bases (newsletter: consent)"),
    fields: z.array(WebFormField).min(1).max(30),
    successText: SuccessText.optional(),
    retentionDays: z
      .number()
      .int()
      .min(1)
      .max(3650)
      .describe('Submissions not accepted go after this many days'),
    consentFormId: z
      .uuid()
      .nullable()
      .optional()
      .describe('newsletter only: the sign-up form whose double opt-in the submission goes through'),
    language: z.enum(['de', 'en']).default('de').describe('Default language of the hosted page'),
    active: z.boolean().default(true),
  })
  .meta({ id: 'WebFormCreate' });
export type WebFormCreateInput = z.infer<typeof WebFormCreate>;

export const WebFormPatch = WebFormCreate.omit({ kind: true, active: true, language: true })
  .partial()
  .extend({
    active: z.boolean().optional().describe('An inactive form takes no submissions (409 form_inactive)'),
    language: z.enum(['de', 'en']).optional(),
  })
  .meta({ id: 'WebFormPatch' });
export type WebFormPatchInput = z.infer<typeof WebFormPatch>;

export const WebForm = z
  .object({
    id: z.uuid(),
    kind: z.enum(FORM_KINDS),
    name: z.string(),
    purposeId: z.string(),
    legalBasis: z.string(),
    fields: z.array(WebFormField),
    successText: z.object({ de: z.string(), en: z.string() }),
    retentionDays: z.number().int(),
    consentFormId: z.string().nullable(),
    language: z.enum(['de', 'en']),
    active: z.boolean(),
    publicToken: z.string(),
    hostedUrl: z.string().describe('The hosted page of the form'),
    metadata: z
      .array(z.object({ metadata: z.string(), reason: z.string(), storedIn: z.string() }))
      .describe(
        'Request metadata this kind of form records, and why (none for contact forms and wish lists)',
      ),
    submissions: z.object({ new: z.number().int(), total: z.number().int() }),
    createdAt: z.string(),
  })
  .meta({ id: 'WebForm' });

export const WebFormList = z.object({ items: z.array(WebForm) }).meta({ id: 'WebFormList' });

export const WebFormSnippet = z
  .object({
    hostedUrl: z.string(),
    iframe: z.string().describe('An <iframe> of the hosted page'),
    html: z.string().describe('A plain HTML <form> posting to the public endpoint'),
  })
  .meta({ id: 'WebFormSnippet' });

export const TokenParams = z.strictObject({
  token: z.string().min(20).max(100).describe("The form's public token"),
});

export const PublicWebForm = z
  .object({
    kind: z.enum(FORM_KINDS),
    name: z.string(),
    language: z.enum(['de', 'en']),
    purpose: z.object({ id: z.string(), label: z.object({ de: z.string(), en: z.string() }) }),
    legalBasis: z.string(),
    fields: z.array(
      z.object({
        key: z.string(),
        label: z.object({ de: z.string(), en: z.string() }),
        type: z.enum(FIELD_TYPES),
        required: z.boolean(),
        maxLength: z.number().int(),
        options: z.array(
          z.object({ value: z.string(), label: z.object({ de: z.string(), en: z.string() }) }),
        ),
      }),
    ),
    consentWording: z
      .object({ id: z.uuid(), text: z.string() })
      .nullable()
      .describe('newsletter: the consent wording the checkbox confirms'),
    honeypot: z.string().describe('Name of the field that must stay empty'),
    successText: z.object({ de: z.string(), en: z.string() }),
  })
  .meta({ id: 'PublicWebForm' });

/** Any flat object; which keys are allowed is the form's declaration, checked by the service. */
export const PublicSubmission = z
  .record(
    z.string().max(100),
    z.union([
      z.string().max(20_000),
      z.number(),
      z.boolean(),
      z.null(),
      z.array(z.string().max(20_000)).max(20),
    ]),
  )
  .describe('The declared fields by key; any other key is refused with form_field_not_declared')
  .meta({ id: 'PublicWebFormSubmission' });

export const SubmissionReceived = z
  .object({ status: z.literal('received'), message: z.string() })
  .meta({ id: 'WebFormSubmissionReceived' });

export const SubmissionIdParams = z.strictObject({ id: z.uuid().describe('Submission id') });

export const SubmissionStatus = z.enum(['new', 'accepted', 'discarded']);

export const SubmissionSummary = z.object({
  id: z.uuid(),
  formId: z.uuid(),
  status: SubmissionStatus,
  receivedOn: z.string().describe('The day it arrived (no time, no IP, no user agent)'),
  purgeOn: z.string().describe('When it goes unless accepted'),
  personId: z.string().nullable(),
  preview: z.string().describe('Name or e-mail from the submission'),
});

export const SubmissionList = z
  .object({ items: z.array(SubmissionSummary) })
  .meta({ id: 'WebFormSubmissionList' });

export const Submission = SubmissionSummary.extend({
  formName: z.string(),
  kind: z.enum(FORM_KINDS),
  values: z
    .array(
      z.object({
        key: z.string(),
        label: z.object({ de: z.string(), en: z.string() }),
        value: z.union([z.string(), z.boolean()]),
      }),
    )
    .describe('The declared fields with a value'),
}).meta({ id: 'WebFormSubmission' });

export const SubmissionQuery = z.strictObject({ status: SubmissionStatus.optional() });
