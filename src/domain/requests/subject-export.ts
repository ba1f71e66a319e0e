/**
 * The pure parts of the access (Art. 15) and portability (Art. 20) export: which categories a person's
 * data falls into, the Art. 15(1)(a)-(h) texts, recipients from the disclosure log, retention, and the
 * CSV form (one file per table, spreadsheet formulas defused). Owner: subject-data. The schema is
 * documented in docs/subject-export.md.
 */
import { stringify } from 'csv-stringify/sync';
import { RETENTION_RULES } from '../billing/retention.ts';
import { escapeCsvCell } from '../import/formula.ts';
import { DATA_CATEGORY_INFO, type DataCategory } from '../privacy/data-categories.ts';

export type Locale = 'de' | 'en';

/** Fields of the person row that the person provided themselves (Art. 20(1)): identity, contact, address. */
export const PORTABLE_PERSON_FIELDS = [
  'firstName',
  'lastName',
  'email',
  'phone',
  'birthDate',
  'jobTitle',
  'street',
  'postalCode',
  'city',
  'country',
] as const;

/** The tables of a portability export; everything else is observed or derived data (Art. 20 does not cover it). */
export const PORTABLE_TABLES = ['persons', 'interactions', 'case_messages', 'orders', 'order_lines'] as const;

/** What the export found, as the flags that decide the categories (Art. 15(1)(b)). */
export type HeldData = {
  identity: boolean;
  contact: boolean;
  address: boolean;
  communication: boolean;
  interests: boolean;
  organization: boolean;
  special_health: boolean;
  contract: boolean;
  billing: boolean;
  service: boolean;
};

/** The categories of personal data held, in the catalogue's order, with their label. */
export const categoriesHeld = (held: HeldData, locale: Locale): { id: DataCategory; label: string }[] =>
  (Object.keys(DATA_CATEGORY_INFO) as DataCategory[])
    .filter((c) => held[c])
    .map((c) => ({ id: c, label: DATA_CATEGORY_INFO[c][locale] }));

/** Art. 15(1)(e), (f) and the other rights of Chapter III, in plain language. */
export const RIGHTS_TEXT: Record<Locale, readonly string[]> = {
  de: [
    'Recht auf Auskunft über Ihre personenbezogenen Daten (Art. 15 DSGVO)',
    'Recht auf Berichtigung unrichtiger oder Vervollständigung unvollständiger Daten (Art. 16 DSGVO)',
    'Recht auf Löschung (Art. 17 DSGVO)',
    'Recht auf Einschränkung der Verarbeitung (Art. 18 DSGVO)',
    'Recht auf Datenübertragbarkeit (Art. 20 DSGVO)',
    'Recht auf Widerspruch gegen die Verarbeitung, insbesondere gegen Direktwerbung (Art. 21 DSGVO)',
    'Recht, eine Einwilligung jederzeit mit Wirkung für die Zukunft zu widerrufen (Art. 7 Abs. 3 DSGVO)',
    'Recht auf Beschwerde bei einer Datenschutz-Aufsichtsbehörde (Art. 77 DSGVO)',
  ],
  en: [
    'Right of access to your personal data (Art. 15 GDPR)',
    'Right to rectification of inaccurate and completion of incomplete data (Art. 16 GDPR)',
    'Right to erasure (Art. 17 GDPR)',
    'Right to restriction of processing (Art. 18 GDPR)',
    'Right to data portability (Art. 20 GDPR)',
    'Right to object to processing, in particular to direct marketing (Art. 21 GDPR)',
    'Right to withdraw consent at any time, with effect for the future (Art. 7(3) GDPR)',
    'Right to lodge a complaint with a data protection supervisory authority (Art. 77 GDPR)',
  ],
};

/** Art. 15(1)(h): Custos makes no automated decisions and does no profiling. */
export const AUTOMATED_DECISIONS_TEXT: Record<Locale, string> = {
  de: 'Keine. Es findet keine automatisierte Entscheidungsfindung einschließlich Profiling im Sinne von Art. 22 Abs. 1 und 4 DSGVO statt.',
  en: 'None. There is no automated decision-making, including profiling, within the meaning of Art. 22(1) and (4) GDPR.',
};

/** Notes that belong to the facts (e.g. what the export cannot hold yet). */
export const CONSENTS_NOTE: Record<Locale, string> = {
  de: 'Einwilligungen: Custos führt noch kein Einwilligungsregister (Issue 6); die Tabelle "consents" ist daher leer. Die Rechtsgrundlage jedes Datensatzes steht unter "Zwecke".',
  en: 'Consents: Custos does not keep a consent register yet (issue 6), so the "consents" table is empty. The legal basis of the record is listed under "purposes".',
};

export type DisclosureFact = {
  recipientName: string;
  recipientKind: string;
  recipientCountry: string | null;
  categories: string[];
  disclosedAt: string;
};

/** Art. 15(1)(c): each recipient by name (CJEU C-154/21), with every category it got and the last time. */
export const recipientsOf = (disclosures: readonly DisclosureFact[]) => {
  const byName = new Map<
    string,
    { name: string; kind: string; country: string | null; categories: Set<string>; lastDisclosedAt: string }
  >();
  for (const d of disclosures) {
    const r = byName.get(d.recipientName) ?? {
      name: d.recipientName,
      kind: d.recipientKind,
      country: d.recipientCountry,
      categories: new Set<string>(),
      lastDisclosedAt: d.disclosedAt,
    };
    for (const c of d.categories) r.categories.add(c);
    if (d.disclosedAt > r.lastDisclosedAt) r.lastDisclosedAt = d.disclosedAt;
    byName.set(d.recipientName, r);
  }
  return [...byName.values()]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((r) => ({ ...r, categories: [...r.categories].sort() }));
};

/**
 * Art. 15(1)(d): how long the data is kept. The person record: until the review date set for it, else
 * as long as the purposes need it; invoices: their statutory rule, latest end of retention per rule.
 */
export const retentionFacts = (
  input: {
    personExpiresAt: string | null;
    invoices: readonly { retentionRule: string; retainUntil: string }[];
  },
  locale: Locale,
): { subject: string; rule: string }[] => {
  const out: { subject: string; rule: string }[] = [];
  out.push(
    locale === 'de'
      ? {
          subject: 'Stammdaten, Kommunikation, Vorgänge',
          rule: input.personExpiresAt
            ? `Bis zur Prüfung bzw. Löschung am ${input.personExpiresAt.slice(0, 10)}, längstens solange die genannten Zwecke es erfordern.`
            : 'Solange die genannten Zwecke es erfordern (Vertragsbeziehung, Kundenbetreuung); danach Löschung, soweit keine gesetzliche Aufbewahrungspflicht besteht.',
        }
      : {
          subject: 'Master data, communication, records',
          rule: input.personExpiresAt
            ? `Until the review or erasure on ${input.personExpiresAt.slice(0, 10)}, at most as long as the purposes listed require it.`
            : 'As long as the purposes listed require it (contract, customer care); then erased unless a statutory retention obligation applies.',
        },
  );
  const latest = new Map<string, string>();
  for (const i of input.invoices)
    if ((latest.get(i.retentionRule) ?? '') < i.retainUntil) latest.set(i.retentionRule, i.retainUntil);
  for (const [ruleId, until] of [...latest.entries()].sort()) {
    const rule = RETENTION_RULES.find((r) => r.id === ruleId);
    const basis = rule ? ` (${rule.basis})` : '';
    out.push(
      locale === 'de'
        ? {
            subject: `Rechnungen (${ruleId})`,
            rule: `Gesetzliche Aufbewahrung${rule ? ` ${rule.years} Jahre ab Ende des Kalenderjahres` : ''}${basis}; die letzte endet am ${until}.`,
          }
        : {
            subject: `Invoices (${ruleId})`,
            rule: `Statutory retention${rule ? ` of ${rule.years} years from the end of the calendar year` : ''}${basis}; the last one ends on ${until}.`,
          },
    );
  }
  return out;
};

// ---- CSV ------------------------------------------------------------------------------------------

/**
 * A cell a spreadsheet would run as a formula (= + - @, and tab or carriage return that some
 * programs strip first) gets a leading apostrophe (OWASP "CSV injection"). The one definition is
 * `escapeCsvCell` (src/domain/import/formula.ts), shared with the import's `formula_like` finding.
 */
export const defuseCell = escapeCsvCell;

/** One value as CSV text: null → empty, arrays joined with "; ", objects as JSON. */
export const cellText = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value))
    return value.map((v) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v))).join('; ');
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
};

/** Rows as CSV (RFC 4180, CRLF, UTF-8 BOM for spreadsheet programs): columns = union of keys, in order of appearance. */
export const rowsToCsv = (rows: readonly Record<string, unknown>[]): string => {
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const row of rows)
    for (const key of Object.keys(row))
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
  const body = rows.map((row) => columns.map((c) => defuseCell(cellText(row[c]))));
  if (columns.length === 0) return '\uFEFF';
  // a line break inside a cell is quoted too (csv-stringify quotes only the record delimiter itself)
  return `\uFEFF${stringify([columns, ...body], { record_delimiter: '\r\n', quoted_match: /[\r\n]/ })}`;
};

/** The facts as rows: section, item, value (one row per value), for facts.csv. */
export const factsToRows = (
  facts: Record<string, unknown>,
): { section: string; item: string; value: string }[] => {
  const rows: { section: string; item: string; value: string }[] = [];
  for (const [section, value] of Object.entries(facts)) {
    if (Array.isArray(value))
      value.forEach((entry, i) => {
        if (entry !== null && typeof entry === 'object')
          for (const [k, v] of Object.entries(entry))
            rows.push({ section, item: `${i + 1}.${k}`, value: cellText(v) });
        else rows.push({ section, item: String(i + 1), value: cellText(entry) });
      });
    else if (value !== null && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) rows.push({ section, item: k, value: cellText(v) });
    else rows.push({ section, item: '', value: cellText(value) });
  }
  return rows;
};

/** The CSV files of an export: one per table (empty tables too, with no columns) and facts.csv. */
export const exportToCsvFiles = (input: {
  facts: Record<string, unknown>;
  tables: Record<string, Record<string, unknown>[]>;
}): Record<string, string> => {
  const files: Record<string, string> = { 'facts.csv': rowsToCsv(factsToRows(input.facts)) };
  for (const [table, rows] of Object.entries(input.tables)) files[`${table}.csv`] = rowsToCsv(rows);
  return files;
};
