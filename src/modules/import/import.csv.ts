/**
 * CSV files of any delimiter and encoding, streamed: the bytes are counted against the size limit,
 * the encoding is detected from the first 64 KiB, decoded chunk by chunk, and parsed by papaparse
 * over a Node stream (`step` with pause/resume, so an asynchronous `onRow` keeps memory flat). The
 * first record is the header. Broken input never throws: unbalanced or malformed quotes, ragged rows,
 * formula-like cells and bytes of a second encoding become findings on the row (see
 * src/domain/import/types.ts). Only an over-large or binary file is refused as a whole.
 */
import { Readable } from 'node:stream';
import Papa from 'papaparse';
import { type CsvDelimiter, sniffDelimiter } from '../../domain/import/delimiter.ts';
import { createDecoder, detectEncoding } from '../../domain/import/encoding.ts';
import { buildHeader, buildRow } from '../../domain/import/rows.ts';
import {
  createFindingLog,
  finding,
  type ImportEncoding,
  type ImportRow,
  type ImportSummary,
} from '../../domain/import/types.ts';
import { limitBytes } from './import.limits.ts';

const SAMPLE_BYTES = 64 * 1024;

export type CsvOptions = {
  source: AsyncIterable<Uint8Array>;
  maxBytes?: number;
  /** forced instead of detected */
  encoding?: ImportEncoding;
  delimiter?: CsvDelimiter;
  onRow: (row: ImportRow) => void | Promise<void>;
  /** findings kept for the report (all are counted); default 1000 */
  maxFindings?: number;
};

const QUOTE_FINDINGS: Record<string, { kind: 'unbalanced_quotes' | 'malformed_quotes'; message: string }> = {
  MissingQuotes: {
    kind: 'unbalanced_quotes',
    message: 'a quoted cell is never closed; the rest of the file from this row on could not be read',
  },
  InvalidQuotes: { kind: 'malformed_quotes', message: 'a quote inside a quoted cell is not doubled' },
};

export const parseCsv = async (options: CsvOptions): Promise<ImportSummary> => {
  const iterator = limitBytes({ source: options.source, maxBytes: options.maxBytes })[Symbol.asyncIterator]();
  // the sample: the first chunks up to 64 KiB
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let ended = false;
  while (headBytes < SAMPLE_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    head.push(next.value);
    headBytes += next.value.byteLength;
  }
  const sample = Buffer.concat(head);
  const detected = options.encoding
    ? { encoding: options.encoding, bomLength: 0 }
    : detectEncoding({ sample: sample.subarray(0, SAMPLE_BYTES) });
  const { encoding } = detected;
  const decoder = createDecoder(encoding);
  let firstText = decoder.decode(sample.subarray(detected.bomLength), { stream: true });
  if (firstText.startsWith('\uFEFF')) firstText = firstText.slice(1); // a BOM when the encoding was forced
  const delimiter = options.delimiter ?? sniffDelimiter({ sample: firstText });

  async function* text(): AsyncGenerator<string> {
    if (firstText !== '') yield firstText;
    if (!ended)
      for (;;) {
        const next = await iterator.next();
        if (next.done) break;
        const part = decoder.decode(next.value, { stream: true });
        if (part !== '') yield part;
      }
    const rest = decoder.decode();
    if (rest !== '') yield rest;
  }

  const log = createFindingLog({ limit: options.maxFindings });
  let columns: string[] | null = null;
  let recordIndex = 0;
  let rowCount = 0;

  await new Promise<void>((resolve, reject) => {
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      reject(error);
    };
    const stream = Readable.from(text(), { objectMode: true });
    stream.on('error', fail);
    Papa.parse<string[]>(stream as unknown as NodeJS.ReadableStream, {
      delimiter,
      quoteChar: '"',
      skipEmptyLines: false,
      step: (result, parser) => {
        if (failed) return parser.abort();
        recordIndex += 1;
        const rowNumber = recordIndex;
        const cells = result.data;
        for (const error of result.errors) {
          const q = QUOTE_FINDINGS[error.code];
          if (q) log.add(finding({ kind: q.kind, rowNumber, message: q.message }));
        }
        if (columns === null) {
          if (cells.every((c) => c.trim() === '')) return; // blank lines before the header
          const header = buildHeader({ cells, rowNumber });
          columns = header.columns;
          log.add(...header.findings);
          return;
        }
        const built = buildRow({ columns, cells, rowNumber, encoding });
        log.add(...built.findings);
        if (built.row === null) return;
        rowCount += 1;
        const pending = options.onRow(built.row);
        if (pending instanceof Promise) {
          parser.pause();
          pending.then(
            () => parser.resume(),
            (error: unknown) => {
              fail(error);
              parser.abort();
            },
          );
        }
      },
      complete: () => (failed ? undefined : resolve()),
      error: (error: Error) => fail(error),
    });
  });

  if (rowCount === 0)
    log.add(finding({ kind: 'no_rows', rowNumber: null, message: 'the file has no data rows' }));
  return {
    format: 'csv',
    encoding,
    delimiter,
    columns: columns ?? [],
    rowCount,
    findings: log.findings,
    findingCounts: log.findingCounts,
  };
};
