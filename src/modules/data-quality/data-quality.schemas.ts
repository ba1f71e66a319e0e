import { z } from 'zod';
import { QUALITY_CATEGORIES, QUALITY_CHECKS } from '../../domain/quality/rules.ts';

/**
 * Schemas of the data quality dashboard (accuracy, Art. 5(1)(d) GDPR): counts and shares per data
 * category, never values; the lists name persons and what is wrong with them, never the wrong value.
 */

const instant = z.iso.datetime({ offset: true });
const share = z
  .number()
  .nullable()
  .describe('Share of the persons in percent (one decimal); null without persons');

const FIELDS = [
  'firstName',
  'lastName',
  'birthDate',
  'email',
  'phone',
  'street',
  'postalCode',
  'city',
] as const;
const PROBLEMS = [
  'missing',
  'email_invalid',
  'email_disposable',
  'phone_invalid',
  'phone_not_e164',
  'postal_code_invalid',
  'postal_code_unknown',
  'postal_code_city_mismatch',
  'birth_date_implausible',
  'duplicate',
  'stale',
] as const;

const FieldCompleteness = z
  .strictObject({ field: z.enum(FIELDS), filled: z.number().int(), filledPercent: share })
  .meta({ id: 'QualityFieldCompleteness' });

const CategoryQuality = z
  .strictObject({
    category: z.enum(QUALITY_CATEGORIES).describe('The data category (PERSON_FIELD_CATEGORIES)'),
    fields: z.array(FieldCompleteness),
    complete: z.number().int().describe('Persons with every expected field of the category filled'),
    completePercent: share,
    invalid: z
      .number()
      .int()
      .describe('Persons with at least one invalid value in the category (warnings aside)'),
    invalidPercent: share,
    warnings: z.number().int().describe('Persons with a warning only (a disposable e-mail domain)'),
    problems: z
      .array(z.strictObject({ problem: z.enum(PROBLEMS), count: z.number().int() }))
      .describe('Persons per problem'),
  })
  .meta({ id: 'CategoryQuality' });

export const QualityDashboard = z
  .strictObject({
    generatedAt: instant,
    persons: z.number().int().describe('Persons visible to the caller (departments)'),
    categories: z.array(CategoryQuality).describe('The categories the caller may read'),
    duplicates: z
      .strictObject({
        open: z.number().int().describe('Open duplicate suggestions'),
        persons: z.number().int().describe('Distinct persons named by them'),
        personsPercent: share,
      })
      .meta({ id: 'QualityDuplicates' }),
    staleness: z
      .strictObject({
        months: z.number().int().describe("The tenant's staleness period"),
        cutoff: instant.describe('Persons last confirmed before this moment are stale'),
        stale: z.number().int(),
        stalePercent: share,
      })
      .meta({ id: 'QualityStaleness' }),
  })
  .meta({ id: 'QualityDashboard' });

export const QualityListParams = z.strictObject({ check: z.enum(QUALITY_CHECKS) });

export const QualityListQuery = z.strictObject({
  category: z.enum(QUALITY_CATEGORIES).optional().describe('Only this category (incomplete and invalid)'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

const PersonRef = z
  .strictObject({ id: z.uuid(), firstName: z.string(), lastName: z.string() })
  .meta({ id: 'QualityPersonRef' });

const QualityListItem = z
  .strictObject({
    person: PersonRef,
    findings: z
      .array(z.strictObject({ field: z.enum(FIELDS).nullable(), problem: z.enum(PROBLEMS) }))
      .describe('What is wrong, without the value'),
    duplicateOf: PersonRef.extend({ score: z.number() })
      .nullable()
      .describe('The other person of a duplicate suggestion'),
    suggestionId: z.uuid().nullable(),
    lastConfirmedAt: instant.nullable().describe('Stale list: collected, verified or last contacted'),
  })
  .meta({ id: 'QualityListItem' });

export const QualityList = z
  .strictObject({
    check: z.enum(QUALITY_CHECKS),
    items: z.array(QualityListItem),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'QualityList' });

export const QualitySettings = z
  .strictObject({
    staleMonths: z
      .number()
      .int()
      .min(1)
      .max(240)
      .describe('Months without verification or contact after which a person is stale (default 24)'),
  })
  .meta({ id: 'QualitySettings' });

export const PersonVerified = z
  .strictObject({ id: z.uuid(), verifiedAt: instant })
  .meta({ id: 'PersonVerified' });

export type QualityDashboardType = z.infer<typeof QualityDashboard>;
export type QualityListType = z.infer<typeof QualityList>;
export type QualityListQueryType = z.infer<typeof QualityListQuery>;
export type QualityProblem = (typeof PROBLEMS)[number];
