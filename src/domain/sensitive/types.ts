import type { DataCategory } from '../privacy/data-categories.ts';

/**
 * What the sensitive-data detector finds in free text: the special categories of Art. 9(1) GDPR and
 * identifiers that must not sit in notes (bank and card numbers, German tax and pension insurance
 * numbers, ID card numbers).
 */
export const SPECIAL_KINDS = [
  'health',
  'religion',
  'ethnic_origin',
  'political_opinion',
  'trade_union',
  'sex_life',
  'biometric',
  'genetic',
] as const;
export type SpecialKind = (typeof SPECIAL_KINDS)[number];

export const IDENTIFIER_KINDS = [
  'iban',
  'payment_card',
  'tax_id',
  'pension_insurance_number',
  'id_document',
] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

export const SENSITIVE_KINDS = [...SPECIAL_KINDS, ...IDENTIFIER_KINDS] as const;
export type SensitiveKind = (typeof SENSITIVE_KINDS)[number];

/**
 * The data category of a hit. Health reuses the product's `special_health` (src/domain/privacy); the
 * other Art. 9 categories have no person field yet, so they get ids of the same `special_` form here.
 * Identifiers map onto the existing categories (bank and card numbers are billing data, tax, pension
 * and ID numbers identity data).
 */
export type SensitiveCategory =
  | Extract<DataCategory, 'special_health' | 'billing' | 'identity'>
  | 'special_religion'
  | 'special_ethnic_origin'
  | 'special_political_opinion'
  | 'special_trade_union'
  | 'special_sex_life'
  | 'special_biometric'
  | 'special_genetic';

export const KIND_CATEGORY: Record<SensitiveKind, SensitiveCategory> = {
  health: 'special_health',
  religion: 'special_religion',
  ethnic_origin: 'special_ethnic_origin',
  political_opinion: 'special_political_opinion',
  trade_union: 'special_trade_union',
  sex_life: 'special_sex_life',
  biometric: 'special_biometric',
  genetic: 'special_genetic',
  iban: 'billing',
  payment_card: 'billing',
  tax_id: 'identity',
  pension_insurance_number: 'identity',
  id_document: 'identity',
};

/** Placeholder labels for redaction, per language. */
export const KIND_LABEL: Record<SensitiveKind, { de: string; en: string }> = {
  health: { de: 'Gesundheit', en: 'health' },
  religion: { de: 'Religion', en: 'religion' },
  ethnic_origin: { de: 'ethnische Herkunft', en: 'ethnic origin' },
  political_opinion: { de: 'politische Meinung', en: 'political opinion' },
  trade_union: { de: 'Gewerkschaft', en: 'trade union' },
  sex_life: { de: 'Sexualleben', en: 'sex life' },
  biometric: { de: 'Biometrie', en: 'biometrics' },
  genetic: { de: 'Genetik', en: 'genetics' },
  iban: { de: 'IBAN', en: 'IBAN' },
  payment_card: { de: 'Kartennummer', en: 'card number' },
  tax_id: { de: 'Steuer-ID', en: 'tax ID' },
  pension_insurance_number: { de: 'Rentenversicherungsnummer', en: 'pension insurance number' },
  id_document: { de: 'Ausweisnummer', en: 'ID document number' },
};

export type Locale = 'de' | 'en';

/**
 * One finding. Offsets are UTF-16 code unit positions into the original text (`text.slice(start, end)`),
 * so a redaction queue can store the hit without the matched text: nothing here copies it, and the
 * rule id names the rule (lexicon or validator), never the term that matched.
 */
export type SensitiveHit = {
  kind: SensitiveKind;
  category: SensitiveCategory;
  start: number;
  end: number;
  /** 0..1: checksum-validated identifiers and unambiguous terms are high, ambiguous terms lower. */
  confidence: number;
  ruleId: string;
};
