import type { DataCategory } from '../privacy/data-categories.ts';
import { PERSON_FIELD_CATEGORIES } from '../privacy/data-categories.ts';

/**
 * Public web forms (issue 8): what a form may declare. Every field names its data category
 * (privacy by default: a field nobody classified is refused), and a field that fills a person field
 * must carry that field's category. Special categories (Art. 9) are never asked for on a web form.
 */

export const FORM_KINDS = ['contact', 'wishlist', 'newsletter'] as const;
export type FormKind = (typeof FORM_KINDS)[number];

export const FIELD_TYPES = ['text', 'email', 'phone', 'textarea', 'select', 'checkbox', 'date'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** Where an accepted submission puts a field: a person field, the message or the wishes. */
export const FIELD_TARGETS = [
  'firstName',
  'lastName',
  'email',
  'phone',
  'jobTitle',
  'street',
  'postalCode',
  'city',
  'message',
  'wishes',
] as const;
export type FieldTarget = (typeof FIELD_TARGETS)[number];

export const TARGET_CATEGORIES: Record<FieldTarget, DataCategory> = {
  firstName: PERSON_FIELD_CATEGORIES.firstName,
  lastName: PERSON_FIELD_CATEGORIES.lastName,
  email: PERSON_FIELD_CATEGORIES.email,
  phone: PERSON_FIELD_CATEGORIES.phone,
  jobTitle: PERSON_FIELD_CATEGORIES.jobTitle,
  street: PERSON_FIELD_CATEGORIES.address,
  postalCode: PERSON_FIELD_CATEGORIES.address,
  city: PERSON_FIELD_CATEGORIES.address,
  message: 'communication',
  wishes: 'interests',
};

/** The field types a target accepts. */
const TARGET_TYPES: Partial<Record<FieldTarget, readonly FieldType[]>> = {
  email: ['email'],
  phone: ['phone'],
  message: ['text', 'textarea'],
  wishes: ['text', 'textarea', 'select'],
};

/** Default and highest maxLength per type. */
export const MAX_LENGTH: Record<FieldType, number> = {
  text: 200,
  email: 254,
  phone: 40,
  textarea: 5000,
  select: 200,
  checkbox: 5,
  date: 10,
};

/** The honeypot: an invisible field people leave empty; a bot that fills it is answered but not stored. */
export const HONEYPOT_FIELD = 'custos_hp';

export const FIELD_KEY = /^[a-z][a-z0-9_]{0,39}$/;

export type FieldDefinition = {
  key: string;
  label: { de: string; en: string };
  type: FieldType;
  required: boolean;
  maxLength?: number | null;
  options?: { value: string; label: { de: string; en: string } }[] | null;
  maps?: FieldTarget | null;
  category?: DataCategory | null;
};

export type DefinitionProblem = { path: string; problem: string };

const problem = (path: string, text: string): DefinitionProblem => ({ path, problem: text });

/** Everything wrong with a form's field declarations; empty when the form may be saved. */
export const checkFormDefinition = (input: {
  kind: FormKind;
  fields: readonly FieldDefinition[];
}): DefinitionProblem[] => {
  const problems: DefinitionProblem[] = [];
  const seen = new Set<string>();
  const targets = new Map<FieldTarget, number>();
  input.fields.forEach((f, i) => {
    const at = `fields.${i}`;
    if (!FIELD_KEY.test(f.key) || f.key === HONEYPOT_FIELD)
      problems.push(problem(`${at}.key`, 'key must be lower case letters, digits and _ (not reserved)'));
    if (seen.has(f.key)) problems.push(problem(`${at}.key`, `key "${f.key}" declared twice`));
    seen.add(f.key);
    if (!f.category)
      problems.push(problem(`${at}.category`, `field "${f.key}" has no data category (privacy by default)`));
    else if (f.category === 'special_health')
      problems.push(problem(`${at}.category`, 'web forms do not ask for special categories (Art. 9)'));
    if (f.maps) {
      const expected = TARGET_CATEGORIES[f.maps];
      if (f.category && f.category !== expected)
        problems.push(problem(`${at}.category`, `field mapped to ${f.maps} must be of category ${expected}`));
      const types = TARGET_TYPES[f.maps];
      if (types && !types.includes(f.type))
        problems.push(
          problem(`${at}.type`, `field mapped to ${f.maps} must be of type ${types.join(' or ')}`),
        );
      if (targets.has(f.maps)) problems.push(problem(`${at}.maps`, `${f.maps} is mapped twice`));
      targets.set(f.maps, i);
    }
    const hasOptions = (f.options?.length ?? 0) > 0;
    if (f.type === 'select' && !hasOptions) problems.push(problem(`${at}.options`, 'a select needs options'));
    if (f.type !== 'select' && hasOptions)
      problems.push(problem(`${at}.options`, 'only a select has options'));
    if (f.maxLength != null && (f.maxLength < 1 || f.maxLength > MAX_LENGTH[f.type]))
      problems.push(problem(`${at}.maxLength`, `maxLength must be 1 to ${MAX_LENGTH[f.type]}`));
  });
  const field = (t: FieldTarget) => {
    const i = targets.get(t);
    return i === undefined ? undefined : input.fields[i];
  };
  if (input.kind === 'newsletter' && !field('email')?.required)
    problems.push(problem('fields', 'a newsletter form needs a required e-mail field mapped to email'));
  if (input.kind === 'wishlist' && !field('wishes'))
    problems.push(problem('fields', 'a wish list needs a field mapped to wishes'));
  if (input.kind === 'contact' && !field('email') && !field('phone'))
    problems.push(problem('fields', 'a contact form needs an e-mail or phone field to answer'));
  if (input.fields.length === 0) problems.push(problem('fields', 'a form needs at least one field'));
  return problems;
};

/** Fields whose free text is scanned for special-category data (Art. 9) at submission. */
export const freeTextFields = (fields: readonly FieldDefinition[]) =>
  fields.filter(
    (f) =>
      f.type === 'textarea' ||
      (f.type === 'text' && (f.maps == null || f.maps === 'message' || f.maps === 'wishes')),
  );
