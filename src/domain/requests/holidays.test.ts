import { describe, expect, it } from 'vitest';
import { isoDay } from '../service/business-calendar.ts';
import { parseDay } from './deadline.ts';
import {
  BUNDESLAENDER,
  type Bundesland,
  bussUndBettag,
  holidayName,
  isWorkingDay,
  nextWorkingDay,
  publicHolidays,
} from './holidays.ts';

const day = parseDay;
const statesWith = (iso: string) => BUNDESLAENDER.filter((s) => holidayName(day(iso), s) !== null);

describe('regional public holidays per Bundesland', () => {
  it.each<[string, string, readonly Bundesland[]]>([
    // date, holiday, exactly the states observing it
    ['2026-01-06', 'Heilige Drei Könige', ['BW', 'BY', 'ST']],
    ['2026-03-09', 'none (Monday after Frauentag)', []],
    ['2026-06-04', 'Fronleichnam (Easter 5 Apr + 60)', ['BW', 'BY', 'HE', 'NW', 'RP', 'SL']],
    ['2025-06-19', 'Fronleichnam 2025', ['BW', 'BY', 'HE', 'NW', 'RP', 'SL']],
    ['2025-08-15', 'Mariä Himmelfahrt (Saarland only)', ['SL']],
    ['2025-09-19', 'none', []],
    ['2022-09-20', 'Weltkindertag', ['TH']],
    ['2025-10-31', 'Reformationstag', ['BB', 'HB', 'HH', 'MV', 'NI', 'SN', 'ST', 'SH', 'TH']],
    ['2025-11-19', 'Buß- und Bettag', ['SN']],
    ['2024-03-08', 'Frauentag', ['BE', 'MV']],
    ['2022-03-08', 'Frauentag before MV adopted it', ['BE']],
    ['2018-03-08', 'Frauentag before Berlin adopted it', []],
    ['2025-05-08', 'Tag der Befreiung (Berlin, one-off)', ['BE']],
    ['2026-05-08', 'no Tag der Befreiung in 2026', []],
    ['2017-10-31', 'Reformationstag 2017, 500th anniversary: everywhere', [...BUNDESLAENDER]],
    ['2016-10-31', 'Reformationstag 2016: only the eastern states', ['BB', 'MV', 'SN', 'ST', 'TH']],
  ])('%s %s', (iso, _name, states) => {
    // a weekday that is a holiday nowhere else must be a working day elsewhere
    expect(statesWith(iso)).toEqual(states);
  });

  it('adds the nationwide holidays to every state and to the default (no state)', () => {
    for (const state of [...BUNDESLAENDER, null]) {
      const holidays = publicHolidays(2026, state);
      expect(holidays.get('2026-04-06')).toBe('Ostermontag');
      expect(holidays.get('2026-10-03')).toBe('Tag der Deutschen Einheit');
      expect(holidays.get('2026-12-26')).toBe('2. Weihnachtstag');
    }
    expect([...publicHolidays(2026, null).keys()]).toHaveLength(9);
  });

  it('lists the holidays of Bavaria and Hamburg in 2026', () => {
    expect([...publicHolidays(2026, 'BY').keys()].sort()).toEqual([
      '2026-01-01',
      '2026-01-06',
      '2026-04-03',
      '2026-04-06',
      '2026-05-01',
      '2026-05-14',
      '2026-05-25',
      '2026-06-04',
      '2026-10-03',
      '2026-11-01',
      '2026-12-25',
      '2026-12-26',
    ]);
    expect([...publicHolidays(2026, 'HH').keys()].sort()).toEqual([
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-05-01',
      '2026-05-14',
      '2026-05-25',
      '2026-10-03',
      '2026-10-31',
      '2026-12-25',
      '2026-12-26',
    ]);
  });

  it.each([
    [2016, '2016-11-16'],
    [2022, '2022-11-16'], // 23 Nov 2022 is a Wednesday itself: the Wednesday before
    [2023, '2023-11-22'],
    [2025, '2025-11-19'],
    [2026, '2026-11-18'],
    [2027, '2027-11-17'],
  ])('Buß- und Bettag %i is %s, a Wednesday between 16 and 22 November', (year, expected) => {
    const d = bussUndBettag(year);
    expect(isoDay(d)).toBe(expected);
    expect(new Date(`${expected}T12:00:00Z`).getUTCDay()).toBe(3);
  });
});

describe('working days', () => {
  it.each<[string, Bundesland | null, boolean]>([
    ['2026-06-04', 'BY', false], // Fronleichnam
    ['2026-06-04', 'HH', true],
    ['2026-06-04', null, true],
    ['2026-06-06', 'HH', false], // Saturday
    ['2026-06-07', 'HH', false], // Sunday
    ['2026-04-06', 'HH', false], // Ostermontag
    ['2026-11-18', 'SN', false],
    ['2026-11-18', 'BY', true],
  ])('%s in %s: working day %s', (iso, state, expected) => {
    expect(isWorkingDay(day(iso), state)).toBe(expected);
  });

  it.each<[string, Bundesland | null, string]>([
    ['2026-06-03', 'BY', '2026-06-03'], // a working day stays
    ['2026-06-04', 'BY', '2026-06-05'], // Fronleichnam → Friday
    ['2026-04-03', 'HH', '2026-04-07'], // Karfreitag → Sat, Sun, Ostermontag → Tuesday
    ['2026-12-24', 'HH', '2026-12-24'], // Christmas Eve is no public holiday
    ['2026-12-25', 'HH', '2026-12-28'], // Christmas Friday, Saturday, Sunday → Monday
    ['2026-12-31', null, '2026-12-31'],
    ['2027-01-01', 'BW', '2027-01-04'], // Neujahr Friday → Monday
    ['2028-01-01', 'BY', '2028-01-03'], // Saturday → Monday
  ])('next working day from %s in %s is %s', (iso, state, expected) => {
    expect(isoDay(nextWorkingDay(day(iso), state))).toBe(expected);
  });
});
