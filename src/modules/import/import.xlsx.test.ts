import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { chunked, collector } from './import.test-support.ts';
import { cellValueText, parseXlsx } from './import.xlsx.ts';

const workbookBytes = async (): Promise<Buffer> => {
  const wb = new ExcelJS.Workbook();
  const first = wb.addWorksheet('Export');
  first.addRow(['Vorname', 'Nachname', 'PLZ', 'Umsatz', 'Geburtsdatum', 'Summe', 'Bemerkung']);
  first.addRow([
    'Jürgen',
    'Müller',
    10115,
    0.1 + 0.2,
    new Date(Date.UTC(1980, 1, 29)),
    { formula: 'D2*2', result: 0.6000000000000001 },
    "=cmd|' /C calc'!A0",
  ]);
  first.addRow([]);
  first.addRow([
    { richText: [{ text: 'An' }, { text: 'na' }] },
    'Schmidt',
    '01067',
    1234.5,
    null,
    { formula: 'D4*2' },
    { text: 'Web', hyperlink: 'https://example.de' },
  ]);
  first.addRow(['Zoë', 'Weiß', 80331, { error: '#DIV/0!' }, null, null, null]);
  const second = wb.addWorksheet('Kunden');
  second.addRow([]);
  second.addRow(['E-Mail', 'Firma']);
  second.addRow(['anna@example.de', 'ACME GmbH']);
  return Buffer.from(await wb.xlsx.writeBuffer());
};

describe('parseXlsx', () => {
  it('reads the first sheet: numbers without float artefacts, ISO dates, cached formula results, never formula text', async () => {
    const c = collector();
    const summary = await parseXlsx({ source: chunked(await workbookBytes(), 1000), onRow: c.onRow });
    expect(summary).toMatchObject({
      format: 'xlsx',
      encoding: null,
      delimiter: null,
      sheet: 'Export',
      columns: ['Vorname', 'Nachname', 'PLZ', 'Umsatz', 'Geburtsdatum', 'Summe', 'Bemerkung'],
      rowCount: 3,
    });
    expect(c.rows).toEqual([
      {
        rowNumber: 2,
        values: {
          Vorname: 'Jürgen',
          Nachname: 'Müller',
          PLZ: '10115',
          Umsatz: '0.3',
          Geburtsdatum: '1980-02-29',
          Summe: '0.6',
          Bemerkung: "=cmd|' /C calc'!A0",
        },
      },
      {
        rowNumber: 4,
        values: {
          Vorname: 'Anna',
          Nachname: 'Schmidt',
          PLZ: '01067',
          Umsatz: '1234.5',
          Geburtsdatum: '',
          Summe: '',
          Bemerkung: 'Web',
        },
      },
      {
        rowNumber: 5,
        values: {
          Vorname: 'Zoë',
          Nachname: 'Weiß',
          PLZ: '80331',
          Umsatz: '',
          Geburtsdatum: '',
          Summe: '',
          Bemerkung: '',
        },
      },
    ]);
    expect(summary.findings.map((f) => [f.kind, f.rowNumber, f.column])).toEqual([
      ['formula_like', 2, 'Bemerkung'],
      ['formula_without_result', 4, 'Summe'],
      ['cell_error', 5, 'Umsatz'],
    ]);
    expect(JSON.stringify(c.rows)).not.toContain('D2*2');
  });

  it('reads a named sheet, with the header on the first non-empty row', async () => {
    const c = collector();
    const summary = await parseXlsx({
      source: chunked(await workbookBytes(), 1000),
      sheet: 'Kunden',
      onRow: c.onRow,
    });
    expect(summary).toMatchObject({
      sheet: 'Kunden',
      columns: ['E-Mail', 'Firma'],
      rowCount: 1,
      findings: [],
    });
    expect(c.rows).toEqual([{ rowNumber: 3, values: { 'E-Mail': 'anna@example.de', Firma: 'ACME GmbH' } }]);
  });

  it('refuses an unknown sheet and a damaged file with import_file_unreadable', async () => {
    const bytes = await workbookBytes();
    await expect(
      parseXlsx({ source: chunked(bytes, 1000), sheet: 'Nope', onRow: () => {} }),
    ).rejects.toMatchObject({
      code: 'import_file_unreadable',
      details: { sheets: ['Export', 'Kunden'] },
    });
    const damaged = Buffer.concat([bytes.subarray(0, 200), Buffer.alloc(300, 7)]);
    await expect(parseXlsx({ source: chunked(damaged, 1000), onRow: () => {} })).rejects.toMatchObject({
      code: 'import_file_unreadable',
    });
  });

  it('holds the file to the size limit', async () => {
    await expect(
      parseXlsx({ source: chunked(await workbookBytes(), 1000), maxBytes: 2000, onRow: () => {} }),
    ).rejects.toMatchObject({ code: 'import_file_too_large' });
  });
});

describe('cellValueText', () => {
  it.each([
    [null, ''],
    [true, 'TRUE'],
    ['  text ', '  text '],
    [{ sharedFormula: 'A1', result: 'x' }, 'x'],
    [{ formula: 'TODAY()', result: new Date(Date.UTC(2025, 5, 1)) }, '2025-06-01'],
    [{ text: { richText: [{ text: 'rich' }] }, hyperlink: 'mailto:a@b' }, 'rich'],
  ])('%j → %j', (value, text) => expect(cellValueText(value as ExcelJS.CellValue).text).toBe(text));
});
