import { describe, expect, it } from 'vitest';
import type { ColumnMapping } from './mapping.ts';
import { minimiseMapping, purposeNeedsFromDataTypes } from './minimisation.ts';

const columns = [
  'Vorname',
  'Nachname',
  'E-Mail',
  'Telefon',
  'Ort',
  'Geburtsdatum',
  'Bemerkung',
  'Lieblingsfarbe',
];
const mapping: ColumnMapping = {
  Vorname: 'firstName',
  Nachname: 'lastName',
  'E-Mail': 'email',
  Telefon: 'phone',
  Ort: 'address.city',
  Geburtsdatum: 'birthDate',
  Bemerkung: 'notes',
};

describe('minimiseMapping', () => {
  it('keeps only what a declared purpose needs, always the name, and lists the dropped columns', () => {
    const result = minimiseMapping({
      columns,
      mapping,
      purposes: ['newsletter'],
      needs: { newsletter: { fields: ['email'] }, sales: { categories: ['identity', 'contact', 'address'] } },
    });
    expect(result.mapping).toEqual({ Vorname: 'firstName', Nachname: 'lastName', 'E-Mail': 'email' });
    expect(result.dropped).toEqual([
      { column: 'Telefon', target: 'phone' },
      { column: 'Ort', target: 'address.city' },
      { column: 'Geburtsdatum', target: 'birthDate' },
      { column: 'Bemerkung', target: 'notes' },
    ]);
    expect(result.unmapped).toEqual(['Lieblingsfarbe']);
  });

  it('takes the union of the purposes', () => {
    const result = minimiseMapping({
      columns,
      mapping,
      purposes: ['newsletter', 'sales'],
      needs: { newsletter: { fields: ['email'] }, sales: { categories: ['contact', 'address'] } },
    });
    expect(Object.values(result.mapping)).toEqual([
      'firstName',
      'lastName',
      'email',
      'phone',
      'address.city',
    ]);
    expect(result.dropped.map((d) => d.column)).toEqual(['Geburtsdatum', 'Bemerkung']);
  });

  it('drops everything but the name for a purpose nobody declared needs for', () => {
    const result = minimiseMapping({ columns, mapping, purposes: ['unknown'], needs: {} });
    expect(result.mapping).toEqual({ Vorname: 'firstName', Nachname: 'lastName' });
    expect(result.dropped).toHaveLength(5);
  });
});

describe('purposeNeedsFromDataTypes', () => {
  it('collects the categories of the data types of each purpose', () => {
    const needs = purposeNeedsFromDataTypes({
      dataTypes: [
        { purposeId: 'sales', dataCategories: ['identity', 'contact'] },
        { purposeId: 'sales', dataCategories: ['contact', 'communication'] },
        { purposeId: 'newsletter', dataCategories: ['contact'] },
      ],
    });
    expect(needs).toEqual({
      sales: { categories: ['identity', 'contact', 'communication'] },
      newsletter: { categories: ['contact'] },
    });
    const result = minimiseMapping({ columns, mapping, purposes: ['sales'], needs });
    expect(result.dropped.map((d) => d.target)).toEqual(['address.city']);
  });
});
