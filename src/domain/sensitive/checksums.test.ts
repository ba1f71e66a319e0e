import { describe, expect, it } from 'vitest';
import {
  germanDocumentNumberValid,
  icaoCheckDigit,
  luhnValid,
  mod11_10CheckDigit,
  pensionInsuranceNumberValid,
  taxIdValid,
} from './checksums.ts';

describe('luhnValid', () => {
  it.each([
    ['4111111111111111', true],
    ['4532015112830366', true],
    ['371449635398431', true],
    ['6011111111111117', true],
    ['4111111111111112', false],
    ['4000001234567890', false],
    ['4111 1111 1111 1111', false], // digits only
    ['', false],
  ])('%s → %s', (digits, valid) => expect(luhnValid(digits)).toBe(valid));
});

describe('German tax identification number', () => {
  it.each([
    ['86095742719', true], // published example
    ['47036892816', true], // BZSt test number
    ['57204183560', true],
    ['86095742718', false], // wrong check digit
    ['02476291358', false], // leading zero
    ['12345678903', false], // no repeated digit in the first ten
    ['11234567890', true], // 1 twice is allowed
    ['11234567891', false], // same number, wrong check digit
    ['11123456789', false], // a digit three times in a row
    ['1122345678', false], // ten digits only
    ['112233456789', false], // twelve digits
  ])('%s → %s', (value, valid) => expect(taxIdValid(value)).toBe(valid));

  it('computes the ISO 7064 MOD 11,10 check digit', () => {
    expect(mod11_10CheckDigit('8609574271')).toBe(9);
    expect(mod11_10CheckDigit('4703689281')).toBe(6);
  });
});

describe('German pension insurance number', () => {
  it.each([
    ['15070649C103', true], // the example of the Deutsche Rentenversicherung
    ['65170839J003', true],
    ['12010180M514', true],
    ['15070649c103', true], // lower-case letter
    ['15070649C104', false], // wrong check digit
    ['15320649C103', false], // day 32
    ['15071349C103', false], // month 13
    ['150706491103', false], // digit instead of the letter
  ])('%s → %s', (value, valid) => expect(pensionInsuranceNumberValid(value)).toBe(valid));
});

describe('ID card and passport numbers (ICAO 9303)', () => {
  it.each([
    ['T220001293', true], // specimen ID card (old series)
    ['L01X00T471', true], // specimen ID card (2010 series)
    ['C4F7K9R2M6', true],
    ['T220001294', false], // wrong check digit
    ['A220001293', false], // vowel not in the alphabet of German documents
    ['T22000129', false], // too short
  ])('%s → %s', (value, valid) => expect(germanDocumentNumberValid(value)).toBe(valid));

  it('weights 7, 3, 1 with letters as 10 … 35', () => {
    expect(icaoCheckDigit('T22000129')).toBe(3);
    expect(icaoCheckDigit('<<<')).toBe(0);
  });
});
