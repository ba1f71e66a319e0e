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

// ---- the built-in templates ------------------------------------------------------------------------

const DE_CLOSING = 'Mit freundlichen Grüßen\n\n{{companyName}}\nDatenschutz';
const EN_CLOSING = 'Yours sincerely,\n\n{{companyName}}\nData Protection';
const DE_RECIPIENTS_NOTIFIED =
  'Soweit wir Ihre Daten an Empfänger weitergegeben haben, haben wir diese nach Art. 19 DSGVO unterrichtet. Auf Wunsch nennen wir Ihnen diese Empfänger.';
const EN_RECIPIENTS_NOTIFIED =
  'Where we disclosed your data to recipients, we have informed them in accordance with Art. 19 GDPR. On request we will tell you who they are.';

const de = (subject: string, ...paragraphs: string[]): LetterTemplate => ({
  subject,
  body: ['Sehr geehrte/r {{personName}},', ...paragraphs, DE_CLOSING].join('\n\n'),
});
const en = (subject: string, ...paragraphs: string[]): LetterTemplate => ({
  subject,
  body: ['Dear {{personName}},', ...paragraphs, EN_CLOSING].join('\n\n'),
});

export const DEFAULT_LETTER_TEMPLATES: Record<LetterKind, Record<LetterLocale, LetterTemplate>> = {
  acknowledgement: {
    de: de(
      'Eingangsbestätigung zu Ihrem Antrag {{requestNumber}}',
      'wir bestätigen den Eingang Ihres Antrags auf {{requestType}} vom {{receivedAt}}. Wir führen ihn unter dem Aktenzeichen {{requestNumber}}; bitte geben Sie es bei Rückfragen an.',
      'Nach Art. 12 Abs. 3 DSGVO beantworten wir Ihren Antrag unverzüglich, spätestens bis zum {{dueAt}}. Sollte eine Verlängerung dieser Frist wegen der Komplexität oder der Anzahl der Anträge erforderlich sein, teilen wir Ihnen dies innerhalb dieser Frist unter Angabe der Gründe mit.',
    ),
    en: en(
      'Acknowledgement of your request {{requestNumber}}',
      'We confirm receipt of your request for {{requestType}} of {{receivedAt}}. Its reference number is {{requestNumber}}; please quote it in any correspondence.',
      'In accordance with Art. 12(3) GDPR we will answer your request without undue delay and by {{dueAt}} at the latest. Should an extension of this period be necessary because of the complexity or number of requests, we will inform you within this period and give the reasons.',
    ),
  },
  identity_request: {
    de: de(
      'Ihr Antrag {{requestNumber}}: Bitte um Bestätigung Ihrer Identität',
      'wir haben Ihren Antrag auf {{requestType}} vom {{receivedAt}} erhalten (Aktenzeichen {{requestNumber}}).',
      'Damit wir personenbezogene Daten nur der berechtigten Person offenlegen, müssen wir uns vergewissern, dass der Antrag von Ihnen stammt. Nach Art. 12 Abs. 6 DSGVO bitten wir Sie daher um zusätzliche Informationen zur Bestätigung Ihrer Identität: etwa eine Antwort von der E-Mail-Adresse, die bei uns hinterlegt ist, oder Angaben, die nur Sie kennen können, wie Ihre Kundennummer oder Ihre bei uns bekannte Anschrift.',
      'Bitte senden Sie uns keine Kopie Ihres Personalausweises, solange wir nicht ausdrücklich darum bitten. Sobald Ihre Identität bestätigt ist, bearbeiten wir Ihren Antrag umgehend, spätestens bis zum {{dueAt}}.',
    ),
    en: en(
      'Your request {{requestNumber}}: please confirm your identity',
      'We have received your request for {{requestType}} of {{receivedAt}} (reference {{requestNumber}}).',
      'To make sure we disclose personal data only to the person entitled to it, we need to confirm that the request comes from you. In accordance with Art. 12(6) GDPR we therefore ask you for additional information to confirm your identity: for instance a reply from the e-mail address we hold for you, or details only you can know, such as your customer number or the postal address we have on file.',
      'Please do not send us a copy of your identity card unless we expressly ask for it. As soon as your identity is confirmed we will process your request without delay, by {{dueAt}} at the latest.',
    ),
  },
  extension_notice: {
    de: de(
      'Ihr Antrag {{requestNumber}}: Verlängerung der Frist',
      'zu Ihrem Antrag auf {{requestType}} vom {{receivedAt}} (Aktenzeichen {{requestNumber}}) müssen wir Ihnen leider mitteilen, dass wir die Frist zur Beantwortung nach Art. 12 Abs. 3 Satz 2 DSGVO verlängern. Wir werden Ihren Antrag spätestens bis zum {{extendedDueAt}} beantworten.',
      'Gründe für die Verlängerung: {{extensionReason}}',
      'Wir bitten um Ihr Verständnis und informieren Sie, sobald die Bearbeitung abgeschlossen ist.',
    ),
    en: en(
      'Your request {{requestNumber}}: extension of the time limit',
      'Regarding your request for {{requestType}} of {{receivedAt}} (reference {{requestNumber}}), we regret to inform you that we are extending the period for our answer in accordance with Art. 12(3) GDPR. We will answer your request by {{extendedDueAt}} at the latest.',
      'Reasons for the extension: {{extensionReason}}',
      'Thank you for your understanding; we will let you know as soon as we have completed your request.',
    ),
  },
  access_answer: {
    de: de(
      'Auskunft nach Art. 15 DSGVO zu Ihrem Antrag {{requestNumber}}',
      'wir beantworten hiermit Ihren Antrag auf {{requestType}} vom {{receivedAt}}. Wir bestätigen, dass wir personenbezogene Daten zu Ihrer Person verarbeiten, und teilen Ihnen nach Art. 15 Abs. 1 DSGVO Folgendes mit:',
      '{{art15Facts}}',
      'Eine Kopie Ihrer personenbezogenen Daten (Art. 15 Abs. 3 DSGVO) erhalten Sie in einem gängigen elektronischen Format (JSON und CSV). Sie umfasst folgende Datensätze:',
      '{{dataSummary}}',
      'Die erste Kopie ist für Sie unentgeltlich. Sie haben außerdem das Recht, sich bei einer Datenschutz-Aufsichtsbehörde zu beschweren (Art. 77 DSGVO).',
    ),
    en: en(
      'Access to your personal data under Art. 15 GDPR (request {{requestNumber}})',
      'We hereby answer your request for {{requestType}} of {{receivedAt}}. We confirm that we process personal data about you and, in accordance with Art. 15(1) GDPR, inform you as follows:',
      '{{art15Facts}}',
      'You receive a copy of your personal data (Art. 15(3) GDPR) in a commonly used electronic format (JSON and CSV). It holds the following records:',
      '{{dataSummary}}',
      'The first copy is free of charge. You also have the right to lodge a complaint with a data protection supervisory authority (Art. 77 GDPR).',
    ),
  },
  erasure_confirmation: {
    de: de(
      'Bestätigung der Löschung zu Ihrem Antrag {{requestNumber}}',
      'wir haben Ihrem Antrag auf {{requestType}} vom {{receivedAt}} (Aktenzeichen {{requestNumber}}) entsprochen und Ihre personenbezogenen Daten nach Art. 17 DSGVO gelöscht.',
      'Soweit wir Daten aufgrund gesetzlicher Aufbewahrungspflichten (insbesondere § 147 AO und § 257 HGB für Rechnungen) weiter aufbewahren müssen, ist ihre Verarbeitung eingeschränkt; sie werden nach Ablauf der Aufbewahrungsfrist gelöscht (Art. 17 Abs. 3 lit. b DSGVO). Damit Sie nicht versehentlich erneut in unseren Bestand gelangen, haben wir Ihre E-Mail-Adresse und Telefonnummer ausschließlich in unumkehrbar verschlüsselter Form in einer Sperrliste vermerkt.',
      DE_RECIPIENTS_NOTIFIED,
    ),
    en: en(
      'Confirmation of erasure (request {{requestNumber}})',
      'We have complied with your request for {{requestType}} of {{receivedAt}} (reference {{requestNumber}}) and erased your personal data in accordance with Art. 17 GDPR.',
      'Where statutory retention obligations (in particular § 147 AO and § 257 HGB for invoices) require us to keep certain data, its processing is restricted and it will be erased when the retention period ends (Art. 17(3)(b) GDPR). So that you are not added to our records again by mistake, we keep your e-mail address and phone number in a suppression list, solely in irreversibly hashed form.',
      EN_RECIPIENTS_NOTIFIED,
    ),
  },
  rectification_confirmation: {
    de: de(
      'Bestätigung der Berichtigung zu Ihrem Antrag {{requestNumber}}',
      'wir haben Ihrem Antrag auf {{requestType}} vom {{receivedAt}} (Aktenzeichen {{requestNumber}}) entsprochen und Ihre personenbezogenen Daten nach Art. 16 DSGVO berichtigt beziehungsweise vervollständigt.',
      DE_RECIPIENTS_NOTIFIED,
    ),
    en: en(
      'Confirmation of rectification (request {{requestNumber}})',
      'We have complied with your request for {{requestType}} of {{receivedAt}} (reference {{requestNumber}}) and rectified or completed your personal data in accordance with Art. 16 GDPR.',
      EN_RECIPIENTS_NOTIFIED,
    ),
  },
  restriction_confirmation: {
    de: de(
      'Bestätigung der Einschränkung der Verarbeitung zu Ihrem Antrag {{requestNumber}}',
      'wir haben Ihrem Antrag auf {{requestType}} vom {{receivedAt}} (Aktenzeichen {{requestNumber}}) entsprochen und die Verarbeitung Ihrer personenbezogenen Daten nach Art. 18 DSGVO eingeschränkt.',
      'Ihre Daten werden – von ihrer Speicherung abgesehen – nur noch mit Ihrer Einwilligung, zur Geltendmachung, Ausübung oder Verteidigung von Rechtsansprüchen, zum Schutz der Rechte einer anderen Person oder aus Gründen eines wichtigen öffentlichen Interesses verarbeitet (Art. 18 Abs. 2 DSGVO). Bevor die Einschränkung aufgehoben wird, unterrichten wir Sie (Art. 18 Abs. 3 DSGVO).',
      DE_RECIPIENTS_NOTIFIED,
    ),
    en: en(
      'Confirmation of the restriction of processing (request {{requestNumber}})',
      'We have complied with your request for {{requestType}} of {{receivedAt}} (reference {{requestNumber}}) and restricted the processing of your personal data in accordance with Art. 18 GDPR.',
      'Apart from storage, your data will only be processed with your consent, for the establishment, exercise or defence of legal claims, for the protection of the rights of another person or for reasons of important public interest (Art. 18(2) GDPR). We will inform you before the restriction is lifted (Art. 18(3) GDPR).',
      EN_RECIPIENTS_NOTIFIED,
    ),
  },
  objection_confirmation: {
    de: de(
      'Bestätigung Ihres Widerspruchs {{requestNumber}}',
      'wir haben Ihren Widerspruch vom {{receivedAt}} (Aktenzeichen {{requestNumber}}) erhalten und umgesetzt.',
      'Ihre personenbezogenen Daten werden nicht mehr für Zwecke der Direktwerbung verarbeitet (Art. 21 Abs. 3 DSGVO). Soweit wir Daten auf Grundlage berechtigter Interessen verarbeiten, haben wir diese Verarbeitung eingestellt, es sei denn, zwingende schutzwürdige Gründe überwiegen oder sie dient der Geltendmachung, Ausübung oder Verteidigung von Rechtsansprüchen (Art. 21 Abs. 1 DSGVO). Damit Ihr Widerspruch dauerhaft beachtet wird, haben wir ihn bei Ihren Daten vermerkt.',
    ),
    en: en(
      'Confirmation of your objection {{requestNumber}}',
      'We have received your objection of {{receivedAt}} (reference {{requestNumber}}) and acted on it.',
      'Your personal data will no longer be processed for direct marketing purposes (Art. 21(3) GDPR). Where we process data on the basis of legitimate interests, we have stopped doing so unless there are compelling legitimate grounds that override your interests or the processing serves the establishment, exercise or defence of legal claims (Art. 21(1) GDPR). So that your objection is respected permanently, we have recorded it with your data.',
    ),
  },
  refusal: {
    de: de(
      'Ihr Antrag {{requestNumber}}: Unsere Entscheidung',
      'wir haben Ihren Antrag auf {{requestType}} vom {{receivedAt}} (Aktenzeichen {{requestNumber}}) sorgfältig geprüft. Leider können wir ihm nicht entsprechen.',
      'Gründe: {{refusalReason}}\n{{refusalDetails}}',
      'Nach Art. 12 Abs. 4 DSGVO weisen wir Sie darauf hin, dass Sie das Recht haben, Beschwerde bei einer Datenschutz-Aufsichtsbehörde einzulegen (Art. 77 DSGVO), insbesondere in dem Mitgliedstaat Ihres Aufenthaltsorts, Ihres Arbeitsplatzes oder des Orts des mutmaßlichen Verstoßes, sowie einen gerichtlichen Rechtsbehelf einzulegen (Art. 79 DSGVO).',
    ),
    en: en(
      'Your request {{requestNumber}}: our decision',
      'We have carefully examined your request for {{requestType}} of {{receivedAt}} (reference {{requestNumber}}). Unfortunately we cannot comply with it.',
      'Reasons: {{refusalReason}}\n{{refusalDetails}}',
      'In accordance with Art. 12(4) GDPR we inform you that you have the right to lodge a complaint with a data protection supervisory authority (Art. 77 GDPR), in particular in the Member State of your habitual residence, place of work or place of the alleged infringement, and to seek a judicial remedy (Art. 79 GDPR).',
    ),
  },
};

// ---- which letter fits which request ---------------------------------------------------------------

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
