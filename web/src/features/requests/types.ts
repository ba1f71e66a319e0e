/** Data subject requests (Art. 12-22 GDPR): the API's shapes (generated schema) and the fixed lists. */
import type { components } from '../../api/schema';
import type { Person, RequestOf, ResponseOf } from '../../api/types';

export const REQUEST_TYPES = [
  'access',
  'portability',
  'rectification',
  'erasure',
  'restriction',
  'objection',
] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

export const REQUEST_CHANNELS = ['letter', 'email', 'phone', 'web', 'in_person'] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];

export const REQUEST_STATUSES = ['open', 'completed', 'refused', 'withdrawn'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const VERIFICATION_METHODS = [
  'known_email',
  'known_address',
  'callback',
  'id_document',
  'portal_login',
  'in_person',
  'other',
] as const;
export type VerificationMethod = (typeof VERIFICATION_METHODS)[number];

export const VERIFICATION_OUTCOMES = ['requested', 'passed', 'failed'] as const;
export type VerificationOutcome = (typeof VERIFICATION_OUTCOMES)[number];

export const REFUSAL_REASONS = [
  'manifestly_unfounded',
  'excessive',
  'identity_not_verified',
  'no_data',
  'legal_exemption',
  'other',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export const LETTER_KINDS = [
  'acknowledgement',
  'identity_request',
  'extension_notice',
  'access_answer',
  'erasure_confirmation',
  'rectification_confirmation',
  'restriction_confirmation',
  'objection_confirmation',
  'refusal',
] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

export const LOCALES = ['de', 'en'] as const;
export type RequestLocale = (typeof LOCALES)[number];

export const NOTIFICATION_STATUSES = ['open', 'sent', 'confirmed', 'impossible'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/** German states (Bundesländer) whose public holidays move a deadline. */
export const STATES = [
  'BW',
  'BY',
  'BE',
  'BB',
  'HB',
  'HH',
  'HE',
  'MV',
  'NI',
  'NW',
  'RP',
  'SL',
  'SN',
  'ST',
  'SH',
  'TH',
] as const;
export type State = (typeof STATES)[number];

/** Fields a rectification may correct (PersonPatch-like). */
export const CORRECTABLE_FIELDS = [
  'firstName',
  'lastName',
  'email',
  'phone',
  'birthDate',
  'jobTitle',
  'notes',
] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];

type Schemas = components['schemas'];

export type RequestSummary = Schemas['RequestSummary'];
export type RequestDetail = ResponseOf<'/api/v1/requests/{id}', 'get'>;
export type RequestInput = RequestOf<'/api/v1/requests', 'post'>;
export type Warning = RequestSummary['warning'];
export type VerificationStep = RequestDetail['verificationSteps'][number];
export type RequestEvent = RequestDetail['events'][number];
export type Letter = ResponseOf<'/api/v1/requests/{id}/letters', 'get'>['items'][number];
export type LetterTemplateList = ResponseOf<'/api/v1/letter-templates', 'get'>;
export type LetterTemplate = LetterTemplateList['items'][number];
export type RecipientNotification = ResponseOf<'/api/v1/requests/{id}/notifications', 'get'>['items'][number];
export type NotificationPatch = RequestOf<'/api/v1/recipient-notifications/{id}', 'patch'>;
export type FieldLockList = ResponseOf<'/api/v1/persons/{id}/field-locks', 'get'>;
export type FieldLock = FieldLockList['items'][number];
export type LockableField = FieldLock['field'];
export type RequestSettings = ResponseOf<'/api/v1/requests/settings', 'get'>;
export type RequestSettingsPut = Schemas['RequestSettingsPut'];
export type IdentityStatus = RequestSummary['identityStatus'];

/** The fields a person can refuse (as the server lists them in `lockable`; this copy for the first paint). */
export const LOCKABLE_FIELDS: readonly LockableField[] = [
  'birthDate',
  'jobTitle',
  'phone',
  'email',
  'address',
  'notes',
  'tags',
  'accessibilityNeeds',
  'photo',
];
export type RequestCorrections = NonNullable<RequestInput['details']>['corrections'];

/** The restriction, objection and locks the person API adds to a Person (subject-rights). */
export type PersonRights = Pick<Person, 'restriction' | 'marketingObjectionAt' | 'lockedFields'>;
