/** The dashboard's choices (kept in the URL) and the quarter ranges they stand for. */

export const PERIODS = ['last8', 'last4', 'lastQuarter', 'thisQuarter', 'thisYear', 'lastYear'] as const;
export type Period = (typeof PERIODS)[number];
export const GROUPINGS = ['customerGroup', 'product'] as const;
export type Grouping = (typeof GROUPINGS)[number];
export const CURRENCIES = ['EUR', 'CHF', 'USD', 'GBP'] as const;
export type Currency = (typeof CURRENCIES)[number];

export type DashboardSearch = { period?: Period; groupBy?: Grouping; currency?: Currency };

const oneOf = <T extends string>(list: readonly T[], value: unknown): T | undefined =>
  list.includes(value as T) ? (value as T) : undefined;

export const parseDashboardSearch = (search: Record<string, unknown>): DashboardSearch => {
  const out: DashboardSearch = {};
  const period = oneOf(PERIODS, search.period);
  const groupBy = oneOf(GROUPINGS, search.groupBy);
  const currency = oneOf(CURRENCIES, search.currency);
  if (period) out.period = period;
  if (groupBy) out.groupBy = groupBy;
  if (currency) out.currency = currency;
  return out;
};

type Quarter = { year: number; q: number };
const label = ({ year, q }: Quarter) => `${year}-Q${q}`;
const shift = ({ year, q }: Quarter, n: number): Quarter => {
  const i = year * 4 + (q - 1) + n;
  return { year: Math.floor(i / 4), q: (i % 4) + 1 };
};

/** The quarters `from` and `to` (e.g. "2026-Q3") of a period, relative to `today` (local calendar). */
export const quarterRangeOf = (period: Period, today: Date): { from: string; to: string } => {
  const current = { year: today.getFullYear(), q: Math.floor(today.getMonth() / 3) + 1 };
  switch (period) {
    case 'last8':
      return { from: label(shift(current, -7)), to: label(current) };
    case 'last4':
      return { from: label(shift(current, -3)), to: label(current) };
    case 'lastQuarter':
      return { from: label(shift(current, -1)), to: label(shift(current, -1)) };
    case 'thisQuarter':
      return { from: label(current), to: label(current) };
    case 'thisYear':
      return { from: `${current.year}-Q1`, to: `${current.year}-Q4` };
    case 'lastYear':
      return { from: `${current.year - 1}-Q1`, to: `${current.year - 1}-Q4` };
  }
};
