import { z } from 'zod';

/** Response shapes of the reports. No schema has a field for an employee (BetrVG § 87). */

const Amount = z.string().describe('Decimal amount with two decimals, e.g. "1234.50"');

export const REVENUE_GROUPINGS = ['customerGroup', 'product'] as const;

export const RevenueQuery = z.strictObject({
  from: z
    .string()
    .max(20)
    .optional()
    .describe('First quarter, e.g. 2025-Q1 (default: 7 quarters before `to`)'),
  to: z.string().max(20).optional().describe('Last quarter, e.g. 2026-Q4 (default: the current quarter)'),
  groupBy: z
    .enum(REVENUE_GROUPINGS)
    .default('customerGroup')
    .describe('Series per customer group or product'),
  currency: z.string().max(10).default('EUR').describe('ISO 4217 currency of the invoices counted'),
});
export type RevenueQueryInput = z.infer<typeof RevenueQuery>;

export const RevenueReport = z
  .object({
    currency: z.string(),
    groupBy: z.enum(REVENUE_GROUPINGS),
    quarters: z.array(z.string()).describe('The quarters, oldest first, e.g. ["2025-Q1", "2025-Q2"]'),
    series: z
      .array(
        z.object({
          key: z
            .string()
            .describe('Customer group id (the nil uuid for invoices without a group) or the product name'),
          label: z.string().describe('Group name, product, or "ohne Kundengruppe" / "no customer group"'),
          noCustomerGroup: z.boolean().describe('True for the series of invoices without a customer group'),
          values: z.array(Amount).describe('Net revenue per quarter, in the order of `quarters`'),
          total: Amount.describe('Net revenue over all quarters of the report'),
        }),
      )
      .describe('Customer groups by name (the group-less series last); products by revenue, highest first'),
    totals: z.array(Amount).describe('Net revenue of all series per quarter'),
    total: Amount,
  })
  .meta({ id: 'RevenueReport' });

const CurrencyAmounts = z.object({
  currency: z.string(),
  count: z.number().int(),
  value: Amount.describe('Sum of the deal values'),
  weighted: Amount.describe('Sum of value × probability / 100'),
});

export const PipelineReport = z
  .object({
    stages: z
      .array(
        z.object({
          id: z.string(),
          nameDe: z.string(),
          nameEn: z.string(),
          position: z.number().int(),
          probability: z.number().int().describe('Default probability of the stage, in percent'),
          count: z.number().int().describe('Open deals in the stage (all currencies)'),
          amounts: z.array(CurrencyAmounts).describe('Per currency; empty when the stage holds no deal'),
        }),
      )
      .describe('Open stages in position order'),
    totals: z.array(CurrencyAmounts).describe('All open deals per currency'),
  })
  .meta({ id: 'PipelineReport' });

export const AGE_BUCKETS = ['lt1d', '1to3d', '3to7d', '7to30d', 'gt30d'] as const;
export const CASE_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

const ByPriority = z.object({
  low: z.number().int(),
  normal: z.number().int(),
  high: z.number().int(),
  urgent: z.number().int(),
});

export const CasesByAgeReport = z
  .object({
    at: z.string().describe('The moment the ages were computed for (ISO 8601)'),
    buckets: z
      .array(
        z.object({
          bucket: z
            .enum(AGE_BUCKETS)
            .describe('< 1 day, 1–3, 3–7, 7–30, > 30 days since the case was received'),
          total: z.number().int(),
          byPriority: ByPriority,
          breached: z.number().int().describe('Cases whose resolution or missing first response is overdue'),
        }),
      )
      .describe('Every bucket, youngest first'),
    total: z.number().int(),
    breached: z.number().int(),
    byPriority: ByPriority,
  })
  .meta({ id: 'CasesByAgeReport' });
