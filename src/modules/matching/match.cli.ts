import fs from 'node:fs';
import cliProgress from 'cli-progress';
import { stringify } from 'csv-stringify/sync';
import Papa from 'papaparse';
import { AppError } from '../../domain/errors.ts';
import { findDuplicates, type MatchPair } from '../../domain/matching/engine.ts';
import { MATCH_FIELDS, type MatchField, type MatchRecord } from '../../domain/matching/types.ts';

/**
 * `custos match`: the duplicate engine over a CSV file, without a database or server. MAP.json maps
 * Custos field names to the file's column headers; PAIRS.csv gets `id_a,id_b,score` for every pair
 * at or above the product's threshold.
 */

const readText = (file: string): string => {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new AppError('match_file_unreadable', {
      params: { file, reason: (error as NodeJS.ErrnoException).code ?? 'error' },
    });
  }
};

/** Checks the mapping: a JSON object of known field names to column names, with the id mapped. */
export const parseMatchMap = ({ json }: { json: string }): Partial<Record<MatchField, string>> => {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new AppError('match_map_invalid', { params: { reason: 'not valid JSON' } });
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new AppError('match_map_invalid', { params: { reason: 'not a JSON object' } });
  const map: Partial<Record<MatchField, string>> = {};
  for (const [field, column] of Object.entries(value)) {
    if (!(MATCH_FIELDS as readonly string[]).includes(field))
      throw new AppError('match_map_invalid', {
        params: { reason: `unknown field "${field}" (known: ${MATCH_FIELDS.join(', ')})` },
      });
    if (typeof column !== 'string' || !column.trim())
      throw new AppError('match_map_invalid', {
        params: { reason: `the column of "${field}" is not a name` },
      });
    map[field as MatchField] = column.trim();
  }
  if (!map.id)
    throw new AppError('match_map_invalid', { params: { reason: 'the field "id" is not mapped' } });
  return map;
};

/** Parses the CSV (header row; header names and values trimmed) into match records by the mapping. */
export const readMatchRecords = ({
  csv,
  map,
}: {
  csv: string;
  map: Partial<Record<MatchField, string>>;
}): MatchRecord[] => {
  const parsed = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim(),
    transform: (v) => v.trim(),
  });
  const headers = new Set(parsed.meta.fields ?? []);
  for (const column of Object.values(map))
    if (!headers.has(column)) throw new AppError('match_column_missing', { params: { column } });
  const entries = Object.entries(map) as [MatchField, string][];
  return parsed.data.map((row) => {
    const record: MatchRecord = { id: '' };
    for (const [field, column] of entries) {
      const v = row[column];
      if (v) record[field] = v;
    }
    return record;
  });
};

export const pairsCsv = ({ pairs }: { pairs: readonly MatchPair[] }): string =>
  stringify(
    pairs.map((p) => [p.a, p.b, p.score]),
    { header: true, columns: ['id_a', 'id_b', 'score'] },
  );

/** Reads, matches and writes; a progress bar on stderr when it is a terminal. Returns the pair count. */
export const runMatch = ({
  inFile,
  mapFile,
  outFile,
  progress = process.stderr.isTTY === true,
}: {
  inFile: string;
  mapFile: string;
  outFile: string;
  progress?: boolean;
}): { records: number; pairs: number } => {
  const map = parseMatchMap({ json: readText(mapFile) });
  const records = readMatchRecords({ csv: readText(inFile), map });
  const bar = progress
    ? new cliProgress.SingleBar(
        { format: 'Matching [{bar}] {value}/{total} records', stream: process.stderr, hideCursor: true },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  bar?.start(records.length, 0);
  const { pairs } = findDuplicates({ records, onProgress: (done) => bar?.update(done) });
  bar?.stop();
  pairs.sort((x, y) => (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : x.b > y.b ? 1 : 0));
  fs.writeFileSync(outFile, pairsCsv({ pairs }));
  return { records: records.length, pairs: pairs.length };
};
