import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import {
  germanDocumentNumberValid,
  luhnValid,
  pensionInsuranceNumberValid,
  taxIdValid,
} from './checksums.ts';
import { type IdentifierKind, KIND_CATEGORY, type SensitiveHit } from './types.ts';

/**
 * Identifiers in free text, each found by a loose pattern and kept only when its check digit (and
 * where there is one, its structure) is valid. Candidates that run on into the next token are cut
 * back group by group ("DE89 3704 0044 0532 0130 00 BIC …"), so a valid number followed by more
 * digits or letters is still found.
 */

type Candidate = { start: number; end: number; groups: { start: number; end: number }[] };

const candidates = (text: string, regex: RegExp): Candidate[] =>
  [...text.matchAll(regex)].map((m) => {
    const groups = [...m[0].matchAll(/[^\s-]+/g)].map((g) => ({
      start: m.index + g.index,
      end: m.index + g.index + g[0].length,
    }));
    return { start: m.index, end: m.index + m[0].length, groups };
  });

/** The longest run of leading groups whose compact form passes `valid`. */
const longestValidPrefix = (text: string, c: Candidate, valid: (compact: string) => boolean) => {
  for (let n = c.groups.length; n >= 1; n--) {
    const end = c.groups[n - 1]!.end;
    const compact = text.slice(c.start, end).replace(/[\s-]/g, '');
    if (valid(compact)) return { start: c.start, end };
  }
  return null;
};

const near = (text: string, start: number, keywords: RegExp) =>
  keywords.test(text.slice(Math.max(0, start - 60), start));

const hit = (
  kind: IdentifierKind,
  span: { start: number; end: number },
  confidence: number,
  ruleId: string,
) => ({
  kind,
  category: KIND_CATEGORY[kind],
  start: span.start,
  end: span.end,
  confidence,
  ruleId,
});

const IBAN_CANDIDATE = /(?<![\p{L}\p{N}])[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,34}(?![\p{L}\p{N}])/giu;
export const ibanValid = (compact: string) => {
  const iban = electronicFormatIBAN(compact.toUpperCase());
  return iban !== null && iban.length >= 15 && isValidIBAN(iban);
};

/** Issuer identification numbers (first digits) with the card lengths each network issues. */
const IIN_RANGES: { from: number; to: number; digits: number; lengths: number[] }[] = [
  { from: 4, to: 4, digits: 1, lengths: [13, 16, 19] }, // Visa
  { from: 51, to: 55, digits: 2, lengths: [16] }, // Mastercard
  { from: 2221, to: 2720, digits: 4, lengths: [16] }, // Mastercard 2-series
  { from: 34, to: 34, digits: 2, lengths: [15] }, // American Express
  { from: 37, to: 37, digits: 2, lengths: [15] },
  { from: 6011, to: 6011, digits: 4, lengths: [16, 17, 18, 19] }, // Discover
  { from: 644, to: 649, digits: 3, lengths: [16, 17, 18, 19] },
  { from: 65, to: 65, digits: 2, lengths: [16, 17, 18, 19] },
  { from: 62, to: 62, digits: 2, lengths: [16, 17, 18, 19] }, // UnionPay
  { from: 300, to: 305, digits: 3, lengths: [14, 15, 16, 17, 18, 19] }, // Diners Club
  { from: 36, to: 36, digits: 2, lengths: [14, 15, 16, 17, 18, 19] },
  { from: 38, to: 39, digits: 2, lengths: [14, 15, 16, 17, 18, 19] },
  { from: 3528, to: 3589, digits: 4, lengths: [16, 17, 18, 19] }, // JCB
  { from: 50, to: 50, digits: 2, lengths: [13, 14, 15, 16, 17, 18, 19] }, // Maestro
  { from: 56, to: 58, digits: 2, lengths: [13, 14, 15, 16, 17, 18, 19] },
  { from: 63, to: 63, digits: 2, lengths: [13, 14, 15, 16, 17, 18, 19] },
  { from: 67, to: 67, digits: 2, lengths: [13, 14, 15, 16, 17, 18, 19] },
];
export const knownIin = (digits: string) =>
  IIN_RANGES.some((r) => {
    const prefix = Number(digits.slice(0, r.digits));
    return prefix >= r.from && prefix <= r.to && r.lengths.includes(digits.length);
  });
export const cardNumberValid = (compact: string) =>
  /^\d{13,19}$/.test(compact) && knownIin(compact) && luhnValid(compact);
const CARD_CANDIDATE = /(?<![\p{L}\p{N}+.,/])\d(?:[ -]?\d){12,22}(?![\p{L}\p{N}])/gu;

const TAX_ID_CANDIDATE = /(?<![\p{L}\p{N}+.,/])\d{2} ?\d{3} ?\d{3} ?\d{3}(?![\p{L}\p{N}]|[.,/]\d)/gu;
const TAX_ID_KEYWORDS =
  /(steuer-?id|steuer-?identifikationsnummer|identifikationsnummer|idnr|steuer-?nr|tax ?id|\btin\b)/i;

const PENSION_CANDIDATE = /(?<![\p{L}\p{N}])\d{2} ?\d{6} ?[A-Za-z] ?\d{2} ?\d(?![\p{L}\p{N}])/gu;

const DOCUMENT_CANDIDATE =
  /(?<![\p{L}\p{N}])[CFGHJKLMNPRTVWXYZ][CFGHJKLMNPRTVWXYZ0-9]{8}\d(?![\p{L}\p{N}])/gu;
const DOCUMENT_KEYWORDS =
  /(ausweis|reisepass|passnummer|pass-?nr|pass no|passport|id card|identity card|dokumentennummer|document number)/i;

/** IBANs, payment card numbers, German tax ids, pension insurance numbers and ID document numbers. */
export const detectIdentifiers = ({ text }: { text: string }): SensitiveHit[] => {
  const hits: SensitiveHit[] = [];
  const taken = (s: { start: number; end: number }) => hits.some((h) => s.start < h.end && h.start < s.end);
  const add = (h: SensitiveHit) => {
    if (!taken(h)) hits.push(h);
  };
  for (const c of candidates(text, IBAN_CANDIDATE)) {
    const span = longestValidPrefix(text, c, ibanValid);
    if (span) add(hit('iban', span, 0.99, 'identifier.iban.ibantools'));
  }
  for (const c of candidates(text, PENSION_CANDIDATE)) {
    const compact = text.slice(c.start, c.end).replace(/\s/g, '');
    if (pensionInsuranceNumberValid(compact))
      add(hit('pension_insurance_number', c, 0.95, 'identifier.pension.check-digit'));
  }
  for (const c of candidates(text, DOCUMENT_CANDIDATE)) {
    if (germanDocumentNumberValid(text.slice(c.start, c.end)) && near(text, c.start, DOCUMENT_KEYWORDS))
      add(hit('id_document', c, 0.9, 'identifier.id-document.icao'));
  }
  for (const c of candidates(text, CARD_CANDIDATE)) {
    const span = longestValidPrefix(text, c, cardNumberValid);
    if (span) add(hit('payment_card', span, 0.95, 'identifier.card.luhn-iin'));
  }
  for (const c of candidates(text, TAX_ID_CANDIDATE)) {
    const compact = text.slice(c.start, c.end).replace(/\s/g, '');
    if (!taxIdValid(compact)) continue;
    add(hit('tax_id', c, near(text, c.start, TAX_ID_KEYWORDS) ? 0.97 : 0.8, 'identifier.tax-id.mod11-10'));
  }
  return hits;
};
