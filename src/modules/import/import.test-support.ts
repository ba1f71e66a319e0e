import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportRow } from '../../domain/import/types.ts';

export const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/import');

export const fixture = (name: string): Buffer => readFileSync(join(FIXTURES, name));

/** A byte source in chunks of `chunkSize`, to exercise chunk boundaries. */
export async function* chunked(bytes: Uint8Array, chunkSize = 7): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
}

export const collector = () => {
  const rows: ImportRow[] = [];
  return { rows, onRow: (row: ImportRow) => void rows.push(row) };
};
