import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { PERSON_FIELD_CATEGORIES } from '../privacy/data-categories.ts';
import { IMPORT_TARGETS, mappingIssues, suggestMapping, validateMapping } from './mapping.ts';

describe('suggestMapping', () => {
  it('maps German Excel headers', () => {
    const columns = [
      'Vorname',
      'Nachname',
      'E-Mail',
      'Telefon',
      'Straße',
      'Hausnummer',
      'PLZ',
      'Ort',
      'Geburtsdatum',
      'Firma',
      'Bemerkung',
      'Lieblingsfarbe',
    ];
    expect(suggestMapping({ columns })).toEqual({
      mapping: {
        Vorname: 'firstName',
        Nachname: 'lastName',
        'E-Mail': 'email',
        Telefon: 'phone',
        Straße: 'address.street',
        Hausnummer: 'address.houseNumber',
        PLZ: 'address.postalCode',
        Ort: 'address.city',
        Geburtsdatum: 'birthDate',
        Firma: 'organization',
        Bemerkung: 'notes',
      },
      unmapped: ['Lieblingsfarbe'],
    });
  });

  it.each([
    ['First Name', 'firstName'],
    ['last_name', 'lastName'],
    ['E-mail Address', 'email'],
    ['Mobile', 'phone'],
    ['ZIP', 'address.postalCode'],
    ['Company', 'organization'],
    ['Date of Birth', 'birthDate'],
    ['  STRASSE ', 'address.street'],
    ['N.given', 'firstName'],
    ['N.family', 'lastName'],
    ['ADR.postalCode', 'address.postalCode'],
    ['FN', 'fullName'],
  ])('%j → %s', (column, target) =>
    expect(suggestMapping({ columns: [column] }).mapping).toEqual({ [column]: target }),
  );

  it('maps a field once: the first column wins, the second stays unmapped', () => {
    expect(suggestMapping({ columns: ['E-Mail', 'email (2)'] })).toEqual({
      mapping: { 'E-Mail': 'email' },
      unmapped: ['email (2)'],
    });
  });
});

describe('mappingIssues / validateMapping', () => {
  const columns = ['Vorname', 'Nachname', 'Mail', 'Mail 2', 'Name komplett'];

  it('accepts a mapping with both name parts, or a full name', () => {
    expect(
      mappingIssues({ columns, mapping: { Vorname: 'firstName', Nachname: 'lastName', Mail: 'email' } }),
    ).toEqual([]);
    expect(mappingIssues({ columns, mapping: { 'Name komplett': 'fullName' } })).toEqual([]);
  });

  it.each([
    [{ Vorname: 'firstName' }, [{ code: 'name_not_mapped' }]],
    [{ 'Name komplett': 'fullName', Fax: 'phone' }, [{ code: 'unknown_column', column: 'Fax' }]],
    [
      { 'Name komplett': 'fullName', Mail: 'salary' },
      [{ code: 'unknown_target', column: 'Mail', target: 'salary' }],
    ],
    [
      { 'Name komplett': 'fullName', Mail: 'email', 'Mail 2': 'email' },
      [{ code: 'target_twice', target: 'email', columns: ['Mail', 'Mail 2'] }],
    ],
  ])('%j → %j', (mapping, issues) => {
    expect(mappingIssues({ columns, mapping })).toEqual(issues);
    try {
      validateMapping({ columns, mapping });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('import_mapping_invalid');
      expect((e as AppError).details).toEqual({ issues });
    }
  });

  it('gives every import target the data category of its person field', () => {
    for (const [target, category] of Object.entries(IMPORT_TARGETS)) {
      const field = target.startsWith('address.') ? 'address' : target === 'fullName' ? 'lastName' : target;
      if (target !== 'organization')
        expect(category).toBe(PERSON_FIELD_CATEGORIES[field as keyof typeof PERSON_FIELD_CATEGORIES]);
    }
    expect(IMPORT_TARGETS.organization).toBe('organization');
  });
});
