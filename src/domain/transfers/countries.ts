/**
 * Where a transfer of personal data goes (Chapter V GDPR): the EU/EEA, where the data flows freely,
 * and the countries with an adequacy decision of the European Commission (Art. 45), each with the
 * decision's reference. Every other country is a third country that needs a mechanism of Art. 46–49.
 */

/** EU member states (ISO 3166-1 alpha-2; Greece is GR, not the EU's EL) and the EEA states IS, LI, NO. */
export const EEA_COUNTRIES = [
  'AT',
  'BE',
  'BG',
  'CY',
  'CZ',
  'DE',
  'DK',
  'EE',
  'ES',
  'FI',
  'FR',
  'GR',
  'HR',
  'HU',
  'IE',
  'IT',
  'LT',
  'LU',
  'LV',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SE',
  'SI',
  'SK',
  'IS',
  'LI',
  'NO',
] as const;

export type AdequacyDecision = {
  country: string;
  nameDe: string;
  nameEn: string;
  /** the Commission decision, e.g. 'Durchführungsbeschluss (EU) 2019/419' */
  reference: string;
  /**
   * 'full': the whole country; 'partial': a sector (Canada: organisations under PIPEDA; Japan: the
   * private sector under the APPI), taken as given for a business recipient; 'certified_only': only
   * organisations on a certification list (the US: the EU-US Data Privacy Framework), so nothing is
   * implied and the entry must say 'dpf' after checking the list.
   */
  scope: 'full' | 'partial' | 'certified_only';
  /** what the partial scope covers */
  scopeNote?: { de: string; en: string };
};

/**
 * The adequacy decisions in force (Art. 45(3) GDPR; the Commission's list "Adequacy decisions").
 * Checked against the legal reference of issue 7 (A4, Chapter V). Keep sorted by country code.
 */
export const ADEQUACY_DECISIONS: readonly AdequacyDecision[] = [
  { country: 'AD', nameDe: 'Andorra', nameEn: 'Andorra', reference: 'Beschluss 2010/625/EU', scope: 'full' },
  {
    country: 'AR',
    nameDe: 'Argentinien',
    nameEn: 'Argentina',
    reference: 'Entscheidung 2003/490/EG',
    scope: 'full',
  },
  {
    country: 'CA',
    nameDe: 'Kanada',
    nameEn: 'Canada',
    reference: 'Entscheidung 2002/2/EG',
    scope: 'partial',
    scopeNote: {
      de: 'nur kommerzielle Organisationen im Anwendungsbereich des PIPEDA',
      en: 'commercial organisations subject to PIPEDA only',
    },
  },
  {
    country: 'CH',
    nameDe: 'Schweiz',
    nameEn: 'Switzerland',
    reference: 'Entscheidung 2000/518/EG',
    scope: 'full',
  },
  {
    country: 'FO',
    nameDe: 'Färöer',
    nameEn: 'Faroe Islands',
    reference: 'Beschluss 2010/146/EU',
    scope: 'full',
  },
  {
    country: 'GB',
    nameDe: 'Vereinigtes Königreich',
    nameEn: 'United Kingdom',
    reference: 'Durchführungsbeschluss (EU) 2021/1772',
    scope: 'full',
  },
  {
    country: 'GG',
    nameDe: 'Guernsey',
    nameEn: 'Guernsey',
    reference: 'Entscheidung 2003/821/EG',
    scope: 'full',
  },
  { country: 'IL', nameDe: 'Israel', nameEn: 'Israel', reference: 'Beschluss 2011/61/EU', scope: 'full' },
  {
    country: 'IM',
    nameDe: 'Insel Man',
    nameEn: 'Isle of Man',
    reference: 'Entscheidung 2004/411/EG',
    scope: 'full',
  },
  { country: 'JE', nameDe: 'Jersey', nameEn: 'Jersey', reference: 'Entscheidung 2008/393/EG', scope: 'full' },
  {
    country: 'JP',
    nameDe: 'Japan',
    nameEn: 'Japan',
    reference: 'Durchführungsbeschluss (EU) 2019/419',
    scope: 'partial',
    scopeNote: { de: 'privater Sektor (APPI)', en: 'private sector (APPI)' },
  },
  {
    country: 'KR',
    nameDe: 'Republik Korea',
    nameEn: 'Republic of Korea',
    reference: 'Durchführungsbeschluss (EU) 2022/254',
    scope: 'full',
  },
  {
    country: 'NZ',
    nameDe: 'Neuseeland',
    nameEn: 'New Zealand',
    reference: 'Durchführungsbeschluss 2013/65/EU',
    scope: 'full',
  },
  {
    country: 'US',
    nameDe: 'Vereinigte Staaten',
    nameEn: 'United States',
    reference: 'Durchführungsbeschluss (EU) 2023/1795 (EU-US Data Privacy Framework)',
    scope: 'certified_only',
    scopeNote: {
      de: 'nur Organisationen, die nach dem EU-US Data Privacy Framework zertifiziert sind',
      en: 'organisations certified under the EU-US Data Privacy Framework only',
    },
  },
  {
    country: 'UY',
    nameDe: 'Uruguay',
    nameEn: 'Uruguay',
    reference: 'Durchführungsbeschluss 2012/484/EU',
    scope: 'full',
  },
];

const EEA = new Set<string>(EEA_COUNTRIES);

/** true for an EU/EEA country, where no Chapter V mechanism is needed. */
export const isEea = (country: string) => EEA.has(country.toUpperCase());

/** A country outside the EU/EEA (Chapter V applies); an unknown country (null) is not one. */
export const isThirdCountry = (country: string | null) => country !== null && !isEea(country);

/** The adequacy decision for a country, if any. */
export const adequacyDecisionFor = (country: string | null): AdequacyDecision | null =>
  country === null ? null : (ADEQUACY_DECISIONS.find((d) => d.country === country.toUpperCase()) ?? null);
