import { describe, expect, it } from 'vitest';
import {
  isPlausibleBirthDate,
  isStale,
  percent,
  type QualityPerson,
  staleCutoff,
  validityFindings,
} from './rules.ts';

const NOW = new Date('2026-12-03T10:00:00Z');
const person = (p: Partial<QualityPerson>): QualityPerson => ({
  email: null,
  phone: null,
  postalCode: null,
  city: null,
  country: null,
  birthDate: null,
  ...p,
});
const problems = (p: Partial<QualityPerson>) =>
  validityFindings({ person: person(p), now: NOW, region: 'DE' }).map((f) => f.problem);

describe('validity rules', () => {
  it('accepts clean data and says nothing about empty fields', () => {
    expect(
      problems({
        email: 'anna@example.de',
        phone: '+49301234567',
        postalCode: '10115',
        city: 'Berlin',
        birthDate: '1980-02-29',
      }),
    ).toEqual([]);
    expect(problems({})).toEqual([]);
  });

  it('finds broken and disposable e-mail addresses', () => {
    expect(problems({ email: 'anna..m@example.de' })).toEqual(['email_invalid']);
    expect(problems({ email: 'no-at-sign' })).toEqual(['email_invalid']);
    expect(problems({ email: 'x@mailinator.com' })).toEqual(['email_disposable']);
  });

  it('finds phone numbers that do not parse or are not stored in E.164', () => {
    expect(problems({ phone: '12' })).toEqual(['phone_invalid']);
    expect(problems({ phone: '030 1234567' })).toEqual(['phone_not_e164']);
  });

  it('checks German postal codes against the city, umlauts and spelling aside', () => {
    expect(problems({ postalCode: '10115', city: 'Hamburg' })).toEqual(['postal_code_city_mismatch']);
    expect(problems({ postalCode: '80331', city: 'Muenchen' })).toEqual([]);
    expect(problems({ postalCode: '80331', city: 'MÜNCHEN' })).toEqual([]);
    expect(problems({ postalCode: '1011' })).toEqual(['postal_code_invalid']);
    expect(problems({ postalCode: '00000' })).toEqual(['postal_code_unknown']);
    expect(problems({ postalCode: '1010', country: 'AT', city: 'Wien' })).toEqual([]);
  });

  it('flags implausible birth dates on a fixed clock', () => {
    expect(isPlausibleBirthDate({ birthDate: '2026-12-03', now: NOW })).toBe(true);
    expect(isPlausibleBirthDate({ birthDate: '2026-12-04', now: NOW })).toBe(false);
    expect(isPlausibleBirthDate({ birthDate: '1906-12-03', now: NOW })).toBe(true);
    expect(isPlausibleBirthDate({ birthDate: '1906-12-02', now: NOW })).toBe(false);
    expect(isPlausibleBirthDate({ birthDate: '2025-02-29', now: NOW })).toBe(false);
    expect(problems({ birthDate: '1850-01-01' })).toEqual(['birth_date_implausible']);
  });
});

describe('staleness', () => {
  it('goes back whole calendar months, clamping to the month end', () => {
    expect(staleCutoff({ now: NOW, months: 24 }).toISOString()).toBe('2024-12-03T10:00:00.000Z');
    expect(staleCutoff({ now: new Date('2026-03-31T00:00:00Z'), months: 1 }).toISOString()).toBe(
      '2026-02-28T00:00:00.000Z',
    );
  });

  it('counts verification, the last contact and the collection', () => {
    const base = { now: NOW, months: 24, verifiedAt: null, lastContactAt: null };
    const old = new Date('2024-12-02T00:00:00Z');
    const recent = new Date('2025-01-01T00:00:00Z');
    expect(isStale({ ...base, collectedAt: old })).toBe(true);
    expect(isStale({ ...base, collectedAt: recent })).toBe(false);
    expect(isStale({ ...base, collectedAt: old, verifiedAt: recent })).toBe(false);
    expect(isStale({ ...base, collectedAt: old, lastContactAt: recent })).toBe(false);
    expect(isStale({ ...base, months: 6, collectedAt: recent })).toBe(true);
  });

  it('gives shares in percent with one decimal', () => {
    expect(percent({ part: 1, total: 3 })).toBe(33.3);
    expect(percent({ part: 0, total: 0 })).toBeNull();
  });
});
