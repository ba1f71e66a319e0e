import { z } from 'zod';
import { optionalText } from '../../server/http-schemas.ts';

/** Schemas of the record of processing activities (Art. 30 GDPR). It describes processing, not persons. */

const Version = z.number().int().min(0).describe('The version last read (409 version_conflict if stale)');

export const RopaSettingsPut = z
  .strictObject({
    version: Version.describe('The version last read; 0 while the details were never saved'),
    controllerName: optionalText(200).describe('Art. 30(1)(a): name of the controller, e.g. "Muster GmbH"'),
    controllerAddress: optionalText(1000).describe('Postal address of the controller'),
    controllerContact: optionalText(1000).describe('Contact details: phone, e-mail'),
    jointControllers: optionalText(2000).describe(
      'Joint controllers (Art. 26), if any, with contact details',
    ),
    representative: optionalText(1000).describe('Representative in the Union (Art. 27), if any'),
    dpoName: optionalText(200).describe('Name of the data protection officer'),
    dpoContact: optionalText(1000).describe('Contact details of the data protection officer'),
    toms: optionalText(20000).describe('Art. 30(1)(g): general description of the Art. 32 measures'),
  })
  .meta({ id: 'RopaSettingsPut' });
export type RopaSettingsPutInput = z.infer<typeof RopaSettingsPut>;

const activityTexts = {
  description: optionalText(4000).describe('Art. 30(1)(b): the purposes, in the words of the record'),
  legalBases: optionalText(2000).describe('Legal bases (Art. 6, 9); empty: as the live system says'),
  subjectCategories: optionalText(2000).describe('Art. 30(1)(c): categories of data subjects'),
  dataCategories: optionalText(2000).describe('Art. 30(1)(c): categories of personal data'),
  recipients: optionalText(4000).describe('Art. 30(1)(d): categories of recipients'),
  transfers: optionalText(4000).describe('Art. 30(1)(e) / 30(2)(c): third-country transfers and safeguards'),
  erasure: optionalText(4000).describe('Art. 30(1)(f): envisaged time limits for erasure'),
  toms: optionalText(20000).describe('Art. 30(1)(g) / 30(2)(d): measures specific to this activity'),
  controllerContact: optionalText(1000).describe('Art. 30(2)(a): contact details of the controller'),
  controllerRepresentative: optionalText(1000).describe("Art. 30(2)(a): the controller's representative"),
  controllerDpo: optionalText(1000).describe("Art. 30(2)(a): the controller's data protection officer"),
  processingCategories: optionalText(4000).describe(
    'Art. 30(2)(b): categories of processing carried out on behalf of the controller',
  ),
};

export const RopaActivityCreate = z
  .strictObject({
    part: z
      .enum(['controller', 'processor'])
      .describe(
        'controller: an Art. 30(1) activity outside the declared purposes; processor: an Art. 30(2) activity for another controller',
      ),
    name: z.string().trim().min(1).max(200).describe('Name of the processing activity'),
    controllerName: optionalText(200).describe(
      'Art. 30(2)(a): the controller the tenant processes for (required for part processor)',
    ),
    ...activityTexts,
  })
  .meta({ id: 'RopaActivityCreate' });
export type RopaActivityCreateInput = z.infer<typeof RopaActivityCreate>;

export const RopaActivityPatch = z
  .strictObject({
    version: z.number().int().min(1).describe('The version last read (409 version_conflict if stale)'),
    name: optionalText(200).describe('Name of the activity; empty: the purpose label'),
    controllerName: optionalText(200).describe('Art. 30(2)(a): the controller (processor activities)'),
    ...activityTexts,
    status: z
      .enum(['draft', 'confirmed'])
      .optional()
      .describe(
        'confirmed: the DPO confirms the entry with the live facts as they are now (422 ropa_incomplete while Art. 30 content is missing); draft: reopen. A change of texts without status makes the entry a draft again',
      ),
    active: z.boolean().optional().describe('false retires a hand-kept activity (declared purposes stay)'),
  })
  .meta({ id: 'RopaActivityPatch' });
export type RopaActivityPatchInput = z.infer<typeof RopaActivityPatch>;

export const RopaExportQuery = z.strictObject({
  format: z.enum(['pdf', 'csv', 'json']).default('pdf').describe('pdf (default), csv or json'),
  lang: z
    .enum(['de', 'en'])
    .optional()
    .describe('Language of the export (default: Accept-Language, else de)'),
  part: z
    .enum(['controller', 'processor'])
    .optional()
    .describe(
      'Only the record of the controller (Art. 30(1)) or of the processor (Art. 30(2)); default both',
    ),
});

const Bilingual = z.object({ de: z.string(), en: z.string() });
const nullableText = z.string().nullable();

export const RopaSettingsOut = z
  .object({
    controllerName: nullableText,
    controllerAddress: nullableText,
    controllerContact: nullableText,
    jointControllers: nullableText,
    representative: nullableText,
    dpoName: nullableText,
    dpoContact: nullableText,
    toms: nullableText,
    version: z.number().int().describe('0 while never saved'),
    updatedAt: z.string().nullable(),
  })
  .meta({ id: 'RopaSettings' });

const ActivityFacts = z
  .object({
    purposeId: z.string(),
    legalBases: z.array(z.object({ id: z.string(), article: z.string(), label: Bilingual })),
    retentionBases: z.array(z.string()),
    subjectKinds: z.array(z.string()),
    subjectGroups: z.array(z.string()),
    personCount: z.number().int(),
    dataCategories: z.array(z.string()),
    special: z.boolean(),
    recipients: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        kind: z.string(),
        location: nullableText,
        country: nullableText,
      }),
    ),
    transfers: z.array(
      z.object({ id: z.string(), name: z.string(), country: z.string(), mechanism: nullableText }),
    ),
    erasure: z.array(
      z.object({
        dataTypeId: z.string(),
        name: Bilingual,
        period: Bilingual,
        startType: z.string(),
        startEvent: z.string(),
      }),
    ),
    dpia: z
      .object({
        purposeId: z.string(),
        required: z.boolean(),
        status: z.enum(['none', 'draft', 'signed_off', 'review_due']),
        signedOffAt: nullableText,
        reviewAt: nullableText,
      })
      .nullable(),
  })
  .meta({ id: 'RopaActivityFacts' });

const FieldTexts = z.record(z.string(), z.string());

export const RopaActivityOut = z
  .object({
    id: z.string(),
    part: z.enum(['controller', 'processor']),
    purposeId: nullableText,
    purpose: z.object({ id: z.string(), label: Bilingual }).nullable(),
    name: nullableText,
    controllerName: nullableText,
    description: nullableText,
    legalBases: nullableText,
    subjectCategories: nullableText,
    dataCategories: nullableText,
    recipients: nullableText,
    transfers: nullableText,
    erasure: nullableText,
    toms: nullableText,
    controllerContact: nullableText,
    controllerRepresentative: nullableText,
    controllerDpo: nullableText,
    processingCategories: nullableText,
    status: z
      .enum(['draft', 'confirmed', 'changed'])
      .describe('changed: confirmed, live facts changed since'),
    confirmedAt: nullableText,
    confirmedBy: nullableText.describe('Display name of the confirming user'),
    version: z.number().int(),
    facts: ActivityFacts.nullable().describe('What the live system says (declared purposes only)'),
    live: z.object({ de: FieldTexts, en: FieldTexts }).describe('The live texts per field, per language'),
    missing: z.array(z.string()).describe('What Art. 30 content is still missing before confirming'),
  })
  .meta({ id: 'RopaActivity' });

export const RopaOut = z
  .object({
    settings: RopaSettingsOut,
    jurisdiction: z.string(),
    activities: z.array(RopaActivityOut),
  })
  .meta({ id: 'Ropa' });
