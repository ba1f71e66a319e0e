import { describe, expect, it } from 'vitest';
import {
  nameCore,
  normaliseBirthDate,
  normaliseHouseNumber,
  normaliseName,
  normalisePhone,
  normaliseStreet,
  parseAddress,
} from './normalise.ts';
import { cologne } from './phonetic.ts';

describe('normaliseName', () => {
  it.each([
    ['Müller', 'Mueller'],
    ['MÜLLER', 'müller'],
    ['Weiß', 'Weiss'],
    ['Groß', 'GROSS'],
    ['Hans-Peter', 'Hans Peter'],
    ['Renée', 'Renee'],
    ['Zoë', 'Zoe'],
    ['Jürgen', 'Juergen'],
    ['von der Heide', 'Von der Heide'],
  ])('%s = %s', (a, b) => expect(normaliseName(a)).toBe(normaliseName(b)));

  it.each([
    ['Müller', 'Muller'],
    ['Meier', 'Meyer'],
  ])('%s ≠ %s as text', (a, b) => expect(normaliseName(a)).not.toBe(normaliseName(b)));

  it('keeps particles in the name and drops them from the core', () => {
    expect(normaliseName('van Dijk')).toBe('vandijk');
    expect(nameCore('von Müller')).toBe('mueller');
    expect(nameCore('de')).toBe('de');
  });
});

describe('Kölner Phonetik', () => {
  it.each([
    ['Meier', 'Meyer'],
    ['Meier', 'Maier'],
    ['Mayer', 'Maier'],
    ['Müller', 'Mueller'],
    ['Schmidt', 'Schmitt'],
    ['Philipp', 'Filip'],
  ])('%s and %s share a code', (a, b) => expect(cologne(nameCore(a))).toBe(cologne(nameCore(b))));

  it.each([
    ['Meier', 'Müller'],
    ['Schmidt', 'Schneider'],
  ])('%s and %s do not', (a, b) => expect(cologne(nameCore(a))).not.toBe(cologne(nameCore(b))));
});

describe('streets and house numbers', () => {
  it.each([
    ['Hauptstraße', 'hauptstrasse'],
    ['Hauptstr.', 'hauptstrasse'],
    ['Hauptstrasse', 'hauptstrasse'],
    ['Haupt-Straße', 'hauptstrasse'],
    ['Haupt Str', 'hauptstrasse'],
    ['Schloßstraße', 'schlossstrasse'],
    ['Am Markt', 'am markt'],
    ['Große Str.', 'grossestrasse'],
  ])('%s → %s', (input, expected) => expect(normaliseStreet(input)).toBe(expected));

  it.each([
    ['12a', '12a'],
    ['12 a', '12a'],
    ['12A', '12a'],
    ['12-14', '12'],
    ['007', '7'],
    ['', ''],
  ])('house number %s → %s', (input, expected) => expect(normaliseHouseNumber(input)).toBe(expected));

  it.each([
    [{ street: 'Hauptstr. 12a' }, { street: 'hauptstrasse', houseNumber: '12a' }],
    [{ street: 'Lindenweg 3 B' }, { street: 'lindenweg', houseNumber: '3b' }],
    [
      { street: 'Am Markt', houseNumber: '5' },
      { street: 'am markt', houseNumber: '5' },
    ],
    [{ street: 'Straße des 17. Juni 4' }, { street: 'strasse des 17 juni', houseNumber: '4' }],
  ])('parses %o', (input, expected) => expect(parseAddress(input)).toEqual(expected));
});

describe('dates and phones', () => {
  it.each([
    ['1970-03-01', '19700301'],
    ['19700301', '19700301'],
    ['1.3.1970', '19700301'],
    ['01.03.1970', '19700301'],
    ['unknown', ''],
    [undefined, ''],
  ])('birth date %s → %s', (input, expected) => expect(normaliseBirthDate(input)).toBe(expected));

  it.each([
    ['+49 30 1234567', '301234567'],
    ['0049 30 1234567', '301234567'],
    ['030/1234567', '301234567'],
    ['', ''],
  ])('phone %s → %s', (input, expected) => expect(normalisePhone(input)).toBe(expected));
});
