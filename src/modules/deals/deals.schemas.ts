import { z } from 'zod';
import { STAGE_OUTCOMES } from '../../domain/pipeline/stage-rules.ts';
import { PageQuery, UserRef } from '../../server/http-schemas.ts';
import { Amount, AmountOut, CalendarDate, Currency, CustomerRef } from '../shared/document.schemas.ts';

export const DEAL_STATUSES = ['open', 'won', 'lost'] as const;

const title = z.string().trim().min(1).max(200);
const probability = z.number().int().min(0).max(100);

export const DealCreate = z
  .strictObject({
    title: title.describe('What is being sold'),
    personId: z.uuid().nullable().optional().describe('Customer person (this or organizationId is required)'),
    organizationId: z.uuid().nullable().optional().describe('Customer organisation'),
    stageId: z.uuid().optional().describe('Default: the first open stage'),
    value: Amount,
    currency: Currency.default('EUR'),
    probability: probability.optional().describe("Percent; default: the stage's probability"),
    expectedClose: CalendarDate.nullable().optional(),
    ownerId: z.uuid().optional().describe('An active user of the tenant; default: the caller'),
    departmentIds: z
      .array(z.uuid())
      .max(50)
      .optional()
      .describe("Departments that may see it; default: the customer's"),
  })
  .meta({ id: 'DealCreate' });
export type DealCreateInput = z.infer<typeof DealCreate>;

export const DealPatch = z
  .strictObject({
    version: z.number().int().min(1),
    title: title.optional(),
    value: Amount.optional(),
    currency: Currency.optional(),
    probability: probability.optional(),
    expectedClose: CalendarDate.nullable().optional(),
    ownerId: z.uuid().optional(),
  })
  .meta({ id: 'DealPatch' });
export type DealPatchInput = z.infer<typeof DealPatch>;

export const DealMove = z
  .strictObject({
    stageId: z.uuid().describe('The stage to move to'),
    version: z.number().int().min(1),
    lostReason: z.string().trim().max(500).optional().describe('Required when moving into the lost stage'),
    reopen: z.boolean().optional().describe('Reopen a won or lost deal into an open stage'),
  })
  .meta({ id: 'DealMove' });
export type DealMoveInput = z.infer<typeof DealMove>;

const StageRef = z
  .object({ id: z.string(), nameDe: z.string(), nameEn: z.string(), outcome: z.enum(STAGE_OUTCOMES) })
  .meta({ id: 'StageRef' });

export const Deal = z
  .object({
    id: z.string(),
    title: z.string(),
    person: CustomerRef,
    organization: CustomerRef,
    stage: StageRef,
    status: z.enum(DEAL_STATUSES),
    value: AmountOut,
    currency: z.string(),
    probability: z.number(),
    expectedClose: z.string().nullable(),
    owner: UserRef.nullable(),
    departmentIds: z.array(z.string()),
    lostReason: z.string().nullable(),
    closedAt: z.string().nullable(),
    version: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Deal' });
export type DealOut = z.infer<typeof Deal>;

const DocumentSummary = z.object({
  id: z.string(),
  number: z.string(),
  status: z.string(),
  date: z.string(),
  currency: z.string(),
  grossTotal: AmountOut,
});

export const DealDetail = Deal.extend({
  history: z.array(
    z.object({
      fromStage: StageRef.nullable(),
      toStage: StageRef,
      changedBy: UserRef.nullable(),
      changedAt: z.string(),
    }),
  ),
  quotes: z.array(DocumentSummary),
  orders: z.array(DocumentSummary),
}).meta({ id: 'DealDetail' });

export const DealListQuery = z.strictObject({
  q: z.string().trim().max(100).optional().describe('Search in the title'),
  stageId: z.uuid().optional(),
  status: z.enum(DEAL_STATUSES).optional(),
  personId: z.uuid().optional(),
  organizationId: z.uuid().optional(),
  ...PageQuery,
  sort: z.enum(['expectedClose', 'value', 'title', 'updatedAt']).default('expectedClose'),
});
export type DealListQueryInput = z.infer<typeof DealListQuery>;

export const DealList = z
  .object({ items: z.array(Deal), total: z.number(), page: z.number(), pageSize: z.number() })
  .meta({ id: 'DealList' });

export const Board = z
  .object({
    columns: z.array(
      z.object({
        stage: StageRef.extend({ position: z.number(), probability: z.number() }),
        count: z.number().describe('All deals in the stage (the list holds at most 100)'),
        totals: z
          .array(z.object({ currency: z.string(), value: AmountOut, weighted: AmountOut }))
          .describe('Sum of values and of probability-weighted values, per currency'),
        deals: z.array(Deal),
      }),
    ),
  })
  .meta({ id: 'DealBoard' });
