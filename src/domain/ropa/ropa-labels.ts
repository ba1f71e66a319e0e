/**
 * The wording of the record of processing activities (Art. 30 GDPR) in German and English: the
 * headings carry the article they fulfil, so an authority reading the print sees what each part is.
 */

export type RopaLanguage = 'de' | 'en';
export type Bilingual = { de: string; en: string };

export const ROPA_TITLE: Bilingual = {
  de: 'Verzeichnis von Verarbeitungstätigkeiten',
  en: 'Record of processing activities',
};

export const PART_HEADINGS = {
  controller: {
    de: 'Verzeichnis des Verantwortlichen (Art. 30 Abs. 1 DSGVO)',
    en: 'Record of the controller (Art. 30(1) GDPR)',
  },
  processor: {
    de: 'Verzeichnis des Auftragsverarbeiters (Art. 30 Abs. 2 DSGVO)',
    en: 'Record of the processor (Art. 30(2) GDPR)',
  },
} as const satisfies Record<string, Bilingual>;

/** The header of each part: who keeps the record (Art. 30(1)(a), 30(2)(a)). */
export const HEADER_LABELS = {
  controller: {
    de: 'Name und Kontaktdaten des Verantwortlichen (Art. 30 Abs. 1 lit. a DSGVO)',
    en: 'Name and contact details of the controller (Art. 30(1)(a) GDPR)',
  },
  processor: {
    de: 'Name und Kontaktdaten des Auftragsverarbeiters (Art. 30 Abs. 2 lit. a DSGVO)',
    en: 'Name and contact details of the processor (Art. 30(2)(a) GDPR)',
  },
  jointControllers: {
    de: 'Gemeinsam Verantwortliche (Art. 26 DSGVO)',
    en: 'Joint controllers (Art. 26 GDPR)',
  },
  representative: {
    de: 'Vertreter in der Union (Art. 27 DSGVO)',
    en: 'Representative in the Union (Art. 27 GDPR)',
  },
  dpo: { de: 'Datenschutzbeauftragter (Art. 37 DSGVO)', en: 'Data protection officer (Art. 37 GDPR)' },
  generalToms: {
    de: 'Allgemeine Beschreibung der technischen und organisatorischen Maßnahmen (Art. 32 Abs. 1 DSGVO)',
    en: 'General description of the technical and organisational security measures (Art. 32(1) GDPR)',
  },
} as const satisfies Record<string, Bilingual>;

/** The fields of one activity, in the order of Art. 30(1) and 30(2). */
export const FIELD_LABELS = {
  name: { de: 'Bezeichnung der Verarbeitungstätigkeit', en: 'Name of the processing activity' },
  purposes: {
    de: 'Zwecke der Verarbeitung (Art. 30 Abs. 1 lit. b DSGVO)',
    en: 'Purposes of the processing (Art. 30(1)(b) GDPR)',
  },
  legalBases: { de: 'Rechtsgrundlagen (Art. 6, 9 DSGVO)', en: 'Legal bases (Art. 6, 9 GDPR)' },
  subjectCategories: {
    de: 'Kategorien betroffener Personen (Art. 30 Abs. 1 lit. c DSGVO)',
    en: 'Categories of data subjects (Art. 30(1)(c) GDPR)',
  },
  dataCategories: {
    de: 'Kategorien personenbezogener Daten (Art. 30 Abs. 1 lit. c DSGVO)',
    en: 'Categories of personal data (Art. 30(1)(c) GDPR)',
  },
  recipients: {
    de: 'Kategorien von Empfängern (Art. 30 Abs. 1 lit. d DSGVO)',
    en: 'Categories of recipients (Art. 30(1)(d) GDPR)',
  },
  transfers: {
    de: 'Übermittlungen an Drittländer oder internationale Organisationen (Art. 30 Abs. 1 lit. e DSGVO)',
    en: 'Transfers to third countries or international organisations (Art. 30(1)(e) GDPR)',
  },
  erasure: {
    de: 'Vorgesehene Fristen für die Löschung (Art. 30 Abs. 1 lit. f DSGVO)',
    en: 'Envisaged time limits for erasure (Art. 30(1)(f) GDPR)',
  },
  toms: {
    de: 'Technische und organisatorische Maßnahmen (Art. 30 Abs. 1 lit. g, Art. 32 Abs. 1 DSGVO)',
    en: 'Technical and organisational security measures (Art. 30(1)(g), Art. 32(1) GDPR)',
  },
  dpia: {
    de: 'Datenschutz-Folgenabschätzung (Art. 35 DSGVO)',
    en: 'Data protection impact assessment (Art. 35 GDPR)',
  },
  controller: {
    de: 'Verantwortlicher, in dessen Auftrag verarbeitet wird (Art. 30 Abs. 2 lit. a DSGVO)',
    en: 'Controller on whose behalf the processing is carried out (Art. 30(2)(a) GDPR)',
  },
  processingCategories: {
    de: 'Kategorien von Verarbeitungen (Art. 30 Abs. 2 lit. b DSGVO)',
    en: 'Categories of processing (Art. 30(2)(b) GDPR)',
  },
  processorTransfers: {
    de: 'Übermittlungen an Drittländer oder internationale Organisationen (Art. 30 Abs. 2 lit. c DSGVO)',
    en: 'Transfers to third countries or international organisations (Art. 30(2)(c) GDPR)',
  },
  processorToms: {
    de: 'Technische und organisatorische Maßnahmen (Art. 30 Abs. 2 lit. d, Art. 32 Abs. 1 DSGVO)',
    en: 'Technical and organisational security measures (Art. 30(2)(d), Art. 32(1) GDPR)',
  },
  status: { de: 'Status', en: 'Status' },
} as const satisfies Record<string, Bilingual>;
export type RopaField = keyof typeof FIELD_LABELS;

export const STATUS_LABELS = {
  draft: { de: 'Entwurf', en: 'Draft' },
  confirmed: { de: 'Bestätigt', en: 'Confirmed' },
  changed: {
    de: 'Bestätigt, Live-Daten seitdem geändert',
    en: 'Confirmed, live data changed since',
  },
} as const satisfies Record<string, Bilingual>;

export const SUBJECT_KIND_LABELS: Record<string, Bilingual> = {
  customer: { de: 'Kunden', en: 'Customers' },
  prospect: { de: 'Interessenten', en: 'Prospects' },
  contact_person: { de: 'Ansprechpartner bei Organisationen', en: 'Contact persons at organisations' },
};

export const RECIPIENT_KIND_LABELS: Record<string, Bilingual> = {
  processor: { de: 'Auftragsverarbeiter', en: 'Processor' },
  controller: { de: 'Verantwortlicher', en: 'Controller' },
  authority: { de: 'Behörde', en: 'Authority' },
  internal_system: { de: 'Internes System', en: 'Internal system' },
  other: { de: 'Sonstiger Empfänger', en: 'Other recipient' },
};

export const MECHANISM_LABELS: Record<string, Bilingual> = {
  adequacy: { de: 'Angemessenheitsbeschluss (Art. 45 DSGVO)', en: 'Adequacy decision (Art. 45 GDPR)' },
  dpf: {
    de: 'EU-US Data Privacy Framework (Art. 45 DSGVO, Durchführungsbeschluss (EU) 2023/1795)',
    en: 'EU-US Data Privacy Framework (Art. 45 GDPR, Implementing Decision (EU) 2023/1795)',
  },
  scc: {
    de: 'Standardvertragsklauseln (Art. 46 Abs. 2 lit. c DSGVO)',
    en: 'Standard contractual clauses (Art. 46(2)(c) GDPR)',
  },
  bcr: {
    de: 'Verbindliche interne Datenschutzvorschriften (Art. 47 DSGVO)',
    en: 'Binding corporate rules (Art. 47 GDPR)',
  },
  derogation: {
    de: 'Ausnahme für bestimmte Fälle (Art. 49 DSGVO)',
    en: 'Derogation for specific situations (Art. 49 GDPR)',
  },
};

export const TEXTS = {
  noTransfers: {
    de: 'Keine Übermittlung an Drittländer oder internationale Organisationen.',
    en: 'No transfers to third countries or international organisations.',
  },
  noMechanism: { de: 'kein Übermittlungsinstrument dokumentiert', en: 'no transfer mechanism documented' },
  specialBasis: {
    de: 'Art. 9 Abs. 2 DSGVO für besondere Kategorien (je Person dokumentiert)',
    en: 'Art. 9(2) GDPR for special categories (documented per person)',
  },
  startEvent: { de: 'Beginn', en: 'Start' },
  dpiaUnknown: { de: 'Noch nicht geprüft', en: 'Not yet assessed' },
  dpiaNotRequired: {
    de: 'Nicht erforderlich (Schwellwertanalyse)',
    en: 'Not required (screening)',
  },
  dpiaMissing: { de: 'Erforderlich, nicht durchgeführt', en: 'Required, not carried out' },
  dpiaDraft: { de: 'In Bearbeitung', en: 'In progress' },
  dpiaSignedOff: {
    de: 'Abgeschlossen am {date}, Überprüfung bis {review}',
    en: 'Signed off on {date}, review by {review}',
  },
  dpiaReviewDue: { de: 'Überprüfung fällig seit {review}', en: 'Review due since {review}' },
  confirmedOn: { de: 'bestätigt am {date}', en: 'confirmed on {date}' },
  generatedAt: { de: 'Erstellt am', en: 'Generated on' },
  none: { de: 'Keine Einträge.', en: 'No entries.' },
  contact: { de: 'Kontakt', en: 'Contact' },
  address: { de: 'Anschrift', en: 'Address' },
  representative: { de: 'Vertreter', en: 'Representative' },
  dpo: { de: 'Datenschutzbeauftragter', en: 'Data protection officer' },
  part: { de: 'Teil', en: 'Part' },
  activityId: { de: 'ID', en: 'ID' },
  purposeId: { de: 'Zweck-ID', en: 'Purpose id' },
} as const satisfies Record<string, Bilingual>;

/** A text with {placeholders} filled in. */
export const fill = (text: string, params: Record<string, string>) =>
  text.replace(/\{(\w+)\}/g, (m, key: string) => params[key] ?? m);
