import { AppError } from '../../domain/errors.ts';

/** Calendar quarters as the revenue report names them ("2025-Q1") and as the ledger stores them (first day). */

export type Quarter = { year: number; q: 1 | 2 | 3 | 4 };

export const QUARTER_PATTERN = /^(\d{4})-Q([1-4])$/;
const MIN_YEAR = 1990;
const MAX_YEAR = 2099;
/** At most ten years in one report: enough for every chart, small enough to answer at once. */
export const MAX_QUARTERS = 40;

export const quarterLabel = ({ year, q }: Quarter) => `${year}-Q${q}`;

/** The quarter's first day as the ledger stores it ('2025-04-01' for 2025-Q2). */
export const quarterStart = ({ year, q }: Quarter) =>
  `${year}-${String((q - 1) * 3 + 1).padStart(2, '0')}-01`;

/** The quarter a calendar date ('YYYY-MM-DD' or a Date, read in UTC) falls into. */
export const quarterOf = (date: Date | string): Quarter => {
  const d = typeof date === 'string' ? new Date(`${date.slice(0, 10)}T00:00:00Z`) : date;
  return { year: d.getUTCFullYear(), q: (Math.floor(d.getUTCMonth() / 3) + 1) as Quarter['q'] };
};

const index = ({ year, q }: Quarter) => year * 4 + (q - 1);
const fromIndex = (i: number): Quarter => ({ year: Math.floor(i / 4), q: ((i % 4) + 1) as Quarter['q'] });

export const addQuarters = (quarter: Quarter, n: number) => fromIndex(index(quarter) + n);

/** Parses "2025-Q1"; anything else, or a year outside 1990–2099, is 422 invalid_date_range. */
export const parseQuarter = (value: string, name: 'from' | 'to'): Quarter => {
  const match = QUARTER_PATTERN.exec(value);
  if (!match)
    throw new AppError('invalid_date_range', {
      params: { detail: `${name} must be a quarter like 2025-Q1` },
    });
  const year = Number(match[1]);
  if (year < MIN_YEAR || year > MAX_YEAR)
    throw new AppError('invalid_date_range', {
      params: { detail: `${name} must lie between ${MIN_YEAR}-Q1 and ${MAX_YEAR}-Q4` },
    });
  return { year, q: Number(match[2]) as Quarter['q'] };
};

/**
 * The quarters of a report, oldest first. Without `from`/`to` it is the eight quarters up to the
 * current one (by `now`); `from` after `to` or more than MAX_QUARTERS is 422 invalid_date_range.
 */
export const quarterRange = (input: { from?: string; to?: string }, now: Date): Quarter[] => {
  const to = input.to ? parseQuarter(input.to, 'to') : undefined;
  const from = input.from ? parseQuarter(input.from, 'from') : undefined;
  const end = to ?? (from ? addQuarters(from, 7) : quarterOf(now));
  const start = from ?? addQuarters(end, -7);
  if (index(start) > index(end))
    throw new AppError('invalid_date_range', { params: { detail: 'from must not be after to' } });
  const count = index(end) - index(start) + 1;
  if (count > MAX_QUARTERS)
    throw new AppError('invalid_date_range', {
      params: { detail: `at most ${MAX_QUARTERS} quarters per report` },
    });
  if (end.year > MAX_YEAR)
    throw new AppError('invalid_date_range', {
      params: { detail: `to must lie between ${MIN_YEAR}-Q1 and ${MAX_YEAR}-Q4` },
    });
  if (start.year < MIN_YEAR)
    throw new AppError('invalid_date_range', {
      params: { detail: `from must lie between ${MIN_YEAR}-Q1 and ${MAX_YEAR}-Q4` },
    });
  return Array.from({ length: count }, (_, i) => addQuarters(start, i));
};
