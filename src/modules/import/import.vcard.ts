/**
 * vCard files (.vcf, versions 3.0 and 4.0, any number of cards) through ical.js. Every card becomes
 * one row with the same column names as a table would have (`FN`, `N.family`, `EMAIL`, `ADR.city`,
 * ...), so mapping and validation do not care where a row came from. Each card is parsed on its own:
 * a broken card is an `unreadable_row` finding, the others are still read.
 */
import ICAL from 'ical.js';
import { createDecoder, detectEncoding } from '../../domain/import/encoding.ts';
import { buildRow } from '../../domain/import/rows.ts';
import { createFindingLog, finding, type ImportRow, type ImportSummary } from '../../domain/import/types.ts';
import { readAllBytes } from './import.limits.ts';

const REPEATED = { EMAIL: 3, TEL: 3 } as const;

export const VCARD_COLUMNS = [
  'FN',
  'N.family',
  'N.given',
  'N.additional',
  'N.prefix',
  'N.suffix',
  'EMAIL',
  'EMAIL.2',
  'EMAIL.3',
  'TEL',
  'TEL.2',
  'TEL.3',
  'ADR.street',
  'ADR.postalCode',
  'ADR.city',
  'ADR.region',
  'ADR.country',
  'ORG',
  'TITLE',
  'BDAY',
  'NOTE',
] as const;

type Prop = ICAL.Property;

const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v)).trim();
const parts = (p: Prop): string[] => {
  const first: unknown = p.getFirstValue();
  return Array.isArray(first) ? first.map(text) : [text(first)];
};

const bday = (p: Prop): string => {
  const v: unknown = p.getFirstValue();
  if (v && typeof v === 'object' && 'month' in v) {
    const d = v as { year?: number | null; month?: number | null; day?: number | null };
    const mm = String(d.month ?? '').padStart(2, '0');
    const dd = String(d.day ?? '').padStart(2, '0');
    return d.year ? `${String(d.year).padStart(4, '0')}-${mm}-${dd}` : `--${mm}-${dd}`;
  }
  return text(v);
};

/** The values of one parsed card under the vCard column names, and extra repeated values that did not fit. */
export const cardValues = (card: ICAL.Component): { cells: string[]; overflow: string[] } => {
  const values: Record<string, string> = {};
  const overflow: string[] = [];
  const set = (column: string, value: string) => {
    if (value !== '' && values[column] === undefined) values[column] = value;
  };
  for (const p of card.getAllProperties()) {
    const name = p.name.toUpperCase();
    if (name === 'FN') set('FN', text(p.getValues().join(',')));
    else if (name === 'N') {
      const [family = '', given = '', additional = '', prefix = '', suffix = ''] = parts(p);
      set('N.family', family);
      set('N.given', given);
      set('N.additional', additional);
      set('N.prefix', prefix);
      set('N.suffix', suffix);
    } else if (name === 'EMAIL' || name === 'TEL') {
      const value = text(p.getFirstValue()).replace(/^(mailto|tel):/i, '');
      const max = REPEATED[name];
      const slot = Array.from({ length: max }, (_, i) => (i === 0 ? name : `${name}.${i + 1}`)).find(
        (c) => values[c] === undefined,
      );
      if (slot) set(slot, value);
      else overflow.push(name);
    } else if (name === 'ADR' && values['ADR.street'] === undefined && values['ADR.city'] === undefined) {
      const [, , street = '', city = '', region = '', postalCode = '', country = ''] = parts(p);
      set('ADR.street', street);
      set('ADR.city', city);
      set('ADR.region', region);
      set('ADR.postalCode', postalCode);
      set('ADR.country', country);
    } else if (name === 'ORG') set('ORG', parts(p)[0] ?? '');
    else if (name === 'TITLE') set('TITLE', text(p.getValues().join(',')));
    else if (name === 'BDAY') set('BDAY', bday(p));
    else if (name === 'NOTE') set('NOTE', p.getValues().map(text).join(', '));
  }
  return { cells: VCARD_COLUMNS.map((c) => values[c] ?? ''), overflow };
};

/** The cards of a file as separate texts (BEGIN:VCARD … END:VCARD). */
export const splitCards = (input: { text: string }): string[] =>
  [...input.text.matchAll(/^BEGIN:VCARD\s*$[\s\S]*?^END:VCARD\s*$/gim)].map((m) => m[0]);

export const parseVcard = async (options: {
  source: AsyncIterable<Uint8Array>;
  maxBytes?: number;
  onRow: (row: ImportRow) => void | Promise<void>;
  /** findings kept for the report (all are counted); default 1000 */
  maxFindings?: number;
}): Promise<ImportSummary> => {
  const bytes = await readAllBytes(options);
  const { encoding, bomLength } = detectEncoding({ sample: bytes.subarray(0, 64 * 1024) });
  const decoded = createDecoder(encoding).decode(bytes.subarray(bomLength));
  const columns = [...VCARD_COLUMNS];
  const log = createFindingLog({ limit: options.maxFindings });
  let rowCount = 0;
  const cards = splitCards({ text: decoded });
  for (const [i, cardText] of cards.entries()) {
    const rowNumber = i + 1;
    let card: ICAL.Component;
    try {
      const parsed: unknown = ICAL.parse(cardText);
      card = new ICAL.Component(parsed as unknown[]);
      if (card.name !== 'vcard') throw new Error('not a vcard');
    } catch {
      log.add(finding({ kind: 'unreadable_row', rowNumber, message: 'the vCard could not be parsed' }));
      continue;
    }
    const { cells, overflow } = cardValues(card);
    for (const name of new Set(overflow))
      log.add(
        finding({
          kind: 'too_many_fields',
          rowNumber,
          column: name,
          message: `more than ${REPEATED[name as keyof typeof REPEATED]} ${name} values; the others are not read`,
        }),
      );
    const built = buildRow({ columns, cells, rowNumber, encoding });
    log.add(...built.findings);
    if (built.row === null) continue;
    rowCount += 1;
    await options.onRow(built.row);
  }
  if (rowCount === 0 && !log.findings.some((f) => f.kind === 'unreadable_row'))
    log.add(finding({ kind: 'no_rows', rowNumber: null, message: 'the file has no vCards' }));
  return {
    format: 'vcard',
    encoding,
    delimiter: null,
    columns,
    rowCount,
    findings: log.findings,
    findingCounts: log.findingCounts,
  };
};
