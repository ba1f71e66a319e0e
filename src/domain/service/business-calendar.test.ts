import { describe, expect, it } from 'vitest';
import {
  addBusinessHours,
  berlinDay,
  berlinInstant,
  berlinOffsetMinutes,
  easterSunday,
  germanNationwideHolidays,
  isBusinessDay,
  isoDay,
} from './business-calendar.ts';

const at = (iso: string) => new Date(iso);

describe('Easter Sunday (anonymous Gregorian algorithm)', () => {
  it.each([
    [1818, '1818-03-22'], // earliest possible date
    [1943, '1943-04-25'], // latest possible date
    [2000, '2000-04-23'],
    [2011, '2011-04-24'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2038, '2038-04-25'],
  ])('%i: %s', (year, expected) => {
    expect(isoDay(easterSunday(year))).toBe(expected);
  });
});

describe('German nationwide public holidays', () => {
  it('lists the nine holidays of 2026 with the movable feasts from Easter', () => {
    expect([...germanNationwideHolidays(2026)].sort()).toEqual([
      ['2026-01-01', 'Neujahr'],
      ['2026-04-03', 'Karfreitag'],
      ['2026-04-06', 'Ostermontag'],
      ['2026-05-01', 'Tag der Arbeit'],
      ['2026-05-14', 'Christi Himmelfahrt'],
      ['2026-05-25', 'Pfingstmontag'],
      ['2026-10-03', 'Tag der Deutschen Einheit'],
      ['2026-12-25', '1. Weihnachtstag'],
      ['2026-12-26', '2. Weihnachtstag'],
    ]);
  });
  it.each([
    ['2025-04-18', false, 'Karfreitag 2025'],
    ['2025-04-21', false, 'Ostermontag 2025'],
    ['2025-05-29', false, 'Christi Himmelfahrt 2025'],
    ['2025-06-09', false, 'Pfingstmontag 2025'],
    ['2024-03-29', false, 'Karfreitag 2024'],
    ['2027-03-29', false, 'Ostermontag 2027'],
    ['2026-01-06', true, 'Heilige Drei Könige is not nationwide'],
    ['2026-12-24', true, 'Heiligabend is a working day'],
    ['2026-12-31', true, 'Silvester is a working day'],
    ['2026-01-17', false, 'Saturday'],
    ['2026-01-18', false, 'Sunday'],
    ['2026-01-19', true, 'Monday'],
  ])('%s is a business day: %s (%s)', (day, expected) => {
    const [year, month, d] = day.split('-').map(Number) as [number, number, number];
    expect(isBusinessDay({ year, month, day: d })).toBe(expected);
  });
});

describe('the Berlin clock', () => {
  it.each([
    ['2026-01-15T12:00:00Z', 60],
    ['2026-07-15T12:00:00Z', 120],
    ['2026-03-29T00:59:59Z', 60], // just before the spring switch (02:00 CET → 03:00 CEST)
    ['2026-03-29T01:00:00Z', 120],
    ['2026-10-25T00:59:59Z', 120], // just before the autumn switch (03:00 CEST → 02:00 CET)
    ['2026-10-25T01:00:00Z', 60],
  ])('offset at %s is %i minutes', (instant, minutes) => {
    expect(berlinOffsetMinutes(at(instant))).toBe(minutes);
  });
  it.each([
    [{ year: 2026, month: 1, day: 12 }, 8, '2026-01-12T07:00:00.000Z'],
    [{ year: 2026, month: 7, day: 13 }, 8, '2026-07-13T06:00:00.000Z'],
    [{ year: 2026, month: 3, day: 30 }, 8, '2026-03-30T06:00:00.000Z'], // first business day of summer time
    [{ year: 2026, month: 10, day: 26 }, 18, '2026-10-26T17:00:00.000Z'], // first of winter time
    [{ year: 2026, month: 3, day: 29 }, 0, '2026-03-28T23:00:00.000Z'],
  ])('%o %i:00 in Berlin is %s', (day, hour, expected) => {
    expect(berlinInstant(day, hour).toISOString()).toBe(expected);
  });
  it('takes the calendar day in Berlin, not in UTC', () => {
    expect(isoDay(berlinDay(at('2026-06-30T22:30:00Z')))).toBe('2026-07-01');
    expect(isoDay(berlinDay(at('2026-12-31T22:59:59Z')))).toBe('2026-12-31');
    expect(isoDay(berlinDay(at('2026-12-31T23:00:00Z')))).toBe('2027-01-01');
  });
});

describe('addBusinessHours (Mon–Fri 08:00–18:00 Europe/Berlin)', () => {
  it.each([
    ['within a day', '2026-01-12T08:00:00Z', 4, '2026-01-12T12:00:00.000Z'],
    ['keeps seconds', '2026-01-12T08:00:30Z', 1, '2026-01-12T09:00:30.000Z'],
    ['zero hours is the start itself', '2026-01-17T12:00:00Z', 0, '2026-01-17T12:00:00.000Z'],
    ['before opening counts from 08:00', '2026-01-13T05:00:00Z', 1, '2026-01-13T08:00:00.000Z'],
    ['after closing counts from next morning', '2026-01-13T18:00:00Z', 1, '2026-01-14T08:00:00.000Z'],
    ['ends exactly at closing time', '2026-01-13T07:00:00Z', 10, '2026-01-13T17:00:00.000Z'],
    ['Friday afternoon over the weekend', '2026-01-16T15:00:00Z', 4, '2026-01-19T09:00:00.000Z'],
    ['Saturday counts from Monday', '2026-01-17T11:00:00Z', 1, '2026-01-19T08:00:00.000Z'],
    ['Sunday night counts from Monday', '2026-01-18T22:59:00Z', 1, '2026-01-19T08:00:00.000Z'],
    ['a business week', '2026-01-12T07:00:00Z', 50, '2026-01-16T17:00:00.000Z'],
    ['two business weeks', '2026-01-12T07:00:00Z', 100, '2026-01-23T17:00:00.000Z'],
    ['fractions of an hour', '2026-01-12T16:30:00Z', 0.75, '2026-01-13T07:15:00.000Z'],
    ['over Easter 2026 (Karfreitag, Ostermontag)', '2026-04-02T15:00:00Z', 2, '2026-04-07T07:00:00.000Z'],
    ['over Christi Himmelfahrt 2026', '2026-05-13T15:00:00Z', 2, '2026-05-15T07:00:00.000Z'],
    ['over Pfingstmontag 2026', '2026-05-22T15:00:00Z', 2, '2026-05-26T07:00:00.000Z'],
    ['over 1. Mai 2026 (Friday)', '2026-04-30T15:00:00Z', 2, '2026-05-04T07:00:00.000Z'],
    ['over 3. Oktober 2025 (Friday)', '2025-10-02T15:00:00Z', 2, '2025-10-06T07:00:00.000Z'],
    ['Heiligabend counts, Christmas does not', '2026-12-24T16:00:00Z', 2, '2026-12-28T08:00:00.000Z'],
    ['up to closing on Heiligabend', '2026-12-24T16:00:00Z', 1, '2026-12-24T17:00:00.000Z'],
    ['over New Year into 2027', '2026-12-31T16:00:00Z', 2, '2027-01-04T08:00:00.000Z'],
    ['across the spring DST switch', '2026-03-27T16:00:00Z', 2, '2026-03-30T07:00:00.000Z'],
    ['across the autumn DST switch', '2026-10-23T15:00:00Z', 2, '2026-10-26T08:00:00.000Z'],
    ['a summer day is 08:00–18:00 CEST', '2026-07-13T06:00:00Z', 10, '2026-07-13T16:00:00.000Z'],
  ])('%s: %s + %dh = %s', (_label, start, hours, expected) => {
    expect(addBusinessHours(at(start), hours).toISOString()).toBe(expected);
  });

  it('refuses negative and non-finite hours', () => {
    expect(() => addBusinessHours(at('2026-01-12T08:00:00Z'), -1)).toThrow(RangeError);
    expect(() => addBusinessHours(at('2026-01-12T08:00:00Z'), Number.NaN)).toThrow(RangeError);
  });

  it('adds up: n hours then m hours equals n + m hours from inside business time', () => {
    const start = at('2026-03-26T09:17:00Z');
    for (const [n, m] of [
      [3, 9],
      [10, 10],
      [7.5, 33],
      [1, 100],
    ] as const) {
      expect(addBusinessHours(addBusinessHours(start, n), m).toISOString()).toBe(
        addBusinessHours(start, n + m).toISOString(),
      );
    }
  });
});
