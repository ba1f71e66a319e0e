import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../domain/errors.ts';
import { DEFAULT_MAX_IMPORT_BYTES } from './import.limits.ts';
import { detectFormat, readImportFile, readImportRows } from './import.parsers.ts';
import { chunked, fixture } from './import.test-support.ts';

const b = (...bytes: number[]) => new Uint8Array(bytes);

describe('detectFormat', () => {
  it.each([
    ['kunden.xlsx', b(0x50, 0x4b, 0x03, 0x04, 0x14), 'xlsx'],
    ['upload', b(0x50, 0x4b, 0x03, 0x04, 0x14), 'xlsx'],
    ['kontakte.vcf', Buffer.from('BEGIN:VCARD\r\n'), 'vcard'],
    ['export.txt', Buffer.from('\uFEFFbegin:vcard\r\n'), 'vcard'],
    ['kunden.csv', Buffer.from('Vorname;Nachname'), 'csv'],
    ['kunden.txt', b(0xff, 0xfe, 0x56, 0), 'csv'],
  ])('%s %j → %s', (fileName, head, format) => expect(detectFormat({ fileName, head })).toBe(format));

  it.each([
    ['archive.zip', b(0x50, 0x4b, 0x03, 0x04), 'zip_not_xlsx'],
    ['old.xls', b(0xd0, 0xcf, 0x11, 0xe0, 0xa1), 'xls_not_supported'],
    ['renamed.xlsx', Buffer.from('a;b'), 'xlsx_not_zip'],
  ])('%s is refused (%s)', (fileName, head, reason) => {
    try {
      detectFormat({ fileName, head });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect(e).toMatchObject({ code: 'import_file_unreadable', details: { reason } });
    }
  });
});

describe('readImportFile', () => {
  it('reads each format through one entry', async () => {
    const csv = await readImportRows({
      fileName: 'kunden.csv',
      source: chunked(fixture('de-excel-windows1252.csv'), 50),
    });
    expect(csv.summary).toMatchObject({
      format: 'csv',
      encoding: 'windows-1252',
      delimiter: ';',
      rowCount: 3,
    });
    expect(csv.rows[0]?.values.Nachname).toBe('Müller');

    const vcf = await readImportRows({ fileName: 'k.vcf', source: chunked(fixture('contacts-v4.vcf'), 50) });
    expect(vcf.summary).toMatchObject({ format: 'vcard', rowCount: 2 });

    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Tabelle1').addRows([
      ['Vorname', 'Nachname'],
      ['Anna', 'Schmidt'],
    ]);
    const xlsx = await readImportRows({
      fileName: 'k.xlsx',
      source: chunked(Buffer.from(await wb.xlsx.writeBuffer()), 100),
    });
    expect(xlsx.summary).toMatchObject({ format: 'xlsx', sheet: 'Tabelle1', rowCount: 1 });
    expect(xlsx.rows).toEqual([{ rowNumber: 2, values: { Vorname: 'Anna', Nachname: 'Schmidt' } }]);
  });

  it('an empty upload is a CSV without rows', async () => {
    const { summary } = await readImportRows({ fileName: 'leer.csv', source: chunked(new Uint8Array()) });
    expect(summary.findings).toEqual([expect.objectContaining({ kind: 'no_rows' })]);
  });

  it('keeps at most maxRows in memory for a preview, but counts them all', async () => {
    const text = `a\n${Array.from({ length: 50 }, (_, i) => i + 1).join('\n')}\n`;
    const { rows, summary } = await readImportRows({
      fileName: 'x.csv',
      source: chunked(Buffer.from(text), 16),
      maxRows: 5,
    });
    expect(rows.map((r) => r.values.a)).toEqual(['1', '2', '3', '4', '5']);
    expect(summary.rowCount).toBe(50);
  });

  it('refuses a declared 1 GB file before reading a byte (default limit 100 MB)', async () => {
    let pulled = false;
    async function* untouched() {
      pulled = true;
      yield new Uint8Array(1);
    }
    await expect(
      readImportFile({ fileName: 'gross.csv', source: untouched(), size: 1024 ** 3, onRow: () => {} }),
    ).rejects.toMatchObject({ code: 'import_file_too_large', params: { limitMb: 100 } });
    expect(pulled).toBe(false);
    expect(DEFAULT_MAX_IMPORT_BYTES).toBe(100 * 1024 * 1024);
  });

  it('refuses an undeclared stream over the default limit as soon as it passes it', async () => {
    // 200 MB of one repeated 4 MiB chunk: nothing is allocated per chunk, and xlsx/vCard readers stop at 100 MB
    const block = Buffer.alloc(4 * 1024 * 1024, 0x41);
    const zipHead = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), block.subarray(4)]);
    let pulled = 0;
    async function* twoHundredMb() {
      for (let i = 0; i < 50; i++) {
        pulled += 1;
        yield i === 0 ? zipHead : block;
      }
    }
    await expect(
      readImportFile({ fileName: 'big.xlsx', source: twoHundredMb(), onRow: () => {} }),
    ).rejects.toMatchObject({
      code: 'import_file_too_large',
    });
    expect(pulled).toBe(26);
  });
});
