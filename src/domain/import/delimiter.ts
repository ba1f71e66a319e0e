/**
 * The delimiter of a CSV file from its first lines: for each candidate, the number of delimiters
 * outside quotes per line; the candidate whose count is the same (and above zero) on the most lines
 * wins, then the one with more columns, then the order `;` (German Excel), `,`, tab, `|`. A file with
 * a single column has none of them: `,` is returned, which splits nothing.
 */
export const CSV_DELIMITERS = [';', ',', '\t', '|'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

const countOutsideQuotes = (line: string, delimiter: string) => {
  let inQuotes = false;
  let count = 0;
  for (const ch of line) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (ch === delimiter && !inQuotes) count += 1;
  }
  return count;
};

const mode = (values: number[]) => {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = 0;
  let bestCount = 0;
  for (const [v, c] of counts) if (c > bestCount || (c === bestCount && v > best)) [best, bestCount] = [v, c];
  return { value: best, count: bestCount };
};

export const sniffDelimiter = (input: { sample: string; maxLines?: number }): CsvDelimiter => {
  const lines = input.sample
    .split(/\r\n|\n|\r/)
    .filter((l) => l.trim() !== '')
    .slice(0, input.maxLines ?? 20);
  // the last line of a sample may be cut off
  if (lines.length > 2) lines.pop();
  let best: { delimiter: CsvDelimiter; consistent: number; columns: number } | null = null;
  for (const delimiter of CSV_DELIMITERS) {
    const m = mode(lines.map((l) => countOutsideQuotes(l, delimiter)));
    if (m.value === 0) continue;
    if (best === null || m.count > best.consistent || (m.count === best.consistent && m.value > best.columns))
      best = { delimiter, consistent: m.count, columns: m.value };
  }
  return best?.delimiter ?? ',';
};
