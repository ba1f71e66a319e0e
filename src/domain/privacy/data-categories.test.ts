import { describe, expect, it } from 'vitest';
import { Person, PersonCreate } from '../../modules/persons/persons.schemas.ts';
import {
  categoriesOfPersonFields,
  DATA_CATEGORIES,
  DATA_CATEGORY_INFO,
  isSpecialCategory,
  PERSON_FIELD_CATEGORIES,
  type PersonField,
} from './data-categories.ts';

const PERSON_FIELDS = Object.keys(PERSON_FIELD_CATEGORIES) as PersonField[];

/**
 * Keys of the person API that are not personal fields themselves: identifiers, links, privacy facts
 * and bookkeeping. Any other key is a personal field and must have a data category, so a field added
 * to the API without one fails here.
 */
const NOT_PERSONAL_FIELDS = new Set([
  'id',
  'kind',
  'organization',
  'organizationId',
  'departmentIds',
  'legalBasis',
  'purposes',
  'source',
  'collectedAt',
  'collectedBy',
  'expiresAt',
  'specialCategoryBasis',
  // the person's exercised rights (Art. 18, 21, field locks): privacy facts like the legal basis
  'restriction',
  'marketingObjectionAt',
  'lockedFields',
  'hiddenFields',
  'version',
  'createdAt',
  'updatedAt',
]);
/** Person fields with routes of their own (/persons/{id}/photo), not keys of PersonCreate or Person. */
const OWN_ROUTE_FIELDS = new Set<PersonField>(['photo']);
/** Input keys named differently from the field they write. */
const INPUT_ALIASES: Record<string, PersonField> = { tagIds: 'tags' };

describe('data categories', () => {
  it('are the known ones, each with info', () => {
    expect(DATA_CATEGORIES).toEqual([
      'identity',
      'contact',
      'address',
      'communication',
      'interests',
      'organization',
      'special_health',
      'contract',
      'billing',
      'service',
    ]);
    expect(Object.keys(DATA_CATEGORY_INFO).sort()).toEqual([...DATA_CATEGORIES].sort());
  });

  it.each(DATA_CATEGORIES)('%s has a German and an English label', (category) => {
    const info = DATA_CATEGORY_INFO[category];
    expect(info.de.trim()).not.toBe('');
    expect(info.en.trim()).not.toBe('');
  });

  it('labels are unique per language', () => {
    const de = DATA_CATEGORIES.map((c) => DATA_CATEGORY_INFO[c].de);
    const en = DATA_CATEGORIES.map((c) => DATA_CATEGORY_INFO[c].en);
    expect(new Set(de).size).toBe(de.length);
    expect(new Set(en).size).toBe(en.length);
  });

  it('exactly special_health is a special category, and its labels say Art. 9', () => {
    expect(DATA_CATEGORIES.filter(isSpecialCategory)).toEqual(['special_health']);
    for (const category of DATA_CATEGORIES) {
      const { de, en, special } = DATA_CATEGORY_INFO[category];
      expect(isSpecialCategory(category)).toBe(special);
      expect(de.includes('Art. 9 DSGVO'), `${category} de label`).toBe(special);
      expect(en.includes('Art. 9 GDPR'), `${category} en label`).toBe(special);
    }
  });
});

describe('person fields and their categories', () => {
  it('maps every person field to exactly one known category', () => {
    expect(PERSON_FIELD_CATEGORIES).toEqual({
      firstName: 'identity',
      lastName: 'identity',
      birthDate: 'identity',
      jobTitle: 'identity',
      email: 'contact',
      phone: 'contact',
      address: 'address',
      notes: 'communication',
      tags: 'interests',
      accessibilityNeeds: 'special_health',
      photo: 'identity',
    });
    for (const field of PERSON_FIELDS) expect(DATA_CATEGORIES).toContain(PERSON_FIELD_CATEGORIES[field]);
  });

  it('every personal key a client can write (PersonCreate) has a category', () => {
    const keys = Object.keys(PersonCreate.shape);
    const personal = keys.filter((k) => !NOT_PERSONAL_FIELDS.has(k)).map((k) => INPUT_ALIASES[k] ?? k);
    expect(personal.sort()).toEqual(PERSON_FIELDS.filter((f) => !OWN_ROUTE_FIELDS.has(f)).sort());
  });

  it('every personal key the API returns (Person) has a category', () => {
    const keys = Object.keys(Person.shape);
    const personal = keys.filter((k) => !NOT_PERSONAL_FIELDS.has(k));
    expect(personal.sort()).toEqual(PERSON_FIELDS.filter((f) => !OWN_ROUTE_FIELDS.has(f)).sort());
  });

  it('health data is the only special-category person field', () => {
    expect(PERSON_FIELDS.filter((f) => isSpecialCategory(PERSON_FIELD_CATEGORIES[f]))).toEqual([
      'accessibilityNeeds',
    ]);
  });

  it('categoriesOfPersonFields lists each touched category once, in first-seen order', () => {
    expect(categoriesOfPersonFields([])).toEqual([]);
    expect(categoriesOfPersonFields(['firstName', 'lastName', 'birthDate'])).toEqual(['identity']);
    expect(categoriesOfPersonFields(['email', 'firstName', 'phone', 'accessibilityNeeds'])).toEqual([
      'contact',
      'identity',
      'special_health',
    ]);
    expect(categoriesOfPersonFields(PERSON_FIELDS)).toEqual([
      'identity',
      'contact',
      'address',
      'communication',
      'interests',
      'special_health',
    ]);
  });
});
