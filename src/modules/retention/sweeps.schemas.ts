import { z } from 'zod';
import { START_TYPES } from '../../domain/retention/periods.ts';
import { SWEEP_TARGET_IDS } from '../../domain/retention/targets.ts';

/**
 * Schemas of the retention sweep: the preview (what would be deleted today and why: the rule, the
 * cutoff, the records by type and id with the start and end of their period) and the sweep reports,
 * which count per data type and never list what was removed.
 */

const day = z.iso.date();
const instant = z.iso.datetime({ offset: true });

export const PreviewQuery = z.strictObject({
  limit: z.coerce
    .number()
    .int()
    .min(0)
    .max(1000)
    .default(100)
    .describe('How many due records to list per data type (default 100); the counts are always complete'),
});

const Rule = z
  .strictObject({
    years: z.number().int(),
    months: z.number().int(),
    days: z.number().int(),
    roundToYearEnd: z.boolean().describe('The period counts from the end of the calendar year of the start'),
    startType: z.enum(START_TYPES),
  })
  .meta({ id: 'RetentionRule' });

const PreviewItem = z
  .strictObject({
    objectType: z
      .string()
      .describe(
        "person, invoice, interaction, case, quote, order, deal, consent or photo (the id is the person's)",
      ),
    id: z.uuid(),
    start: day.describe('The day the period started (Berlin calendar day)'),
    end: day.describe('The last day of the period; the record is due from the day after'),
  })
  .meta({ id: 'RetentionPreviewItem' });

export const PreviewEntry = z
  .strictObject({
    dataTypeId: z.string(),
    nameDe: z.string(),
    nameEn: z.string(),
    target: z.enum(SWEEP_TARGET_IDS),
    method: z.enum(['delete', 'erase_person']),
    rule: Rule,
    cutoff: day.describe('Records whose period started before this day are due'),
    due: z.number().int().describe('Records the sweep would remove today'),
    held: z.number().int().describe('Records that would be due but are under a legal hold'),
    items: z.array(PreviewItem).describe('The first due records by id, up to the limit'),
  })
  .meta({ id: 'RetentionPreviewEntry' });

export const Preview = z
  .strictObject({
    asOf: instant,
    today: day,
    jurisdiction: z.string(),
    dataTypes: z.array(PreviewEntry),
  })
  .meta({ id: 'RetentionPreview' });

const ReportLine = z
  .strictObject({
    dataTypeId: z.string(),
    nameDe: z.string().nullable(),
    nameEn: z.string().nullable(),
    target: z.string().nullable(),
    deleted: z.number().int(),
    held: z.number().int(),
  })
  .meta({ id: 'RetentionSweepCount' });

export const Sweep = z
  .strictObject({
    id: z.uuid(),
    status: z.enum(['running', 'completed', 'failed']),
    trigger: z.enum(['scheduler', 'manual', 'cli']),
    asOf: instant.describe('The instant the sweep judges by (kept when an interrupted sweep resumes)'),
    today: day,
    jurisdiction: z.string(),
    startedBy: z.uuid().nullable(),
    startedAt: instant,
    heartbeatAt: instant,
    finishedAt: instant.nullable(),
    errorCode: z.string().nullable(),
    total: z.number().int().describe('Records removed in all'),
    counts: z.array(ReportLine).describe('Per data type: how many were removed and how many stayed held'),
  })
  .meta({ id: 'RetentionSweep' });

export const SweepList = z.strictObject({ items: z.array(Sweep) }).meta({ id: 'RetentionSweepList' });
