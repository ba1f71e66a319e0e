/**
 * Column mapping: which file column fills which person field. `suggestMapping` guesses from header
 * names in German and English (and the vCard column names of the vCard reader); the user confirms or
 * corrects it in the wizard, and `validateMapping` checks the result. Pure.
 */

import { AppError } from '../errors.ts';
import { type DataCategory, PERSON_FIELD_CATEGORIES } from '../privacy/data-categories.ts';

/** The person fields an import can fill; the address parts are put together into `address`. */
export const IMPORT_TARGETS = {
  firstName: PERSON_FIELD_CATEGORIES.firstName,
  lastName: PERSON_FIELD_CATEGORIES.lastName,
  /** a full name ("Anna Schmidt", vCard FN), split into first and last name when those are not mapped */
  fullName: PERSON_FIELD_CATEGORIES.lastName,
  birthDate: PERSON_FIELD_CATEGORIES.birthDate,
  jobTitle: PERSON_FIELD_CATEGORIES.jobTitle,
  email: PERSON_FIELD_CATEGORIES.email,
  phone: PERSON_FIELD_CATEGORIES.phone,
  'address.street': PERSON_FIELD_CATEGORIES.address,
  'address.houseNumber': PERSON_FIELD_CATEGORIES.address,
  'address.postalCode': PERSON_FIELD_CATEGORIES.address,
  'address.city': PERSON_FIELD_CATEGORIES.address,
  'address.country': PERSON_FIELD_CATEGORIES.address,
  /** the name of the person's organisation, looked up or created by the commit */
  organization: 'organization',
  notes: PERSON_FIELD_CATEGORIES.notes,
  tags: PERSON_FIELD_CATEGORIES.tags,
  accessibilityNeeds: PERSON_FIELD_CATEGORIES.accessibilityNeeds,
} as const satisfies Record<string, DataCategory>;
export type ImportTarget = keyof typeof IMPORT_TARGETS;
export const isImportTarget = (v: string): v is ImportTarget => Object.hasOwn(IMPORT_TARGETS, v);

/** Column → field. Columns not in the mapping are not imported. */
export type ColumnMapping = Record<string, ImportTarget>;

/** Header names as written in German and English exports (and by the vCard reader), normalised. */
const SYNONYMS: Record<ImportTarget, string[]> = {
  firstName: [
    'vorname',
    'firstname',
    'first name',
    'given name',
    'givenname',
    'forename',
    'rufname',
    'n.given',
  ],
  lastName: [
    'nachname',
    'name',
    'familienname',
    'lastname',
    'last name',
    'surname',
    'family name',
    'n.family',
  ],
  fullName: [
    'vollständiger name',
    'vollstaendiger name',
    'full name',
    'fullname',
    'display name',
    'anzeigename',
    'fn',
    'kontakt',
  ],
  birthDate: [
    'geburtsdatum',
    'geburtstag',
    'geb.',
    'geb. datum',
    'birthdate',
    'birth date',
    'date of birth',
    'dob',
    'birthday',
    'bday',
  ],
  jobTitle: ['position', 'funktion', 'berufsbezeichnung', 'titel', 'job title', 'jobtitle', 'title', 'role'],
  email: ['e-mail', 'email', 'e-mail-adresse', 'email address', 'e-mail address', 'mail', 'emailadresse'],
  phone: [
    'telefon',
    'tel',
    'tel.',
    'telefonnummer',
    'mobil',
    'handy',
    'mobilnummer',
    'phone',
    'phone number',
    'mobile',
    'telephone',
  ],
  'address.street': [
    'straße',
    'strasse',
    'str.',
    'straße und hausnummer',
    'anschrift',
    'adresse',
    'street',
    'address',
    'street address',
    'adr.street',
  ],
  'address.houseNumber': [
    'hausnummer',
    'hausnr.',
    'hausnr',
    'hnr',
    'nr.',
    'house number',
    'street number',
    'number',
  ],
  'address.postalCode': [
    'plz',
    'postleitzahl',
    'postal code',
    'postcode',
    'zip',
    'zip code',
    'adr.postalcode',
  ],
  'address.city': ['ort', 'stadt', 'wohnort', 'city', 'town', 'adr.city'],
  'address.country': ['land', 'country', 'staat', 'länderkennzeichen', 'country code', 'adr.country'],
  organization: ['firma', 'unternehmen', 'organisation', 'organization', 'company', 'arbeitgeber', 'org'],
  notes: [
    'notiz',
    'notizen',
    'bemerkung',
    'bemerkungen',
    'kommentar',
    'notes',
    'note',
    'comment',
    'comments',
    'remarks',
  ],
  tags: ['tags', 'schlagworte', 'kategorien', 'labels'],
  accessibilityNeeds: ['barrierefreiheit', 'accessibility', 'accessibility needs'],
};

const normalise = (header: string) =>
  header
    .trim()
    .toLowerCase()
    .replace(/[_\s]+/g, ' ')
    .replace(/\s*\(\d+\)$/, '');

const LOOKUP = new Map<string, ImportTarget>(
  Object.entries(SYNONYMS).flatMap(([target, names]) =>
    names.map((n) => [n, target as ImportTarget] as const),
  ),
);

export type MappingSuggestion = { mapping: ColumnMapping; unmapped: string[] };

/** A first mapping: each known header name to its field, each field at most once (first column wins). */
export const suggestMapping = (input: { columns: readonly string[] }): MappingSuggestion => {
  const mapping: ColumnMapping = {};
  const used = new Set<ImportTarget>();
  const unmapped: string[] = [];
  for (const column of input.columns) {
    const target = LOOKUP.get(normalise(column));
    if (target && !used.has(target)) {
      mapping[column] = target;
      used.add(target);
    } else unmapped.push(column);
  }
  return { mapping, unmapped };
};

export type MappingIssue =
  | { code: 'unknown_column'; column: string }
  | { code: 'unknown_target'; column: string; target: string }
  | { code: 'target_twice'; target: ImportTarget; columns: string[] }
  | { code: 'name_not_mapped' };

/** The problems of a mapping; empty when it can be used. */
export const mappingIssues = (input: {
  columns: readonly string[];
  mapping: Record<string, string>;
}): MappingIssue[] => {
  const issues: MappingIssue[] = [];
  const byTarget = new Map<ImportTarget, string[]>();
  for (const [column, target] of Object.entries(input.mapping)) {
    if (!input.columns.includes(column)) issues.push({ code: 'unknown_column', column });
    else if (!isImportTarget(target)) issues.push({ code: 'unknown_target', column, target });
    else byTarget.set(target, [...(byTarget.get(target) ?? []), column]);
  }
  for (const [target, columns] of byTarget)
    if (columns.length > 1) issues.push({ code: 'target_twice', target, columns });
  const has = (t: ImportTarget) => byTarget.has(t);
  // a person needs a name: both parts, or a full name to split
  if (!(has('lastName') && has('firstName')) && !has('fullName')) issues.push({ code: 'name_not_mapped' });
  return issues;
};

/** The mapping as typed, or `import_mapping_invalid` with the issues as details. */
export const validateMapping = (input: {
  columns: readonly string[];
  mapping: Record<string, string>;
}): ColumnMapping => {
  const issues = mappingIssues(input);
  if (issues.length > 0) throw new AppError('import_mapping_invalid', { details: { issues } });
  return input.mapping as ColumnMapping;
};
