import { z } from 'zod';
import { QUOTE_STATUSES } from '../../domain/pipeline/document-rules.ts';
import {
  AmountOut,
  CalendarDate,
  Currency,
  CustomerRef,
  documentDetailFields,
  documentListQuery,
  Lines,
} from '../shared/document.schemas.ts';

export const QuoteCreate = z
  .strictObject({
    personId: z
      .uuid()
      .nullable()
      .optional()
      .describe("Customer person (or organisation, or the deal's customer)"),
    organizationId: z.uuid().nullable().optional(),
    dealId: z.uuid().nullable().optional().describe('The deal the quote belongs to'),
    issuedAt: CalendarDate.optional().describe('Default: today'),
    validUntil: CalendarDate.nullable().optional().describe('On or after issuedAt'),
    currency: Currency.default('EUR'),
    lines: Lines.describe('1–200 lines; totals are computed by the server'),
  })
  .meta({ id: 'QuoteCreate' });
export type QuoteCreateInput = z.infer<typeof QuoteCreate>;

export const QuotePatch = z
  .strictObject({
    version: z.number().int().min(1),
    status: z
      .enum(QUOTE_STATUSES)
      .optional()
      .describe('draft → sent → accepted | rejected | expired; draft → rejected'),
    validUntil: CalendarDate.nullable().optional(),
  })
  .meta({ id: 'QuotePatch' });
export type QuotePatchInput = z.infer<typeof QuotePatch>;

export const QuoteSummary = z
  .object({
    id: z.string(),
    number: z.string(),
    status: z.enum(QUOTE_STATUSES),
    person: CustomerRef,
    organization: CustomerRef,
    dealId: z.string().nullable(),
    issuedAt: z.string(),
    validUntil: z.string().nullable(),
    currency: z.string(),
    netTotal: AmountOut,
    taxTotal: AmountOut,
    grossTotal: AmountOut,
    orderId: z.string().nullable().describe('The order made from it, if any'),
    version: z.number(),
    createdAt: z.string(),
  })
  .meta({ id: 'QuoteSummary' });

export const Quote = QuoteSummary.extend(documentDetailFields).meta({ id: 'Quote' });

export const QuoteListQuery = documentListQuery(QUOTE_STATUSES);
export type QuoteListQueryInput = z.infer<typeof QuoteListQuery>;

export const QuoteList = z
  .object({ items: z.array(QuoteSummary), total: z.number(), page: z.number(), pageSize: z.number() })
  .meta({ id: 'QuoteList' });
