/**
 * One imported row as a person draft: the mapped columns under the person's field names, empty cells
 * left out, street and house number put together ("Hauptstraße" + "5" → "Hauptstraße 5"), a full
 * name split when the name parts are not mapped ("Müller, Jürgen" or "Dr. Jürgen Müller"), tags split
 * on "," or ";". No validation here: the commit validates the draft like any other input. Pure.
 */
import type { ColumnMapping, ImportTarget } from './mapping.ts';
import type { ImportRow } from './types.ts';

export type PersonDraft = {
  firstName?: string;
  lastName?: string;
  birthDate?: string;
  jobTitle?: string;
  email?: string;
  phone?: string;
  address?: { street?: string; postalCode?: string; city?: string; country?: string };
  organization?: string;
  notes?: string;
  tags?: string[];
  accessibilityNeeds?: string;
};

const SALUTATIONS = /^(herr|frau|divers|dr\.?|prof\.?|dipl\.-?\w+\.?|mr\.?|mrs\.?|ms\.?|mx\.?)$/i;

/** "Müller, Jürgen" → Jürgen / Müller; "Dr. Jürgen Müller" → Jürgen / Müller; one word → last name. */
export const splitFullName = (input: { fullName: string }): { firstName?: string; lastName?: string } => {
  const name = input.fullName.trim().replace(/\s+/g, ' ');
  if (name === '') return {};
  const comma = name.indexOf(',');
  if (comma > 0) {
    const lastName = name.slice(0, comma).trim();
    const firstName = name.slice(comma + 1).trim();
    return firstName === '' ? { lastName } : { firstName, lastName };
  }
  const words = name.split(' ');
  while (words.length > 1 && SALUTATIONS.test(words[0] ?? '')) words.shift();
  const lastName = words.pop() ?? '';
  return words.length === 0 ? { lastName } : { firstName: words.join(' '), lastName };
};

export const mapRow = (input: { row: ImportRow; mapping: ColumnMapping }): PersonDraft => {
  const v: Partial<Record<ImportTarget, string>> = {};
  for (const [column, target] of Object.entries(input.mapping)) {
    const value = input.row.values[column]?.trim() ?? '';
    if (value !== '') v[target] = value;
  }
  const draft: PersonDraft = {};
  const put = <K extends keyof PersonDraft>(key: K, value: PersonDraft[K] | undefined) => {
    if (value !== undefined) draft[key] = value;
  };
  if (v.fullName !== undefined && v.firstName === undefined && v.lastName === undefined)
    Object.assign(draft, splitFullName({ fullName: v.fullName }));
  put('firstName', v.firstName);
  put('lastName', v.lastName);
  put('birthDate', v.birthDate);
  put('jobTitle', v.jobTitle);
  put('email', v.email);
  put('phone', v.phone);
  put('organization', v.organization);
  put('notes', v.notes);
  put('accessibilityNeeds', v.accessibilityNeeds);
  if (v.tags !== undefined)
    draft.tags = v.tags
      .split(/[;,]/)
      .map((t) => t.trim())
      .filter((t) => t !== '');
  const street = [v['address.street'], v['address.houseNumber']].filter((p) => p !== undefined).join(' ');
  const address = {
    ...(street !== '' ? { street } : {}),
    ...(v['address.postalCode'] !== undefined ? { postalCode: v['address.postalCode'] } : {}),
    ...(v['address.city'] !== undefined ? { city: v['address.city'] } : {}),
    ...(v['address.country'] !== undefined ? { country: v['address.country'] } : {}),
  };
  if (Object.keys(address).length > 0) draft.address = address;
  return draft;
};
