import { z } from 'zod';
import { isCalendarDate } from '../../domain/pipeline/document-rules.ts';
import { PageQuery } from '../../server/http-schemas.ts';

export const INVOICE_STATUSES = ['open', 'paid', 'cancelled'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** Checked by the service, so "12,50" or "1.234,56" is answered with invalid_amount and the value. */
const Amount = z.string().max(40).describe('Decimal string with a dot, at most two decimals: "1234.50"');
const AmountOut = z.string().describe('Decimal string with two decimals: "1234.50"');
const CalendarDate = z
  .string()
  .refine(isCalendarDate, 'a calendar date YYYY-MM-DD')
  .describe('Calendar date YYYY-MM-DD, between 1990-01-01 and 2099-12-31');
const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();

export const InvoiceLineInput = z
  .strictObject({
    product: z.string().trim().min(1).max(200),
    description: optional(2000),
    quantity: z.string().max(20).describe('Decimal string, at most three decimals: "2" or "1.5"'),
    unitPrice: Amount,
    taxRate: z.string().max(10).describe('VAT rate in percent: "19", "7", "0"'),
  })
  .meta({ id: 'InvoiceLineInput' });
export type InvoiceLineInputValue = z.infer<typeof InvoiceLineInput>;

export const BillingInput = z
  .strictObject({
    name: z.string().trim().min(1).max(200).describe('Name on the invoice'),
    street: optional(200),
    postalCode: optional(20),
    city: optional(100),
    country: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 country code, e.g. DE')
      .nullable()
      .optional(),
    email: z.string().trim().max(254).pipe(z.email()).nullable().optional(),
  })
  .meta({ id: 'BillingInput' });
export type BillingInputValue = z.infer<typeof BillingInput>;

export const InvoiceCreate = z
  .strictObject({
    number: z
      .string()
      .trim()
      .min(1)
      .max(50)
      .optional()
      .describe('Invoice number; without it the next running number, e.g. RE-2026-0001'),
    personId: z.uuid().optional().describe('The customer (a person) — this or organizationId'),
    organizationId: z.uuid().optional().describe('The customer (an organisation) — this or personId'),
    orderId: z.uuid().optional(),
    customerGroupId: z
      .uuid()
      .nullable()
      .optional()
      .describe("Customer group for the revenue ledger; default: the organisation's group"),
    issuedAt: CalendarDate,
    dueAt: CalendarDate.describe('Due date, not before issuedAt'),
    currency: z.string().max(10).default('EUR').describe('ISO 4217 code, e.g. EUR'),
    lines: z.array(InvoiceLineInput).min(1).max(200),
    billing: BillingInput.optional().describe(
      "Billing name and address; default: the customer's name and address at the time of issue",
    ),
  })
  .meta({ id: 'InvoiceCreate' });
export type InvoiceCreateInput = z.infer<typeof InvoiceCreate>;

export const InvoicePatch = z
  .strictObject({
    version: z.number().int().min(1),
    dueAt: CalendarDate.optional(),
    legalHold: z.boolean().optional().describe('A hold (tax audit, dispute) blocks deletion after retention'),
  })
  .meta({ id: 'InvoicePatch' });
export type InvoicePatchInput = z.infer<typeof InvoicePatch>;

export const InvoicePayment = z
  .strictObject({ paidAt: CalendarDate.describe('Day the payment arrived') })
  .meta({ id: 'InvoicePayment' });

const Ref = z.object({ id: z.string(), name: z.string() });

export const InvoiceSummary = z
  .object({
    id: z.string(),
    number: z.string(),
    status: z.enum(INVOICE_STATUSES),
    overdue: z.boolean().describe('Open and due before today'),
    issuedAt: z.string(),
    dueAt: z.string(),
    paidAt: z.string().nullable(),
    currency: z.string(),
    netTotal: AmountOut,
    taxTotal: AmountOut,
    grossTotal: AmountOut,
    billingName: z.string(),
    person: Ref.nullable(),
    organization: Ref.nullable(),
    customerGroup: Ref.nullable(),
    restricted: z.boolean(),
  })
  .meta({ id: 'InvoiceSummary' });

export const Invoice = InvoiceSummary.extend({
  orderId: z.string().nullable(),
  billing: z.object({
    name: z.string(),
    street: z.string().nullable(),
    postalCode: z.string().nullable(),
    city: z.string().nullable(),
    country: z.string().nullable(),
    email: z.string().nullable(),
  }),
  lines: z.array(
    z.object({
      position: z.number(),
      product: z.string(),
      description: z.string().nullable(),
      quantity: z.string(),
      unitPrice: AmountOut,
      taxRate: z.string(),
      net: AmountOut,
    }),
  ),
  vatByRate: z.array(z.object({ rate: z.string(), net: AmountOut, tax: AmountOut })),
  retention: z.object({
    rule: z.string().describe('Retention rule id, e.g. DE.voucher.8y'),
    basis: z.string().describe('Legal basis of the rule'),
    retainUntil: z.string().describe('Kept at least until this day'),
    deletableFrom: z.string(),
    legalHold: z.boolean(),
    restricted: z.boolean().describe('Kept only for the retention purpose after its person was erased'),
    restrictedAt: z.string().nullable(),
  }),
  importBatchId: z.string().nullable(),
  externalRef: z.string().nullable(),
  departmentIds: z.array(z.string()),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
}).meta({ id: 'Invoice' });

export const InvoiceListQuery = z.strictObject({
  q: z.string().trim().max(100).optional().describe('Search in invoice number and billing name'),
  status: z.enum(INVOICE_STATUSES).optional(),
  overdue: z.enum(['true', 'false']).optional().describe('true: open invoices due before today'),
  personId: z.uuid().optional(),
  organizationId: z.uuid().optional(),
  page: PageQuery.page,
  pageSize: PageQuery.pageSize,
});
export type InvoiceListQueryInput = z.infer<typeof InvoiceListQuery>;

export const InvoiceList = z
  .object({
    items: z.array(InvoiceSummary),
    total: z.number(),
    totals: z
      .array(z.object({ currency: z.string(), gross: AmountOut, open: AmountOut }))
      .describe('Gross sum and open sum of all matching invoices, per currency'),
    page: z.number(),
    pageSize: z.number(),
  })
  .meta({ id: 'InvoiceList' });
