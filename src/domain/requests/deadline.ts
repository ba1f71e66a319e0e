/**
 * The Art. 12(3) GDPR deadline of a data subject request, counted as the supervisory authorities count
 * it (EDPB Guidelines 01/2022 §5.3, relying on Regulation (EEC, Euratom) No 1182/71; ADR 0015):
 *
 * - the day of receipt is the Berlin calendar day of the instant the request came in;
 * - one month later is the same calendar date in the next month, or the last day of that month when
 *   the date does not exist there (31 January → 28/29 February);
 * - a deadline on a Saturday, Sunday or public holiday of the configured Bundesland moves to the next
 *   working day;
 * - an extension adds one or two further months, counted on from the original due month (so at most
 *   three months after receipt), with the same end-of-month and working-day rules; it must be decided
 *   and notified within the first month, i.e. on or before the original due date.
 */
import { berlinDay, type CalendarDay, isoDay } from '../service/business-calendar.ts';
import { type Bundesland, nextWorkingDay } from './holidays.ts';

/** Open requests due within this many days (inclusive) are flagged due_soon. */
export const DUE_SOON_DAYS = 7;

/** YYYY-MM-DD → calendar day. */
export const parseDay = (iso: string): CalendarDay => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new RangeError(`not a calendar day: ${iso}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
};

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The same calendar date `months` months later, or the last day of that month if it has no such date. */
export const addMonthsClamped = ({ year, month, day }: CalendarDay, months: number): CalendarDay => {
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return { year: y, month: m, day: Math.min(day, daysInMonth(y, m)) };
};

/** Whole calendar days from `a` to `b` (negative when `b` lies before `a`). */
export const daysBetween = (a: CalendarDay, b: CalendarDay): number =>
  Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);

const dueAfterMonths = (receivedAt: Date, months: number, state: Bundesland | null): string =>
  isoDay(nextWorkingDay(addMonthsClamped(berlinDay(receivedAt), months), state));

/** The due date (YYYY-MM-DD) one month after receipt, rolled to the next working day in the state. */
export const dueDate = (receivedAt: Date, state: Bundesland | null): string =>
  dueAfterMonths(receivedAt, 1, state);

export const EXTENSION_MONTHS = [1, 2] as const;
export type ExtensionMonths = (typeof EXTENSION_MONTHS)[number];

/**
 * The due date after an extension by one or two further months: the receipt date's day in the month
 * one or two months after the original due month (at most three months after receipt), end-of-month
 * and working-day rules as for the original deadline.
 */
export const extendedDueDate = (
  receivedAt: Date,
  months: ExtensionMonths,
  state: Bundesland | null,
): string => {
  if (!EXTENSION_MONTHS.includes(months)) throw new RangeError('an extension is one or two months');
  return dueAfterMonths(receivedAt, 1 + months, state);
};

/**
 * An extension must be decided and notified within the first month (Art. 12(3) sentence 3): up to and
 * including the original due date, by the Berlin calendar.
 */
export const extensionAllowed = (now: Date, dueAt: string): boolean => isoDay(berlinDay(now)) <= dueAt;

/** The due date in force: the extended one if the request was extended, else the original. */
export const effectiveDueDate = (dueAt: string, extendedDueAt: string | null): string =>
  extendedDueAt ?? dueAt;

export type DeadlineWarning = 'overdue' | 'due_soon';

/**
 * Days left until the effective due date (0 on the due day itself, negative once past) and the
 * warning: overdue after the due day, due_soon within DUE_SOON_DAYS days, else null.
 */
export const warningFor = (
  now: Date,
  effectiveDue: string,
): { daysLeft: number; warning: DeadlineWarning | null } => {
  const daysLeft = daysBetween(berlinDay(now), parseDay(effectiveDue));
  const warning = daysLeft < 0 ? 'overdue' : daysLeft <= DUE_SOON_DAYS ? 'due_soon' : null;
  return { daysLeft, warning };
};
