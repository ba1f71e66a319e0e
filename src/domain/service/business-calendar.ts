/**
 * The business calendar of the service desk: Monday to Friday, 08:00–18:00 in Europe/Berlin, without
 * the German nationwide public holidays. Times are instants (Date); the Berlin wall clock is derived
 * with Intl, so daylight saving time follows the time-zone database (see ADR 0012).
 */

export const BUSINESS_TIME_ZONE = 'Europe/Berlin';
export const BUSINESS_DAY_START_HOUR = 8;
export const BUSINESS_DAY_END_HOUR = 18;

const HOUR_MS = 3_600_000;

/** A calendar day (month 1–12). */
export type CalendarDay = { year: number; month: number; day: number };

const berlinParts = new Intl.DateTimeFormat('en-US', {
  timeZone: BUSINESS_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** The Berlin wall clock at an instant. */
export const berlinClock = (at: Date) => {
  const parts = Object.fromEntries(
    berlinParts
      .formatToParts(at)
      .filter((p) => p.type !== 'literal')
      .map((p) => [p.type, Number(p.value)]),
  ) as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
  return parts;
};

/** Berlin's offset from UTC at an instant, in minutes (60 in winter, 120 in summer). */
export const berlinOffsetMinutes = (at: Date): number => {
  const c = berlinClock(at);
  const wall = Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second);
  const instant = Math.floor(at.getTime() / 1000) * 1000;
  return Math.round((wall - instant) / 60_000);
};

/**
 * The instant at which Berlin's wall clock shows this day and hour. Valid for every hour that exists
 * in Berlin (the business hours always do; the skipped hour of the spring switch is not asked for).
 */
export const berlinInstant = ({ year, month, day }: CalendarDay, hour = 0, minute = 0): Date => {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const first = berlinOffsetMinutes(new Date(wall - 60 * 60_000));
  const guess = wall - first * 60_000;
  return new Date(wall - berlinOffsetMinutes(new Date(guess)) * 60_000);
};

/** The Berlin calendar day of an instant. */
export const berlinDay = (at: Date): CalendarDay => {
  const c = berlinClock(at);
  return { year: c.year, month: c.month, day: c.day };
};

/** A calendar day as YYYY-MM-DD. */
export const isoDay = ({ year, month, day }: CalendarDay) =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/** The day `n` days after (or before) this one. */
export const addDays = ({ year, month, day }: CalendarDay, n: number): CalendarDay => {
  const d = new Date(Date.UTC(year, month - 1, day + n));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
};

/** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export const easterSunday = (year: number): CalendarDay => {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { year, month, day };
};

/** The public holidays observed in every German state, as YYYY-MM-DD with their names. */
export const germanNationwideHolidays = (year: number): Map<string, string> => {
  const easter = easterSunday(year);
  const fixed = (month: number, day: number) => isoDay({ year, month, day });
  return new Map([
    [fixed(1, 1), 'Neujahr'],
    [isoDay(addDays(easter, -2)), 'Karfreitag'],
    [isoDay(addDays(easter, 1)), 'Ostermontag'],
    [fixed(5, 1), 'Tag der Arbeit'],
    [isoDay(addDays(easter, 39)), 'Christi Himmelfahrt'],
    [isoDay(addDays(easter, 50)), 'Pfingstmontag'],
    [fixed(10, 3), 'Tag der Deutschen Einheit'],
    [fixed(12, 25), '1. Weihnachtstag'],
    [fixed(12, 26), '2. Weihnachtstag'],
  ]);
};

const holidayCache = new Map<number, Map<string, string>>();
const holidaysOf = (year: number) => {
  let holidays = holidayCache.get(year);
  if (!holidays) {
    holidays = germanNationwideHolidays(year);
    holidayCache.set(year, holidays);
  }
  return holidays;
};

/** The day of the week, 0 = Sunday … 6 = Saturday. */
export const weekdayOf = (d: CalendarDay): number =>
  new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();

/** Saturday or Sunday. */
export const isWeekend = (d: CalendarDay): boolean => {
  const weekday = weekdayOf(d);
  return weekday === 0 || weekday === 6;
};

/** Monday to Friday and no nationwide public holiday. */
export const isBusinessDay = (d: CalendarDay): boolean => !isWeekend(d) && !holidaysOf(d.year).has(isoDay(d));

/**
 * The instant `hours` business hours after `start`. Time outside business hours does not count: a
 * start in the evening, at a weekend or on a holiday counts from the next business morning. A result
 * that lands exactly on closing time stays there (18:00, not next morning 08:00).
 */
export const addBusinessHours = (start: Date, hours: number): Date => {
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError('hours must be a finite number ≥ 0');
  let remaining = Math.round(hours * HOUR_MS);
  if (remaining === 0) return new Date(start.getTime());
  let cursor = start.getTime();
  let day = berlinDay(start);
  // a bounded walk: even 10,000 business hours end within a few years of days
  for (let guard = 0; guard < 20_000; guard += 1) {
    if (isBusinessDay(day)) {
      const open = berlinInstant(day, BUSINESS_DAY_START_HOUR).getTime();
      const close = berlinInstant(day, BUSINESS_DAY_END_HOUR).getTime();
      const from = Math.max(cursor, open);
      if (from < close) {
        const available = close - from;
        if (remaining <= available) return new Date(from + remaining);
        remaining -= available;
      }
    }
    day = addDays(day, 1);
    cursor = berlinInstant(day, 0).getTime();
  }
  throw new RangeError('business hours out of range');
};

/** The instant `hours` hours after `start` on the 24/7 clock. */
export const addCalendarHours = (start: Date, hours: number): Date =>
  new Date(start.getTime() + Math.round(hours * HOUR_MS));
