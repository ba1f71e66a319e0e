import { describe, expect, it } from 'vitest';
import { mapRow } from './apply-mapping.ts';
import type { ColumnMapping } from './mapping.ts';
import { birthDateOf, checkImportedRow, countryCode } from './row-check.ts';

const TODAY = '2026-06-15';
const mapping: ColumnMapping = {
  Vorname: 'firstName',
  Nachname: 'lastName',
  Mail: 'email',
  Tel: 'phone',
  PLZ: 'address.postalCode',
  Land: 'address.country',
  Geb: 'birthDate',
};
const check = (values: Record<string, string>) =>
  checkImportedRow({
    values,
    mapping,
    draft: mapRow({ row: { rowNumber: 2, values }, mapping }),
    region: 'DE',
    today: TODAY,
  });

describe('checkImportedRow', () => {
  it('normalises a good German row: E.164 phone, lower-case domain, ISO birth date, country code', () => {
    const r = check({
      Vorname: 'Jürgen',
      Nachname: 'Müller',
      Mail: 'Juergen@Example.DE',
      Tel: '030 1234567',
      PLZ: '10115',
      Land: 'Deutschland',
      Geb: '29.02.1980',
    });
    expect(r.reasons).toEqual([]);
    expect(r.person).toMatchObject({
      email: 'Juergen@example.de',
      phone: '+49301234567',
      birthDate: '1980-02-29',
      address: { postalCode: '10115', country: 'DE' },
    });
  });

  it('names every problem with a code, never a value', () => {
    const r = check({
      Vorname: '',
      Nachname: 'X',
      Mail: 'kein-at',
      Tel: 'abc',
      PLZ: '1011',
      Geb: '31.02.1980',
    });
    expect(r.reasons.sort()).toEqual(
      ['birth_date_invalid', 'email_invalid', 'name_missing', 'phone_invalid', 'postal_code_invalid'].sort(),
    );
  });

  it('flags formula-like cells in imported columns, but not phone numbers with +', () => {
    expect(check({ Vorname: '=cmd|calc', Nachname: 'X' }).reasons).toContain('formula_like');
    expect(check({ Vorname: 'A', Nachname: 'B', Tel: '+49 30 1234567' }).reasons).toEqual([]);
  });

  it('refuses too long values and birth dates in the future', () => {
    expect(check({ Vorname: 'A'.repeat(101), Nachname: 'B' }).reasons).toEqual(['too_long:firstName']);
    expect(birthDateOf({ value: '2030-01-01', today: TODAY })).toBeNull();
    expect(birthDateOf({ value: '1.3.1975', today: TODAY })).toBe('1975-03-01');
    expect(countryCode({ value: 'at' })).toBe('AT');
    expect(check({ Vorname: 'A', Nachname: 'B', Land: 'Atlantis' }).reasons).toEqual(['country_invalid']);
  });
});
