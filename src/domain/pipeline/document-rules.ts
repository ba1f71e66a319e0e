/**
 * Rules of the commercial documents beside the pipeline: quote and order status changes and the
 * calendar dates they carry. Pure.
 */
import { AppError } from '../errors.ts';

export const QUOTE_STATUSES = ['draft', 'sent', 'accepted', 'rejected', 'expired'] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];
export const ORDER_STATUSES = ['open', 'fulfilled', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

const QUOTE_TRANSITIONS: Record<QuoteStatus, readonly QuoteStatus[]> = {
  draft: ['sent', 'rejected'],
  sent: ['accepted', 'rejected', 'expired'],
  accepted: [],
  rejected: [],
  expired: [],
};

const ORDER_TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  open: ['fulfilled', 'cancelled'],
  fulfilled: [],
  cancelled: [],
};

const refuse = (from: string, to: string): never => {
  throw new AppError('invalid_status_change', { params: { from, to } });
};

/** draft → sent → accepted | rejected | expired, and draft → rejected; nothing else. */
export const assertQuoteTransition = (from: QuoteStatus, to: QuoteStatus) => {
  if (!QUOTE_TRANSITIONS[from].includes(to)) refuse(from, to);
};

/** open → fulfilled | cancelled; nothing else. */
export const assertOrderTransition = (from: OrderStatus, to: OrderStatus) => {
  if (!ORDER_TRANSITIONS[from].includes(to)) refuse(from, to);
};

/** Only an accepted quote becomes an order. */
export const assertQuoteOrderable = (status: QuoteStatus) => {
  if (status !== 'accepted') refuse(status, 'ordered');
};

export const EARLIEST_DATE = '1990-01-01';
export const LATEST_DATE = '2099-12-31';

/** A calendar date that exists ('2026-02-30' does not). */
export const isCalendarDate = (value: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
};

/** Document dates lie between 1990-01-01 and 2099-12-31, else invalid_date_range. */
export const assertDocumentDate = (field: string, value: string | null | undefined) => {
  if (value == null) return;
  if (value < EARLIEST_DATE || value > LATEST_DATE)
    throw new AppError('invalid_date_range', {
      params: { detail: `${field} ${value} (${EARLIEST_DATE} – ${LATEST_DATE})` },
      details: { field, value },
    });
};

/** A quote is valid until a day on or after its issue date. */
export const assertValidUntil = (issuedAt: string, validUntil: string | null | undefined) => {
  if (validUntil != null && validUntil < issuedAt)
    throw new AppError('invalid_date_range', {
      params: { detail: `validUntil ${validUntil} < issuedAt ${issuedAt}` },
      details: { field: 'validUntil', value: validUntil },
    });
};

/** The calendar day of an instant in UTC (YYYY-MM-DD). */
export const dayOf = (now: Date): string => now.toISOString().slice(0, 10);
