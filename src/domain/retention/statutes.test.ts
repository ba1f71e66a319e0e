import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import type { RetentionPeriod } from './periods.ts';
import {
  checkMinimum,
  comparePeriods,
  coversMinimum,
  periodText,
  STATUTES,
  statuteById,
} from './statutes.ts';

const P = (years: number, months = 0, days = 0, roundToYearEnd = false): RetentionPeriod => ({
  years,
  months,
  days,
  roundToYearEnd,
});
const YE = (years: number) => P(years, 0, 0, true);

const refusal = (fn: () => void) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  return null;
};

describe('STATUTES', () => {
  it.each([
    ['DE.voucher', YE(8), '§ 147'],
    ['DE.book', YE(10), '§ 147'],
    ['DE.business_letter', YE(6), '§ 257'],
    ['DE.phone_consent', P(5), '§ 7a UWG'],
    ['AT.voucher', YE(7), '§ 132'],
    ['AT.book', YE(7), '§ 132'],
    ['AT.business_letter', YE(7), '§ 212 UGB'],
  ])('%s is %o (%s)', (id, period, citation) => {
    const statute = statuteById(id);
    expect(statute?.period).toEqual(period);
    expect(statute?.basis).toContain(citation);
    expect(statute?.jurisdiction).toBe(id.slice(0, 2));
  });

  it('has unique ids and texts in both languages', () => {
    expect(new Set(STATUTES.map((s) => s.id)).size).toBe(STATUTES.length);
    for (const s of STATUTES) expect(s.labelDe && s.labelEn).toBeTruthy();
  });
});

describe('periodText', () => {
  it.each([
    [YE(8), '8 Jahre ab Jahresende', '8 years from the end of the year'],
    [P(5), '5 Jahre', '5 years'],
    [P(1), '1 Jahr', '1 year'],
    [P(0, 6), '6 Monate', '6 months'],
    [P(0, 1), '1 Monat', '1 month'],
    [P(0, 0, 30), '30 Tage', '30 days'],
    [P(0, 0, 1), '1 Tag', '1 day'],
    [P(1, 6, 2), '1 Jahr und 6 Monate und 2 Tage', '1 year and 6 months and 2 days'],
    [P(0), 'sofort', 'immediately'],
    [P(0, 0, 0, true), 'sofort ab Jahresende', 'immediately from the end of the year'],
  ])('%o: %s / %s', (period, de, en) => {
    expect(periodText(period, 'de')).toBe(de);
    expect(periodText(period, 'en')).toBe(en);
  });
});

describe('coversMinimum', () => {
  it.each([
    // the same or longer
    [YE(8), YE(8), true],
    [YE(10), YE(8), true],
    [YE(9), YE(8), true],
    [P(9), YE(8), true],
    // without rounding a start on 1 Jan ends a year too early
    [P(8), YE(8), false],
    [P(8, 11, 30), YE(8), true],
    [P(8, 11, 29), YE(8), false],
    [YE(7), YE(8), false],
    [YE(5), YE(6), false],
    [P(6), YE(6), false],
    // year end rounding only lengthens: 5 years from year end covers 5 years
    [YE(5), P(5), true],
    [P(5), P(5), true],
    [P(4, 12), P(5), true],
    // 4 years 11 months and 31 days reach 5 years from every start (month ends clamp first) …
    [P(4, 11, 31), P(5), true],
    // … 27 days do not (31 Mar + 4 years 11 months = 28 Feb, + 27 days = 27 Mar)
    [P(4, 11, 27), P(5), false],
    // five years span up to two leap days: 1827 days
    [P(0, 0, 1827), P(5), true],
    [P(0, 0, 1826), P(5), false],
    [P(0), P(0), true],
    [P(0), YE(0), false],
    [P(0, 0, 365), YE(0), true],
    [P(0, 0, 364), YE(0), false],
  ])('%o covers %o: %s', (period, minimum, expected) => {
    expect(coversMinimum({ period, minimum })).toBe(expected);
  });
});

describe('checkMinimum', () => {
  it('accepts a rule without statute, whatever its period', () => {
    expect(refusal(() => checkMinimum({ period: P(0), statute: null }))).toBeNull();
  });

  it.each([
    ['DE.voucher', YE(8)],
    ['DE.voucher', YE(10)],
    ['DE.business_letter', YE(6)],
    ['DE.business_letter', YE(8)],
    ['DE.phone_consent', P(5)],
    ['DE.phone_consent', YE(5)],
    ['AT.voucher', YE(7)],
    ['AT.business_letter', YE(8)],
  ])('%s allows %o', (statute, period) => {
    expect(refusal(() => checkMinimum({ period, statute }))).toBeNull();
  });

  it.each([
    ['DE.voucher', P(5), '8 Jahre ab Jahresende', '8 years from the end of the year'],
    ['DE.voucher', YE(5), '8 Jahre ab Jahresende', '8 years from the end of the year'],
    ['DE.voucher', P(8), '8 Jahre ab Jahresende', '8 years from the end of the year'],
    ['DE.business_letter', YE(3), '6 Jahre ab Jahresende', '6 years from the end of the year'],
    ['DE.phone_consent', P(4, 11), '5 Jahre', '5 years'],
    ['AT.voucher', YE(6), '7 Jahre ab Jahresende', '7 years from the end of the year'],
  ])('%s refuses %o (at least %s)', (statute, period, de, en) => {
    const error = refusal(() => checkMinimum({ period, statute }));
    expect(error?.code).toBe('retention_below_legal_minimum');
    expect(error?.params).toMatchObject({ minimum: de, minimum_de: de, minimum_en: en });
    expect(String(error?.params.statute)).toBe(statuteById(statute)?.basis);
    expect(error?.details).toMatchObject({ statute });
  });

  it('refuses an unknown statute as invalid input', () => {
    expect(refusal(() => checkMinimum({ period: YE(10), statute: 'XX.none' }))?.code).toBe(
      'validation_failed',
    );
  });
});

describe('comparePeriods', () => {
  it('sorts the catalogue by period length, year-end rounding after the same length', () => {
    const periods = [YE(8), P(0), P(5), P(0, 0, 30), YE(3), P(1), P(0, 6), YE(10), P(0, 0, 2), YE(6), YE(7)];
    expect([...periods].sort(comparePeriods)).toEqual([
      P(0),
      P(0, 0, 2),
      P(0, 0, 30),
      P(0, 6),
      P(1),
      YE(3),
      P(5),
      YE(6),
      YE(7),
      YE(8),
      YE(10),
    ]);
    expect(comparePeriods(P(3), YE(3))).toBeLessThan(0);
    expect(comparePeriods(YE(3), YE(3))).toBe(0);
  });
});
