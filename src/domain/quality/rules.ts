/**
 * Data quality rules (accuracy, Art. 5(1)(d) GDPR): which fields of a person each data category
 * expects (completeness), which stored values are wrong (validity) and when a person's data is stale.
 * Pure; the clock is passed in.
 */

import type { CountryCode } from 'libphonenumber-js';
import { checkEmail } from '../contact/email.ts';
import { checkPhone } from '../contact/phone.ts';
import { checkPostalCode, type PostalTable } from '../contact/postal.ts';
import { normaliseText } from '../matching/normalise.ts';
import { type DataCategory, PERSON_FIELD_CATEGORIES } from '../privacy/data-categories.ts';

/** The checks of the dashboard, each with a list to work through. */
export const QUALITY_CHECKS = ['incomplete', 'invalid', 'duplicates', 'stale'] as const;
export type QualityCheck = (typeof QUALITY_CHECKS)[number];

/**
 * The stored columns a category expects to be filled. Only categories whose data a CRM needs for
 * every person are measured; notes, tags and health data are never "missing" (minimisation).
 */
export const QUALITY_FIELDS = {
  identity: ['firstName', 'lastName', 'birthDate'],
  contact: ['email', 'phone'],
  address: ['street', 'postalCode', 'city'],
} as const satisfies Partial<Record<DataCategory, readonly string[]>>;
export type QualityCategory = keyof typeof QUALITY_FIELDS;
export type QualityField = (typeof QUALITY_FIELDS)[QualityCategory][number];
export const QUALITY_CATEGORIES = Object.keys(QUALITY_FIELDS) as QualityCategory[];

/** Every measured category is one of PERSON_FIELD_CATEGORIES' categories. */
export const isQualityCategory = (c: string): c is QualityCategory =>
  Object.hasOwn(QUALITY_FIELDS, c) && Object.values(PERSON_FIELD_CATEGORIES).includes(c as never);

export type ValidityProblem =
  | 'email_invalid'
  | 'email_disposable'
  | 'phone_invalid'
  | 'phone_not_e164'
  | 'postal_code_invalid'
  | 'postal_code_unknown'
  | 'postal_code_city_mismatch'
  | 'birth_date_implausible';

export type Finding = { category: QualityCategory; field: QualityField; problem: ValidityProblem };

/** The columns the validity rules read. */
export type QualityPerson = {
  email: string | null;
  phone: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
  birthDate: string | null;
};

/** Oldest plausible age; a birth date in the future is never plausible. */
export const MAX_AGE_YEARS = 120;

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** A birth date (YYYY-MM-DD) is plausible when it is a real day, not after today and not over 120 years ago. */
export const isPlausibleBirthDate = (input: { birthDate: string; now: Date }): boolean => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input.birthDate);
  if (!m) return false;
  const date = new Date(`${input.birthDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || isoDay(date) !== input.birthDate) return false;
  const today = isoDay(input.now);
  const oldest = `${Number(today.slice(0, 4)) - MAX_AGE_YEARS}${today.slice(4)}`;
  return input.birthDate <= today && input.birthDate >= oldest;
};

/** German place names compare without case, umlauts/ß spelling and "(Saale)"-style additions. */
const placeKey = (city: string) => normaliseText(city.replace(/\(.*?\)/g, ' ').split(',')[0]);

/** The validity findings of one person; empty values are a completeness matter, not a validity one. */
export const validityFindings = (input: {
  person: QualityPerson;
  now: Date;
  /** the region of national phone numbers (the tenant's country) */
  region: CountryCode;
  postalTable?: PostalTable;
}): Finding[] => {
  const { person } = input;
  const out: Finding[] = [];
  if (person.email) {
    const email = checkEmail({ input: person.email });
    if (!email.valid) out.push({ category: 'contact', field: 'email', problem: 'email_invalid' });
    else if (email.disposable) out.push({ category: 'contact', field: 'email', problem: 'email_disposable' });
  }
  if (person.phone) {
    const phone = checkPhone({ input: person.phone, defaultRegion: input.region });
    if (!phone.valid) out.push({ category: 'contact', field: 'phone', problem: 'phone_invalid' });
    else if (phone.e164 !== person.phone)
      out.push({ category: 'contact', field: 'phone', problem: 'phone_not_e164' });
  }
  if (person.postalCode) {
    const country = person.country ?? 'DE';
    const postal = checkPostalCode({ code: person.postalCode, country, table: input.postalTable });
    if (!postal.wellFormed)
      out.push({ category: 'address', field: 'postalCode', problem: 'postal_code_invalid' });
    else if (postal.known === false)
      out.push({ category: 'address', field: 'postalCode', problem: 'postal_code_unknown' });
    else if (postal.known && person.city) {
      const city = placeKey(person.city);
      if (!postal.cities.some((c) => placeKey(c) === city))
        out.push({ category: 'address', field: 'city', problem: 'postal_code_city_mismatch' });
    }
  }
  if (person.birthDate && !isPlausibleBirthDate({ birthDate: person.birthDate, now: input.now }))
    out.push({ category: 'identity', field: 'birthDate', problem: 'birth_date_implausible' });
  return out;
};

/** Warnings count in the list of findings but do not make a value invalid. */
export const isWarning = (problem: ValidityProblem): boolean => problem === 'email_disposable';

/** The staleness period of a tenant without its own setting. */
export const DEFAULT_STALE_MONTHS = 24;

/** The moment before which a person's last confirmation makes it stale: `months` calendar months ago. */
export const staleCutoff = (input: { now: Date; months: number }): Date => {
  const d = new Date(input.now.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - input.months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
};

/**
 * Stale: neither verified, nor contacted (last interaction), nor collected since the cutoff. The
 * collection counts: data are taken to be correct when they were collected.
 */
export const isStale = (input: {
  verifiedAt: Date | null;
  lastContactAt: Date | null;
  collectedAt: Date;
  now: Date;
  months: number;
}): boolean => {
  const cutoff = staleCutoff({ now: input.now, months: input.months }).getTime();
  const latest = Math.max(
    input.collectedAt.getTime(),
    input.verifiedAt?.getTime() ?? 0,
    input.lastContactAt?.getTime() ?? 0,
  );
  return latest < cutoff;
};

/** A share in percent with one decimal; 0 persons → null (nothing to measure). */
export const percent = (input: { part: number; total: number }): number | null =>
  input.total === 0 ? null : Math.round((input.part / input.total) * 1000) / 10;
