/**
 * From cells to rows, the same for every format: the header row becomes column names (trimmed,
 * unnamed ones called "column N", duplicates renamed "name (2)"), every data cell is trimmed, empty
 * rows are skipped, ragged rows and formula-like cells become findings. Pure; the parsers feed it.
 */
import { hasEncodingDamage } from './encoding.ts';
import { isSuspiciousFormula } from './formula.ts';
import { finding, type ImportEncoding, type ImportFinding, type ImportRow } from './types.ts';

export type Header = { columns: string[]; findings: ImportFinding[] };

export const buildHeader = (input: { cells: readonly string[]; rowNumber?: number }): Header => {
  const rowNumber = input.rowNumber ?? 1;
  const findings: ImportFinding[] = [];
  const seen = new Map<string, number>();
  const columns = input.cells.map((cell, i) => {
    let name = cell.trim();
    if (name === '') {
      name = `column ${i + 1}`;
      findings.push(
        finding({
          kind: 'empty_column_name',
          rowNumber,
          column: name,
          message: `column ${i + 1} has no name`,
        }),
      );
    }
    const n = (seen.get(name.toLowerCase()) ?? 0) + 1;
    seen.set(name.toLowerCase(), n);
    if (n > 1) {
      findings.push(
        finding({
          kind: 'duplicate_column',
          rowNumber,
          column: name,
          message: `column "${name}" appears ${n} times`,
        }),
      );
      name = `${name} (${n})`;
    }
    return name;
  });
  return { columns, findings };
};

export type BuiltRow = { row: ImportRow | null; findings: ImportFinding[] };

/**
 * One data row from its cells. `row` is null for an empty row (all cells blank), which is skipped
 * without a finding. Findings never contain the cell's value (it is personal data).
 */
export const buildRow = (input: {
  columns: readonly string[];
  cells: readonly string[];
  rowNumber: number;
  encoding?: ImportEncoding | null;
}): BuiltRow => {
  const { columns, cells, rowNumber } = input;
  if (cells.every((c) => c.trim() === '')) return { row: null, findings: [] };
  const findings: ImportFinding[] = [];
  if (cells.length > columns.length)
    findings.push(
      finding({
        kind: 'too_many_fields',
        rowNumber,
        message: `${cells.length} cells, the header has ${columns.length} columns`,
      }),
    );
  else if (cells.length < columns.length)
    findings.push(
      finding({
        kind: 'too_few_fields',
        rowNumber,
        message: `${cells.length} cells, the header has ${columns.length} columns`,
      }),
    );
  const values: Record<string, string> = {};
  columns.forEach((column, i) => {
    const value = (cells[i] ?? '').trim();
    values[column] = value;
    if (isSuspiciousFormula(cells[i] ?? ''))
      findings.push(
        finding({
          kind: 'formula_like',
          rowNumber,
          column,
          message: 'the cell starts like a spreadsheet formula',
        }),
      );
    if (input.encoding && hasEncodingDamage({ value, encoding: input.encoding }))
      findings.push(
        finding({
          kind: 'mixed_encoding',
          rowNumber,
          column,
          message: `the cell has bytes that are not ${input.encoding}; save the file in one encoding`,
        }),
      );
  });
  return { row: { rowNumber, values }, findings };
};
