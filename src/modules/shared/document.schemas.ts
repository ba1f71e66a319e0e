/** Schemas shared by deals, quotes and orders: amounts, currencies, calendar dates, line items. */
import { z } from 'zod';
import { isCalendarDate } from '../../domain/pipeline/document-rules.ts';
import { PageQuery, UserRef } from '../../server/http-schemas.ts';

/**
 * An amount as a decimal string with a dot and at most two decimals ("1234.5"). The exact format is
 * checked by the service, so a wrong one ("1.234,56") is answered with invalid_amount and the value.
 */
export const Amount = z
  .string()
  .max(40)
  .describe('Decimal string with a dot, at most two decimals: "1234.50"');
export const AmountOut = z.string().describe('Decimal string with two decimals: "1234.50"');
export const Currency = z.string().max(10).describe('ISO 4217 code, e.g. EUR');
export const CalendarDate = z
  .string()
  .refine(isCalendarDate, 'a calendar date YYYY-MM-DD')
  .describe('Calendar date YYYY-MM-DD, between 1990-01-01 and 2099-12-31');

export const CustomerRef = z
  .object({ id: z.string(), name: z.string() })
  .nullable()
  .meta({ id: 'CustomerRef' });

export const LineInput = z
  .strictObject({
    product: z.string().trim().min(1).max(200),
    description: z
      .string()
      .trim()
      .max(2000)
      .transform((v) => (v === '' ? null : v))
      .nullable()
      .optional(),
    quantity: z.string().max(20).describe('Decimal string, at most three decimals: "2" or "1.5"'),
    unitPrice: Amount,
    taxRate: z.string().max(10).describe('VAT rate in percent: "19", "7", "0"'),
  })
  .describe('A line item: product, quantity × unit price, VAT rate');
export type LineInputValue = z.infer<typeof LineInput>;

export const Lines = z.array(LineInput).min(1).max(200);

export const LineOut = z
  .object({
    position: z.number(),
    product: z.string(),
    description: z.string().nullable(),
    quantity: z.string(),
    unitPrice: AmountOut,
    taxRate: z.string(),
    net: AmountOut,
  })
  .meta({ id: 'DocumentLine' });

export const VatByRate = z
  .object({ rate: z.string(), net: AmountOut, tax: AmountOut })
  .meta({ id: 'VatByRate' });

/** What the full view of a quote or order adds to its summary: the lines, VAT per rate, visibility, author. */
export const documentDetailFields = {
  lines: z.array(LineOut),
  vatByRate: z.array(VatByRate),
  departmentIds: z.array(z.string()),
  createdBy: UserRef.nullable(),
  updatedAt: z.string(),
};

/** The list filters of quotes and orders: customer, deal, status; paged, newest first by default. */
export const documentListQuery = <const S extends readonly [string, ...string[]]>(statuses: S) =>
  z.strictObject({
    personId: z.uuid().optional(),
    organizationId: z.uuid().optional(),
    dealId: z.uuid().optional(),
    status: z.enum(statuses).optional(),
    ...PageQuery,
    order: PageQuery.order.default('desc'),
  });
