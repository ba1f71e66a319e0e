import type { LegalBasis } from './legal-bases.ts';

/** A declared purpose of processing (Art. 5(1)(b)): what data is used for, and on which bases. */
export type Purpose = {
  id: string;
  labelDe: string;
  labelEn: string;
  descriptionDe: string;
  descriptionEn: string;
  /** The legal bases this purpose may rest on; a record's basis must be one of them. */
  legalBases: LegalBasis[];
  builtIn: boolean;
};

/** The catalogue a new installation ships; the DPO can add purposes of their own. */
export const DEFAULT_PURPOSES: Purpose[] = [
  {
    id: 'customer_service',
    labelDe: 'Kundenservice',
    labelEn: 'Customer service',
    descriptionDe: 'Bearbeitung von Anfragen, Reklamationen und Serviceleistungen für Kunden.',
    descriptionEn: 'Handling enquiries, complaints and services for customers.',
    legalBases: ['contract', 'legitimate_interest', 'consent'],
    builtIn: true,
  },
  {
    id: 'sales',
    labelDe: 'Vertrieb',
    labelEn: 'Sales',
    descriptionDe: 'Anbahnung und Durchführung von Verträgen, Angebote, Kundenbetreuung.',
    descriptionEn: 'Preparing and performing contracts, quotes, account management.',
    legalBases: ['contract', 'legitimate_interest', 'consent'],
    builtIn: true,
  },
  {
    id: 'billing',
    labelDe: 'Rechnungsstellung und Buchhaltung',
    labelEn: 'Billing and accounting',
    descriptionDe: 'Rechnungen, Zahlungen und gesetzliche Aufbewahrung (HGB, AO).',
    descriptionEn: 'Invoices, payments and statutory retention (German HGB, AO).',
    legalBases: ['contract', 'legal_obligation'],
    builtIn: true,
  },
  {
    id: 'marketing',
    labelDe: 'Marketing',
    labelEn: 'Marketing',
    descriptionDe:
      'Werbung, Kampagnen, Grüße und Umfragen (Einwilligung oder berechtigtes Interesse nach § 7 UWG).',
    descriptionEn:
      'Advertising, campaigns, greetings and surveys (consent or legitimate interest under § 7 UWG).',
    legalBases: ['consent', 'legitimate_interest'],
    builtIn: true,
  },
  {
    id: 'newsletter',
    labelDe: 'Newsletter',
    labelEn: 'Newsletter',
    descriptionDe: 'Versand des E-Mail-Newsletters nach Double-Opt-in.',
    descriptionEn: 'Sending the e-mail newsletter after double opt-in.',
    legalBases: ['consent'],
    builtIn: true,
  },
];
