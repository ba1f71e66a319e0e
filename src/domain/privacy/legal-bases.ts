/** Legal bases of Art. 6(1) GDPR, the stable ids used by the API. */
export const LEGAL_BASES = [
  'consent',
  'contract',
  'legal_obligation',
  'vital_interest',
  'public_task',
  'legitimate_interest',
] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

/** Conditions of Art. 9(2) GDPR that lift the ban on processing special categories. */
export const SPECIAL_CATEGORY_BASES = [
  'explicit_consent',
  'employment_social_protection',
  'vital_interest_incapable',
  'not_for_profit_body',
  'manifestly_made_public',
  'legal_claims',
  'substantial_public_interest',
  'health_care',
  'public_health',
  'archiving_research_statistics',
] as const;
export type SpecialCategoryBasis = (typeof SPECIAL_CATEGORY_BASES)[number];

type Label = { article: string; de: string; en: string };

export const LEGAL_BASIS_LABELS: Record<LegalBasis, Label> = {
  consent: { article: 'Art. 6 Abs. 1 lit. a DSGVO', de: 'Einwilligung', en: 'Consent' },
  contract: {
    article: 'Art. 6 Abs. 1 lit. b DSGVO',
    de: 'Vertrag oder vorvertragliche Maßnahme',
    en: 'Contract',
  },
  legal_obligation: {
    article: 'Art. 6 Abs. 1 lit. c DSGVO',
    de: 'Rechtliche Verpflichtung',
    en: 'Legal obligation',
  },
  vital_interest: {
    article: 'Art. 6 Abs. 1 lit. d DSGVO',
    de: 'Lebenswichtige Interessen',
    en: 'Vital interests',
  },
  public_task: { article: 'Art. 6 Abs. 1 lit. e DSGVO', de: 'Öffentliche Aufgabe', en: 'Public task' },
  legitimate_interest: {
    article: 'Art. 6 Abs. 1 lit. f DSGVO',
    de: 'Berechtigtes Interesse',
    en: 'Legitimate interests',
  },
};

export const SPECIAL_CATEGORY_BASIS_LABELS: Record<SpecialCategoryBasis, Label> = {
  explicit_consent: {
    article: 'Art. 9 Abs. 2 lit. a DSGVO',
    de: 'Ausdrückliche Einwilligung',
    en: 'Explicit consent',
  },
  employment_social_protection: {
    article: 'Art. 9 Abs. 2 lit. b DSGVO',
    de: 'Arbeitsrecht und soziale Sicherheit',
    en: 'Employment and social security law',
  },
  vital_interest_incapable: {
    article: 'Art. 9 Abs. 2 lit. c DSGVO',
    de: 'Lebenswichtige Interessen bei Einwilligungsunfähigkeit',
    en: 'Vital interests, subject incapable of consent',
  },
  not_for_profit_body: {
    article: 'Art. 9 Abs. 2 lit. d DSGVO',
    de: 'Organisation ohne Gewinnerzielungsabsicht',
    en: 'Not-for-profit body',
  },
  manifestly_made_public: {
    article: 'Art. 9 Abs. 2 lit. e DSGVO',
    de: 'Offensichtlich öffentlich gemacht',
    en: 'Manifestly made public by the data subject',
  },
  legal_claims: { article: 'Art. 9 Abs. 2 lit. f DSGVO', de: 'Rechtsansprüche', en: 'Legal claims' },
  substantial_public_interest: {
    article: 'Art. 9 Abs. 2 lit. g DSGVO',
    de: 'Erhebliches öffentliches Interesse',
    en: 'Substantial public interest',
  },
  health_care: {
    article: 'Art. 9 Abs. 2 lit. h DSGVO',
    de: 'Gesundheitsvorsorge',
    en: 'Health or social care',
  },
  public_health: { article: 'Art. 9 Abs. 2 lit. i DSGVO', de: 'Öffentliche Gesundheit', en: 'Public health' },
  archiving_research_statistics: {
    article: 'Art. 9 Abs. 2 lit. j DSGVO',
    de: 'Archiv, Forschung, Statistik',
    en: 'Archiving, research or statistics',
  },
};

/** How a piece of personal data reached us (provenance, Art. 14(2)(f), Art. 15(1)(g)). */
export const SOURCE_KINDS = [
  'web_form',
  'import',
  'business_card',
  'event',
  'api',
  'employee',
  'phone',
  'email',
  'referral',
  'public_source',
  'data_subject',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
