import { z } from 'zod';
import { EXCLUSION_REASONS, MARKETING_CHANNELS } from '../../domain/marketing/eligibility.ts';
import { SegmentDefinition } from '../../domain/marketing/segment-definition.ts';
import { optionalText } from '../../server/http-schemas.ts';

const Name = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .describe('Name of the segment, unique among the active segments of the tenant ignoring case');
const PurposeId = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .nullable()
  .optional()
  .describe('The advertising purpose the segment is used for (consent or legitimate interest); with channel');
const Channel = z
  .enum(MARKETING_CHANNELS)
  .nullable()
  .optional()
  .describe('The channel of that use (email, phone, letter, sms); with purposeId');

export const SegmentCreate = z
  .strictObject({
    name: Name,
    description: optionalText(2000).describe('What the segment is for'),
    definition: SegmentDefinition,
    purposeId: PurposeId,
    channel: Channel,
  })
  .meta({ id: 'SegmentCreate' });
export type SegmentCreateInput = z.infer<typeof SegmentCreate>;

export const SegmentUpdate = SegmentCreate.extend({
  version: z.number().int().min(1).describe('The version read; 409 version_conflict if it changed since'),
}).meta({ id: 'SegmentUpdate' });
export type SegmentUpdateInput = z.infer<typeof SegmentUpdate>;

export const SegmentPreview = z
  .strictObject({ definition: SegmentDefinition, purposeId: PurposeId, channel: Channel })
  .meta({ id: 'SegmentPreview' });
export type SegmentPreviewInput = z.infer<typeof SegmentPreview>;

export const Segment = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    definition: SegmentDefinition,
    purposeId: z.string().nullable().describe('null: not for marketing (matched persons only)'),
    channel: z.enum(MARKETING_CHANNELS).nullable(),
    version: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Segment' });

export const SegmentList = z.object({ items: z.array(Segment) }).meta({ id: 'SegmentList' });

export const SegmentEvaluation = z
  .object({
    matched: z.number().describe('Persons the filter matches (that the user may see)'),
    eligible: z
      .number()
      .describe('Of them, those the purpose and channel may reach (0 without a purpose: not for marketing)'),
    excluded: z
      .object(
        Object.fromEntries(EXCLUSION_REASONS.map((r) => [r, z.number()])) as Record<
          (typeof EXCLUSION_REASONS)[number],
          z.ZodNumber
        >,
      )
      .describe(
        'Left out, by the first reason that applies: restricted (Art. 18), objected (Art. 21(2)), no_address for the channel, bounced e-mail address, withdrawn consent, no_consent (no basis)',
      ),
    sample: z
      .array(
        z.object({
          personId: z.string(),
          firstName: z.string(),
          lastName: z.string(),
          basis: z
            .enum(['consent', 'legitimate_interest'])
            .nullable()
            .describe('The basis of the marketing use; null for a segment without purpose'),
        }),
      )
      .max(20)
      .describe('Up to 20 eligible persons (matched persons without purpose), by name'),
    purposeId: z.string().nullable(),
    channel: z.enum(MARKETING_CHANNELS).nullable(),
    evaluatedAt: z.string(),
  })
  .meta({ id: 'SegmentEvaluation' });
export type SegmentEvaluationView = z.infer<typeof SegmentEvaluation>;
