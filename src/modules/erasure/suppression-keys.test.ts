import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  normaliseEmail,
  normalisePhone,
  suppressionHash,
  suppressionHashes,
  suppressionKey,
} from './suppression-keys.ts';

describe('suppression keys', () => {
  it.each([
    ['  Anna.Mueller@Example.DE ', 'anna.mueller@example.de'],
    ['anna@example.de', 'anna@example.de'],
    ['   ', null],
    [null, null],
    [undefined, null],
  ])('normalises the e-mail %j to %j', (input, expected) => {
    expect(normaliseEmail(input)).toBe(expected);
  });

  it.each([
    ['+49 30 1234567', 'DE', '+49301234567'],
    ['+49 (0)30 123-4567', 'DE', '+49301234567'],
    ['0049 30 1234567', 'DE', '+49301234567'],
    ['030 1234567', 'DE', '+49301234567'],
    ['030/123 45 67', 'DE', '+49301234567'],
    ['01 5123456', 'AT', '+4315123456'],
    ['1234567', 'DE', '1234567'],
    ['12', 'DE', null],
    ['', 'DE', null],
    [null, 'DE', null],
  ] as const)('normalises the phone %j (%s) to %j', (input, jurisdiction, expected) => {
    expect(normalisePhone(input, jurisdiction)).toBe(expected);
  });

  it('hashes with a key per tenant: same input, same tenant → same hash; other tenant → other hash', () => {
    const auditKey = randomBytes(32);
    const a = suppressionKey(auditKey, 'tenant-a');
    const b = suppressionKey(auditKey, 'tenant-b');
    expect(suppressionHash(a, 'email', 'x@example.de')).toBe(suppressionHash(a, 'email', 'x@example.de'));
    expect(suppressionHash(a, 'email', 'x@example.de')).not.toBe(suppressionHash(b, 'email', 'x@example.de'));
    expect(suppressionHash(a, 'email', 'x@example.de')).toMatch(/^[0-9a-f]{64}$/);
    // the kind is part of the hashed input
    expect(suppressionHash(a, 'email', '123')).not.toBe(suppressionHash(a, 'phone', '123'));
  });

  it('gives one entry per present value, equal for differently written equal values', () => {
    const key = suppressionKey(randomBytes(32), 't');
    const one = suppressionHashes(key, { email: 'Anna@Example.de', phone: '030 1234567' });
    const two = suppressionHashes(key, { email: ' anna@example.de', phone: '+49 30 1234567' });
    expect(one.map((h) => h.kind)).toEqual(['email', 'phone']);
    expect(one).toEqual(two);
    expect(suppressionHashes(key, { email: null, phone: undefined })).toEqual([]);
    expect(JSON.stringify(one)).not.toContain('anna');
  });
});
