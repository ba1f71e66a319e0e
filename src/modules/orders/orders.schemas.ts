import { z } from 'zod';
import { ORDER_STATUSES } from '../../domain/pipeline/document-rules.ts';
import { optionalText } from '../../server/http-schemas.ts';
import {
  AmountOut,
  CalendarDate,
  Currency,
  CustomerRef,
  documentDetailFields,
  documentListQuery,
  Lines,
} from '../shared/document.schemas.ts';

export const OrderCreate = z
  .strictObject({
    personId: z
      .uuid()
      .nullable()
      .optional()
      .describe("Customer person (or organisation, or the deal's customer)"),
    organizationId: z.uuid().nullable().optional(),
    dealId: z.uuid().nullable().optional(),
    orderedAt: CalendarDate.optional().describe('Default: today'),
    externalRef: optionalText(100).describe('Reference in the ERP'),
    currency: Currency.default('EUR'),
    lines: Lines.describe('1–200 lines; totals are computed by the server'),
  })
  .meta({ id: 'OrderCreate' });
export type OrderCreateInput = z.infer<typeof OrderCreate>;

export const OrderPatch = z
  .strictObject({
    version: z.number().int().min(1),
    status: z.enum(ORDER_STATUSES).optional().describe('open → fulfilled | cancelled'),
    externalRef: optionalText(100),
  })
  .meta({ id: 'OrderPatch' });
export type OrderPatchInput = z.infer<typeof OrderPatch>;

export const OrderSummary = z
  .object({
    id: z.string(),
    number: z.string(),
    status: z.enum(ORDER_STATUSES),
    person: CustomerRef,
    organization: CustomerRef,
    dealId: z.string().nullable(),
    quoteId: z.string().nullable(),
    orderedAt: z.string(),
    externalRef: z.string().nullable(),
    currency: z.string(),
    netTotal: AmountOut,
    taxTotal: AmountOut,
    grossTotal: AmountOut,
    version: z.number(),
    createdAt: z.string(),
  })
  .meta({ id: 'OrderSummary' });

export const Order = OrderSummary.extend(documentDetailFields).meta({ id: 'Order' });

export const OrderListQuery = documentListQuery(ORDER_STATUSES);
export type OrderListQueryInput = z.infer<typeof OrderListQuery>;

export const OrderList = z
  .object({ items: z.array(OrderSummary), total: z.number(), page: z.number(), pageSize: z.number() })
  .meta({ id: 'OrderList' });
