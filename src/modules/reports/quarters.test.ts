import { describe, expect, it } from 'vitest';
import { AppError } from '../../domain/errors.ts';
import {
  addQuarters,
  parseQuarter,
  quarterLabel,
  quarterOf,
  quarterRange,
  quarterStart,
} from './quarters.ts';

const NOW = new Date('2026-07-15T12:00:00Z');
const labels = (input: { from?: string; to?: string }) => quarterRange(input, NOW).map(quarterLabel);
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? `${error.code}: ${error.params.detail}` : String(error);
  }
  return 'no error';
};

describe('quarters', () => {
  it('maps dates to quarters and quarters to their first day', () => {
    expect(quarterOf('2026-01-01')).toEqual({ year: 2026, q: 1 });
    expect(quarterOf('2026-03-31')).toEqual({ year: 2026, q: 1 });
    expect(quarterOf('2026-04-01')).toEqual({ year: 2026, q: 2 });
    expect(quarterOf('2026-12-31')).toEqual({ year: 2026, q: 4 });
    expect(quarterOf(new Date('2026-09-30T23:59:59Z'))).toEqual({ year: 2026, q: 3 });
    expect(['1', '2', '3', '4'].map((q) => quarterStart({ year: 2025, q: Number(q) as 1 }))).toEqual([
      '2025-01-01',
      '2025-04-01',
      '2025-07-01',
      '2025-10-01',
    ]);
  });

  it('steps across years', () => {
    expect(quarterLabel(addQuarters({ year: 2025, q: 4 }, 1))).toBe('2026-Q1');
    expect(quarterLabel(addQuarters({ year: 2025, q: 1 }, -1))).toBe('2024-Q4');
    expect(quarterLabel(addQuarters({ year: 2025, q: 2 }, -9))).toBe('2023-Q1');
  });

  it('parses only YYYY-Qn between 1990 and 2099', () => {
    expect(parseQuarter('2025-Q3', 'from')).toEqual({ year: 2025, q: 3 });
    for (const bad of ['2025-Q0', '2025-Q5', '2025Q1', '2025-q1', '25-Q1', '2025-Q1 ', '2025-03', ''])
      expect(
        codeOf(() => parseQuarter(bad, 'from')),
        bad,
      ).toBe('invalid_date_range: from must be a quarter like 2025-Q1');
    expect(codeOf(() => parseQuarter('1989-Q4', 'to'))).toBe(
      'invalid_date_range: to must lie between 1990-Q1 and 2099-Q4',
    );
    expect(codeOf(() => parseQuarter('2100-Q1', 'to'))).toMatch(/^invalid_date_range/);
  });

  it('defaults to the eight quarters up to now, or eight from `from`, or eight up to `to`', () => {
    expect(labels({})).toEqual([
      '2024-Q4',
      '2025-Q1',
      '2025-Q2',
      '2025-Q3',
      '2025-Q4',
      '2026-Q1',
      '2026-Q2',
      '2026-Q3',
    ]);
    expect(labels({ from: '2025-Q1' })).toEqual([
      '2025-Q1',
      '2025-Q2',
      '2025-Q3',
      '2025-Q4',
      '2026-Q1',
      '2026-Q2',
      '2026-Q3',
      '2026-Q4',
    ]);
    expect(labels({ to: '2025-Q2' })[0]).toBe('2023-Q3');
    expect(labels({ from: '2026-Q2', to: '2026-Q2' })).toEqual(['2026-Q2']);
  });

  it('refuses a reversed range, more than 40 quarters, and defaults that leave 1990–2099', () => {
    expect(codeOf(() => labels({ from: '2026-Q3', to: '2026-Q2' }))).toBe(
      'invalid_date_range: from must not be after to',
    );
    expect(labels({ from: '2000-Q1', to: '2009-Q4' })).toHaveLength(40);
    expect(codeOf(() => labels({ from: '2000-Q1', to: '2010-Q1' }))).toBe(
      'invalid_date_range: at most 40 quarters per report',
    );
    expect(codeOf(() => labels({ from: '2099-Q1' }))).toMatch(/^invalid_date_range: to must lie/);
    expect(codeOf(() => labels({ to: '1990-Q2' }))).toMatch(/^invalid_date_range: from must lie/);
    expect(labels({ from: '1990-Q1', to: '1990-Q1' })).toEqual(['1990-Q1']);
  });
});
