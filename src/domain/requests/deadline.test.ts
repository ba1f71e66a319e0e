import { describe, expect, it } from 'vitest';
import { isoDay } from '../service/business-calendar.ts';
import {
  addMonthsClamped,
  DUE_SOON_DAYS,
  dueDate,
  effectiveDueDate,
  extendedDueDate,
  extensionAllowed,
  parseDay,
  warningFor,
} from './deadline.ts';
import type { Bundesland } from './holidays.ts';

const at = (iso: string) => new Date(iso);

describe('same calendar date next month, or the last day of the month', () => {
  it.each([
    ['2026-01-15', 1, '2026-02-15'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'], // leap year
    ['2026-01-29', 1, '2026-02-28'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-12-31', 1, '2027-01-31'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-01-31', 3, '2026-04-30'],
  ])('%s + %i month(s) = %s', (from, months, expected) => {
    expect(isoDay(addMonthsClamped(parseDay(from), months))).toBe(expected);
  });
});

describe('Art. 12(3) due date: one month, rolled to the next working day of the state', () => {
  it.each<[string, Bundesland | null, string, string]>([
    // receivedAt (instant), state, due date, why
    ['2026-03-10T09:00:00Z', null, '2026-04-10', 'same date next month, a Friday'],
    ['2026-01-31T10:00:00Z', null, '2026-03-02', '31 Jan → 28 Feb (Saturday) → Monday 2 Mar'],
    ['2028-01-31T10:00:00Z', null, '2028-02-29', '31 Jan → 29 Feb in a leap year (Tuesday)'],
    ['2027-01-30T10:00:00Z', 'HH', '2027-03-01', '30 Jan → 28 Feb (Sunday) → Monday 1 Mar'],
    ['2026-03-31T10:00:00Z', 'BY', '2026-04-30', '31 Mar → 30 Apr'],
    ['2026-03-06T10:00:00Z', 'HH', '2026-04-07', 'Easter Monday → Tuesday'],
    ['2026-03-06T10:00:00Z', null, '2026-04-07', 'Easter Monday is nationwide'],
    ['2026-03-03T10:00:00Z', 'NW', '2026-04-07', 'Good Friday → Sat, Sun, Easter Monday → Tuesday'],
    ['2026-05-04T10:00:00Z', 'BY', '2026-06-05', 'Fronleichnam in Bavaria → Friday'],
    ['2026-05-04T10:00:00Z', 'HH', '2026-06-04', 'Fronleichnam is a working day in Hamburg'],
    ['2026-05-04T10:00:00Z', null, '2026-06-04', 'no state configured: nationwide holidays only'],
    ['2022-09-29T10:00:00Z', 'HH', '2022-11-01', 'Sat 29 Oct, Sun, Reformationstag Mon 31 Oct → Tue'],
    ['2022-09-29T10:00:00Z', 'BY', '2022-10-31', 'Reformationstag is a working day in Bavaria'],
    ['2022-09-29T10:00:00Z', 'SN', '2022-11-01', 'Reformationstag in Saxony too'],
    ['2026-12-01T10:00:00Z', 'HH', '2027-01-04', 'year change: Neujahr (Friday) → Monday 4 Jan'],
    ['2026-12-15T10:00:00Z', 'HH', '2027-01-15', 'year change, a Friday'],
    ['2025-12-06T10:00:00Z', 'BW', '2026-01-07', 'Heilige Drei Könige in Baden-Württemberg'],
    ['2025-12-06T10:00:00Z', 'HH', '2026-01-06', 'Heilige Drei Könige is a working day in Hamburg'],
    // the day of receipt is the Berlin calendar day, whatever the UTC date
    ['2026-01-30T23:30:00Z', null, '2026-03-02', '00:30 on 31 Jan in Berlin (CET) → 28 Feb → Mon'],
    ['2026-03-28T23:30:00Z', null, '2026-04-29', 'DST night: 00:30 CET on 29 Mar in Berlin'],
    ['2026-03-29T01:30:00Z', null, '2026-04-29', 'DST night: 03:30 CEST on 29 Mar in Berlin'],
    ['2026-06-30T22:30:00Z', null, '2026-08-03', '00:30 CEST on 1 Jul → Sat 1 Aug → Mon 3 Aug'],
    ['2026-06-30T21:59:59Z', null, '2026-07-30', '23:59:59 CEST on 30 Jun → 30 Jul'],
    ['2026-10-24T22:30:00Z', null, '2026-11-25', 'end of DST: 00:30 CEST on 25 Oct'],
    ['2026-10-25T23:30:00Z', null, '2026-11-26', 'after DST: 00:30 CET on 26 Oct'],
  ])('received %s in %s → due %s (%s)', (receivedAt, state, expected) => {
    expect(dueDate(at(receivedAt), state)).toBe(expected);
  });
});

describe('extension by one or two further months (at most three months after receipt)', () => {
  it.each<[string, 1 | 2, Bundesland | null, string]>([
    ['2026-01-31T10:00:00Z', 1, null, '2026-03-31'],
    ['2026-01-31T10:00:00Z', 2, null, '2026-04-30'],
    ['2026-02-06T10:00:00Z', 1, 'BE', '2026-04-07'], // 6 Apr is Easter Monday
    ['2025-11-30T10:00:00Z', 2, null, '2026-03-02'], // 28 Feb 2026 is a Saturday
    ['2025-07-31T10:00:00Z', 2, 'HH', '2025-11-03'], // Reformationstag Friday 31 Oct
    ['2025-07-31T10:00:00Z', 2, 'BY', '2025-10-31'],
    ['2026-03-28T23:30:00Z', 2, null, '2026-06-29'], // Berlin day 29 Mar
  ])('received %s, +%i month(s) in %s → %s', (receivedAt, months, state, expected) => {
    expect(extendedDueDate(at(receivedAt), months, state)).toBe(expected);
  });

  it('refuses anything but one or two months', () => {
    expect(() => extendedDueDate(at('2026-01-31T10:00:00Z'), 3 as 1, null)).toThrow(RangeError);
  });

  it.each([
    ['2026-02-10T10:00:00Z', '2026-03-02', true],
    ['2026-03-02T22:59:59Z', '2026-03-02', true], // 23:59:59 CET on the due day
    ['2026-03-02T23:00:00Z', '2026-03-02', false], // midnight in Berlin: the first month is over
    ['2026-04-10T10:00:00Z', '2026-03-02', false],
  ])('at %s with the due date %s an extension is allowed: %s', (now, dueAt, expected) => {
    expect(extensionAllowed(at(now), dueAt)).toBe(expected);
  });

  it('uses the extended due date once there is one', () => {
    expect(effectiveDueDate('2026-03-02', null)).toBe('2026-03-02');
    expect(effectiveDueDate('2026-03-02', '2026-04-30')).toBe('2026-04-30');
  });
});

describe('inbox warnings', () => {
  const now = at('2026-03-02T10:00:00Z');
  it.each([
    ['2026-03-20', 18, null],
    ['2026-03-10', 8, null],
    ['2026-03-09', DUE_SOON_DAYS, 'due_soon'],
    ['2026-03-03', 1, 'due_soon'],
    ['2026-03-02', 0, 'due_soon'],
    ['2026-03-01', -1, 'overdue'],
    ['2026-01-31', -30, 'overdue'],
  ])('due %s → %i days left, %s', (due, daysLeft, warning) => {
    expect(warningFor(now, due)).toEqual({ daysLeft, warning });
  });

  it('counts Berlin calendar days, across midnight and the DST switch', () => {
    expect(warningFor(at('2026-03-01T23:30:00Z'), '2026-03-02')).toEqual({
      daysLeft: 0,
      warning: 'due_soon',
    });
    expect(warningFor(at('2026-03-28T12:00:00Z'), '2026-03-30')).toEqual({
      daysLeft: 2,
      warning: 'due_soon',
    });
    expect(warningFor(at('2026-03-20T12:00:00Z'), '2026-04-20')).toEqual({ daysLeft: 31, warning: null });
  });
});
