import { describe, expect, it } from 'vitest';
import { mapRow, splitFullName } from './apply-mapping.ts';
import type { ColumnMapping } from './mapping.ts';

describe('mapRow', () => {
  const mapping: ColumnMapping = {
    Vorname: 'firstName',
    Nachname: 'lastName',
    'E-Mail': 'email',
    Straße: 'address.street',
    Hausnummer: 'address.houseNumber',
    PLZ: 'address.postalCode',
    Ort: 'address.city',
    Schlagworte: 'tags',
    Firma: 'organization',
  };

  it('builds a person draft: address put together, tags split, empty cells and unmapped columns left out', () => {
    const row = {
      rowNumber: 2,
      values: {
        Vorname: 'Jürgen',
        Nachname: 'Müller',
        'E-Mail': '',
        Straße: 'Hauptstraße',
        Hausnummer: '5a',
        PLZ: '10115',
        Ort: 'Berlin',
        Schlagworte: 'VIP; Messe 2025, ',
        Firma: 'Bäckerei Müller GmbH',
        Lieblingsfarbe: 'blau',
      },
    };
    expect(mapRow({ row, mapping })).toEqual({
      firstName: 'Jürgen',
      lastName: 'Müller',
      organization: 'Bäckerei Müller GmbH',
      tags: ['VIP', 'Messe 2025'],
      address: { street: 'Hauptstraße 5a', postalCode: '10115', city: 'Berlin' },
    });
  });

  it('has no address when no address column has a value', () => {
    const row = { rowNumber: 3, values: { Vorname: 'A', Nachname: 'B', Straße: '', Ort: '' } };
    expect(mapRow({ row, mapping })).toEqual({ firstName: 'A', lastName: 'B' });
  });

  it('splits a full name only when the name parts are not mapped', () => {
    const row = {
      rowNumber: 1,
      values: { FN: 'Dr. Jürgen Müller', 'N.given': 'Jürgen', 'N.family': 'Müller' },
    };
    expect(mapRow({ row, mapping: { FN: 'fullName' } })).toEqual({ firstName: 'Jürgen', lastName: 'Müller' });
    expect(
      mapRow({ row, mapping: { FN: 'fullName', 'N.given': 'firstName', 'N.family': 'lastName' } }),
    ).toEqual({
      firstName: 'Jürgen',
      lastName: 'Müller',
    });
  });
});

describe('splitFullName', () => {
  it.each([
    ['Müller, Jürgen', { firstName: 'Jürgen', lastName: 'Müller' }],
    ['Dr. Jürgen Müller', { firstName: 'Jürgen', lastName: 'Müller' }],
    ['Frau Prof. Anna Maria  Schmidt', { firstName: 'Anna Maria', lastName: 'Schmidt' }],
    ['Madonna', { lastName: 'Madonna' }],
    ['Herr', { lastName: 'Herr' }],
    ['Weiß,', { lastName: 'Weiß' }],
    ['  ', {}],
  ])('%j → %j', (fullName, expected) => expect(splitFullName({ fullName })).toEqual(expected));
});
