import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import {
  assertCurrency,
  documentTotals,
  formatCents,
  lineNet,
  normalizeAmount,
  parseAmount,
} from './money.ts';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? error.code : 'not an AppError';
  }
  return 'no error';
};

describe('parseAmount', () => {
  it.each([
    ['0', 0n],
    ['1', 100n],
    ['1.5', 150n],
    ['1.05', 105n],
    ['1234.50', 123450n],
    ['999999999999.99', 99999999999999n],
  ])('%s is %d cents', (text, cents) => {
    expect(parseAmount(text)).toBe(cents);
  });

  it.each(['1.234,56', '12,50', '1e3', '-1', '1.234', '.5', '5.', '', ' 5', '€5', '1000000000000'])(
    'refuses %j as invalid_amount',
    (text) => {
      expect(codeOf(() => parseAmount(text))).toBe('invalid_amount');
    },
  );
});

describe('formatCents and normalizeAmount', () => {
  it.each([
    [0n, '0.00'],
    [5n, '0.05'],
    [150n, '1.50'],
    [-320n, '-3.20'],
    [123456789n, '1234567.89'],
  ])('%d cents is %s', (cents, text) => {
    expect(formatCents(cents)).toBe(text);
  });

  it('normalises what PostgreSQL returns', () => {
    expect(normalizeAmount('12.5')).toBe('12.50');
    expect(normalizeAmount('-7.00')).toBe('-7.00');
    expect(normalizeAmount('100')).toBe('100.00');
  });
});

describe('lineNet', () => {
  it.each([
    ['1', '10.00', 1000n],
    ['3', '0.33', 99n],
    ['2.5', '3.99', 998n], // 9.975 rounds half up to 9.98
    ['0.333', '3.00', 100n], // 0.999 → 1.00
    ['1.005', '1.00', 101n], // 1.005 → 1.01 (half away from zero, exact in integers)
  ])('%s × %s = %d cents', (quantity, unitPrice, cents) => {
    expect(lineNet({ quantity, unitPrice })).toBe(cents);
  });

  it('refuses a zero or malformed quantity', () => {
    expect(codeOf(() => lineNet({ quantity: '0', unitPrice: '1.00' }))).toBe('validation_failed');
    expect(codeOf(() => lineNet({ quantity: '1,5', unitPrice: '1.00' }))).toBe('validation_failed');
    expect(codeOf(() => lineNet({ quantity: '1', unitPrice: '1,00' }))).toBe('invalid_amount');
  });
});

describe('documentTotals', () => {
  it('computes VAT per rate on the sum of the nets, not per line', () => {
    const lines = Array.from({ length: 7 }, () => ({ quantity: '1', unitPrice: '0.07', taxRate: '19' }));
    // per line: 0.0133 → 0.01 × 7 = 0.07; on the sum: 0.49 × 0.19 = 0.0931 → 0.09
    const totals = documentTotals(lines);
    expect(formatCents(totals.net)).toBe('0.49');
    expect(formatCents(totals.tax)).toBe('0.09');
    expect(formatCents(totals.gross)).toBe('0.58');
  });

  it('lists net and VAT per rate, lowest rate first', () => {
    const totals = documentTotals([
      { quantity: '2', unitPrice: '100.00', taxRate: '19' },
      { quantity: '1', unitPrice: '50.00', taxRate: '7' },
      { quantity: '1', unitPrice: '10.00', taxRate: '19.00' },
      { quantity: '1', unitPrice: '20.00', taxRate: '0' },
    ]);
    expect(totals.byRate.map((r) => [r.rate, formatCents(r.net), formatCents(r.tax)])).toEqual([
      ['0.00', '20.00', '0.00'],
      ['7.00', '50.00', '3.50'],
      ['19.00', '210.00', '39.90'],
    ]);
    expect(totals.lines.map(formatCents)).toEqual(['200.00', '50.00', '10.00', '20.00']);
    expect([formatCents(totals.net), formatCents(totals.tax), formatCents(totals.gross)]).toEqual([
      '280.00',
      '43.40',
      '323.40',
    ]);
  });

  it('is zero for no lines and refuses a malformed rate', () => {
    expect(documentTotals([])).toMatchObject({ net: 0n, tax: 0n, gross: 0n, byRate: [] });
    expect(codeOf(() => documentTotals([{ quantity: '1', unitPrice: '1.00', taxRate: '19%' }]))).toBe(
      'validation_failed',
    );
    expect(codeOf(() => documentTotals([{ quantity: '1', unitPrice: '1.00', taxRate: '101' }]))).toBe(
      'validation_failed',
    );
  });
});

describe('assertCurrency', () => {
  it.each(['EUR', 'CHF', 'USD', 'GBP', 'PLN'])('accepts %s', (c) => {
    expect(assertCurrency(c)).toBe(c);
  });
  it.each(['eur', 'EURO', '€', 'XYZ', ''])('refuses %j', (c) => {
    expect(codeOf(() => assertCurrency(c))).toBe('invalid_currency');
  });
});
