import { z } from 'zod';

/**
 * The definition of a segment: a saved filter over persons, their organisations, interactions, deals
 * and orders. It is stored as JSON (segments.definition) and compiled to SQL by the segments module;
 * these schemas are the one contract for the API, the storage and the UI.
 */

export const MAX_SEGMENT_CONDITIONS = 20;

export const PERSON_KINDS = ['customer', 'prospect', 'contact_person'] as const;
export const ORGANIZATION_KINDS = ['customer', 'prospect', 'partner', 'supplier', 'other'] as const;
export const INTERACTION_KINDS = ['call', 'email', 'meeting', 'chat', 'letter', 'note', 'social'] as const;

const calendarDate = z.iso.date().describe('A calendar date, YYYY-MM-DD (Europe/Berlin)');
const days = z.number().int().min(1).max(3660);

export const PersonKindCondition = z
  .strictObject({
    field: z.literal('personKind'),
    values: z.array(z.enum(PERSON_KINDS)).min(1).max(PERSON_KINDS.length),
  })
  .describe('The person is of one of these kinds')
  .meta({ id: 'SegmentPersonKindCondition' });

export const TagCondition = z
  .strictObject({
    field: z.literal('tag'),
    op: z.enum(['has', 'lacks']).describe('has: the person carries the tag; lacks: it does not'),
    tagId: z.uuid().describe('A tag of the tenant'),
  })
  .describe("A tag on the person's record")
  .meta({ id: 'SegmentTagCondition' });

export const CityCondition = z
  .strictObject({
    field: z.literal('city'),
    value: z.string().trim().min(1).max(200).describe('City name, compared ignoring case'),
  })
  .describe("The person's city")
  .meta({ id: 'SegmentCityCondition' });

export const PostalCodeCondition = z
  .strictObject({
    field: z.literal('postalCode'),
    prefix: z
      .string()
      .trim()
      .min(1)
      .max(10)
      .regex(/^[0-9A-Za-z -]+$/, 'letters, digits, blanks and hyphens')
      .describe('The postal code starts with this, e.g. "30" for the Hannover region'),
  })
  .describe("The person's postal code starts with a prefix")
  .meta({ id: 'SegmentPostalCodeCondition' });

export const CountryCondition = z
  .strictObject({
    field: z.literal('country'),
    values: z
      .array(
        z
          .string()
          .trim()
          .toUpperCase()
          .regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 country code, e.g. DE'),
      )
      .min(1)
      .max(50),
  })
  .describe("The person's country is one of these (ISO 3166-1 alpha-2)")
  .meta({ id: 'SegmentCountryCondition' });

export const OrganizationKindCondition = z
  .strictObject({
    field: z.literal('organizationKind'),
    values: z.array(z.enum(ORGANIZATION_KINDS)).min(1).max(ORGANIZATION_KINDS.length),
  })
  .describe("The person's organisation is of one of these kinds")
  .meta({ id: 'SegmentOrganizationKindCondition' });

export const CustomerGroupCondition = z
  .strictObject({
    field: z.literal('customerGroup'),
    ids: z.array(z.uuid()).min(1).max(50).describe('Customer groups of the tenant'),
  })
  .describe("The person's organisation belongs to one of these customer groups")
  .meta({ id: 'SegmentCustomerGroupCondition' });

export const BirthdayCondition = z
  .strictObject({
    field: z.literal('birthday'),
    withinDays: z
      .number()
      .int()
      .min(0)
      .max(366)
      .describe(
        'The birthday falls today (0) or within this many days from today (Europe/Berlin); 29 February counts as 28 February in common years',
      ),
  })
  .describe("The person's birthday is coming up")
  .meta({ id: 'SegmentBirthdayCondition' });

export const CreatedAtCondition = z
  .strictObject({
    field: z.literal('createdAt'),
    op: z.enum(['before', 'after']).describe('before: created before that day; after: after that day'),
    date: calendarDate,
  })
  .describe('When the record was created (Europe/Berlin days)')
  .meta({ id: 'SegmentCreatedAtCondition' });

export const LastInteractionCondition = z
  .strictObject({
    field: z.literal('lastInteraction'),
    op: z
      .enum(['within', 'notWithin'])
      .describe('within: an interaction in the last `days` days; notWithin: none in that time'),
    days,
    kind: z.enum(INTERACTION_KINDS).optional().describe('Only interactions of this kind'),
  })
  .describe('Recent contact with the person')
  .meta({ id: 'SegmentLastInteractionCondition' });

export const DealCondition = z
  .strictObject({
    field: z.literal('deal'),
    op: z
      .enum(['open', 'wonWithin'])
      .describe('open: an open deal; wonWithin: a deal won in the last `days` days'),
    days: days.optional().describe('Needed for wonWithin'),
  })
  .refine((c) => c.op !== 'wonWithin' || c.days !== undefined, {
    message: 'wonWithin needs days',
    path: ['days'],
  })
  .describe("A deal of the person or the person's organisation")
  .meta({ id: 'SegmentDealCondition' });

export const OrderCondition = z
  .strictObject({
    field: z.literal('order'),
    op: z.enum(['any', 'within']).describe('any: ever ordered; within: ordered in the last `days` days'),
    days: days.optional().describe('Needed for within'),
  })
  .refine((c) => c.op !== 'within' || c.days !== undefined, { message: 'within needs days', path: ['days'] })
  .describe("An order (not cancelled) of the person or the person's organisation")
  .meta({ id: 'SegmentOrderCondition' });

export const PurposeCondition = z
  .strictObject({
    field: z.literal('purpose'),
    purposeId: z.string().trim().min(1).max(100).describe('A purpose named on the person’s record'),
  })
  .describe("The person's record names this purpose")
  .meta({ id: 'SegmentPurposeCondition' });

export const SegmentCondition = z
  .discriminatedUnion('field', [
    PersonKindCondition,
    TagCondition,
    CityCondition,
    PostalCodeCondition,
    CountryCondition,
    OrganizationKindCondition,
    CustomerGroupCondition,
    BirthdayCondition,
    CreatedAtCondition,
    LastInteractionCondition,
    DealCondition,
    OrderCondition,
    PurposeCondition,
  ])
  .meta({ id: 'SegmentCondition' });
export type SegmentCondition = z.infer<typeof SegmentCondition>;

export const SegmentDefinition = z
  .strictObject({
    match: z.enum(['all', 'any']).describe('all: every condition holds; any: at least one'),
    conditions: z
      .array(SegmentCondition)
      .max(MAX_SEGMENT_CONDITIONS)
      .describe('At most 20 conditions; none: every person'),
  })
  .meta({ id: 'SegmentDefinition' });
export type SegmentDefinition = z.infer<typeof SegmentDefinition>;

/** The ids a definition refers to, for the existence checks of the service. */
export const referencedIds = (definition: SegmentDefinition) => ({
  tagIds: [...new Set(definition.conditions.flatMap((c) => (c.field === 'tag' ? [c.tagId] : [])))],
  customerGroupIds: [
    ...new Set(definition.conditions.flatMap((c) => (c.field === 'customerGroup' ? c.ids : []))),
  ],
  purposeIds: [
    ...new Set(definition.conditions.flatMap((c) => (c.field === 'purpose' ? [c.purposeId] : []))),
  ],
});

type Language = 'de' | 'en';
const list = (values: readonly string[]) => values.join(', ');

/**
 * A plain-language line for a condition (the UI lists them). Ids are not resolved: the caller passes
 * names for tags, customer groups and purposes where it has them.
 */
export const describeCondition = (
  c: SegmentCondition,
  language: Language,
  names: Record<string, string> = {},
): string => {
  const name = (id: string) => names[id] ?? id;
  const de = language === 'de';
  switch (c.field) {
    case 'personKind':
      return de ? `Personenart: ${list(c.values)}` : `Person kind: ${list(c.values)}`;
    case 'tag':
      return de
        ? `${c.op === 'has' ? 'Hat' : 'Hat nicht'} das Schlagwort „${name(c.tagId)}“`
        : `${c.op === 'has' ? 'Has' : 'Lacks'} the tag “${name(c.tagId)}”`;
    case 'city':
      return de ? `Ort ist ${c.value}` : `City is ${c.value}`;
    case 'postalCode':
      return de ? `PLZ beginnt mit ${c.prefix}` : `Postal code starts with ${c.prefix}`;
    case 'country':
      return de ? `Land: ${list(c.values)}` : `Country: ${list(c.values)}`;
    case 'organizationKind':
      return de ? `Organisationsart: ${list(c.values)}` : `Organisation kind: ${list(c.values)}`;
    case 'customerGroup':
      return de ? `Kundengruppe: ${list(c.ids.map(name))}` : `Customer group: ${list(c.ids.map(name))}`;
    case 'birthday':
      if (c.withinDays === 0) return de ? 'Hat heute Geburtstag' : 'Birthday is today';
      return de
        ? `Geburtstag in den nächsten ${c.withinDays} Tagen`
        : `Birthday within the next ${c.withinDays} days`;
    case 'createdAt':
      return de
        ? `Angelegt ${c.op === 'before' ? 'vor dem' : 'nach dem'} ${c.date}`
        : `Created ${c.op} ${c.date}`;
    case 'lastInteraction': {
      const kind = c.kind ? (de ? ` (${c.kind})` : ` (${c.kind})`) : '';
      return de
        ? `${c.op === 'within' ? 'Kontakt' : 'Kein Kontakt'}${kind} in den letzten ${c.days} Tagen`
        : `${c.op === 'within' ? 'Contact' : 'No contact'}${kind} within the last ${c.days} days`;
    }
    case 'deal':
      if (c.op === 'open') return de ? 'Hat eine offene Verkaufschance' : 'Has an open deal';
      return de
        ? `Verkaufschance gewonnen in den letzten ${c.days} Tagen`
        : `Deal won within the last ${c.days} days`;
    case 'order':
      if (c.op === 'any') return de ? 'Hat bestellt' : 'Has ordered';
      return de ? `Bestellung in den letzten ${c.days} Tagen` : `Ordered within the last ${c.days} days`;
    case 'purpose':
      return de ? `Zweck „${name(c.purposeId)}“ erfasst` : `Purpose “${name(c.purposeId)}” on record`;
  }
};

/** The whole definition in one sentence per condition, joined by "and"/"or". */
export const describeDefinition = (
  d: SegmentDefinition,
  language: Language,
  names: Record<string, string> = {},
): string => {
  if (d.conditions.length === 0) return language === 'de' ? 'Alle Personen' : 'Every person';
  const joiner =
    d.match === 'all' ? (language === 'de' ? ' und ' : ' and ') : language === 'de' ? ' oder ' : ' or ';
  return d.conditions.map((c) => describeCondition(c, language, names)).join(joiner);
};

// ---- birthdays -------------------------------------------------------------------------------------

const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/**
 * The month-day keys ("MM-DD" of the birth date) whose birthday falls on one of the days from
 * `today` (YYYY-MM-DD, Europe/Berlin) to `today + withinDays`, across the year end. A person born on
 * 29 February celebrates on 28 February in common years, so "02-29" joins the keys whenever the window
 * holds 28 February of a common year.
 */
export const birthdayKeys = (today: string, withinDays: number): string[] => {
  const keys = new Set<string>();
  const start = Date.parse(`${today}T00:00:00Z`);
  for (let i = 0; i <= withinDays; i += 1) {
    const d = new Date(start + i * 86_400_000);
    const key = d.toISOString().slice(5, 10);
    keys.add(key);
    if (key === '02-28' && !isLeapYear(d.getUTCFullYear())) keys.add('02-29');
  }
  return [...keys].sort();
};
