import type { Locale, SensitiveKind } from './types.ts';

/**
 * The labelled evaluation set of the detector: everyday CRM notes in German and English, positive
 * sentences for every kind and hard negatives. Labelling rule: a span is expected where the text says
 * something about a person that falls under a special category (or names one of the identifiers);
 * general mentions of a topic (a union on strike in the news, a hospital as a customer, a product
 * that reads fingerprints) are not. `expect` lists [kind, span]; the span is a substring of the text
 * (its first occurrence), and a hit of that kind overlapping it counts as found.
 */
export type LabelledSentence = { locale: Locale; text: string; expect: [SensitiveKind, string][] };

export const sentence =
  (locale: Locale) =>
  (text: string, ...expect: [SensitiveKind, string][]): LabelledSentence => ({ locale, text, expect });
