import { describe, expect, it } from 'vitest';
import { dateText, numberText } from './cells.ts';

describe('numberText', () => {
  it.each([
    [0.1 + 0.2, '0.3'],
    [1.005 * 100, '100.5'],
    [42, '42'],
    [-7, '-7'],
    [10115, '10115'],
    [4915112345678, '4915112345678'],
    [1234.56, '1234.56'],
    [0.000001, '0.000001'],
    [1e-7, '0.0000001'],
    [Number.NaN, ''],
  ])('%d → %j', (value, expected) => expect(numberText(value)).toBe(expected));
});

describe('dateText', () => {
  it.each([
    [new Date(Date.UTC(1980, 1, 29)), '1980-02-29'],
    [new Date(Date.UTC(2025, 0, 2, 10, 30, 0)), '2025-01-02T10:30:00'],
    [new Date(Date.UTC(2025, 0, 2, 10, 29, 59, 999)), '2025-01-02T10:30:00'],
    [new Date(Date.UTC(2025, 0, 1, 23, 59, 59, 999)), '2025-01-02'],
    [new Date(Number.NaN), ''],
  ])('%s → %j', (value, expected) => expect(dateText(value)).toBe(expected));
});
