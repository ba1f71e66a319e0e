import { describe, expect, it } from 'vitest';
import { AppError } from '../../domain/errors.ts';
import { hasBlockingFindings } from '../../domain/import/types.ts';
import { parseCsv } from './import.csv.ts';
import { chunked, collector, fixture } from './import.test-support.ts';

const read = async (bytes: Uint8Array, chunkSize = 7, extra: { maxBytes?: number } = {}) => {
  const c = collector();
  const summary = await parseCsv({ source: chunked(bytes, chunkSize), onRow: c.onRow, ...extra });
  return { rows: c.rows, summary };
};

const GERMAN_COLUMNS = [
  'Vorname',
  'Nachname',
  'E-Mail',
  'Telefon',
  'Straße',
  'Hausnummer',
  'PLZ',
  'Ort',
  'Geburtsdatum',
  'Firma',
  'Bemerkung',
];

describe('parseCsv: German Excel exports', () => {
  it.each([
    ['de-excel-utf8-bom.csv', 'utf-8'],
    ['de-excel-windows1252.csv', 'windows-1252'],
  ])(
    '%s: encoding, `;`, header, quoted `;`, blank line skipped, row numbers as in Excel',
    async (name, encoding) => {
      const { rows, summary } = await read(fixture(name));
      expect(summary).toEqual({
        format: 'csv',
        encoding,
        delimiter: ';',
        columns: GERMAN_COLUMNS,
        rowCount: 3,
        findings: [],
        findingCounts: {},
      });
      expect(rows.map((r) => r.rowNumber)).toEqual([2, 3, 5]);
      expect(rows[0]?.values).toMatchObject({
        Vorname: 'Jürgen',
        Nachname: 'Müller',
        Straße: 'Hauptstraße',
        Firma: 'Bäckerei Müller GmbH',
      });
      expect(rows[1]?.values.Bemerkung).toBe('Wünscht Rückruf; nachmittags');
      expect(rows[2]?.values).toMatchObject({
        Vorname: 'Zoë',
        Nachname: 'Weiß',
        Firma: 'ÖkoLand e.V.',
        Bemerkung: '€-Preise',
      });
    },
  );

  it('reads the same rows whatever the chunk size (chunk boundaries inside characters and quotes)', async () => {
    const whole = await read(fixture('de-excel-utf8-bom.csv'), 1_000_000);
    for (const size of [1, 2, 3, 5, 64])
      expect(await read(fixture('de-excel-utf8-bom.csv'), size)).toEqual(whole);
  });
});

describe('parseCsv: UTF-16', () => {
  it('reads Excel "Unicode text" (UTF-16 LE with BOM, tab-separated)', async () => {
    const { rows, summary } = await read(fixture('unicode-text-utf16le.txt'), 5);
    expect(summary).toMatchObject({
      encoding: 'utf-16le',
      delimiter: '\t',
      columns: GERMAN_COLUMNS,
      rowCount: 3,
      findings: [],
      findingCounts: {},
    });
    expect(rows[2]?.values).toMatchObject({ Vorname: 'Zoë', Nachname: 'Weiß', Bemerkung: '€-Preise' });
  });

  it('reads UTF-16 BE with BOM', async () => {
    const { rows, summary } = await read(fixture('utf16be.csv'), 3);
    expect(summary).toMatchObject({ encoding: 'utf-16be', delimiter: ',', columns: ['Vorname', 'Nachname'] });
    expect(rows).toEqual([{ rowNumber: 2, values: { Vorname: 'Łukasz', Nachname: 'Żółć' } }]);
  });
});

describe('parseCsv: broken files become findings, never a crash or a silent partial success', () => {
  it('unbalanced quotes: a blocking finding at the row where the quote opens', async () => {
    const { rows, summary } = await read(fixture('unbalanced-quotes.csv'));
    expect(rows[0]).toEqual({
      rowNumber: 2,
      values: { Vorname: 'Anna', Nachname: 'Schmidt', Ort: 'Berlin' },
    });
    expect(summary.findings).toContainEqual(
      expect.objectContaining({ kind: 'unbalanced_quotes', rowNumber: 3, severity: 'error' }),
    );
    expect(hasBlockingFindings(summary)).toBe(true);
  });

  it('malformed quotes inside a quoted cell', async () => {
    const { summary } = await read(fixture('malformed-quotes.csv'));
    expect(summary.findings).toContainEqual(
      expect.objectContaining({ kind: 'malformed_quotes', rowNumber: 2 }),
    );
    expect(hasBlockingFindings(summary)).toBe(true);
  });

  it('ragged rows: too few cells (warning), too many (error); cells trimmed', async () => {
    const { rows, summary } = await read(fixture('ragged-rows.csv'));
    expect(summary.findings.map((f) => [f.kind, f.rowNumber, f.severity])).toEqual([
      ['too_few_fields', 3, 'warning'],
      ['too_many_fields', 4, 'error'],
    ]);
    expect(rows.at(-1)).toEqual({ rowNumber: 5, values: { first: 'Dora', last: 'Diek', city: 'Ulm' } });
  });

  it('formula injection: every formula-like cell is a finding; phone numbers are not', async () => {
    const { rows, summary } = await read(fixture('formula-injection.csv'));
    expect(summary.findings.map((f) => [f.kind, f.rowNumber, f.column])).toEqual([
      ['formula_like', 2, 'note'],
      ['formula_like', 3, 'note'],
      ['formula_like', 4, 'phone'],
      ['formula_like', 4, 'note'],
    ]);
    // the values are read as they are (the export escapes them), never evaluated
    expect(rows[0]?.values.note).toBe("=cmd|' /C calc'!A0");
    expect(rows[0]?.values.phone).toBe('+49 30 1234567');
  });

  it('mixed encodings: a Windows-1252 row late in a UTF-8 file is a finding on that row', async () => {
    const head = `first;last;city\n${'Jörg;Person;München\n'.repeat(5000)}`;
    const bytes = Buffer.concat([
      Buffer.from(head, 'utf-8'),
      Buffer.from('Götz;Kröger;Köln\n', 'latin1'),
      Buffer.from('Ute;Ähm;Ötisheim\n', 'utf-8'),
    ]);
    const { summary } = await read(bytes, 4096);
    expect(summary.encoding).toBe('utf-8');
    expect(summary.rowCount).toBe(5002);
    expect(summary.findings.map((f) => [f.kind, f.rowNumber, f.column])).toEqual([
      ['mixed_encoding', 5002, 'first'],
      ['mixed_encoding', 5002, 'last'],
      ['mixed_encoding', 5002, 'city'],
    ]);
  });

  it('mixed encodings: a UTF-8 row in a Windows-1252 file is a finding on that row', async () => {
    const { rows, summary } = await read(fixture('mixed-encoding-1252-then-utf8.csv'));
    expect(summary.encoding).toBe('windows-1252');
    expect(rows[0]?.values).toEqual({ first: 'Götz', last: 'Kröger', city: 'Köln' });
    expect(summary.findings.map((f) => [f.kind, f.rowNumber, f.column])).toEqual([
      ['mixed_encoding', 3, 'first'],
      ['mixed_encoding', 3, 'last'],
      ['mixed_encoding', 3, 'city'],
    ]);
  });

  it('keeps the first findings for the report but counts every one, so a late error still blocks', async () => {
    const lines = ['a,b', ...Array.from({ length: 30 }, () => '=1,x'), '1,2,3'];
    const c = collector();
    const summary = await parseCsv({
      source: chunked(Buffer.from(lines.join('\n'))),
      onRow: c.onRow,
      maxFindings: 10,
    });
    expect(summary.findings).toHaveLength(10);
    expect(summary.findings.every((f) => f.kind === 'formula_like')).toBe(true);
    expect(summary.findingCounts).toEqual({ formula_like: 30, too_many_fields: 1 });
    expect(hasBlockingFindings(summary)).toBe(true);
    expect(hasBlockingFindings({ findingCounts: { formula_like: 30 } })).toBe(false);
  });

  it('an empty file and a header without rows: no_rows', async () => {
    for (const text of ['', 'Vorname;Nachname\r\n', '\n\n']) {
      const { summary } = await read(Buffer.from(text));
      expect(summary.rowCount).toBe(0);
      expect(summary.findings).toEqual([expect.objectContaining({ kind: 'no_rows', severity: 'error' })]);
    }
  });

  it('refuses a binary file with import_encoding_unknown', async () => {
    const png = Buffer.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
    ]);
    await expect(read(png)).rejects.toMatchObject({ code: 'import_encoding_unknown' });
  });

  it('passes on an error of the row handler and stops reading', async () => {
    let calls = 0;
    const source = chunked(Buffer.from('a,b\n1,2\n3,4\n5,6\n'), 4);
    await expect(
      parseCsv({
        source,
        onRow: async () => {
          calls += 1;
          throw new Error('database down');
        },
      }),
    ).rejects.toThrow('database down');
    expect(calls).toBe(1);
  });

  it('waits for an asynchronous row handler before the next row', async () => {
    const order: string[] = [];
    await parseCsv({
      source: chunked(Buffer.from('a\n1\n2\n3\n'), 2),
      onRow: async (row) => {
        order.push(`start ${row.values.a}`);
        await new Promise((r) => setTimeout(r, 2));
        order.push(`end ${row.values.a}`);
      },
    });
    expect(order).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
  });
});

describe('parseCsv: size limit', () => {
  it('stops a stream at the limit without reading it all into memory (200 MB generated on the fly)', async () => {
    const chunk = Buffer.from('Vorname;Nachname;Ort\n'.padEnd(1024 * 1024 - 1, 'x').concat('\n'));
    const line = Buffer.alloc(1024 * 1024, 'Anna;Schmidt;Berlin\n');
    let pulled = 0;
    async function* twoHundredMb() {
      yield chunk;
      for (let i = 1; i < 200; i++) {
        pulled += 1;
        yield line;
      }
    }
    const before = process.memoryUsage().heapUsed;
    let rows = 0;
    const error = await parseCsv({
      source: twoHundredMb(),
      maxBytes: 8 * 1024 * 1024,
      onRow: () => {
        rows += 1;
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('import_file_too_large');
    expect((error as AppError).params).toEqual({ limitMb: 8 });
    expect(pulled).toBeLessThanOrEqual(8);
    expect(rows).toBeLessThan(8 * 52_429);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(100 * 1024 * 1024);
  });
});
