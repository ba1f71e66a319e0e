/**
 * Data categories: every personal field belongs to exactly one. A category decides who may read or
 * write the field (see permissions) and, later, its retention rule.
 */
export const DATA_CATEGORIES = [
  'identity',
  'contact',
  'address',
  'communication',
  'interests',
  'organization',
  'special_health',
  'contract',
  'billing',
  'service',
] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

export const DATA_CATEGORY_INFO: Record<DataCategory, { de: string; en: string; special: boolean }> = {
  identity: { de: 'Identitätsdaten', en: 'Identity data', special: false },
  contact: { de: 'Kontaktdaten', en: 'Contact data', special: false },
  address: { de: 'Adressdaten', en: 'Address data', special: false },
  communication: { de: 'Kommunikationsinhalte', en: 'Communication content', special: false },
  interests: { de: 'Interessen und Merkmale', en: 'Interests and tags', special: false },
  organization: { de: 'Unternehmensdaten', en: 'Organisation data', special: false },
  special_health: {
    de: 'Gesundheitsdaten (besondere Kategorie, Art. 9 DSGVO)',
    en: 'Health data (special category, Art. 9 GDPR)',
    special: true,
  },
  contract: { de: 'Vertrags- und Vertriebsdaten', en: 'Contract and sales data', special: false },
  billing: {
    de: 'Abrechnungsdaten (gesetzliche Aufbewahrung)',
    en: 'Billing data (statutory retention)',
    special: false,
  },
  service: { de: 'Servicefälle', en: 'Service cases', special: false },
};

/**
 * The records of everyday CRM work and the category that governs each: who may read or write them
 * (permissions) and how long they stay (retention). Case messages are communication content.
 */
export const RECORD_CATEGORIES = {
  deal: 'contract',
  quote: 'contract',
  order: 'contract',
  invoice: 'billing',
  case: 'service',
  caseMessage: 'communication',
} as const satisfies Record<string, DataCategory>;
export type RecordKind = keyof typeof RECORD_CATEGORIES;

/** The fields of a person as the API names them, each with its data category. */
export const PERSON_FIELD_CATEGORIES = {
  firstName: 'identity',
  lastName: 'identity',
  birthDate: 'identity',
  jobTitle: 'identity',
  email: 'contact',
  phone: 'contact',
  address: 'address',
  notes: 'communication',
  tags: 'interests',
  accessibilityNeeds: 'special_health',
  /** the person's photo (ADR 0034): identity data, written and read through /persons/{id}/photo */
  photo: 'identity',
} as const satisfies Record<string, DataCategory>;
export type PersonField = keyof typeof PERSON_FIELD_CATEGORIES;

export const isSpecialCategory = (category: DataCategory): boolean => DATA_CATEGORY_INFO[category].special;

/** The distinct categories touched by a set of person fields. */
export const categoriesOfPersonFields = (fields: readonly PersonField[]): DataCategory[] => [
  ...new Set(fields.map((f) => PERSON_FIELD_CATEGORIES[f])),
];
