import { describe, expect, it } from 'vitest';
import { checkPhone, toE164 } from './phone.ts';

describe('checkPhone', () => {
  it.each([
    ['0171 1234567', undefined, '+491711234567', 'DE', 'mobile'],
    ['+49 171 9876543', undefined, '+491719876543', 'DE', 'mobile'],
    ['030 1234567', undefined, '+49301234567', 'DE', 'fixed'],
    ['030/123 45 67', undefined, '+49301234567', 'DE', 'fixed'],
    ['+49 30 1234567', undefined, '+49301234567', 'DE', 'fixed'],
    ['+49 (0)30 123456', undefined, '+4930123456', 'DE', 'fixed'],
    ['+49 ( 0 ) 30 123456', undefined, '+4930123456', 'DE', 'fixed'],
    ['0049 30 123456', undefined, '+4930123456', 'DE', 'fixed'],
    ['0049-89-7654321', undefined, '+49897654321', 'DE', 'fixed'],
    ['089 765 43 21', undefined, '+49897654321', 'DE', 'fixed'],
    ['+43 1 5123456', undefined, '+4315123456', 'AT', 'fixed'],
    ['+43 664 1234567', undefined, '+436641234567', 'AT', 'mobile'],
    ['0043 664 1234567', undefined, '+436641234567', 'AT', 'mobile'],
    ['0664 1234567', 'AT', '+436641234567', 'AT', 'mobile'],
    ['+41 44 668 18 00', undefined, '+41446681800', 'CH', 'fixed'],
    ['+41 79 123 45 67', undefined, '+41791234567', 'CH', 'mobile'],
    ['044 668 18 00', 'CH', '+41446681800', 'CH', 'fixed'],
  ] as const)('parses %j (region %s) as %s', (input, defaultRegion, e164, country, type) => {
    expect(checkPhone({ input, defaultRegion })).toMatchObject({ valid: true, e164, country, type });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['030 abc', 'not_a_number'],
    ['call me', 'not_a_number'],
    ['+-()', 'not_a_number'],
    ['123', 'invalid'],
    ['+49 1', 'invalid'],
    ['+999 1234567', 'invalid'],
    ['0171 123456789012345', 'invalid'],
  ])('refuses %j (%s)', (input, problem) => {
    expect(checkPhone({ input })).toEqual({ valid: false, problem });
  });

  it('gives the international print form', () => {
    expect(checkPhone({ input: '0171 1234567' })).toMatchObject({ international: '+49 171 1234567' });
  });

  it.each([
    ['0171 1234567', '+491711234567'],
    ['nonsense', null],
  ])('toE164(%j) = %j', (input, expected) => {
    expect(toE164({ input })).toBe(expected);
  });
});
