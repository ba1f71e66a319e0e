import { describe, expect, it } from 'vitest';
import { cardNumberValid, detectIdentifiers, ibanValid, knownIin } from './identifiers.ts';
import type { IdentifierKind } from './types.ts';

const found = (text: string) => detectIdentifiers({ text }).map((h) => [h.kind, text.slice(h.start, h.end)]);

describe('detectIdentifiers', () => {
  it.each<[string, [IdentifierKind, string][]]>([
    ['IBAN DE44 5001 0517 5407 3249 31 bitte', [['iban', 'DE44 5001 0517 5407 3249 31']]],
    ['IBAN DE44500105175407324931.', [['iban', 'DE44500105175407324931']]],
    ['iban de44500105175407324931 lower case', [['iban', 'de44500105175407324931']]],
    ['DE89 3704 0044 0532 0130 00 BIC COBADEFFXXX', [['iban', 'DE89 3704 0044 0532 0130 00']]],
    ['GB29 NWBK 6016 1331 9268 19', [['iban', 'GB29 NWBK 6016 1331 9268 19']]],
    ['DE44 5001 0517 5407 3249 32 (wrong check digits)', []],
    ['Visa 4111 1111 1111 1111, 12/27', [['payment_card', '4111 1111 1111 1111']]],
    ['MC 5425-2334-3010-9903', [['payment_card', '5425-2334-3010-9903']]],
    ['Amex 371449635398431', [['payment_card', '371449635398431']]],
    ['card 4111111111111111 123', [['payment_card', '4111111111111111']]], // CVV after it
    ['order 4000 0012 3456 7890', []], // fails Luhn
    ['tracking 00340434161094042557', []], // 20 digits
    ['reference 1234567890123452', []], // Luhn ok but no card network starts with 1
    ['Steuer-ID 86 095 742 719', [['tax_id', '86 095 742 719']]],
    ['IdNr 86095742719', [['tax_id', '86095742719']]],
    ['Kundennummer 86095742718', []],
    ['Tel. 01711234567', []], // leading zero
    ['RVNR 15 070649 C 103', [['pension_insurance_number', '15 070649 C 103']]],
    ['SV-Nr. 15070649C103', [['pension_insurance_number', '15070649C103']]],
    ['15070649C104', []],
    ['Personalausweis T220001293', [['id_document', 'T220001293']]],
    ['passport no. L01X00T471', [['id_document', 'L01X00T471']]],
    ['Seriennummer T220001293', []], // no ID keyword: a product code with a lucky check digit
    ['+49 30 12345678, 12.03.2025, 10:30', []],
  ])('%s', (text, expected) => expect(found(text)).toEqual(expected));

  it('gives checksum-validated hits a high confidence and a tax id without keyword a lower one', () => {
    const [withKeyword] = detectIdentifiers({ text: 'Steuer-ID 86095742719' });
    const [without] = detectIdentifiers({ text: 'Nummer 86095742719' });
    expect(withKeyword?.confidence).toBeGreaterThan(without!.confidence);
    expect(detectIdentifiers({ text: 'DE44500105175407324931' })[0]).toMatchObject({
      category: 'billing',
      ruleId: 'identifier.iban.ibantools',
      confidence: 0.99,
    });
  });
});

describe('validators', () => {
  it.each([
    ['DE44500105175407324931', true],
    ['de44500105175407324931', true],
    ['DE4450010517540732493', false],
    ['XX00', false],
  ])('ibanValid(%s) → %s', (v, ok) => expect(ibanValid(v)).toBe(ok));

  it.each([
    ['4111111111111111', true], // Visa 16
    ['4222222222222', true], // Visa 13
    ['5555555555554444', true], // Mastercard
    ['2223000048400011', true], // Mastercard 2-series
    ['30569309025904', true], // Diners 14
    ['3530111333300000', true], // JCB
    ['6212345678901232', true], // UnionPay
    ['371449635398431', true], // Amex 15
    ['3714496353984310', false], // Amex with 16 digits
    ['9111111111111111', false], // unknown network
  ])('cardNumberValid(%s) → %s', (v, ok) => expect(cardNumberValid(v)).toBe(ok));

  it('knows the issuer ranges by length', () => {
    expect(knownIin('4111111111111111')).toBe(true);
    expect(knownIin('41111111111111')).toBe(false);
  });
});
