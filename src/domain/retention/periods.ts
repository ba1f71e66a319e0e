/**
 * Retention periods and due dates (DIN 66398 Regellöschfrist). Days are calendar days 'YYYY-MM-DD'
 * (the German calendar day of the start event); a period is years, months and days, optionally
 * counted from the end of the calendar year in which the start event happened (§ 147 Abs. 4 AO,
 * § 257 Abs. 5 HGB, § 199 Abs. 1 BGB).
 */
export type RetentionPeriod = {
  years: number;
  months: number;
  days: number;
  roundToYearEnd: boolean;
};

export const START_TYPES = ['collection', 'end_of_process', 'end_of_relationship'] as const;
export type StartType = (typeof START_TYPES)[number];

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO day. */
export const dayNumber = (day: string): number => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
};

/** The ISO day of a day number. */
export const dayOf = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * Adds years and months the way people count them: the same day of the month, or the month's last
 * day when the target month is shorter (31 Jan + 1 month = 28/29 Feb), then the days.
 */
export const addPeriod = (
  day: string,
  period: Pick<RetentionPeriod, 'years' | 'months' | 'days'>,
): string => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const totalMonths = y * 12 + (m - 1) + period.years * 12 + period.months;
  const year = Math.floor(totalMonths / 12);
  const month = (totalMonths % 12) + 1;
  const clamped = Math.min(d, daysInMonth(year, month));
  return dayOf(Math.round(Date.UTC(year, month - 1, clamped) / DAY_MS) + period.days);
};

/**
 * The last day an object started on `start` is kept. An invoice of 10 Mar 2025 under 8 years with
 * year-end rounding is kept until 31 Dec 2033 and may go from 1 Jan 2034.
 */
export const retentionEnd = (input: { start: string; period: RetentionPeriod }): string => {
  const base = input.period.roundToYearEnd ? `${input.start.slice(0, 4)}-12-31` : input.start;
  return addPeriod(base, input.period);
};

/** Whether the object's period is over on `today` (it may be deleted from the day after its end). */
export const isDue = (input: { start: string; period: RetentionPeriod; today: string }): boolean =>
  retentionEnd(input) < input.today;

/**
 * The first start day that is NOT yet due on `today`: every object that started before it is due,
 * every object from it on is not. The sweep and its preview select `start < cutoff`, so both use the
 * same boundary, computed once from the same rule as `isDue` (the period is monotonic in its start).
 */
export const dueCutoff = (input: { period: RetentionPeriod; today: string }): string => {
  const today = dayNumber(input.today);
  const notDue = (n: number) => retentionEnd({ start: dayOf(n), period: input.period }) >= input.today;
  const span =
    Math.ceil((input.period.years + 1) * 366 + (input.period.months + 1) * 31 + input.period.days) + 400;
  let lo = today - span; // due (or before any plausible start)
  let hi = today + 1; // not due: an object started tomorrow is never due today
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (notDue(mid)) hi = mid;
    else lo = mid;
  }
  return dayOf(hi);
};
