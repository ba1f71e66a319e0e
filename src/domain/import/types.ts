/**
 * The shape every import file becomes, whatever its format: rows of named string values and a
 * summary with the findings. Row numbers count as a spreadsheet does (the header is row 1, so the
 * first data row is row 2); a vCard's row number is the card's position in the file (1, 2, ...).
 */
export const IMPORT_FORMATS = ['csv', 'xlsx', 'vcard'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export const IMPORT_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export type ImportEncoding = (typeof IMPORT_ENCODINGS)[number];

export type ImportRow = { rowNumber: number; values: Record<string, string> };

/**
 * What can be wrong with a row or the file. None of them stops the reading; the later commit
 * refuses a batch while any finding of severity `error` remains (nothing partial).
 */
export const FINDING_KINDS = {
  /** a quoted field that never closes: the rest of the file was swallowed into one cell */
  unbalanced_quotes: 'error',
  /** a quote inside a quoted field that does not end it (`"a"b"`) */
  malformed_quotes: 'error',
  /** more cells than header columns; the extra cells are not read */
  too_many_fields: 'error',
  /** fewer cells than header columns; the missing ones are empty */
  too_few_fields: 'warning',
  /** bytes that are not valid in the file's encoding (a second encoding inside the file) */
  mixed_encoding: 'error',
  /** a cell a spreadsheet would run as a formula (= + - @ tab CR) */
  formula_like: 'warning',
  /** two header cells with the same name; the later one is renamed "name (2)" */
  duplicate_column: 'warning',
  /** a header cell without a name; it is called "column N" */
  empty_column_name: 'warning',
  /** an Excel formula saved without its computed result (the formula text is never imported) */
  formula_without_result: 'error',
  /** an Excel error value such as #DIV/0! or #REF! */
  cell_error: 'error',
  /** a vCard that could not be parsed, or a cell whose value could not be read */
  unreadable_row: 'error',
  /** a file without any data row */
  no_rows: 'error',
} as const satisfies Record<string, 'error' | 'warning'>;
export type FindingKind = keyof typeof FINDING_KINDS;

export type ImportFinding = {
  kind: FindingKind;
  severity: 'error' | 'warning';
  /** null for findings about the whole file */
  rowNumber: number | null;
  column?: string;
  /** a short English explanation for the report; never the cell's value */
  message: string;
};

export type ImportSummary = {
  format: ImportFormat;
  encoding: ImportEncoding | null;
  delimiter: string | null;
  /** the xlsx sheet that was read */
  sheet?: string;
  columns: string[];
  rowCount: number;
  /** the findings in file order, at most `DEFAULT_MAX_FINDINGS` (a 1 GB file could have millions) */
  findings: ImportFinding[];
  /** how many findings of each kind the whole file has, including those not listed */
  findingCounts: Partial<Record<FindingKind, number>>;
};

export const finding = (input: Omit<ImportFinding, 'severity'>): ImportFinding => ({
  ...input,
  severity: FINDING_KINDS[input.kind],
});

/** True while a finding would make the later commit refuse the batch (counted over the whole file). */
export const hasBlockingFindings = (summary: Pick<ImportSummary, 'findingCounts'>): boolean =>
  Object.entries(summary.findingCounts).some(
    ([kind, n]) => FINDING_KINDS[kind as FindingKind] === 'error' && (n ?? 0) > 0,
  );

export const DEFAULT_MAX_FINDINGS = 1000;

/** Collects findings: keeps the first `limit` for the report and counts all of them by kind. */
export const createFindingLog = (input: { limit?: number } = {}) => {
  const limit = input.limit ?? DEFAULT_MAX_FINDINGS;
  const findings: ImportFinding[] = [];
  const findingCounts: Partial<Record<FindingKind, number>> = {};
  return {
    findings,
    findingCounts,
    add: (...added: ImportFinding[]) => {
      for (const f of added) {
        findingCounts[f.kind] = (findingCounts[f.kind] ?? 0) + 1;
        if (findings.length < limit) findings.push(f);
      }
    },
  };
};
