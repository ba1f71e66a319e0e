import { z } from 'zod';
import { MERGE_FIELDS } from '../../domain/matching/survivorship.ts';
import { PageQuery } from '../../server/http-schemas.ts';
import { Person } from '../persons/persons.schemas.ts';

/** Schemas of duplicate suggestions and the merge of two persons (ADR 0030). */

const Side = z.enum(['survivor', 'merged']);

export const DuplicatePerson = z
  .object({
    id: z.uuid(),
    kind: z.enum(['customer', 'prospect', 'contact_person']),
    firstName: z.string(),
    lastName: z.string(),
    email: z.string().nullable().optional(),
    phone: z.string().nullable().optional(),
    birthDate: z.string().nullable().optional(),
    street: z.string().nullable().optional(),
    postalCode: z.string().nullable().optional(),
    city: z.string().nullable().optional(),
    restricted: z.boolean(),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .describe('One person of a suggested pair; fields the role may not read are left out')
  .meta({ id: 'DuplicatePerson' });

export const MatchContribution = z
  .object({
    field: z.string().describe('Compared field, e.g. lastName, birthDate, street, locationCap'),
    level: z
      .string()
      .describe('Level of agreement: exact, phonetic, close, similar, typo, swapped, different, …'),
    weight: z.number().describe('What the level adds to (or takes from) the score'),
  })
  .meta({ id: 'MatchContribution' });

export const DuplicateSuggestion = z
  .object({
    id: z.uuid(),
    score: z.number().describe('Match weight; pairs at or above the threshold are suggested'),
    namesSwapped: z.boolean().describe('First and last name were compared swapped'),
    explanation: z.array(MatchContribution).describe('Why: each compared field with its level and weight'),
    foundAt: z.string(),
    a: DuplicatePerson,
    b: DuplicatePerson,
  })
  .meta({ id: 'DuplicateSuggestion' });

export const DuplicateList = z
  .object({
    items: z.array(DuplicateSuggestion),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'DuplicateList' });

export const DuplicateListQuery = z.strictObject({
  page: PageQuery.page,
  pageSize: PageQuery.pageSize,
});

export const ScanResult = z
  .object({
    candidates: z.number().int().describe('Pairs sharing a blocking key'),
    suggestions: z.number().int().describe('Pairs at or above the threshold (open suggestions)'),
    removed: z.number().int().describe('Open suggestions no longer found'),
  })
  .meta({ id: 'DuplicateScanResult' });

export const DismissResult = z
  .object({ id: z.uuid(), status: z.literal('dismissed') })
  .meta({ id: 'DuplicateDismissResult' });

export const FieldChoices = z
  .object(
    Object.fromEntries(MERGE_FIELDS.map((f) => [f, Side])) as Record<
      (typeof MERGE_FIELDS)[number],
      typeof Side
    >,
  )
  .meta({ id: 'MergeFieldChoices' });

export const CompareQuery = z.strictObject({
  survivorId: z.uuid().describe('The person that stays'),
  mergedId: z.uuid().describe('The person merged into it (deleted by the merge)'),
});

export const CompareResult = z
  .object({
    survivor: Person,
    merged: Person,
    defaults: FieldChoices.describe('Survivorship defaults per field'),
    fields: z.array(z.enum(MERGE_FIELDS)),
    suggestionId: z.uuid().nullable(),
  })
  .meta({ id: 'MergeCompare' });

export const MergeBody = z
  .strictObject({
    survivorId: z.uuid().describe('The person that stays'),
    mergedId: z.uuid().describe('The person merged into the survivor; its row is deleted'),
    survivorVersion: z.number().int().min(1).describe('Version of the survivor the user decided on'),
    mergedVersion: z.number().int().min(1).describe('Version of the merged person the user decided on'),
    fields: z
      .strictObject(
        Object.fromEntries(MERGE_FIELDS.map((f) => [f, Side.optional()])) as Record<
          (typeof MERGE_FIELDS)[number],
          z.ZodOptional<typeof Side>
        >,
      )
      .optional()
      .describe('Per field, whose value the survivor keeps; fields left out keep the survivorship default'),
  })
  .meta({ id: 'MergeRequest' });
export type MergeBodyInput = z.infer<typeof MergeBody>;

export const MergeResult = z
  .object({
    person: Person,
    mergeId: z.uuid(),
    mergedPersonId: z.uuid(),
    choices: FieldChoices,
  })
  .meta({ id: 'MergeResult' });
