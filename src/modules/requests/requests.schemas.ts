import { z } from 'zod';
import { BUNDESLAENDER } from '../../domain/requests/holidays.ts';
import {
  IDENTITY_STATUSES,
  REFUSAL_REASONS,
  REQUEST_CHANNELS,
  REQUEST_STATUSES,
  REQUEST_TYPES,
  VERIFICATION_METHODS,
  VERIFICATION_OUTCOMES,
} from '../../domain/requests/request-status.ts';
import { UserRef } from '../../server/http-schemas.ts';
import { PersonCreate } from '../persons/persons.schemas.ts';

const instant = z.iso.datetime({ offset: true });
const calendarDay = z.string().describe('YYYY-MM-DD (Europe/Berlin calendar day)');

/** Corrections for a rectification (Art. 16): person fields as in PersonPatch, without `version`. */
export const RequestCorrections = PersonCreate.pick({
  firstName: true,
  lastName: true,
  email: true,
  phone: true,
  birthDate: true,
  jobTitle: true,
  address: true,
  notes: true,
  accessibilityNeeds: true,
  specialCategoryBasis: true,
})
  .partial()
  .strict()
  .meta({ id: 'RequestCorrections' })
  .describe('Corrected person fields (names as in PersonPatch); sealed under the person’s data key');
export type RequestCorrectionsInput = z.infer<typeof RequestCorrections>;

const Reason = z
  .string()
  .trim()
  .min(1)
  .max(2000)
  .describe('Free text (e.g. the grounds of a restriction); sealed under the person’s data key');

export const RequestDetails = z
  .strictObject({
    corrections: RequestCorrections.optional(),
    reason: Reason.optional(),
  })
  .meta({ id: 'RequestDetails' });

export const Requester = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional().describe('Who asked, if not the person themselves'),
    contact: z.string().trim().min(1).max(300).optional().describe('How to answer them (address, e-mail)'),
    note: z.string().trim().min(1).max(2000).optional().describe('Anything else about the requester'),
  })
  .meta({ id: 'Requester' })
  .describe('The requester as received; sealed under the person’s data key');

export const RequestCreate = z
  .strictObject({
    type: z.enum(REQUEST_TYPES).describe('Which right: Art. 15, 20, 16, 17, 18 or 21 GDPR'),
    personId: z.uuid().describe('The data subject; must be a person of the tenant'),
    channel: z.enum(REQUEST_CHANNELS).describe('How the request came in'),
    receivedAt: instant
      .optional()
      .describe('When it came in (default: now); the Art. 12(3) deadline counts from this Berlin day'),
    locale: z.enum(['de', 'en']).default('de').describe('Language of the letters'),
    identityStatus: z
      .enum(['pending', 'not_required'])
      .default('pending')
      .describe('not_required: no reasonable doubt about the identity (EDPB 01/2022 §3.3), no check needed'),
    requester: Requester.optional(),
    assigneeId: z.uuid().nullable().optional().describe('The employee working on it'),
    details: RequestDetails.optional(),
  })
  .meta({ id: 'RequestCreate' });
export type RequestCreateInput = z.infer<typeof RequestCreate>;

export const RequestPatch = z
  .strictObject({
    version: z.number().int().min(1).describe('The version read; a newer one gives 409 version_conflict'),
    assigneeId: z.uuid().nullable().optional().describe('The employee working on it; null: nobody'),
  })
  .meta({ id: 'RequestPatch' });
export type RequestPatchInput = z.infer<typeof RequestPatch>;

export const VerificationCreate = z
  .strictObject({
    method: z.enum(VERIFICATION_METHODS).describe('How the identity was (or is to be) checked'),
    outcome: z
      .enum(VERIFICATION_OUTCOMES)
      .describe('requested: more information asked for; passed → verified; failed → failed'),
    note: z
      .string()
      .trim()
      .min(1)
      .max(400)
      .optional()
      .describe('Short note; sealed under the person’s data key'),
  })
  .meta({ id: 'VerificationCreate' });
export type VerificationCreateInput = z.infer<typeof VerificationCreate>;

export const ExtensionCreate = z
  .strictObject({
    reason: z
      .string()
      .trim()
      .min(1)
      .max(2000)
      .describe('Why (complexity, number of requests); no personal data — it is kept after an erasure'),
    months: z.union([z.literal(1), z.literal(2)]).describe('One or two further months'),
  })
  .meta({ id: 'ExtensionCreate' });
export type ExtensionCreateInput = z.infer<typeof ExtensionCreate>;

export const RefusalCreate = z
  .strictObject({
    reason: z.enum(REFUSAL_REASONS).describe('Art. 12(4), 12(5) GDPR'),
    details: z
      .string()
      .trim()
      .min(1)
      .max(4000)
      .describe('The grounds, for the refusal letter; no personal data — it is kept after an erasure'),
  })
  .meta({ id: 'RefusalCreate' });
export type RefusalCreateInput = z.infer<typeof RefusalCreate>;

export const FulfilBody = z
  .strictObject({
    corrections: RequestCorrections.optional().describe(
      'For rectification: the corrections (default: those recorded at intake)',
    ),
    reason: Reason.optional().describe('For restriction: the grounds (default: those recorded at intake)'),
  })
  .meta({ id: 'RequestFulfil' });
export type FulfilInput = z.infer<typeof FulfilBody>;

export const RequestListQuery = z.strictObject({
  status: z.enum(['open', 'closed', 'all']).default('open').describe('open (default), closed or all'),
  type: z.enum(REQUEST_TYPES).optional(),
  personId: z.uuid().optional().describe('Only the requests of this person'),
});
export type RequestListQueryInput = z.infer<typeof RequestListQuery>;

export const RequestSettings = z
  .object({
    state: z
      .enum(BUNDESLAENDER)
      .nullable()
      .describe('Bundesland whose public holidays move deadlines; null: nationwide holidays only'),
  })
  .meta({ id: 'RequestSettings' });

export const RequestSettingsPut = z
  .strictObject({
    state: z
      .enum(BUNDESLAENDER)
      .nullable()
      .describe('Bundesland whose public holidays move deadlines; null: nationwide holidays only'),
  })
  .meta({ id: 'RequestSettingsPut' });
export type RequestSettingsInput = z.infer<typeof RequestSettingsPut>;

export const RequestSummary = z
  .object({
    id: z.string(),
    number: z.string().describe('Running number, e.g. DSR-2026-0001'),
    type: z.enum(REQUEST_TYPES),
    channel: z.enum(REQUEST_CHANNELS),
    status: z.enum(REQUEST_STATUSES),
    personId: z.string(),
    personName: z.string().nullable().describe('null once the person is erased'),
    locale: z.enum(['de', 'en']),
    receivedAt: z.string(),
    dueAt: calendarDay.describe('Art. 12(3): one month after receipt, next working day'),
    extendedDueAt: calendarDay.nullable().describe('After an extension by one or two further months'),
    effectiveDueAt: calendarDay.describe('extendedDueAt if extended, else dueAt'),
    daysLeft: z
      .number()
      .nullable()
      .describe('Calendar days until effectiveDueAt (negative: overdue); null when closed'),
    warning: z
      .enum(['overdue', 'due_soon'])
      .nullable()
      .describe('Open requests only: overdue, or due within 7 days'),
    identityStatus: z.enum(IDENTITY_STATUSES),
    assignee: UserRef.nullable(),
    outcome: z.string().nullable().describe('What was done (no personal data)'),
    refusalReason: z.enum(REFUSAL_REASONS).nullable(),
    closedAt: z.string().nullable(),
    version: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'RequestSummary' });

export const VerificationStep = z
  .object({
    id: z.string(),
    method: z.enum(VERIFICATION_METHODS),
    outcome: z.enum(VERIFICATION_OUTCOMES),
    note: z.string().nullable().describe('null once the person’s data key was shredded'),
    performedBy: UserRef.nullable(),
    performedAt: z.string(),
  })
  .meta({ id: 'VerificationStep' });

export const RequestEvent = z
  .object({
    id: z.string(),
    kind: z.string().describe('received, verification, assigned, extended, refused, fulfilled, …'),
    detail: z.string().nullable().describe('What happened (no personal data)'),
    actor: UserRef.nullable(),
    at: z.string(),
  })
  .meta({ id: 'RequestEvent' });

export const Request = RequestSummary.extend({
  requester: z
    .object({ name: z.string().nullable(), contact: z.string().nullable(), note: z.string().nullable() })
    .nullable()
    .describe('null when none was recorded or the person’s data key was shredded'),
  details: z
    .object({ corrections: z.record(z.string(), z.unknown()).nullable(), reason: z.string().nullable() })
    .nullable()
    .describe('null when none were recorded or the person’s data key was shredded'),
  extensionReason: z.string().nullable(),
  extensionNotifiedAt: z.string().nullable(),
  refusalDetails: z.string().nullable(),
  exportAvailable: z.boolean().describe('A sealed export of an access or portability request exists'),
  verificationSteps: z.array(VerificationStep).describe('Oldest first'),
  events: z.array(RequestEvent).describe('The history, oldest first'),
}).meta({ id: 'Request' });

export const RequestList = z.object({ items: z.array(RequestSummary) }).meta({ id: 'RequestList' });
