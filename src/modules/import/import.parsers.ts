/**
 * One entry for every import file: the format from the first bytes (a zip is .xlsx, "BEGIN:VCARD"
 * is vCard, anything else is read as CSV) with the file name's extension as a tie-breaker, then the
 * format's reader. Rows go to `onRow` one at a time; the summary comes at the end. The later commit
 * refuses the batch while the summary has a finding of severity `error` (`hasBlockingFindings`), so
 * a broken file never imports partly.
 */
import { AppError } from '../../domain/errors.ts';
import type { CsvDelimiter } from '../../domain/import/delimiter.ts';
import type { ImportEncoding, ImportFormat, ImportRow, ImportSummary } from '../../domain/import/types.ts';
import { parseCsv } from './import.csv.ts';
import { assertImportSize } from './import.limits.ts';
import { parseVcard } from './import.vcard.ts';
import { parseXlsx } from './import.xlsx.ts';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0]; // the old binary .xls

/** The format of a file from its first bytes and its name. Old .xls and other zip files are refused. */
export const detectFormat = (input: { fileName: string; head: Uint8Array }): ImportFormat => {
  const { head } = input;
  const name = input.fileName.toLowerCase();
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : '';
  const starts = (sig: number[]) => sig.every((b, i) => head[i] === b);
  if (starts(ZIP)) {
    if (ext === 'xlsx' || ext === 'xlsm' || ext === '') return 'xlsx';
    throw new AppError('import_file_unreadable', { details: { reason: 'zip_not_xlsx' } });
  }
  if (starts(OLE)) throw new AppError('import_file_unreadable', { details: { reason: 'xls_not_supported' } });
  const text = new TextDecoder('utf-8').decode(head.subarray(0, 512)).replace(/\0/g, '');
  if (/^\uFEFF?\s*BEGIN:VCARD/i.test(text) || ext === 'vcf' || ext === 'vcard') return 'vcard';
  if (ext === 'xlsx') throw new AppError('import_file_unreadable', { details: { reason: 'xlsx_not_zip' } });
  return 'csv';
};

export type ReadImportOptions = {
  fileName: string;
  source: AsyncIterable<Uint8Array>;
  /** the file's size when known (upload, stat): checked before anything is read */
  size?: number;
  maxBytes?: number;
  /** CSV only: force these instead of detecting them */
  encoding?: ImportEncoding;
  delimiter?: CsvDelimiter;
  /** xlsx only: the worksheet (default: the first) */
  sheet?: string;
  onRow: (row: ImportRow) => void | Promise<void>;
};

/** Puts the first chunk back in front of the rest. */
async function* prepend(first: Uint8Array, rest: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield first;
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    yield next.value;
  }
}

export const readImportFile = async (options: ReadImportOptions): Promise<ImportSummary> => {
  if (options.size !== undefined) assertImportSize({ size: options.size, maxBytes: options.maxBytes });
  const iterator = options.source[Symbol.asyncIterator]();
  const first = await iterator.next();
  const head = first.done ? new Uint8Array() : first.value;
  const format = detectFormat({ fileName: options.fileName, head });
  const source = first.done ? (async function* () {})() : prepend(head, iterator);
  const common = { source, maxBytes: options.maxBytes, onRow: options.onRow };
  if (format === 'xlsx') return parseXlsx({ ...common, sheet: options.sheet });
  if (format === 'vcard') return parseVcard(common);
  return parseCsv({ ...common, encoding: options.encoding, delimiter: options.delimiter });
};

/** Every row in memory with the summary: for previews and small files (the wizard's first page). */
export const readImportRows = async (
  options: Omit<ReadImportOptions, 'onRow'> & { maxRows?: number },
): Promise<{ rows: ImportRow[]; summary: ImportSummary }> => {
  const rows: ImportRow[] = [];
  const summary = await readImportFile({
    ...options,
    onRow: (row) => {
      if (options.maxRows === undefined || rows.length < options.maxRows) rows.push(row);
    },
  });
  return { rows, summary };
};
