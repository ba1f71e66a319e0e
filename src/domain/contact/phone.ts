import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * Phone numbers parsed with libphonenumber-js (full metadata, so the type of a number is known) and
 * stored in E.164 ("+49301234567"). National numbers are read in the default region (Germany unless
 * said otherwise): "0171 1234567", "030/123 45 67", "0049 30 123456" and "+49 (0)30 123456" (the
 * bracketed trunk zero is dropped) all parse; Austrian and Swiss numbers need their country code.
 */
export type PhoneType = 'mobile' | 'fixed' | 'other';

export type PhoneProblem = 'empty' | 'not_a_number' | 'invalid';

export type PhoneCheck =
  | { valid: true; e164: string; country: string | null; type: PhoneType | null; international: string }
  | { valid: false; problem: PhoneProblem };

export const DEFAULT_PHONE_REGION: CountryCode = 'DE';

/** The characters people type into a phone field; anything else is not a number. */
const PHONE_CHARS = /^[+0-9\s()/.\-–]+$/;

const TYPES: Record<string, PhoneType | null> = {
  MOBILE: 'mobile',
  FIXED_LINE: 'fixed',
  FIXED_LINE_OR_MOBILE: null,
};

/** Parses a phone number; `defaultRegion` is used for numbers without a country code. */
export const checkPhone = (options: { input: string; defaultRegion?: CountryCode }): PhoneCheck => {
  const raw = options.input.trim();
  if (!raw) return { valid: false, problem: 'empty' };
  if (!PHONE_CHARS.test(raw) || !/\d/.test(raw)) return { valid: false, problem: 'not_a_number' };
  // "+49 (0)30 …": the trunk zero in brackets is not dialled from abroad
  const cleaned = raw.replace(/\(\s*0\s*\)/g, ' ');
  const parsed = parsePhoneNumberFromString(cleaned, options.defaultRegion ?? DEFAULT_PHONE_REGION);
  if (!parsed?.isValid()) return { valid: false, problem: 'invalid' };
  const type = parsed.getType();
  return {
    valid: true,
    e164: parsed.number,
    country: parsed.country ?? null,
    type: type === undefined ? null : (TYPES[type] ?? 'other'),
    international: parsed.formatInternational(),
  };
};

/** The E.164 form of a phone number, or null when it cannot be parsed as a valid number. */
export const toE164 = (options: { input: string; defaultRegion?: CountryCode }): string | null => {
  const result = checkPhone(options);
  return result.valid ? result.e164 : null;
};
