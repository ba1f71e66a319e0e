import { RETENTION_RULES, type RetentionKind } from '../billing/retention.ts';
import { AppError } from '../errors.ts';
import { dayNumber, dayOf, type RetentionPeriod, retentionEnd } from './periods.ts';

/**
 * Statutory minimum retention periods a deletion rule must not undercut (reference A2). A data type
 * that names a statute may keep its records longer, never shorter: "a retention shorter than a legal
 * minimum" is a contradicting rule and refused. Tax and commercial periods reuse the billing facts
 * (src/domain/billing/retention.ts); they count from the end of the calendar year.
 */
export type Statute = {
  id: string;
  jurisdiction: 'DE' | 'AT';
  period: RetentionPeriod;
  /** the legal citation, language-neutral */
  basis: string;
  labelDe: string;
  labelEn: string;
};

const billing = (jurisdiction: 'DE' | 'AT', kind: RetentionKind) => {
  const rule = RETENTION_RULES.find((r) => r.jurisdiction === jurisdiction && r.kind === kind);
  if (!rule) throw new Error(`no billing retention rule ${jurisdiction}.${kind}`);
  return {
    id: `${jurisdiction}.${kind}`,
    jurisdiction,
    period: { years: rule.years, months: 0, days: 0, roundToYearEnd: true },
    basis: rule.basis,
  };
};

export const STATUTES: readonly Statute[] = [
  {
    ...billing('DE', 'voucher'),
    labelDe: 'Buchungsbelege und Rechnungen',
    labelEn: 'Accounting vouchers and invoices',
  },
  { ...billing('DE', 'book'), labelDe: 'Bücher und Aufzeichnungen', labelEn: 'Books and records' },
  {
    ...billing('DE', 'business_letter'),
    labelDe: 'Handels- und Geschäftsbriefe',
    labelEn: 'Commercial and business letters',
  },
  {
    id: 'DE.phone_consent',
    jurisdiction: 'DE',
    period: { years: 5, months: 0, days: 0, roundToYearEnd: false },
    basis: '§ 7a UWG',
    labelDe: 'Nachweis der Einwilligung in Telefonwerbung',
    labelEn: 'Proof of consent to telephone advertising',
  },
  { ...billing('AT', 'voucher'), labelDe: 'Buchhaltungsbelege', labelEn: 'Accounting vouchers' },
  { ...billing('AT', 'book'), labelDe: 'Bücher und Aufzeichnungen', labelEn: 'Books and records' },
  {
    ...billing('AT', 'business_letter'),
    labelDe: 'Geschäftspapiere und Geschäftsbriefe',
    labelEn: 'Business papers and letters',
  },
];
export const STATUTE_IDS = STATUTES.map((s) => s.id) as [string, ...string[]];

export const statuteById = (id: string): Statute | undefined => STATUTES.find((s) => s.id === id);

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** A period in words, e.g. "8 Jahre ab Jahresende" / "8 years from the end of the year". */
export const periodText = (period: RetentionPeriod, locale: 'de' | 'en'): string => {
  const de = locale === 'de';
  const parts = [
    period.years ? plural(period.years, de ? 'Jahr' : 'year', de ? 'Jahre' : 'years') : '',
    period.months ? plural(period.months, de ? 'Monat' : 'month', de ? 'Monate' : 'months') : '',
    period.days ? plural(period.days, de ? 'Tag' : 'day', de ? 'Tage' : 'days') : '',
  ].filter(Boolean);
  const length = parts.length ? parts.join(de ? ' und ' : ' and ') : de ? 'sofort' : 'immediately';
  if (!period.roundToYearEnd) return length;
  return de ? `${length} ab Jahresende` : `${length} from the end of the year`;
};

/**
 * Every start day of a full leap-year cycle, and of the century years 2099..2101 (2100 is no leap
 * year): the end of a period depends only on the day of the year and on leap years, so comparing two
 * periods on these starts compares them on all.
 */
const SAMPLE_STARTS: readonly string[] = (() => {
  const days: string[] = [];
  for (const [from, to] of [
    ['2023-01-01', '2028-12-31'],
    ['2099-01-01', '2101-12-31'],
  ] as const)
    for (let n = dayNumber(from); n <= dayNumber(to); n++) days.push(dayOf(n));
  return days;
})();

/** Whether `period` keeps a record at least as long as `minimum`, whatever day it started. */
export const coversMinimum = (input: { period: RetentionPeriod; minimum: RetentionPeriod }): boolean =>
  SAMPLE_STARTS.every(
    (start) =>
      retentionEnd({ start, period: input.period }) >= retentionEnd({ start, period: input.minimum }),
  );

/**
 * Refuses a deletion rule whose period ends earlier than the statute's for some start
 * (422 retention_below_legal_minimum, with the citation and the minimum in words). No statute: no
 * minimum. An unknown statute id is refused as invalid input.
 */
export const checkMinimum = (input: { period: RetentionPeriod; statute: string | null }): void => {
  if (input.statute === null) return;
  const statute = statuteById(input.statute);
  if (!statute)
    throw new AppError('validation_failed', { details: { field: 'statute', unknown: input.statute } });
  if (coversMinimum({ period: input.period, minimum: statute.period })) return;
  throw new AppError('retention_below_legal_minimum', {
    params: {
      statute: statute.basis,
      minimum: periodText(statute.period, 'de'),
      minimum_de: periodText(statute.period, 'de'),
      minimum_en: periodText(statute.period, 'en'),
    },
    details: { statute: statute.id, minimum: statute.period },
  });
};

/** Orders periods by length (the DIN 66398 catalogue of deletion rules is sorted by period). */
export const comparePeriods = (a: RetentionPeriod, b: RetentionPeriod): number => {
  const ref = '2025-06-15';
  const ea = retentionEnd({ start: ref, period: a });
  const eb = retentionEnd({ start: ref, period: b });
  if (ea !== eb) return ea < eb ? -1 : 1;
  return Number(a.roundToYearEnd) - Number(b.roundToYearEnd);
};
