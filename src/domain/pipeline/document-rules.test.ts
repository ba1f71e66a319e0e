import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import {
  assertDocumentDate,
  assertOrderTransition,
  assertQuoteOrderable,
  assertQuoteTransition,
  assertValidUntil,
  dayOf,
  isCalendarDate,
  ORDER_STATUSES,
  type OrderStatus,
  QUOTE_STATUSES,
  type QuoteStatus,
} from './document-rules.ts';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return 'allowed';
  } catch (error) {
    return (error as AppError).code;
  }
};

describe('quote status', () => {
  const allowed = new Set(['draft→sent', 'draft→rejected', 'sent→accepted', 'sent→rejected', 'sent→expired']);
  for (const from of QUOTE_STATUSES)
    for (const to of QUOTE_STATUSES) {
      const key = `${from}→${to}`;
      it(`${key} is ${allowed.has(key) ? 'allowed' : 'refused'}`, () => {
        expect(codeOf(() => assertQuoteTransition(from as QuoteStatus, to as QuoteStatus))).toBe(
          allowed.has(key) ? 'allowed' : 'invalid_status_change',
        );
      });
    }
  it('names both states in the refusal', () => {
    try {
      assertQuoteTransition('accepted', 'draft');
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).params).toEqual({ from: 'accepted', to: 'draft' });
    }
  });
  it('makes an order only from an accepted quote', () => {
    for (const status of QUOTE_STATUSES)
      expect(codeOf(() => assertQuoteOrderable(status))).toBe(
        status === 'accepted' ? 'allowed' : 'invalid_status_change',
      );
  });
});

describe('order status', () => {
  const allowed = new Set(['open→fulfilled', 'open→cancelled']);
  for (const from of ORDER_STATUSES)
    for (const to of ORDER_STATUSES) {
      const key = `${from}→${to}`;
      it(`${key} is ${allowed.has(key) ? 'allowed' : 'refused'}`, () => {
        expect(codeOf(() => assertOrderTransition(from as OrderStatus, to as OrderStatus))).toBe(
          allowed.has(key) ? 'allowed' : 'invalid_status_change',
        );
      });
    }
});

describe('document dates', () => {
  it('knows real calendar dates', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    for (const v of ['2026-02-30', '2026-13-01', '26-01-01', '2026-1-1', '2026-01-01T00:00:00Z', ''])
      expect(isCalendarDate(v), v).toBe(false);
  });
  it('accepts 1990-01-01 to 2099-12-31 and nothing outside', () => {
    for (const v of ['1990-01-01', '2026-06-30', '2099-12-31', null, undefined])
      expect(codeOf(() => assertDocumentDate('issuedAt', v))).toBe('allowed');
    for (const v of ['1989-12-31', '2100-01-01', '0001-01-01'])
      expect(codeOf(() => assertDocumentDate('issuedAt', v))).toBe('invalid_date_range');
  });
  it('keeps valid_until on or after the issue date', () => {
    expect(codeOf(() => assertValidUntil('2026-03-01', '2026-03-01'))).toBe('allowed');
    expect(codeOf(() => assertValidUntil('2026-03-01', null))).toBe('allowed');
    expect(codeOf(() => assertValidUntil('2026-03-01', '2026-02-28'))).toBe('invalid_date_range');
  });
  it('takes the UTC day of the clock', () => {
    expect(dayOf(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
  });
});
