import { z } from 'zod';
import { STAGE_OUTCOMES } from '../../domain/pipeline/stage-rules.ts';

const name = z.string().trim().min(1).max(60);
const probability = z.number().int().min(0).max(100);

export const Stage = z
  .object({
    id: z.string(),
    nameDe: z.string(),
    nameEn: z.string(),
    position: z.number().describe('Order on the board, from 0'),
    probability: z.number().describe('Default probability (percent) of deals in this stage'),
    outcome: z.enum(STAGE_OUTCOMES).describe('open, or the won or lost end of the pipeline'),
    archived: z.boolean().describe('Archived stages take no deals and leave the board'),
    openDeals: z.number().describe('Open deals in this stage'),
  })
  .meta({ id: 'PipelineStage' });
export type StageOut = z.infer<typeof Stage>;

export const StageList = z.object({ items: z.array(Stage) }).meta({ id: 'PipelineStageList' });

export const StageCreate = z
  .strictObject({
    nameDe: name.describe('German name, 1–60 characters'),
    nameEn: name.describe('English name, 1–60 characters'),
    probability: probability.describe('Default probability in percent'),
    outcome: z.enum(STAGE_OUTCOMES).default('open').describe('open (default), won or lost'),
    position: z
      .number()
      .int()
      .min(0)
      .max(1000)
      .optional()
      .describe('Where to insert; default: before won/lost'),
  })
  .meta({ id: 'PipelineStageCreate' });
export type StageCreateInput = z.infer<typeof StageCreate>;

export const StagePatch = z
  .strictObject({
    nameDe: name.optional(),
    nameEn: name.optional(),
    probability: probability.optional(),
    position: z.number().int().min(0).max(1000).optional().describe('New position; the others shift'),
    archived: z.boolean().optional().describe('Archive (only without open deals) or restore'),
  })
  .meta({ id: 'PipelineStagePatch' });
export type StagePatchInput = z.infer<typeof StagePatch>;
