/**
 * Excel workbooks (.xlsx) through exceljs: the first worksheet or a named one; the first non-empty
 * row is the header. Numbers without float artefacts, dates as ISO dates, formulas as their cached
 * result (never the formula text: a formula without a saved result is a finding), rich text and
 * links as their text. The whole file is read into memory, so it is held to the size limit first.
 */
import ExcelJS from 'exceljs';
import { AppError } from '../../domain/errors.ts';
import { dateText, numberText } from '../../domain/import/cells.ts';
import { buildHeader, buildRow } from '../../domain/import/rows.ts';
import { createFindingLog, finding, type ImportRow, type ImportSummary } from '../../domain/import/types.ts';
import { readAllBytes } from './import.limits.ts';

type CellText = { text: string; problem?: 'formula_without_result' | 'cell_error' };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** One cell value as text; formulas by their cached result. */
export const cellValueText = (value: ExcelJS.CellValue): CellText => {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'number') return { text: numberText(value) };
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return { text: dateText(value) };
  if (isObject(value)) {
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as ExcelJS.CellFormulaValue).result;
      if (result === undefined || result === null) return { text: '', problem: 'formula_without_result' };
      return cellValueText(result as ExcelJS.CellValue);
    }
    if ('error' in value) return { text: '', problem: 'cell_error' };
    if ('richText' in value)
      return { text: (value as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('') };
    if ('hyperlink' in value) {
      const text = (value as ExcelJS.CellHyperlinkValue).text;
      return typeof text === 'string' ? { text } : cellValueText(text as ExcelJS.CellValue);
    }
  }
  return { text: '' };
};

export const parseXlsx = async (options: {
  source: AsyncIterable<Uint8Array>;
  maxBytes?: number;
  /** the worksheet's name; the first worksheet when not given */
  sheet?: string;
  onRow: (row: ImportRow) => void | Promise<void>;
  /** findings kept for the report (all are counted); default 1000 */
  maxFindings?: number;
}): Promise<ImportSummary> => {
  const bytes = await readAllBytes(options);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new AppError('import_file_unreadable', { details: { format: 'xlsx' } });
  }
  const sheet = options.sheet === undefined ? workbook.worksheets[0] : workbook.getWorksheet(options.sheet);
  if (!sheet)
    throw new AppError('import_file_unreadable', {
      details: {
        format: 'xlsx',
        sheet: options.sheet ?? null,
        sheets: workbook.worksheets.map((w) => w.name),
      },
    });
  const log = createFindingLog({ limit: options.maxFindings });
  let columns: string[] | null = null;
  let rowCount = 0;
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= Math.max(row.cellCount, columns?.length ?? 0); c++) {
      const { text, problem } = cellValueText(row.getCell(c).value);
      cells[c - 1] = text;
      if (problem && columns !== null)
        log.add(
          finding({
            kind: problem,
            rowNumber: r,
            column: columns[c - 1] ?? `column ${c}`,
            message:
              problem === 'cell_error'
                ? 'the cell holds an Excel error value'
                : 'a formula without a saved result',
          }),
        );
    }
    // trailing empty cells beyond the header are no extra fields
    while (cells.length > (columns?.length ?? 0) && cells[cells.length - 1] === '') cells.pop();
    if (columns === null) {
      if (cells.length === 0) continue;
      const header = buildHeader({ cells, rowNumber: r });
      columns = header.columns;
      log.add(...header.findings);
      continue;
    }
    const built = buildRow({ columns, cells, rowNumber: r });
    log.add(...built.findings);
    if (built.row === null) continue;
    rowCount += 1;
    await options.onRow(built.row);
  }
  if (rowCount === 0)
    log.add(finding({ kind: 'no_rows', rowNumber: null, message: 'the sheet has no data rows' }));
  return {
    format: 'xlsx',
    encoding: null,
    delimiter: null,
    sheet: sheet.name,
    columns: columns ?? [],
    rowCount,
    findings: log.findings,
    findingCounts: log.findingCounts,
  };
};
