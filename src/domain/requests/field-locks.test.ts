import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../permissions/roles.ts';
import { PERSON_FIELD_CATEGORIES } from '../privacy/data-categories.ts';
import {
  categoryOfLockableField,
  clearingPatch,
  firstLockedWrite,
  isLockableField,
  LOCKABLE_FIELDS,
  type LockableField,
  lockableFieldOf,
  mayManageFieldLock,
  purposesAfterObjection,
} from './field-locks.ts';

describe('lockable fields', () => {
  it('are the kinds of data a person may refuse, photo reserved; never names or record facts', () => {
    expect([...LOCKABLE_FIELDS].sort()).toEqual(
      [
        'accessibilityNeeds',
        'address',
        'birthDate',
        'email',
        'jobTitle',
        'notes',
        'phone',
        'photo',
        'tags',
      ].sort(),
    );
    for (const field of ['firstName', 'lastName', 'purposes', 'legalBasis', 'kind', 'version'])
      expect(isLockableField(field)).toBe(false);
  });

  it('every lockable field except the photo is a person field with a data category', () => {
    for (const field of LOCKABLE_FIELDS.filter((f) => f !== 'photo'))
      expect(Object.keys(PERSON_FIELD_CATEGORIES)).toContain(field);
    expect(categoryOfLockableField('photo')).toBe('identity');
    expect(categoryOfLockableField('accessibilityNeeds')).toBe('special_health');
  });
});

describe('which input keys write which lockable field', () => {
  it.each([
    ['birthDate', 'birthDate'],
    ['jobTitle', 'jobTitle'],
    ['email', 'email'],
    ['phone', 'phone'],
    ['address', 'address'],
    ['notes', 'notes'],
    ['tagIds', 'tags'],
    ['tags', 'tags'],
    ['accessibilityNeeds', 'accessibilityNeeds'],
    ['specialCategoryBasis', 'accessibilityNeeds'],
    ['photo', 'photo'],
    ['firstName', null],
    ['lastName', null],
    ['purposes', null],
    ['legalBasis', null],
    ['departmentIds', null],
    ['version', null],
  ])('%s → %s', (key, field) => {
    expect(lockableFieldOf(key)).toBe(field);
  });
});

describe('firstLockedWrite', () => {
  it.each<[string, string[], string[], { key: string; field: LockableField } | null]>([
    ['no locks', ['birthDate', 'email'], [], null],
    ['a write outside the locks', ['firstName', 'email'], ['birthDate'], null],
    [
      'the locked field itself',
      ['firstName', 'birthDate'],
      ['birthDate'],
      { key: 'birthDate', field: 'birthDate' },
    ],
    ['tags through tagIds', ['tagIds'], ['tags'], { key: 'tagIds', field: 'tags' }],
    [
      'health data through its Art. 9 condition alone',
      ['specialCategoryBasis'],
      ['accessibilityNeeds'],
      { key: 'specialCategoryBasis', field: 'accessibilityNeeds' },
    ],
    ['the first offending key', ['notes', 'phone'], ['phone', 'notes'], { key: 'notes', field: 'notes' }],
    ['a locked photo does not block names', ['firstName', 'lastName'], ['photo'], null],
  ])('%s', (_label, keys, locked, expected) => {
    expect(firstLockedWrite(keys, locked)).toEqual(expected);
  });
});

describe('clearingPatch: locking empties the field', () => {
  it.each<[LockableField, Record<string, unknown>]>([
    ['birthDate', { birthDate: null }],
    ['jobTitle', { jobTitle: null }],
    ['email', { email: null }],
    ['phone', { phone: null }],
    ['address', { address: null }],
    ['notes', { notes: null }],
    ['tags', { tagIds: [] }],
    ['accessibilityNeeds', { accessibilityNeeds: null, specialCategoryBasis: null }],
    ['photo', {}],
  ])('%s', (field, patch) => {
    expect(clearingPatch(field)).toEqual(patch);
  });

  it('every key it writes is one the lock then refuses', () => {
    for (const field of LOCKABLE_FIELDS)
      for (const key of Object.keys(clearingPatch(field))) expect(lockableFieldOf(key)).toBe(field);
  });
});

describe('mayManageFieldLock', () => {
  const expected: Record<Role, (field: LockableField) => boolean> = {
    dpo: () => true,
    admin: (field) => field !== 'accessibilityNeeds',
    sales: () => false,
    marketing: () => false,
    support: () => false,
    accounting: () => false,
    readonly: () => false,
  };
  for (const role of ROLES)
    for (const field of LOCKABLE_FIELDS)
      it(`${role} × ${field}`, () => expect(mayManageFieldLock(role, field)).toBe(expected[role](field)));
});

describe('purposesAfterObjection (Art. 21)', () => {
  it.each([
    [['sales', 'marketing'], { purposes: ['sales'], removed: ['marketing'], onlyMarketing: false }],
    [
      ['newsletter', 'customer_service', 'marketing'],
      { purposes: ['customer_service'], removed: ['newsletter', 'marketing'], onlyMarketing: false },
    ],
    [['sales'], { purposes: ['sales'], removed: [], onlyMarketing: false }],
    [['marketing'], { purposes: ['marketing'], removed: [], onlyMarketing: true }],
  ])('%j', (purposes, result) => {
    expect(purposesAfterObjection(purposes)).toEqual(result);
  });
});
