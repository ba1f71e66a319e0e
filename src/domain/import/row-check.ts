/**
 * The validation of one imported row before it may become a person: the person's rules (a first and
 * a last name, field lengths) and the contact checks of `src/domain/contact` (e-mail syntax, phone
 * numbers parsed to E.164, postal codes of the country, a real birth date), plus formula-like cells
 * in the imported columns. Returns the reasons (stable codes, never a value) and the normalised
 * values as they would be stored. Pure; the duplicate, suppression and lock checks need the database.
 */
import type { CountryCode } from 'libphonenumber-js';
import { checkEmail } from '../contact/email.ts';
import { checkPhone } from '../contact/phone.ts';
import { isWellFormedPostalCode } from '../contact/postal.ts';
import type { PersonDraft } from './apply-mapping.ts';
import { isSuspiciousFormula } from './formula.ts';
import type { ColumnMapping } from './mapping.ts';

export type CheckedPerson = PersonDraft & {
  /** the e-mail domain is a disposable mail service (a warning, not a reason to refuse) */
  disposableEmail?: boolean;
};

const LIMITS: Partial<Record<keyof PersonDraft, number>> = {
  firstName: 100,
  lastName: 100,
  jobTitle: 100,
  email: 254,
  notes: 10_000,
  accessibilityNeeds: 2_000,
  organization: 200,
};
const ADDRESS_LIMITS = { street: 200, postalCode: 20, city: 100 } as const;

const COUNTRY_NAMES: Record<string, string> = {
  deutschland: 'DE',
  germany: 'DE',
  österreich: 'AT',
  oesterreich: 'AT',
  austria: 'AT',
  schweiz: 'CH',
  switzerland: 'CH',
  suisse: 'CH',
};

/** "DE", "de", "Deutschland", "Germany" → DE; anything else that is not two letters → null. */
export const countryCode = (input: { value: string }): string | null => {
  const v = input.value.trim();
  if (/^[a-z]{2}$/i.test(v)) return v.toUpperCase();
  return COUNTRY_NAMES[v.toLowerCase()] ?? null;
};

/** YYYY-MM-DD, DD.MM.YYYY or D.M.YYYY → YYYY-MM-DD when it is a real date between 1900 and `today`. */
export const birthDateOf = (input: { value: string; today: string }): string | null => {
  const v = input.value.trim();
  let iso: string | null = null;
  const de = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(v);
  if (de) iso = `${de[3]}-${de[2]!.padStart(2, '0')}-${de[1]!.padStart(2, '0')}`;
  else if (/^\d{4}-\d{2}-\d{2}$/.test(v)) iso = v;
  if (!iso) return null;
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || !d.toISOString().startsWith(iso)) return null;
  return iso >= '1900-01-01' && iso <= input.today ? iso : null;
};

export const checkImportedRow = (input: {
  values: Record<string, string>;
  mapping: ColumnMapping;
  draft: PersonDraft;
  region: CountryCode;
  /** YYYY-MM-DD: birth dates after it are refused */
  today: string;
}): { reasons: string[]; person: CheckedPerson } => {
  const reasons: string[] = [];
  const { draft } = input;
  const person: CheckedPerson = { ...draft };
  for (const column of Object.keys(input.mapping)) {
    const value = input.values[column]?.trim() ?? '';
    if (value !== '' && isSuspiciousFormula(value)) {
      reasons.push('formula_like');
      break;
    }
  }
  if (!draft.firstName || !draft.lastName) reasons.push('name_missing');
  for (const [field, max] of Object.entries(LIMITS) as [keyof PersonDraft, number][]) {
    const v = draft[field];
    if (typeof v === 'string' && v.length > max) reasons.push(`too_long:${field}`);
  }
  if (draft.email !== undefined) {
    const email = checkEmail({ input: draft.email });
    if (email.valid) {
      person.email = email.normalized;
      if (email.disposable) person.disposableEmail = true;
    } else reasons.push('email_invalid');
  }
  if (draft.phone !== undefined) {
    const phone = checkPhone({ input: draft.phone, defaultRegion: input.region });
    if (phone.valid) person.phone = phone.e164;
    else reasons.push('phone_invalid');
  }
  if (draft.birthDate !== undefined) {
    const birth = birthDateOf({ value: draft.birthDate, today: input.today });
    if (birth) person.birthDate = birth;
    else reasons.push('birth_date_invalid');
  }
  if (draft.address) {
    const address = { ...draft.address };
    if (address.country !== undefined) {
      const code = countryCode({ value: address.country });
      if (code) address.country = code;
      else reasons.push('country_invalid');
    }
    for (const [part, max] of Object.entries(ADDRESS_LIMITS) as [keyof typeof ADDRESS_LIMITS, number][]) {
      const v = address[part];
      if (v !== undefined && v.length > max) reasons.push(`too_long:address.${part}`);
    }
    if (
      address.postalCode !== undefined &&
      !isWellFormedPostalCode({ code: address.postalCode, country: address.country ?? input.region })
    )
      reasons.push('postal_code_invalid');
    person.address = address;
  }
  return { reasons, person };
};
