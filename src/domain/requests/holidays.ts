/**
 * German public holidays per Bundesland, for counting the Art. 12(3) GDPR deadline of data subject
 * requests. Built on the nationwide holidays and Easter date of the service desk's business calendar
 * (src/domain/service/business-calendar.ts); only the state-wide regional holidays are added here.
 *
 * Holidays of parts of a state only (Fronleichnam in parts of Saxony and Thuringia, Mariä Himmelfahrt
 * in the Catholic municipalities of Bavaria, the Augsburger Friedensfest) are not counted: the deadline
 * uses the holidays that apply to the whole configured state (see ADR 0015). Sundays that are also
 * holidays (Ostersonntag, Pfingstsonntag in Brandenburg) change nothing and are not listed.
 */
import {
  addDays,
  type CalendarDay,
  easterSunday,
  germanNationwideHolidays,
  isoDay,
  isWeekend,
  weekdayOf,
} from '../service/business-calendar.ts';

/** The 16 German states (ISO 3166-2:DE codes without the "DE-" prefix). */
export const BUNDESLAENDER = [
  'BW',
  'BY',
  'BE',
  'BB',
  'HB',
  'HH',
  'HE',
  'MV',
  'NI',
  'NW',
  'RP',
  'SL',
  'SN',
  'ST',
  'SH',
  'TH',
] as const;
export type Bundesland = (typeof BUNDESLAENDER)[number];

export const isBundesland = (value: unknown): value is Bundesland =>
  typeof value === 'string' && (BUNDESLAENDER as readonly string[]).includes(value);

/** A regional holiday: the states observing it, from which year (inclusive), and its date in a year. */
type RegionalHoliday = {
  name: string;
  states: readonly Bundesland[];
  since?: number;
  /** Only in these years (one-off holidays). */
  onlyIn?: readonly number[];
  date: (year: number) => CalendarDay;
};

const fixed = (month: number, day: number) => (year: number) => ({ year, month, day });

/** Buß- und Bettag: the Wednesday before 23 November (between 16 and 22 November). */
export const bussUndBettag = (year: number): CalendarDay => {
  const nov22 = { year, month: 11, day: 22 };
  return addDays(nov22, -((weekdayOf(nov22) - 3 + 7) % 7));
};

const REGIONAL_HOLIDAYS: readonly RegionalHoliday[] = [
  { name: 'Heilige Drei Könige', states: ['BW', 'BY', 'ST'], date: fixed(1, 6) },
  // Internationaler Frauentag: Berlin since 2019, Mecklenburg-Vorpommern since 2023
  { name: 'Internationaler Frauentag', states: ['BE'], since: 2019, date: fixed(3, 8) },
  { name: 'Internationaler Frauentag', states: ['MV'], since: 2023, date: fixed(3, 8) },
  // Berlin: 75th and 80th anniversary of the end of the Second World War (one-off holidays)
  { name: 'Tag der Befreiung', states: ['BE'], onlyIn: [2020, 2025], date: fixed(5, 8) },
  {
    name: 'Fronleichnam',
    states: ['BW', 'BY', 'HE', 'NW', 'RP', 'SL'],
    date: (year) => addDays(easterSunday(year), 60),
  },
  { name: 'Mariä Himmelfahrt', states: ['SL'], date: fixed(8, 15) },
  { name: 'Weltkindertag', states: ['TH'], since: 2019, date: fixed(9, 20) },
  // Reformationstag: the eastern states always; Bremen, Hamburg, Niedersachsen and Schleswig-Holstein
  // since 2018; in 2017 (500th anniversary) in every state
  { name: 'Reformationstag', states: ['BB', 'MV', 'SN', 'ST', 'TH'], date: fixed(10, 31) },
  { name: 'Reformationstag', states: ['HB', 'HH', 'NI', 'SH'], since: 2018, date: fixed(10, 31) },
  {
    name: 'Reformationstag',
    states: ['BW', 'BY', 'BE', 'HB', 'HH', 'HE', 'NI', 'NW', 'RP', 'SL', 'SH'],
    onlyIn: [2017],
    date: fixed(10, 31),
  },
  { name: 'Allerheiligen', states: ['BW', 'BY', 'NW', 'RP', 'SL'], date: fixed(11, 1) },
  { name: 'Buß- und Bettag', states: ['SN'], date: bussUndBettag },
];

const cache = new Map<string, Map<string, string>>();

/**
 * The public holidays of a year as YYYY-MM-DD → name: the nationwide ones, plus those of the state
 * (none for `null`: nationwide holidays only).
 */
export const publicHolidays = (year: number, state: Bundesland | null): Map<string, string> => {
  const key = `${year}:${state ?? ''}`;
  let holidays = cache.get(key);
  if (!holidays) {
    holidays = new Map(germanNationwideHolidays(year));
    if (state)
      for (const h of REGIONAL_HOLIDAYS) {
        if (!h.states.includes(state)) continue;
        if (h.since !== undefined && year < h.since) continue;
        if (h.onlyIn && !h.onlyIn.includes(year)) continue;
        holidays.set(isoDay(h.date(year)), h.name);
      }
    cache.set(key, holidays);
  }
  return holidays;
};

/** The name of the public holiday on this day in the state, or null. */
export const holidayName = (day: CalendarDay, state: Bundesland | null): string | null =>
  publicHolidays(day.year, state).get(isoDay(day)) ?? null;

/** Monday to Friday and no public holiday in the state (nationwide ones only for `null`). */
export const isWorkingDay = (day: CalendarDay, state: Bundesland | null): boolean =>
  !isWeekend(day) && holidayName(day, state) === null;

/** The day itself if it is a working day, else the next working day after it. */
export const nextWorkingDay = (day: CalendarDay, state: Bundesland | null): CalendarDay => {
  let d = day;
  // at most a long weekend plus adjacent holidays; the guard only protects against a broken table
  for (let guard = 0; guard < 30; guard += 1) {
    if (isWorkingDay(d, state)) return d;
    d = addDays(d, 1);
  }
  throw new RangeError('no working day within 30 days');
};
