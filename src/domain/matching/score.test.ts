import { describe, expect, it } from 'vitest';
import { compareDate, isSingleTypo } from './compare.ts';
import { prepareRecord } from './prepare.ts';
import { DEFAULT_MATCH_THRESHOLD, scorePair } from './score.ts';
import type { MatchRecord } from './types.ts';

const base: MatchRecord = {
  id: 'a',
  firstName: 'Jürgen',
  lastName: 'Müller',
  street: 'Hauptstraße',
  houseNumber: '12a',
  postalCode: '10115',
  city: 'Berlin',
  birthDate: '1970-03-14',
  email: 'juergen.mueller@web.de',
  phone: '030 1234567',
};

const score = (a: MatchRecord, b: MatchRecord) =>
  scorePair({ a: prepareRecord({ record: a }), b: prepareRecord({ record: b }) });
const variant = (change: Partial<MatchRecord>, remove: (keyof MatchRecord)[] = []) => {
  const r: MatchRecord = { ...base, id: 'b', ...change };
  for (const k of remove) delete r[k];
  return r;
};

describe('scorePair: the same person written differently matches', () => {
  it.each<[string, MatchRecord]>([
    ['umlauts transliterated', variant({ firstName: 'Juergen', lastName: 'Mueller' })],
    [
      'upper case, no e-mail, no phone',
      variant({ firstName: 'JÜRGEN', lastName: 'MÜLLER' }, ['email', 'phone']),
    ],
    ['Str. for Straße, "12 a"', variant({ street: 'Hauptstr.', houseNumber: '12 a' }, ['email'])],
    [
      'street with number in one field',
      variant({ street: 'Hauptstrasse 12a', houseNumber: '' }, ['email', 'phone']),
    ],
    ['first and last name swapped', variant({ firstName: 'Müller', lastName: 'Jürgen' }, ['email', 'phone'])],
    ['typo in the surname', variant({ lastName: 'Müler' }, ['email', 'phone'])],
    ['typo in the first name', variant({ firstName: 'Jügren' }, ['email', 'phone'])],
    ['day and month swapped', variant({ birthDate: '19701403' }, ['email'])],
    ['birth date as YYYYMMDD', variant({ birthDate: '19700314' }, ['email', 'phone'])],
    ['one digit of the birth date wrong', variant({ birthDate: '1971-03-14' }, ['email', 'phone'])],
    [
      'moved to another city, same birth date',
      variant({ street: 'Lindenweg', houseNumber: '3', postalCode: '80331', city: 'München' }, [
        'email',
        'phone',
      ]),
    ],
    ['no birth date, same address', variant({}, ['birthDate', 'email', 'phone'])],
  ])('%s', (_, b) => {
    const result = score(base, b);
    expect(result.score).toBeGreaterThanOrEqual(DEFAULT_MATCH_THRESHOLD);
  });

  it.each<[string, string, string]>([
    ['Meier', 'Meyer', 'phonetic'],
    ['Meier', 'Maier', 'phonetic'],
    ['Mayer', 'Meier', 'phonetic'],
    ['Schmidt', 'Schmitt', 'phonetic'],
    ['Weiß', 'Weiss', 'exact'],
  ])('%s and %s agree (%s) and match', (a, b, level) => {
    const result = score(
      variant({ lastName: a }, ['email', 'phone']),
      variant({ lastName: b }, ['email', 'phone']),
    );
    expect(result.contributions.find((c) => c.field === 'lastName')?.level).toBe(level);
    expect(result.score).toBeGreaterThanOrEqual(DEFAULT_MATCH_THRESHOLD);
  });

  it('explains itself: one contribution per field, summing to the score, swap flagged', () => {
    const result = score(base, variant({ firstName: 'Müller', lastName: 'Jürgen' }));
    expect(result.namesSwapped).toBe(true);
    expect(result.contributions.map((c) => c.field)).toContain('birthDate');
    const total = result.contributions.reduce((s, c) => s + c.weight, 0);
    expect(result.score).toBeCloseTo(total, 2);
    expect(result.contributions.find((c) => c.field === 'birthDate')).toEqual({
      field: 'birthDate',
      level: 'exact',
      weight: 5,
    });
  });
});

describe('scorePair: different people do not match', () => {
  it.each<[string, MatchRecord, MatchRecord]>([
    [
      'same common name, other birth date and address',
      {
        id: 'a',
        firstName: 'Thomas',
        lastName: 'Müller',
        postalCode: '10115',
        city: 'Berlin',
        street: 'Hauptstraße',
        houseNumber: '1',
        birthDate: '1965-01-02',
      },
      {
        id: 'b',
        firstName: 'Thomas',
        lastName: 'Müller',
        postalCode: '50667',
        city: 'Köln',
        street: 'Domstraße',
        houseNumber: '9',
        birthDate: '1988-07-21',
      },
    ],
    [
      'same common name and city, other birth date',
      {
        id: 'a',
        firstName: 'Anna',
        lastName: 'Schmidt',
        postalCode: '10115',
        city: 'Berlin',
        birthDate: '1970-05-05',
      },
      {
        id: 'b',
        firstName: 'Anna',
        lastName: 'Schmidt',
        postalCode: '10117',
        city: 'Berlin',
        birthDate: '1982-11-30',
      },
    ],
    [
      'household member: same surname, address and landline',
      { ...base, email: undefined },
      { ...base, id: 'b', firstName: 'Sabine', birthDate: '1972-08-09', email: 'sabine.mueller@gmx.de' },
    ],
    [
      'household member without birth date',
      { ...base, id: 'a', email: undefined, birthDate: undefined },
      { ...base, id: 'b', firstName: 'Sabine', email: undefined },
    ],
    [
      'Meier and Müller with the same first name and city',
      {
        id: 'a',
        firstName: 'Peter',
        lastName: 'Meier',
        postalCode: '20095',
        city: 'Hamburg',
        birthDate: '1950-01-01',
      },
      {
        id: 'b',
        firstName: 'Peter',
        lastName: 'Müller',
        postalCode: '20095',
        city: 'Hamburg',
        birthDate: '1961-06-15',
      },
    ],
  ])('%s', (_, a, b) => {
    expect(score(a, b).score).toBeLessThan(DEFAULT_MATCH_THRESHOLD);
  });
});

describe('compare', () => {
  it.each([
    ['19700314', '19700314', 'exact'],
    ['19700314', '19701403', 'swapped'],
    ['19700314', '19710314', 'typo'],
    ['19700314', '19700341', 'typo'],
    ['19700314', '19820101', 'different'],
    ['', '19820101', 'missing'],
  ])('dates %s / %s → %s', (a, b, level) => expect(compareDate({ a, b })).toBe(level));

  it.each([
    ['1234', '1234', true],
    ['1234', '1243', true],
    ['1234', '1235', true],
    ['1234', '4321', false],
    ['1234', '12345', false],
  ])('single typo %s / %s → %s', (a, b, expected) => expect(isSingleTypo(a, b)).toBe(expected));
});
