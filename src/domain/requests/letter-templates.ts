/**
 * Letters and e-mails to data subjects: the built-in templates (German and English), the placeholder
 * syntax `{{name}}` from a fixed list, validation of DPO-edited templates and rendering. Pure: no I/O,
 * the clock and every value come from the caller.
 */
import { AppError } from '../errors.ts';
import { berlinDay, isoDay } from '../service/business-calendar.ts';

export const LETTER_KINDS = [
  'acknowledgement',
  'identity_request',
  'extension_notice',
  'access_answer',
  'erasure_confirmation',
  'rectification_confirmation',
  'restriction_confirmation',
  'objection_confirmation',
  'refusal',
] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

export const LETTER_LOCALES = ['de', 'en'] as const;
export type LetterLocale = (typeof LETTER_LOCALES)[number];

/** Every placeholder a template may use; anything else in `{{…}}` is refused. */
export const LETTER_PLACEHOLDERS = [
  'personName',
  'requestNumber',
  'requestType',
  'receivedAt',
  'dueAt',
  'extendedDueAt',
  'extensionReason',
  'refusalReason',
  'refusalDetails',
  'companyName',
  'today',
  'art15Facts',
  'dataSummary',
] as const;
export type LetterPlaceholder = (typeof LETTER_PLACEHOLDERS)[number];
export type LetterValues = Partial<Record<LetterPlaceholder, string | null>>;

export type LetterTemplate = { subject: string; body: string };

const KNOWN = new Set<string>(LETTER_PLACEHOLDERS);
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/**
 * Refuses a template with an unknown placeholder, or with a `{{` / `}}` that does not form one (a typo
 * such as `{{personName}` would otherwise reach the data subject as written).
 */
export const validateTemplate = (text: string): void => {
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? '';
    if (!KNOWN.has(name)) throw new AppError('invalid_template', { params: { placeholder: `{{${name}}}` } });
  }
  const rest = text.replace(PLACEHOLDER, '');
  const stray = rest.match(/\{\{|\}\}/);
  if (stray) {
    const at = stray.index ?? 0;
    throw new AppError('invalid_template', {
      params: { placeholder: rest.slice(Math.max(0, at - 10), at + 20).trim() },
    });
  }
};

/** Fills every placeholder; an absent value renders empty. The template must have been validated. */
export const renderTemplate = ({ template, values }: { template: string; values: LetterValues }): string => {
  validateTemplate(template);
  return template.replace(PLACEHOLDER, (_, name: string) => values[name as LetterPlaceholder] ?? '');
};

export const renderLetter = (template: LetterTemplate, values: LetterValues): LetterTemplate => ({
  subject: renderTemplate({ template: template.subject, values }).replace(/\s+/g, ' ').trim(),
  body: renderTemplate({ template: template.body, values })
    // an empty optional value (e.g. no refusal details) leaves no run of blank lines behind
    .replace(/\n{3,}/g, '\n\n')
    .trim(),
});

// ---- dates ----------------------------------------------------------------------------------------

const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * A calendar day (YYYY-MM-DD) or an instant (Date, or ISO string with a time), as written in a letter:
 * de 02.12.2026, en 2 December 2026. Instants are read on the Berlin calendar.
 */
export const formatLetterDate = (value: string | Date | null | undefined, locale: LetterLocale) => {
  if (value == null) return null;
  const day =
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? value
      : isoDay(berlinDay(typeof value === 'string' ? new Date(value) : value));
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return locale === 'de'
    ? `${String(d).padStart(2, '0')}.${String(m).padStart(2, '0')}.${y}`
    : `${d} ${EN_MONTHS[m - 1]} ${y}`;
};

// ---- words for the request's facts -----------------------------------------------------------------

type Words = Record<LetterLocale, string>;

export const REQUEST_TYPE_WORDS: Record<string, Words> = {
  access: { de: 'Auskunft (Art. 15 DSGVO)', en: 'access (Art. 15 GDPR)' },
  portability: { de: 'Datenübertragbarkeit (Art. 20 DSGVO)', en: 'data portability (Art. 20 GDPR)' },
  rectification: { de: 'Berichtigung (Art. 16 DSGVO)', en: 'rectification (Art. 16 GDPR)' },
  erasure: { de: 'Löschung (Art. 17 DSGVO)', en: 'erasure (Art. 17 GDPR)' },
  restriction: {
    de: 'Einschränkung der Verarbeitung (Art. 18 DSGVO)',
    en: 'restriction of processing (Art. 18 GDPR)',
  },
  objection: { de: 'Widerspruch (Art. 21 DSGVO)', en: 'objection (Art. 21 GDPR)' },
};

export const REFUSAL_REASON_WORDS: Record<string, Words> = {
  manifestly_unfounded: {
    de: 'Der Antrag ist offenkundig unbegründet (Art. 12 Abs. 5 Satz 2 lit. b DSGVO).',
    en: 'The request is manifestly unfounded (Art. 12(5)(b) GDPR).',
  },
  excessive: {
    de: 'Der Antrag ist – insbesondere wegen seiner häufigen Wiederholung – exzessiv (Art. 12 Abs. 5 Satz 2 lit. b DSGVO).',
    en: 'The request is excessive, in particular because of its repetitive character (Art. 12(5)(b) GDPR).',
  },
  identity_not_verified: {
    de: 'Wir konnten Ihre Identität trotz unserer Nachfrage nicht feststellen (Art. 12 Abs. 2 Satz 2 und Abs. 6 DSGVO).',
    en: 'Despite our request for further information we could not verify your identity (Art. 12(2) and 12(6) GDPR).',
  },
  no_data: {
    de: 'Wir verarbeiten keine personenbezogenen Daten zu Ihrer Person.',
    en: 'We do not process any personal data about you.',
  },
  legal_exemption: {
    de: 'Eine gesetzliche Ausnahme steht der Erfüllung entgegen (etwa Art. 17 Abs. 3 DSGVO oder §§ 34, 35 BDSG).',
    en: 'A statutory exemption prevents us from complying (for instance Art. 17(3) GDPR or §§ 34, 35 BDSG).',
  },
  other: { de: 'Aus den folgenden Gründen:', en: 'For the following reasons:' },
};

const TABLE_WORDS: Record<string, Words> = {
  persons: { de: 'Stammdaten', en: 'personal record' },
  interactions: { de: 'Kontakte und Notizen', en: 'contacts and notes' },
  person_tags: { de: 'Schlagwörter', en: 'tags' },
  tags: { de: 'Schlagwörter', en: 'tags' },
  consents: { de: 'Einwilligungen', en: 'consents' },
  cases: { de: 'Servicefälle', en: 'support cases' },
  case_messages: { de: 'Nachrichten zu Servicefällen', en: 'support case messages' },
  deals: { de: 'Verkaufschancen', en: 'deals' },
  quotes: { de: 'Angebote', en: 'quotes' },
  orders: { de: 'Aufträge', en: 'orders' },
  invoices: { de: 'Rechnungen', en: 'invoices' },
  tasks: { de: 'Aufgaben', en: 'tasks' },
  disclosures: { de: 'Weitergaben an Empfänger', en: 'disclosures to recipients' },
  import_batches: { de: 'Importe', en: 'imports' },
  dsr_requests: { de: 'Anträge nach der DSGVO', en: 'GDPR requests' },
  audit_log: { de: 'Protokolleinträge', en: 'audit log entries' },
};

// ---- the Art. 15 block and the data summary --------------------------------------------------------

/** The Art. 15(1) facts as read by the letter (the shape of `SubjectExport.facts`). */
export type LetterArt15Facts = {
  purposes: { id: string; label: string; legalBasis: string }[];
  categories: { id: string; label: string }[];
  recipients: {
    name: string;
    kind: string;
    country: string | null;
    categories: string[];
    lastDisclosedAt: string;
  }[];
  /** the register's processors, controllers and authorities holding data for the person's purposes */
  registerRecipients?: {
    name: string;
    kind: string;
    country: string | null;
    transferMechanism: string | null;
    categories: string[];
  }[];
  retention: { subject: string; rule: string }[];
  rights: string[];
  source: { kind: string; detail: string | null; collectedAt: string; importBatches: string[] };
  automatedDecisions: string;
};

const FACT_HEADINGS: Record<LetterLocale, string[]> = {
  de: [
    'Zwecke der Verarbeitung und Rechtsgrundlagen (Art. 15 Abs. 1 lit. a DSGVO)',
    'Kategorien personenbezogener Daten (lit. b)',
    'Empfänger (lit. c)',
    'Speicherdauer oder Kriterien für ihre Festlegung (lit. d)',
    'Ihre Rechte (lit. e und f)',
    'Herkunft der Daten (lit. g)',
    'Automatisierte Entscheidungsfindung einschließlich Profiling (lit. h)',
  ],
  en: [
    'Purposes of the processing and legal bases (Art. 15(1)(a) GDPR)',
    'Categories of personal data (point b)',
    'Recipients (point c)',
    'Storage period or the criteria used to determine it (point d)',
    'Your rights (points e and f)',
    'Source of the data (point g)',
    'Automated decision-making including profiling (point h)',
  ],
};

const list = (items: string[], none: string) =>
  items.length ? items.map((i) => `  – ${i}`).join('\n') : `  – ${none}`;

/** The Art. 15(1)(a)–(h) information as a numbered block of plain text. */
export const renderArt15Facts = (facts: LetterArt15Facts, locale: LetterLocale): string => {
  const de = locale === 'de';
  const none = de ? 'keine' : 'none';
  const h = FACT_HEADINGS[locale];
  const recipients = facts.recipients.map((r) => {
    const where = [r.kind, r.country].filter(Boolean).join(', ');
    const cats = r.categories.join(', ');
    const last = formatLetterDate(r.lastDisclosedAt, locale);
    return de
      ? `${r.name}${where ? ` (${where})` : ''}: ${cats || none}; zuletzt am ${last}`
      : `${r.name}${where ? ` (${where})` : ''}: ${cats || none}; last on ${last}`;
  });
  const MECHANISMS: Record<string, string> = de
    ? {
        adequacy: 'Angemessenheitsbeschluss (Art. 45 DSGVO)',
        dpf: 'EU-US Data Privacy Framework (Art. 45 DSGVO)',
        scc: 'Standardvertragsklauseln (Art. 46 Abs. 2 lit. c DSGVO)',
        bcr: 'verbindliche interne Datenschutzvorschriften (Art. 47 DSGVO)',
        derogation: 'Ausnahme nach Art. 49 DSGVO',
      }
    : {
        adequacy: 'adequacy decision (Art. 45 GDPR)',
        dpf: 'EU-US Data Privacy Framework (Art. 45 GDPR)',
        scc: 'standard contractual clauses (Art. 46(2)(c) GDPR)',
        bcr: 'binding corporate rules (Art. 47 GDPR)',
        derogation: 'derogation under Art. 49 GDPR',
      };
  for (const r of facts.registerRecipients ?? []) {
    const where = [r.kind, r.country].filter(Boolean).join(', ');
    const cats = r.categories.join(', ');
    const mechanism = r.transferMechanism
      ? `; ${de ? 'Übermittlung auf Grundlage von' : 'transfer based on'} ${MECHANISMS[r.transferMechanism] ?? r.transferMechanism}`
      : '';
    recipients.push(
      de
        ? `${r.name}${where ? ` (${where})` : ''}: ${cats || none}; laufend für die genannten Zwecke${mechanism}`
        : `${r.name}${where ? ` (${where})` : ''}: ${cats || none}; ongoing for the purposes above${mechanism}`,
    );
  }
  const src = facts.source;
  const sourceLine = [src.kind, src.detail].filter(Boolean).join(' – ');
  const collected = formatLetterDate(src.collectedAt, locale);
  const sourceText = `${sourceLine}${de ? `, erhoben am ${collected}` : `, collected on ${collected}`}${
    src.importBatches.length
      ? de
        ? `; Import: ${src.importBatches.join(', ')}`
        : `; import: ${src.importBatches.join(', ')}`
      : ''
  }`;
  const sections: [string, string][] = [
    [
      h[0] as string,
      list(
        facts.purposes.map((p) => `${p.label} (${de ? 'Rechtsgrundlage' : 'legal basis'}: ${p.legalBasis})`),
        none,
      ),
    ],
    [
      h[1] as string,
      list(
        facts.categories.map((c) => c.label),
        none,
      ),
    ],
    [
      h[2] as string,
      list(
        recipients,
        de
          ? 'Wir haben Ihre Daten an niemanden weitergegeben.'
          : 'We have not disclosed your data to anyone.',
      ),
    ],
    [
      h[3] as string,
      list(
        facts.retention.map((r) => `${r.subject}: ${r.rule}`),
        none,
      ),
    ],
    [h[4] as string, list(facts.rights, none)],
    [h[5] as string, `  ${sourceText}`],
    [h[6] as string, `  ${facts.automatedDecisions}`],
  ];
  return sections.map(([heading, text], i) => `${i + 1}. ${heading}:\n${text}`).join('\n\n');
};

/** How many records the copy holds, per table, in words ("Kontakte und Notizen: 12"). */
export const renderDataSummary = (
  tables: Record<string, readonly unknown[]>,
  locale: LetterLocale,
): string => {
  const lines = Object.entries(tables)
    .filter(([, rows]) => rows.length > 0)
    .map(([table, rows]) => `  – ${TABLE_WORDS[table]?.[locale] ?? table}: ${rows.length}`);
  return lines.length ? lines.join('\n') : locale === 'de' ? '  – keine Datensätze' : '  – no records';
};

// ---- the values of one letter ----------------------------------------------------------------------

export type LetterRequestFacts = {
  number: string;
  type: string;
  receivedAt: Date | string;
  dueAt: string;
  extendedDueAt: string | null;
  extensionReason: string | null;
  refusalReason: string | null;
  refusalDetails: string | null;
};

/** Every placeholder's value for a request, in the letter's language. */
export const letterValues = ({
  locale,
  request,
  personName,
  companyName,
  now,
  facts,
  tables,
}: {
  locale: LetterLocale;
  request: LetterRequestFacts;
  personName: string;
  companyName: string;
  now: Date;
  facts?: LetterArt15Facts;
  tables?: Record<string, readonly unknown[]>;
}): LetterValues => ({
  personName,
  companyName,
  requestNumber: request.number,
  requestType: REQUEST_TYPE_WORDS[request.type]?.[locale] ?? request.type,
  receivedAt: formatLetterDate(request.receivedAt, locale),
  dueAt: formatLetterDate(request.dueAt, locale),
  extendedDueAt: formatLetterDate(request.extendedDueAt, locale),
  extensionReason: request.extensionReason,
  refusalReason: request.refusalReason
    ? (REFUSAL_REASON_WORDS[request.refusalReason]?.[locale] ?? request.refusalReason)
    : null,
  refusalDetails: request.refusalDetails,
  today: formatLetterDate(now, locale),
  art15Facts: facts ? renderArt15Facts(facts, locale) : null,
  dataSummary: tables ? renderDataSummary(tables, locale) : null,
});

export { DEFAULT_LETTER_TEMPLATES } from './letter-defaults.ts';

const CONFIRMS: Partial<Record<LetterKind, readonly string[]>> = {
  access_answer: ['access', 'portability'],
  erasure_confirmation: ['erasure'],
  rectification_confirmation: ['rectification'],
  restriction_confirmation: ['restriction'],
  objection_confirmation: ['objection'],
};

/**
 * Refuses a letter that does not fit the request: a confirmation of another request type, an extension
 * notice without an extension, a refusal of a request that was not refused. Confirmations are not tied
 * to the status: an erasure confirmation has to be written before the erasure shreds the person's key.
 */
export const assertLetterApplicable = (
  kind: LetterKind,
  request: { type: string; status: string; extendedDueAt: string | null },
): void => {
  const types = CONFIRMS[kind];
  const fits =
    kind === 'extension_notice'
      ? request.extendedDueAt !== null
      : kind === 'refusal'
        ? request.status === 'refused'
        : types
          ? types.includes(request.type)
          : true;
  if (!fits) throw new AppError('letter_not_applicable', { params: { kind } });
};
