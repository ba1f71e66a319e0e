import type { DataCategory } from '../privacy/data-categories.ts';
import type { RetentionPeriod, StartType } from './periods.ts';
import { SWEEP_TARGETS, type SweepTargetId } from './targets.ts';

/**
 * The shipped deletion concept after DIN 66398 (reference A2, A3): standard periods
 * (Standardlöschfristen), the deletion classes (period × start type) the data types use, and the
 * data types (Datenarten) of Germany and Austria. These are proposals the DPO reviews and adapts;
 * statutory minimums (statutes.ts) cannot be undercut. Every sweep target has exactly one data type
 * per jurisdiction; document-only data types (backups, unconfirmed sign-ups, request files) are
 * carried out elsewhere and only documented here.
 */

export type PeriodPreset = RetentionPeriod & { id: string; labelDe: string; labelEn: string };

const period = (id: string, labelDe: string, labelEn: string, p: Partial<RetentionPeriod>): PeriodPreset => ({
  id,
  labelDe,
  labelEn,
  years: 0,
  months: 0,
  days: 0,
  roundToYearEnd: false,
  ...p,
});

export const PERIOD_PRESETS: readonly PeriodPreset[] = [
  period('immediately', 'Sofort (nach Ablauf des Tages)', 'Immediately (after the day)', {}),
  period('days_9', '9 Tage', '9 days', { days: 9 }),
  period('days_30', '30 Tage', '30 days', { days: 30 }),
  period('months_6', '6 Monate', '6 months', { months: 6 }),
  period('year_1', '1 Jahr', '1 year', { years: 1 }),
  period('years_2', '2 Jahre', '2 years', { years: 2 }),
  period('years_3_ye', '3 Jahre ab Jahresende', '3 years from year end', { years: 3, roundToYearEnd: true }),
  period('years_5', '5 Jahre', '5 years', { years: 5 }),
  period('years_6_ye', '6 Jahre ab Jahresende', '6 years from year end', { years: 6, roundToYearEnd: true }),
  period('years_7_ye', '7 Jahre ab Jahresende', '7 years from year end', { years: 7, roundToYearEnd: true }),
  period('years_8_ye', '8 Jahre ab Jahresende', '8 years from year end', { years: 8, roundToYearEnd: true }),
  period('years_10_ye', '10 Jahre ab Jahresende', '10 years from year end', {
    years: 10,
    roundToYearEnd: true,
  }),
];

/** The id of a deletion class: one cell of the matrix. */
export const classId = (periodId: string, startType: StartType) => `${periodId}_${startType}`;

export type DataTypePreset = {
  id: string;
  jurisdiction: 'DE' | 'AT';
  nameDe: string;
  nameEn: string;
  descriptionDe: string;
  descriptionEn: string;
  purposeId: 'customer_service' | 'sales' | 'billing' | 'marketing' | 'newsletter';
  legalBasis: string;
  subjectGroup: string;
  dataCategories: DataCategory[];
  periodId: string;
  startType: StartType;
  startEvent: string;
  target: SweepTargetId | null;
  statute: string | null;
  method: 'delete' | 'erase_person' | 'document_only';
};

type Common = Omit<
  DataTypePreset,
  'id' | 'jurisdiction' | 'legalBasis' | 'periodId' | 'statute' | 'method' | 'startType'
>;

/** What a data type is, independent of the country: names, purpose, group, categories, event. */
const COMMON: Record<string, Common> = {
  interactions: {
    nameDe: 'Kontakthistorie (Anrufe, E-Mails, Termine, Notizen)',
    nameEn: 'Contact history (calls, e-mails, meetings, notes)',
    descriptionDe: 'Geschäftskorrespondenz und Gesprächsnotizen zu Kunden und Interessenten.',
    descriptionEn: 'Business correspondence and conversation notes about customers and prospects.',
    purposeId: 'sales',
    subjectGroup: 'Kunden, Interessenten und Ansprechpartner',
    dataCategories: ['communication'],
    startEvent: 'Kontakt hat stattgefunden (Datum des Kontakts)',
    target: 'interactions',
  },
  invoices: {
    nameDe: 'Rechnungen (Buchungsbelege)',
    nameEn: 'Invoices (accounting vouchers)',
    descriptionDe: 'Ausgangsrechnungen mit Positionen und Rechnungsanschrift.',
    descriptionEn: 'Outgoing invoices with their lines and billing address.',
    purposeId: 'billing',
    subjectGroup: 'Kunden',
    dataCategories: ['billing', 'identity', 'address'],
    startEvent: 'Rechnung ausgestellt (Rechnungsdatum)',
    target: 'invoices',
  },
  quotes: {
    nameDe: 'Angebote',
    nameEn: 'Quotes',
    descriptionDe: 'Versandte oder entworfene Angebote (Handelsbriefe).',
    descriptionEn: 'Quotes sent or drafted (business letters).',
    purposeId: 'sales',
    subjectGroup: 'Kunden und Interessenten',
    dataCategories: ['contract'],
    startEvent: 'Angebot erstellt (Angebotsdatum)',
    target: 'quotes',
  },
  orders: {
    nameDe: 'Aufträge',
    nameEn: 'Orders',
    descriptionDe: 'Ausgeführte oder stornierte Aufträge mit Positionen.',
    descriptionEn: 'Fulfilled or cancelled orders with their lines.',
    purposeId: 'sales',
    subjectGroup: 'Kunden',
    dataCategories: ['contract'],
    startEvent: 'Auftrag ausgeführt oder storniert',
    target: 'orders',
  },
  deals: {
    nameDe: 'Verkaufschancen (Deals)',
    nameEn: 'Deals',
    descriptionDe: 'Gewonnene oder verlorene Verkaufschancen.',
    descriptionEn: 'Won or lost deals.',
    purposeId: 'sales',
    subjectGroup: 'Kunden und Interessenten',
    dataCategories: ['contract'],
    startEvent: 'Deal gewonnen oder verloren (Abschlussdatum)',
    target: 'deals',
  },
  cases: {
    nameDe: 'Servicefälle',
    nameEn: 'Service cases',
    descriptionDe: 'Gelöste oder geschlossene Anfragen und Reklamationen mit ihren Nachrichten.',
    descriptionEn: 'Resolved or closed enquiries and complaints with their messages.',
    purposeId: 'customer_service',
    subjectGroup: 'Kunden',
    dataCategories: ['service', 'communication'],
    startEvent: 'Servicefall gelöst oder geschlossen',
    target: 'cases',
  },
  stale_prospects: {
    nameDe: 'Interessenten ohne Vertrag und ohne Einwilligung',
    nameEn: 'Prospects without contract or consent',
    descriptionDe:
      'Stammdaten von Interessenten ohne offenen Vorgang; die Person wird gelöscht (Krypto-Shredding).',
    descriptionEn: 'Master data of prospects without open business; the person is erased (crypto-shredding).',
    purposeId: 'sales',
    subjectGroup: 'Interessenten',
    dataCategories: ['identity', 'contact', 'address', 'interests', 'organization'],
    startEvent: 'Letzter Kontakt',
    target: 'stale_prospects',
  },
  former_customers: {
    nameDe: 'Stammdaten ehemaliger Kunden',
    nameEn: 'Master data of former customers',
    descriptionDe: 'Kunden ohne offenen Vorgang; aufbewahrt zur Abwehr von Ansprüchen, danach gelöscht.',
    descriptionEn: 'Customers without open business; kept to defend legal claims, then erased.',
    purposeId: 'customer_service',
    subjectGroup: 'Ehemalige Kunden',
    dataCategories: ['identity', 'contact', 'address', 'interests', 'organization'],
    startEvent: 'Ende der Kundenbeziehung (letzter Auftrag, letzte Rechnung, letzter Kontakt)',
    target: 'former_customers',
  },
  person_expiry: {
    nameDe: 'Personen mit festgelegtem Ablaufdatum',
    nameEn: 'Persons with a set expiry date',
    descriptionDe: 'Personen, deren Speicherdauer bei der Erfassung festgelegt wurde (z. B. Messekontakte).',
    descriptionEn: 'Persons whose storage period was set when they were recorded (e.g. trade fair contacts).',
    purposeId: 'sales',
    subjectGroup: 'Interessenten und Kontakte',
    dataCategories: ['identity', 'contact', 'address', 'interests', 'organization'],
    startEvent: 'Festgelegtes Ablaufdatum erreicht',
    target: 'person_expiry',
  },
  consent_proofs: {
    nameDe: 'Nachweise widerrufener Einwilligungen (E-Mail, Brief, SMS)',
    nameEn: 'Proofs of ended consents (e-mail, letter, SMS)',
    descriptionDe: 'Nachweis einer nicht mehr gültigen Werbeeinwilligung (Art. 7 Abs. 1 DSGVO).',
    descriptionEn: 'Proof of a marketing consent no longer in force (Art. 7(1) GDPR).',
    purposeId: 'marketing',
    subjectGroup: 'Empfänger von Werbung',
    dataCategories: ['contact', 'communication'],
    startEvent: 'Einwilligung widerrufen oder ersetzt',
    target: 'consent_proofs',
  },
  phone_consent_proofs: {
    nameDe: 'Nachweise von Einwilligungen in Telefonwerbung',
    nameEn: 'Proofs of consent to telephone advertising',
    descriptionDe: 'Nachweis einer nicht mehr gültigen Einwilligung in Werbeanrufe.',
    descriptionEn: 'Proof of a consent to advertising calls no longer in force.',
    purposeId: 'marketing',
    subjectGroup: 'Empfänger von Werbeanrufen',
    dataCategories: ['contact', 'communication'],
    startEvent: 'Letzte Verwendung der Einwilligung, frühestens ihr Ende',
    target: 'phone_consent_proofs',
  },
  person_photos: {
    nameDe: 'Personenfotos',
    nameEn: 'Person photos',
    descriptionDe:
      'Fotos von Kontakten, gespeichert mit Zweck und Rechtsgrundlage, ohne Metadaten und verschlüsselt; nie zur biometrischen Identifizierung. Bei Widerruf der Einwilligung sofort zu löschen.',
    descriptionEn:
      'Photos of contacts, stored with purpose and legal basis, without metadata and encrypted; never for biometric identification. To be deleted at once when consent is withdrawn.',
    purposeId: 'sales',
    subjectGroup: 'Kunden, Interessenten und Ansprechpartner',
    dataCategories: ['identity'],
    startEvent: 'Foto hochgeladen (oder früher: das beim Hochladen festgelegte Ende)',
    target: 'person_photos',
  },
  backups: {
    nameDe: 'Datensicherungen',
    nameEn: 'Backups',
    descriptionDe: 'Ausnahme nach DIN 66398: eigene Vorhaltefrist, Rotation durch den Betrieb.',
    descriptionEn: 'DIN 66398 exception: own retention, rotated by operations.',
    purposeId: 'sales',
    subjectGroup: 'Alle Betroffenen im CRM',
    dataCategories: ['identity', 'contact', 'address', 'communication', 'contract', 'billing', 'service'],
    startEvent: 'Sicherung erstellt',
    target: null,
  },
  doi_signups: {
    nameDe: 'Unbestätigte Newsletter-Anmeldungen (Double-Opt-in)',
    nameEn: 'Unconfirmed newsletter sign-ups (double opt-in)',
    descriptionDe:
      'Der Bestätigungslink gilt 48 Stunden; die Bereinigung entfernt die Anmeldung 7 Tage danach, um Rückfragen („Habe ich mich angemeldet?“) beantworten zu können.',
    descriptionEn:
      'The confirmation link is valid for 48 hours; housekeeping removes the sign-up 7 days later, so questions ("did I sign up?") can be answered.',
    purposeId: 'newsletter',
    subjectGroup: 'Newsletter-Interessenten',
    dataCategories: ['contact'],
    startEvent: 'Anmeldeformular abgeschickt',
    target: null,
  },
  request_files: {
    nameDe: 'Vorgänge zu Betroffenenanträgen',
    nameEn: 'Data subject request files',
    descriptionDe: 'Anträge nach Art. 15–22 DSGVO und ihre Beantwortung (Nachweis, Art. 5 Abs. 2 DSGVO).',
    descriptionEn: 'Requests under Art. 15–22 GDPR and their answers (accountability, Art. 5(2) GDPR).',
    purposeId: 'customer_service',
    subjectGroup: 'Antragstellende Betroffene',
    dataCategories: ['identity', 'contact', 'communication'],
    startEvent: 'Antrag abgeschlossen',
    target: null,
  },
};

type Rule = { periodId: string; legalBasis: string; statute?: string; startType?: StartType };

const DE: Record<keyof typeof COMMON, Rule> = {
  interactions: {
    periodId: 'years_6_ye',
    legalBasis: 'Art. 6 Abs. 1 lit. c DSGVO i. V. m. § 257 Abs. 1 Nr. 2, 3 HGB, § 147 Abs. 1 Nr. 2, 3, 5 AO',
    statute: 'DE.business_letter',
  },
  invoices: {
    periodId: 'years_8_ye',
    legalBasis:
      'Art. 6 Abs. 1 lit. c DSGVO i. V. m. § 147 Abs. 1 Nr. 4 AO, § 257 Abs. 1 Nr. 4 HGB, § 14b UStG',
    statute: 'DE.voucher',
  },
  quotes: {
    periodId: 'years_6_ye',
    legalBasis: 'Art. 6 Abs. 1 lit. c DSGVO i. V. m. § 257 Abs. 1 Nr. 2, 3 HGB, § 147 Abs. 1 Nr. 2, 3 AO',
    statute: 'DE.business_letter',
  },
  orders: {
    periodId: 'years_6_ye',
    legalBasis: 'Art. 6 Abs. 1 lit. c DSGVO i. V. m. § 257 Abs. 1 Nr. 2, 3 HGB, § 147 Abs. 1 Nr. 2, 3 AO',
    statute: 'DE.business_letter',
  },
  deals: { periodId: 'years_3_ye', legalBasis: 'Art. 6 Abs. 1 lit. f DSGVO; §§ 195, 199 BGB' },
  cases: { periodId: 'years_3_ye', legalBasis: 'Art. 6 Abs. 1 lit. b, f DSGVO; §§ 195, 199 BGB' },
  stale_prospects: { periodId: 'year_1', legalBasis: 'Art. 6 Abs. 1 lit. f DSGVO' },
  former_customers: { periodId: 'years_3_ye', legalBasis: 'Art. 17 Abs. 3 lit. e DSGVO; §§ 195, 199 BGB' },
  person_expiry: { periodId: 'immediately', legalBasis: 'Art. 5 Abs. 1 lit. e DSGVO' },
  consent_proofs: { periodId: 'years_3_ye', legalBasis: 'Art. 7 Abs. 1 DSGVO; § 195 BGB' },
  phone_consent_proofs: {
    periodId: 'years_5',
    legalBasis: 'Art. 7 Abs. 1 DSGVO; § 7a UWG',
    statute: 'DE.phone_consent',
  },
  person_photos: { periodId: 'years_2', legalBasis: 'Art. 6 Abs. 1 lit. a DSGVO; Art. 7 Abs. 3 DSGVO' },
  backups: { periodId: 'days_30', legalBasis: 'Art. 32 Abs. 1 lit. c DSGVO', startType: 'collection' },
  doi_signups: {
    periodId: 'days_9',
    legalBasis: 'Art. 6 Abs. 1 lit. a DSGVO; Art. 7 Abs. 1 DSGVO',
    startType: 'collection',
  },
  request_files: {
    periodId: 'years_3_ye',
    legalBasis: 'Art. 6 Abs. 1 lit. c DSGVO i. V. m. Art. 5 Abs. 2, Art. 12 DSGVO; § 195 BGB',
    startType: 'end_of_process',
  },
};

const ABGB = '§ 1489 ABGB';
const AT: Record<keyof typeof COMMON, Rule> = {
  ...DE,
  interactions: {
    periodId: 'years_7_ye',
    legalBasis: 'Art. 6 Abs. 1 lit. c DSGVO i. V. m. § 132 Abs. 1 BAO, § 212 UGB',
    statute: 'AT.business_letter',
  },
  invoices: {
    periodId: 'years_7_ye',
    legalBasis: 'Art. 6 Abs. 1 lit. c DSGVO i. V. m. § 132 Abs. 1 BAO, § 212 UGB',
    statute: 'AT.voucher',
  },
  quotes: {
    periodId: 'years_7_ye',
    legalBasis: 'Art. 6 Abs. 1 lit. c DSGVO i. V. m. § 132 Abs. 1 BAO, § 212 UGB',
    statute: 'AT.business_letter',
  },
  orders: {
    periodId: 'years_7_ye',
    legalBasis: 'Art. 6 Abs. 1 lit. c DSGVO i. V. m. § 132 Abs. 1 BAO, § 212 UGB',
    statute: 'AT.business_letter',
  },
  deals: { periodId: 'years_3_ye', legalBasis: `Art. 6 Abs. 1 lit. f DSGVO; ${ABGB}` },
  cases: { periodId: 'years_3_ye', legalBasis: `Art. 6 Abs. 1 lit. b, f DSGVO; ${ABGB}` },
  former_customers: { periodId: 'years_3_ye', legalBasis: `Art. 17 Abs. 3 lit. e DSGVO; ${ABGB}` },
  consent_proofs: { periodId: 'years_3_ye', legalBasis: `Art. 7 Abs. 1 DSGVO; ${ABGB}` },
  phone_consent_proofs: {
    periodId: 'years_3_ye',
    legalBasis: `Art. 7 Abs. 1 DSGVO; § 174 TKG 2021; ${ABGB}`,
  },
  backups: {
    periodId: 'days_30',
    legalBasis: 'Art. 32 Abs. 1 lit. c DSGVO; § 4 Abs. 2 DSG',
    startType: 'collection',
  },
  request_files: {
    periodId: 'years_3_ye',
    legalBasis: `Art. 6 Abs. 1 lit. c DSGVO i. V. m. Art. 5 Abs. 2, Art. 12 DSGVO; ${ABGB}`,
    startType: 'end_of_process',
  },
};

const build = (jurisdiction: 'DE' | 'AT', rules: Record<string, Rule>): DataTypePreset[] =>
  Object.entries(COMMON).map(([key, common]) => {
    const rule = rules[key] as Rule;
    const target = common.target;
    return {
      ...common,
      id: `${jurisdiction.toLowerCase()}_${key}`,
      jurisdiction,
      legalBasis: rule.legalBasis,
      periodId: rule.periodId,
      startType: target ? SWEEP_TARGETS[target].startType : (rule.startType ?? 'collection'),
      statute: rule.statute ?? null,
      method: target ? SWEEP_TARGETS[target].method : 'document_only',
    };
  });

export const DATA_TYPE_PRESETS: readonly DataTypePreset[] = [...build('DE', DE), ...build('AT', AT)];

/** The deletion classes the presets use: one per (period, start type) cell, unused cells left out. */
export const CLASS_PRESETS: readonly { id: string; periodId: string; startType: StartType }[] = [
  ...new Map(
    DATA_TYPE_PRESETS.map((d) => [
      classId(d.periodId, d.startType),
      { id: classId(d.periodId, d.startType), periodId: d.periodId, startType: d.startType },
    ]),
  ).values(),
];
