/**
 * Segments (issue 6): the API contract's shapes, written by hand until the segments routes are in
 * the generated schema (`npm run openapi`); then these can become aliases of `components['schemas']`.
 */

export const PERSON_KINDS = ['customer', 'prospect', 'contact_person'] as const;
export type PersonKindValue = (typeof PERSON_KINDS)[number];

export const ORGANIZATION_KINDS = ['customer', 'prospect', 'partner', 'supplier', 'other'] as const;
export type OrganizationKindValue = (typeof ORGANIZATION_KINDS)[number];

export const INTERACTION_KINDS = ['call', 'email', 'meeting', 'chat', 'letter', 'note', 'social'] as const;
export type InteractionKindValue = (typeof INTERACTION_KINDS)[number];

/** Channels of advertising; each needs its own basis (a DOI e-mail consent is no phone consent). */
export const CHANNELS = ['email', 'letter', 'phone', 'sms'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Why a matched person is left out, in the order the server checks the rules. */
export const EXCLUSION_REASONS = [
  'restricted',
  'objected',
  'no_address',
  'bounced',
  'withdrawn',
  'no_consent',
] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

export type Condition =
  | { field: 'personKind'; values: PersonKindValue[] }
  | { field: 'tag'; op: 'has' | 'lacks'; tagId: string }
  | { field: 'city'; value: string }
  | { field: 'postalCode'; prefix: string }
  | { field: 'country'; values: string[] }
  | { field: 'organizationKind'; values: OrganizationKindValue[] }
  | { field: 'customerGroup'; ids: string[] }
  | { field: 'birthday'; withinDays: number }
  | { field: 'createdAt'; op: 'before' | 'after'; date: string }
  | { field: 'lastInteraction'; op: 'within' | 'notWithin'; days: number; kind?: InteractionKindValue }
  | { field: 'deal'; op: 'open' | 'wonWithin'; days?: number }
  | { field: 'order'; op: 'any' | 'within'; days?: number }
  | { field: 'purpose'; purposeId: string };

export type ConditionField = Condition['field'];

export const CONDITION_FIELDS: readonly ConditionField[] = [
  'personKind',
  'tag',
  'customerGroup',
  'organizationKind',
  'postalCode',
  'city',
  'country',
  'birthday',
  'createdAt',
  'lastInteraction',
  'deal',
  'order',
  'purpose',
];

export const MAX_CONDITIONS = 20;

export type Definition = { match: 'all' | 'any'; conditions: Condition[] };

export type Segment = {
  id: string;
  name: string;
  description: string | null;
  definition: Definition;
  purposeId: string | null;
  channel: Channel | null;
  version: number;
  createdAt: string;
  updatedAt: string;
};

export type SegmentInput = {
  name: string;
  description?: string;
  definition: Definition;
  purposeId?: string;
  channel?: Channel;
};

export type Evaluation = {
  matched: number;
  eligible: number;
  excluded: Record<ExclusionReason, number>;
  sample: { personId: string; firstName: string; lastName: string; basis: string | null }[];
  purposeId: string | null;
  channel: Channel | null;
  evaluatedAt: string;
};

export type PreviewInput = { definition: Definition; purposeId?: string; channel?: Channel };

/** A new condition of the field with sensible starting values. */
export const newCondition = (field: ConditionField): Condition => {
  switch (field) {
    case 'personKind':
      return { field, values: ['customer'] };
    case 'tag':
      return { field, op: 'has', tagId: '' };
    case 'city':
      return { field, value: '' };
    case 'postalCode':
      return { field, prefix: '' };
    case 'country':
      return { field, values: ['DE'] };
    case 'organizationKind':
      return { field, values: ['customer'] };
    case 'customerGroup':
      return { field, ids: [] };
    case 'birthday':
      return { field, withinDays: 7 };
    case 'createdAt':
      return { field, op: 'after', date: '' };
    case 'lastInteraction':
      return { field, op: 'within', days: 90 };
    case 'deal':
      return { field, op: 'open' };
    case 'order':
      return { field, op: 'any' };
    case 'purpose':
      return { field, purposeId: '' };
  }
};

const isDays = (n: number | undefined, min = 1, max = 3660) =>
  typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max;

/** Whether the condition is filled in enough to send (incomplete ones are left out of the preview). */
export const isComplete = (c: Condition): boolean => {
  switch (c.field) {
    case 'personKind':
    case 'organizationKind':
      return c.values.length > 0;
    case 'country':
      return c.values.length > 0 && c.values.every((v) => /^[A-Z]{2}$/.test(v));
    case 'tag':
      return c.tagId !== '';
    case 'city':
      return c.value.trim() !== '';
    case 'postalCode':
      return c.prefix.trim() !== '';
    case 'customerGroup':
      return c.ids.length > 0;
    case 'birthday':
      return isDays(c.withinDays, 0, 366);
    case 'createdAt':
      return /^\d{4}-\d{2}-\d{2}$/.test(c.date);
    case 'lastInteraction':
      return isDays(c.days);
    case 'deal':
      return c.op === 'open' || isDays(c.days);
    case 'order':
      return c.op === 'any' || isDays(c.days);
    case 'purpose':
      return c.purposeId !== '';
  }
};

/** The condition as the API takes it: trimmed, without the days an operator does not use. */
export const cleanCondition = (c: Condition): Condition => {
  switch (c.field) {
    case 'city':
      return { ...c, value: c.value.trim() };
    case 'postalCode':
      return { ...c, prefix: c.prefix.trim() };
    case 'deal':
      return c.op === 'open' ? { field: 'deal', op: 'open' } : c;
    case 'order':
      return c.op === 'any' ? { field: 'order', op: 'any' } : c;
    case 'lastInteraction':
      return c.kind ? c : { field: c.field, op: c.op, days: c.days };
    default:
      return c;
  }
};

export const cleanDefinition = (d: Definition): Definition => ({
  match: d.match,
  conditions: d.conditions.filter(isComplete).map(cleanCondition),
});

/* Compile-time checks against the generated contract (web/src/api/schema.d.ts): what the API answers
 * must fit these shapes, and what the UI sends must fit the API's input schemas. */
type Api = import('../../api/schema').components['schemas'];
type Fits<A, B> = [A] extends [B] ? true : false;
type Check<T extends true> = T;
export type SegmentContractChecks = [
  Check<Fits<Api['Segment'], Segment>>,
  Check<Fits<Api['SegmentEvaluation'], Evaluation>>,
  Check<Fits<Condition, Api['SegmentConditionInput']>>,
  Check<Fits<SegmentInput, Api['SegmentCreateInput']>>,
  Check<Fits<PreviewInput, Api['SegmentPreviewInput']>>,
];
