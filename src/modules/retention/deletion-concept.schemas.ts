import { z } from 'zod';
import { JURISDICTIONS } from '../../domain/billing/retention.ts';
import { DATA_CATEGORIES } from '../../domain/privacy/data-categories.ts';
import { START_TYPES } from '../../domain/retention/periods.ts';
import { STATUTE_IDS } from '../../domain/retention/statutes.ts';
import { SWEEP_TARGET_IDS } from '../../domain/retention/targets.ts';

/** Schemas of the deletion concept after DIN 66398 (periods, classes, data types, settings). */

const Id = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,62}$/)
  .describe('Identifier: lower case letters, digits and _, 2–63 characters');
const Label = z.string().trim().min(1).max(200);
const Jurisdiction = z.enum(JURISDICTIONS).describe('Country whose law the rule follows');
const StartTypeEnum = z
  .enum(START_TYPES)
  .describe('Abstract start event: collection, end of a process, end of the relationship');
const Method = z.enum(['delete', 'erase_person', 'document_only']);

const PeriodFields = {
  years: z.number().int().min(0).max(100),
  months: z.number().int().min(0).max(1200),
  days: z.number().int().min(0).max(36500),
  roundToYearEnd: z.boolean().describe('Counted from the end of the calendar year of the start event'),
};

export const RetentionPeriodCreate = z
  .strictObject({ id: Id, labelDe: Label, labelEn: Label, ...PeriodFields })
  .meta({ id: 'RetentionPeriodCreate' });
export type RetentionPeriodCreateInput = z.infer<typeof RetentionPeriodCreate>;

export const RetentionPeriodOut = z
  .object({ id: z.string(), labelDe: z.string(), labelEn: z.string(), ...PeriodFields, builtIn: z.boolean() })
  .meta({ id: 'RetentionPeriod' });

export const DeletionClassCreate = z
  .strictObject({
    id: Id.optional().describe('Default: <periodId>_<startType>'),
    periodId: Id,
    startType: StartTypeEnum,
  })
  .meta({ id: 'DeletionClassCreate' });
export type DeletionClassCreateInput = z.infer<typeof DeletionClassCreate>;

export const DeletionClassOut = z
  .object({ id: z.string(), periodId: z.string(), startType: StartTypeEnum, builtIn: z.boolean() })
  .meta({ id: 'DeletionClass' });

const Texts = {
  nameDe: Label,
  nameEn: Label,
  descriptionDe: z.string().trim().max(4000),
  descriptionEn: z.string().trim().max(4000),
  legalBasis: z
    .string()
    .trim()
    .min(1)
    .max(500)
    .describe('e.g. "Art. 6 Abs. 1 lit. c DSGVO i. V. m. § 147 AO"'),
  subjectGroup: Label.describe('Group of data subjects, e.g. "Kunden"'),
  dataCategories: z.array(z.enum(DATA_CATEGORIES)).max(DATA_CATEGORIES.length),
  startEvent: z.string().trim().min(1).max(500).describe('Concrete start event in business terms'),
};
const Statute = z
  .enum(STATUTE_IDS)
  .nullable()
  .describe('Statutory minimum the rule must not undercut (422 retention_below_legal_minimum)');

export const DataTypeCreate = z
  .strictObject({
    id: Id,
    jurisdiction: Jurisdiction,
    purposeId: Id.describe('A declared purpose'),
    deletionClassId: Id,
    target: z
      .enum(SWEEP_TARGET_IDS)
      .nullable()
      .describe(
        'Records the sweep deletes under this rule; null: documented only (409 retention_rule_conflict if taken)',
      ),
    statute: Statute.optional(),
    active: z.boolean().optional(),
    ...Texts,
    descriptionDe: Texts.descriptionDe.optional(),
    descriptionEn: Texts.descriptionEn.optional(),
  })
  .meta({ id: 'DataTypeCreate' });
export type DataTypeCreateInput = z.infer<typeof DataTypeCreate>;

export const DataTypePatch = z
  .strictObject({
    version: z.number().int().min(1).describe('The version last read (409 version_conflict if stale)'),
    nameDe: Texts.nameDe.optional(),
    nameEn: Texts.nameEn.optional(),
    descriptionDe: Texts.descriptionDe.optional(),
    descriptionEn: Texts.descriptionEn.optional(),
    legalBasis: Texts.legalBasis.optional(),
    subjectGroup: Texts.subjectGroup.optional(),
    dataCategories: Texts.dataCategories.optional(),
    startEvent: Texts.startEvent.optional(),
    purposeId: Id.optional(),
    deletionClassId: Id.optional(),
    periodId: Id.optional().describe(
      'Instead of deletionClassId: the standard period; the class of this period and the start type (default the current one) is used, created if the cell is still empty',
    ),
    startType: StartTypeEnum.optional(),
    statute: Statute.optional(),
    active: z.boolean().optional(),
  })
  .meta({ id: 'DataTypePatch' });
export type DataTypePatchInput = z.infer<typeof DataTypePatch>;

const StatuteOut = z
  .object({
    id: z.string(),
    jurisdiction: Jurisdiction,
    basis: z.string(),
    labelDe: z.string(),
    labelEn: z.string(),
    minimumDe: z.string(),
    minimumEn: z.string(),
    ...PeriodFields,
  })
  .meta({ id: 'RetentionStatute' });

export const DataTypeOut = z
  .object({
    id: z.string(),
    jurisdiction: z.string(),
    nameDe: z.string(),
    nameEn: z.string(),
    descriptionDe: z.string(),
    descriptionEn: z.string(),
    purposeId: z.string(),
    purposeLabelDe: z.string(),
    purposeLabelEn: z.string(),
    legalBasis: z.string(),
    subjectGroup: z.string(),
    dataCategories: z.array(z.string()),
    deletionClassId: z.string(),
    periodId: z.string(),
    startType: StartTypeEnum,
    period: z.object(PeriodFields),
    periodLabelDe: z.string(),
    periodLabelEn: z.string(),
    startEvent: z.string(),
    target: z.string().nullable(),
    statute: z.string().nullable(),
    minimum: StatuteOut.nullable().describe('The statutory minimum of the rule, if any'),
    method: Method,
    active: z.boolean(),
    builtIn: z.boolean(),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .meta({ id: 'DataType' });

export const ConceptQuery = z.strictObject({
  jurisdiction: Jurisdiction.optional().describe("Default: the tenant's jurisdiction"),
});

export const DeletionConcept = z
  .object({
    jurisdiction: Jurisdiction,
    tenantJurisdiction: Jurisdiction,
    periods: z.array(RetentionPeriodOut),
    classes: z.array(DeletionClassOut),
    dataTypes: z.array(DataTypeOut).describe('The catalogue of deletion rules, sorted by period'),
    statutes: z.array(StatuteOut),
    targets: z.array(
      z.object({ id: z.string(), objectType: z.string(), startType: StartTypeEnum, method: Method }),
    ),
  })
  .meta({ id: 'DeletionConcept' });

export const RetentionSettings = z
  .strictObject({ jurisdiction: Jurisdiction })
  .meta({ id: 'RetentionSettings' });
export type RetentionSettingsInput = z.infer<typeof RetentionSettings>;

export const DataTypeIdParams = z.strictObject({ id: Id });
