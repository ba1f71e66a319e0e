import { z } from 'zod';
import { AUTO_TRIGGERS, MANUAL_CRITERIA, REQUIRED_REASONS } from '../../domain/dpia/criteria.ts';
import { MEASURE_KINDS, PURPOSE_DPIA_STATES, QUESTION_KEYS } from '../../domain/dpia/dpia-rules.ts';
import { RISK_LEVELS } from '../../domain/dpia/risk-matrix.ts';
import { optionalText } from '../../server/http-schemas.ts';

/** Schemas of the DPIA module (Art. 35 GDPR). A DPIA describes processing, never a person. */

const day = z.iso.date().describe('A calendar date, YYYY-MM-DD');
const step = z.number().int().min(1).max(4);
const Criterion = z.enum([...AUTO_TRIGGERS, ...MANUAL_CRITERIA]);

export const ScreeningTrigger = z
  .object({
    key: z.enum(AUTO_TRIGGERS),
    count: z.number().describe('How many records show it (persons or segments); numbers only'),
  })
  .meta({ id: 'DpiaScreeningTrigger' });

export const PurposeScreening = z
  .object({
    purposeId: z.string(),
    labelDe: z.string(),
    labelEn: z.string(),
    auto: z.array(ScreeningTrigger).describe('What Custos found in the live data'),
    criteria: z.array(z.enum(MANUAL_CRITERIA)).describe("The DPO's answers of the screening"),
    note: z.string().nullable(),
    screenedAt: z.string().nullable(),
    screeningVersion: z.number().nullable().describe('Version of the stored answers (null: none yet)'),
    triggers: z.array(Criterion).describe('Automatic triggers and answers together'),
    wp248: z.array(z.enum(MANUAL_CRITERIA)).describe('The distinct WP248 criteria that apply'),
    required: z
      .boolean()
      .describe('A DPIA is required (Art. 35(1), (3), DSK list, two WP248 criteria, Art. 9 data)'),
    reasons: z.array(z.enum(REQUIRED_REASONS)),
    status: z.enum(PURPOSE_DPIA_STATES),
    dpiaId: z.string().nullable().describe('The signed-off DPIA if any, otherwise the draft'),
    draftId: z.string().nullable().describe('The open draft (first version or review), if any'),
    signedOffAt: z.string().nullable(),
    reviewAt: z.string().nullable(),
  })
  .meta({ id: 'DpiaPurposeScreening' });

export const ScreeningList = z.object({ items: z.array(PurposeScreening) }).meta({ id: 'DpiaScreeningList' });

export const ScreeningPut = z
  .strictObject({
    criteria: z
      .array(z.enum(MANUAL_CRITERIA))
      .max(MANUAL_CRITERIA.length)
      .describe('The Art. 35(3) cases, DSK items and WP248 criteria that apply (duplicates are merged)'),
    note: optionalText(5000).describe('Reasoning of the screening'),
    version: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('The version last read (omit for the first answers)'),
  })
  .meta({ id: 'DpiaScreeningPut' });
export type ScreeningPutInput = z.infer<typeof ScreeningPut>;

export const PurposeParams = z.strictObject({ purposeId: z.string().min(1).max(100) });

export const Measure = z
  .strictObject({
    text: z.string().trim().min(1).max(2000),
    kind: z.enum(MEASURE_KINDS).default('technical').describe('Technical or organisational (Art. 32)'),
  })
  .describe('A technical or organisational measure');

export const RiskInput = z
  .strictObject({
    id: z.uuid().optional().describe('Keep the id of an existing risk; omit for a new one'),
    title: z.string().trim().min(1).max(200).describe('The risk to the rights and freedoms of data subjects'),
    description: optionalText(5000).describe('Source of the risk and its consequences'),
    likelihood: step.describe('1 negligible, 2 limited, 3 significant, 4 maximum'),
    severity: step.describe('1 negligible, 2 limited, 3 significant, 4 maximum'),
    measures: z.array(Measure).max(30).default([]).describe('Art. 35(7)(d): measures against this risk'),
    residualLikelihood: step.nullable().optional().describe('Likelihood after the measures'),
    residualSeverity: step.nullable().optional().describe('Severity after the measures'),
  })
  .describe('A risk with its measures and residual risk');

const Answers = z
  .partialRecord(z.enum(QUESTION_KEYS as [string, ...string[]]), z.string().trim().max(20000))
  .describe('Art. 35(7)(a) and (b): answers of the guided questionnaire by question key');

export const DpiaCreate = z
  .strictObject({
    purposeId: z.string().min(1).max(100).describe('The declared purpose the DPIA assesses'),
    title: z.string().trim().min(1).max(200).optional().describe('Default: "DSFA <purpose>"'),
  })
  .meta({ id: 'DpiaCreate' });
export type DpiaCreateInput = z.infer<typeof DpiaCreate>;

export const DpiaPatch = z
  .strictObject({
    version: z.number().int().min(1).describe('The version last read (409 version_conflict if stale)'),
    title: z.string().trim().min(1).max(200).optional(),
    answers: Answers.optional().describe('Merged into the stored answers; an empty string clears one'),
    risks: z.array(RiskInput).max(50).optional().describe('The full list of risks (replaces the stored one)'),
    dpoOpinion: optionalText(10000).describe("The DPO's advice (Art. 35(2))"),
    consultationAt: day
      .nullable()
      .optional()
      .describe('Art. 36: when the supervisory authority was consulted'),
    consultationReference: optionalText(1000).describe("Art. 36: the authority's reference or outcome"),
  })
  .meta({ id: 'DpiaPatch' });
export type DpiaPatchInput = z.infer<typeof DpiaPatch>;

export const DpiaSignOff = z
  .strictObject({
    version: z.number().int().min(1).describe('The version last read'),
    reviewAt: day.optional().describe('When to review the DPIA (default: one year from today)'),
    dpoOpinion: optionalText(10000).describe("The DPO's opinion, if not stored yet"),
  })
  .meta({ id: 'DpiaSignOff' });
export type DpiaSignOffInput = z.infer<typeof DpiaSignOff>;

export const Risk = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    likelihood: z.number(),
    severity: z.number(),
    level: z.enum(RISK_LEVELS),
    measures: z.array(z.object({ text: z.string(), kind: z.enum(MEASURE_KINDS) })),
    residualLikelihood: z.number().nullable(),
    residualSeverity: z.number().nullable(),
    residualLevel: z.enum(RISK_LEVELS).nullable(),
  })
  .meta({ id: 'DpiaRisk' });

export const Dpia = z
  .object({
    id: z.string(),
    purposeId: z.string(),
    seriesId: z.string(),
    revision: z.number().describe('1 for the first assessment, +1 per review'),
    previousId: z.string().nullable(),
    title: z.string(),
    status: z.enum(['draft', 'signed_off', 'superseded']),
    triggers: z.array(z.string()).describe('The screening triggers when the DPIA was started or reviewed'),
    answers: z.record(z.string(), z.string()),
    risks: z.array(Risk),
    residualLevel: z.enum(RISK_LEVELS).nullable().describe('The highest residual risk'),
    dpoOpinion: z.string().nullable(),
    consultationAt: z.string().nullable(),
    consultationReference: z.string().nullable(),
    reviewAt: z.string().nullable(),
    signedOffAt: z.string().nullable(),
    signedOffBy: z.string().nullable().describe('Name of the user who signed off'),
    missing: z.array(z.string()).describe('Content a sign-off still lacks (questions, risks)'),
    version: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Dpia' });

export const DpiaList = z
  .object({ items: z.array(Dpia).describe('By purpose, newest revision first') })
  .meta({ id: 'DpiaList' });

export const PdfQuery = z.strictObject({
  lang: z.enum(['de', 'en']).optional().describe('Language of the PDF; default from Accept-Language'),
});
