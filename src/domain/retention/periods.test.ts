import { describe, expect, it } from 'vitest';
import {
  addPeriod,
  dayNumber,
  dayOf,
  dueCutoff,
  isDue,
  type RetentionPeriod,
  retentionEnd,
  START_TYPES,
} from './periods.ts';

const P = (years: number, months = 0, days = 0, roundToYearEnd = false): RetentionPeriod => ({
  years,
  months,
  days,
  roundToYearEnd,
});
const ZERO = P(0);

describe('dayNumber / dayOf', () => {
  it.each([
    ['1970-01-01', 0],
    ['1970-01-02', 1],
    ['1969-12-31', -1],
    ['2000-02-29', 11_016],
    ['2025-03-10', 20_157],
  ])('%s is day %i and back', (day, n) => {
    expect(dayNumber(day)).toBe(n);
    expect(dayOf(n)).toBe(day);
  });

  it('round-trips every day of 1999..2101 (leap years, the non-leap 2100)', () => {
    for (let n = dayNumber('1999-01-01'); n <= dayNumber('2101-12-31'); n++) {
      expect(dayNumber(dayOf(n))).toBe(n);
    }
  });
});

describe('addPeriod', () => {
  it.each([
    // same day of the month
    ['2025-03-10', P(8), '2033-03-10'],
    ['2025-03-10', P(0, 6), '2025-09-10'],
    ['2025-03-10', P(0, 0, 30), '2025-04-09'],
    ['2025-03-10', P(1, 2, 3), '2026-05-13'],
    // month end clamping: the target month is shorter
    ['2025-01-31', P(0, 1), '2025-02-28'],
    ['2024-01-31', P(0, 1), '2024-02-29'],
    ['2025-01-30', P(0, 1), '2025-02-28'],
    ['2025-03-31', P(0, 1), '2025-04-30'],
    ['2025-05-31', P(0, 6), '2025-11-30'],
    ['2025-08-31', P(0, 6), '2026-02-28'],
    ['2027-08-31', P(0, 6), '2028-02-29'],
    // clamping happens before the days are added
    ['2025-01-31', P(0, 1, 1), '2025-03-01'],
    // leap day: + 1 year is the 28th; + 4 years is the 29th again; + 100 years from 2000 is not a leap year
    ['2024-02-29', P(1), '2025-02-28'],
    ['2024-02-29', P(4), '2028-02-29'],
    ['2000-02-29', P(100), '2100-02-28'],
    ['2096-02-29', P(4), '2100-02-28'],
    ['2000-02-29', P(400), '2400-02-29'],
    // months across years
    ['2025-11-15', P(0, 2), '2026-01-15'],
    ['2025-12-31', P(0, 12), '2026-12-31'],
    ['2025-12-31', P(0, 14), '2027-02-28'],
    ['2025-01-01', P(0, 1200), '2125-01-01'],
    // days across a leap February
    ['2024-02-28', P(0, 0, 1), '2024-02-29'],
    ['2024-02-28', P(0, 0, 2), '2024-03-01'],
    ['2025-02-28', P(0, 0, 1), '2025-03-01'],
    ['2025-12-31', P(0, 0, 1), '2026-01-01'],
    ['2025-01-01', P(0, 0, 365), '2026-01-01'],
    ['2024-01-01', P(0, 0, 365), '2024-12-31'],
    // zero period
    ['2025-03-10', ZERO, '2025-03-10'],
    ['2024-02-29', ZERO, '2024-02-29'],
  ])('%s + %o = %s', (day, period, expected) => {
    expect(addPeriod(day, period)).toBe(expected);
  });
});

describe('retentionEnd', () => {
  it.each([
    // worked example (reference A2): invoice 10 Mar 2025, 8 years from year end: kept until 31 Dec 2033
    ['2025-03-10', P(8, 0, 0, true), '2033-12-31'],
    // offer letter 2025, 6 years from year end
    ['2025-06-01', P(6, 0, 0, true), '2031-12-31'],
    // year end rounding: 1 Jan and 31 Dec of the same year end alike
    ['2026-01-01', P(8, 0, 0, true), '2034-12-31'],
    ['2026-12-31', P(8, 0, 0, true), '2034-12-31'],
    ['2024-02-29', P(8, 0, 0, true), '2032-12-31'],
    // §§ 195, 199 BGB: 3 years from the end of the year
    ['2025-07-14', P(3, 0, 0, true), '2028-12-31'],
    ['2027-12-31', P(10, 0, 0, true), '2037-12-31'],
    // year end plus months / days: from 31 Dec
    ['2025-03-10', P(0, 6, 0, true), '2026-06-30'],
    ['2025-03-10', P(0, 2, 0, true), '2026-02-28'],
    ['2027-03-10', P(0, 2, 0, true), '2028-02-29'],
    ['2025-03-10', P(0, 0, 1, true), '2026-01-01'],
    ['2025-03-10', P(0, 0, 0, true), '2025-12-31'],
    // without rounding
    ['2025-03-10', P(5), '2030-03-10'],
    ['2025-03-10', P(1), '2026-03-10'],
    ['2025-03-10', P(0, 0, 30), '2025-04-09'],
    ['2025-03-10', ZERO, '2025-03-10'],
  ])('%s under %o is kept until %s', (start, period, end) => {
    expect(retentionEnd({ start, period })).toBe(end);
  });
});

describe('isDue', () => {
  it.each([
    // an invoice of 10 Mar 2025 (8 years, year end): kept on 31 Dec 2033, due from 1 Jan 2034
    ['2025-03-10', P(8, 0, 0, true), '2033-12-31', false],
    ['2025-03-10', P(8, 0, 0, true), '2034-01-01', true],
    ['2025-12-31', P(8, 0, 0, true), '2034-01-01', true],
    ['2026-01-01', P(8, 0, 0, true), '2034-01-01', false],
    // 1 year without rounding: the day after the anniversary
    ['2025-03-10', P(1), '2026-03-10', false],
    ['2025-03-10', P(1), '2026-03-11', true],
    ['2024-02-29', P(1), '2025-02-28', false],
    ['2024-02-29', P(1), '2025-03-01', true],
    // zero period ("immediately"): due from the day after the start
    ['2025-03-10', ZERO, '2025-03-10', false],
    ['2025-03-10', ZERO, '2025-03-11', true],
    // never due before it started
    ['2025-03-10', ZERO, '2025-03-09', false],
    ['2025-03-10', P(0, 0, 30), '2025-04-09', false],
    ['2025-03-10', P(0, 0, 30), '2025-04-10', true],
  ])('started %s under %o, on %s due: %s', (start, period, today, due) => {
    expect(isDue({ start, period, today })).toBe(due);
  });
});

describe('dueCutoff', () => {
  it.each([
    // on 1 Jan 2034 every invoice of 2025 or earlier is due (8 years from year end)
    [P(8, 0, 0, true), '2034-01-01', '2026-01-01'],
    [P(8, 0, 0, true), '2033-12-31', '2025-01-01'],
    [P(8, 0, 0, true), '2034-06-15', '2026-01-01'],
    [P(3, 0, 0, true), '2029-01-01', '2026-01-01'],
    [P(1), '2026-03-11', '2025-03-11'],
    [P(1), '2025-03-01', '2024-03-01'],
    // on 28 Feb 2025 a leap-day start is not yet due (kept until 28 Feb 2025)
    [P(1), '2025-02-28', '2024-02-28'],
    [ZERO, '2025-03-11', '2025-03-11'],
    [P(0, 0, 30), '2025-04-10', '2025-03-11'],
    // months with clamping: 31 Aug + 6 months = 28 Feb, so on 1 Mar 2026 all of August is due
    [P(0, 6), '2026-03-01', '2025-09-01'],
    [P(0, 6), '2026-02-28', '2025-08-28'],
  ])('%o on %s: due before %s', (period, today, cutoff) => {
    expect(dueCutoff({ period, today })).toBe(cutoff);
  });

  /** A small deterministic PRNG (mulberry32), so a failure is reproducible. */
  const rng = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };

  it('agrees with isDue for every start: isDue(start) === start < dueCutoff (random periods and days)', () => {
    const random = rng(66_398);
    const int = (max: number) => Math.floor(random() * (max + 1));
    const from = dayNumber('1995-01-01');
    const to = dayNumber('2105-12-31');
    for (let i = 0; i < 300; i++) {
      const period = P(
        random() < 0.7 ? int(12) : 0,
        random() < 0.4 ? int(30) : 0,
        random() < 0.3 ? int(400) : 0,
        random() < 0.5,
      );
      const today = dayOf(from + int(to - from));
      const cutoff = dueCutoff({ period, today });
      for (let j = 0; j < 40; j++) {
        const start = dayOf(dayNumber(today) - int(15 * 366) + 30);
        expect(isDue({ start, period, today }), `${start} ${JSON.stringify(period)} ${today}`).toBe(
          start < cutoff,
        );
      }
      // exactly at the boundary: the day before the cutoff is due, the cutoff itself is not
      expect(isDue({ start: dayOf(dayNumber(cutoff) - 1), period, today })).toBe(true);
      expect(isDue({ start: cutoff, period, today })).toBe(false);
    }
  });

  it('agrees with isDue on every start around the turn of the year for the shipped periods', () => {
    const periods = [
      ZERO,
      P(0, 0, 2),
      P(0, 0, 30),
      P(0, 6),
      P(1),
      P(5),
      ...[3, 6, 7, 8, 10].map((y) => P(y, 0, 0, true)),
    ];
    for (const period of periods) {
      for (const today of ['2034-01-01', '2033-12-31', '2028-02-29', '2028-03-01', '2100-03-01']) {
        const cutoff = dueCutoff({ period, today });
        for (let n = dayNumber(today) - 12 * 366; n <= dayNumber(today) + 2; n += 7) {
          const start = dayOf(n);
          expect(isDue({ start, period, today })).toBe(start < cutoff);
        }
      }
    }
  });
});

it('knows the three abstract start types of DIN 66398', () => {
  expect(START_TYPES).toEqual(['collection', 'end_of_process', 'end_of_relationship']);
});
