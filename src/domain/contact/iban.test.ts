import { describe, expect, it } from 'vitest';
import { checkBic, checkIban } from './iban.ts';

describe('checkIban', () => {
  it.each([
    ['DE89370400440532013000', 'DE89 3704 0044 0532 0130 00', 'DE'],
    ['de89 3704 0044 0532 0130 00', 'DE89 3704 0044 0532 0130 00', 'DE'],
    ['IBAN: DE89 3704 0044 0532 0130 00', 'DE89 3704 0044 0532 0130 00', 'DE'],
    ['AT61 1904 3002 3457 3201', 'AT61 1904 3002 3457 3201', 'AT'],
    ['CH93 0076 2011 6238 5295 7', 'CH93 0076 2011 6238 5295 7', 'CH'],
    ['GB29 NWBK 6016 1331 9268 19', 'GB29 NWBK 6016 1331 9268 19', 'GB'],
  ])('accepts %j, printed %j', (input, formatted, country) => {
    expect(checkIban({ input })).toEqual({
      valid: true,
      electronic: formatted.replace(/ /g, ''),
      formatted,
      country,
    });
  });

  it.each([
    ['', 'empty'],
    ['  ', 'empty'],
    ['DE89370400440532013001', 'wrong_checksum'],
    ['DE8937040044053201300', 'wrong_length'],
    ['DE893704004405320130000', 'wrong_length'],
    ['XX89370400440532013000', 'unknown_country'],
  ])('refuses %j (%s)', (input, problem) => {
    expect(checkIban({ input })).toEqual({ valid: false, problem });
  });
});

describe('checkBic', () => {
  it.each([
    ['COBADEFFXXX', true, 'COBADEFFXXX'],
    ['cobadeff', true, 'COBADEFF'],
    ['BYLA DEM1 001', true, 'BYLADEM1001'],
    ['COBA', false, 'COBA'],
    ['12345678', false, '12345678'],
    ['', false, ''],
  ])('checkBic(%j) valid=%s', (input, valid, normalized) => {
    expect(checkBic({ input })).toEqual({ valid, normalized });
  });
});
