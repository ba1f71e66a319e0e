/**
 * German-aware normalisation for duplicate detection: the same text for "Müller" and "Mueller",
 * "Straße", "Strasse" and "Str.", accents stripped, punctuation and spacing unified.
 */

const UMLAUTS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', æ: 'ae', œ: 'oe', ø: 'oe' };

/** Lower case, ä→ae ö→oe ü→ue ß→ss, other accents stripped, anything but a-z0-9 becomes one space. */
export const normaliseText = (value: string | undefined | null): string => {
  if (!value) return '';
  return value
    .toLowerCase()
    .replace(/[äöüßæœø]/g, (c) => UMLAUTS[c]!)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
};

/** Particles kept as part of the name but joined, so "von der Heide" = "von der heide" = "vonderheide". */
const PARTICLES = new Set([
  'von',
  'van',
  'de',
  'der',
  'den',
  'da',
  'di',
  'du',
  'del',
  'la',
  'le',
  'zu',
  'vom',
  'zum',
  'zur',
  'ten',
  'ter',
  'mc',
  'mac',
]);

/** A name without spaces or hyphens ("Hans-Peter" = "Hans Peter" = "hanspeter"), particles kept. */
export const normaliseName = (value: string | undefined | null): string =>
  normaliseText(value).replace(/ /g, '');

/** The name without its particles ("von Müller" → "mueller"), for phonetic keys. */
export const nameCore = (value: string | undefined | null): string => {
  const words = normaliseText(value).split(' ').filter(Boolean);
  const core = words.filter((w) => !PARTICLES.has(w));
  return (core.length ? core : words).join('');
};

const STREET_SUFFIX = /(strasse|str|strase|strass)$/;

/** "Hauptstr. 12a" and "Hauptstraße" → "hauptstrasse"; "Am Markt" → "am markt". */
export const normaliseStreet = (value: string | undefined | null): string => {
  const words = normaliseText(value)
    .replace(/\bstr\b/g, 'strasse')
    .replace(/\bst\b$/, 'street')
    .split(' ')
    .filter(Boolean);
  return words
    .map((w) => (STREET_SUFFIX.test(w) ? w.replace(STREET_SUFFIX, 'strasse') : w))
    .join(' ')
    .replace(/ strasse\b/g, 'strasse');
};

export type ParsedStreet = { street: string; houseNumber: string };

/** Splits "Hauptstraße 12 a" into street and house number ("12a"); a separate number wins. */
export const parseAddress = ({
  street,
  houseNumber,
}: {
  street?: string;
  houseNumber?: string;
}): ParsedStreet => {
  let s = normaliseText(street);
  let number = normaliseHouseNumber(houseNumber);
  const m = /^(.*?)\s*(\d+)\s*([a-z]?)(\s*[-/]\s*\d+\s*[a-z]?)?$/.exec(s);
  if (m?.[1]) {
    s = m[1];
    if (!number) number = normaliseHouseNumber(`${m[2]}${m[3] ?? ''}`);
  }
  return { street: normaliseStreet(s), houseNumber: number };
};

/** "12 a", "12A", "12-a" → "12a"; "12-14" → "12". */
export const normaliseHouseNumber = (value: string | undefined | null): string => {
  const m = /(\d+)\s*[-/]?\s*([a-z])?\b/.exec(normaliseText(value));
  return m ? `${m[1]!.replace(/^0+(?=\d)/, '')}${m[2] ?? ''}` : '';
};

/** Digits of a birth date as YYYYMMDD from "1970-03-01", "19700301" or "01.03.1970"; '' if none. */
export const normaliseBirthDate = (value: string | undefined | null): string => {
  if (!value) return '';
  const v = value.trim();
  let m = /^(\d{4})-?(\d{2})-?(\d{2})/.exec(v);
  if (m) return `${m[1]}${m[2]}${m[3]}`;
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(v);
  if (m) return `${m[3]}${m[2]!.padStart(2, '0')}${m[1]!.padStart(2, '0')}`;
  return '';
};

export const digitsOnly = (value: string | undefined | null): string =>
  value ? value.replace(/\D/g, '') : '';

export const normaliseEmail = (value: string | undefined | null): string =>
  value ? value.trim().toLowerCase() : '';

/** The national part of a phone number: digits without +49/0049 and the trunk 0. */
export const normalisePhone = (value: string | undefined | null): string =>
  value ? value.trim().replace(/^\+/, '00').replace(/\D/g, '').replace(/^0049/, '').replace(/^0+/, '') : '';

/** Postal code digits (German 5, others as given), leading zeros kept. */
export const normalisePostalCode = (value: string | undefined | null): string =>
  normaliseText(value).replace(/ /g, '');
