import { describe, expect, it } from 'vitest';
import { buildHeader, buildRow } from './rows.ts';

describe('buildHeader', () => {
  it('trims names, names empty columns and renames duplicates, with findings', () => {
    const header = buildHeader({ cells: [' Vorname ', '', 'E-Mail', 'e-mail', 'E-Mail'] });
    expect(header.columns).toEqual(['Vorname', 'column 2', 'E-Mail', 'e-mail (2)', 'E-Mail (3)']);
    expect(header.findings.map((f) => [f.kind, f.rowNumber, f.column])).toEqual([
      ['empty_column_name', 1, 'column 2'],
      ['duplicate_column', 1, 'e-mail'],
      ['duplicate_column', 1, 'E-Mail'],
    ]);
  });
});

describe('buildRow', () => {
  const columns = ['first', 'last', 'note'];

  it('trims values and keeps the row number', () => {
    expect(buildRow({ columns, cells: ['  Anna ', 'Schmidt', ''], rowNumber: 7 })).toEqual({
      row: { rowNumber: 7, values: { first: 'Anna', last: 'Schmidt', note: '' } },
      findings: [],
    });
  });

  it('skips a blank row without a finding', () => {
    expect(buildRow({ columns, cells: ['', '  ', ''], rowNumber: 3 })).toEqual({ row: null, findings: [] });
    expect(buildRow({ columns, cells: [''], rowNumber: 3 })).toEqual({ row: null, findings: [] });
  });

  it.each([
    [['Anna', 'Schmidt'], 'too_few_fields', 'warning'],
    [['Anna', 'Schmidt', 'x', 'y'], 'too_many_fields', 'error'],
  ])('ragged row %j → %s', (cells, kind, severity) => {
    const built = buildRow({ columns, cells, rowNumber: 4 });
    expect(built.findings).toEqual([expect.objectContaining({ kind, severity, rowNumber: 4 })]);
    expect(built.row?.values).toEqual({ first: 'Anna', last: 'Schmidt', note: cells[2] ?? '' });
  });

  it('flags formula-like cells without putting the value into the finding', () => {
    const built = buildRow({ columns, cells: ['Eve', '+49 30 1', "=cmd|' /C calc'!A0"], rowNumber: 2 });
    expect(built.findings).toEqual([
      {
        kind: 'formula_like',
        severity: 'warning',
        rowNumber: 2,
        column: 'note',
        message: expect.any(String),
      },
    ]);
    expect(JSON.stringify(built.findings)).not.toContain('cmd');
  });

  it('flags bytes of a second encoding per cell', () => {
    const built = buildRow({
      columns,
      cells: ['JÃ¶rg', 'M\uFFFDller', 'ok'],
      rowNumber: 9,
      encoding: 'windows-1252',
    });
    expect(built.findings.map((f) => [f.kind, f.column])).toEqual([
      ['mixed_encoding', 'first'],
      ['mixed_encoding', 'last'],
    ]);
  });
});
