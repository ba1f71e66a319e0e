import { describe, expect, it } from 'vitest';
import { suggestMapping } from '../../domain/import/mapping.ts';
import { chunked, collector, fixture } from './import.test-support.ts';
import { parseVcard, splitCards, VCARD_COLUMNS } from './import.vcard.ts';

const read = async (bytes: Uint8Array) => {
  const c = collector();
  const summary = await parseVcard({ source: chunked(bytes, 64), onRow: c.onRow });
  return { rows: c.rows, summary };
};

describe('parseVcard', () => {
  it('reads vCard 3.0 with several cards: N, FN, two e-mails, TEL, ADR, ORG, TITLE, BDAY, NOTE', async () => {
    const { rows, summary } = await read(fixture('contacts-v3.vcf'));
    expect(summary).toMatchObject({
      format: 'vcard',
      encoding: 'utf-8',
      columns: [...VCARD_COLUMNS],
      rowCount: 2,
      findings: [],
    });
    expect(rows[0]).toEqual({
      rowNumber: 1,
      values: expect.objectContaining({
        FN: 'Dr. Jürgen Müller',
        'N.family': 'Müller',
        'N.given': 'Jürgen',
        'N.prefix': 'Dr.',
        EMAIL: 'juergen.mueller@example.de',
        'EMAIL.2': 'jm@example.org',
        TEL: '+49 171 2345678',
        'ADR.street': 'Hauptstraße 5',
        'ADR.postalCode': '10115',
        'ADR.city': 'Berlin',
        'ADR.country': 'Deutschland',
        ORG: 'Bäckerei Müller GmbH',
        TITLE: 'Geschäftsführer',
        BDAY: '1980-02-29',
        NOTE: 'Stammkunde, bevorzugt Anruf',
      }),
    });
    expect(rows[1]?.values).toMatchObject({
      FN: 'Anna Schmidt',
      'N.family': 'Schmidt',
      EMAIL: 'anna@example.de',
      TEL: '',
    });
  });

  it('reads vCard 4.0: tel: URIs, basic dates, birthdays without a year; flags formula-like notes', async () => {
    const { rows, summary } = await read(fixture('contacts-v4.vcf'));
    expect(rows[0]?.values).toMatchObject({
      FN: 'Zoë Weiß',
      EMAIL: 'zoe@example.de',
      TEL: '+49-30-1234567',
      'ADR.street': 'Straße des 17. Juni 100',
      BDAY: '1985-12-31',
    });
    expect(rows[1]?.values.BDAY).toBe('--04-15');
    expect(summary.findings.map((f) => [f.kind, f.rowNumber, f.column])).toEqual([
      ['formula_like', 1, 'NOTE'],
    ]);
  });

  it('maps onto person fields with the same rules as a table', async () => {
    const { summary } = await read(fixture('contacts-v3.vcf'));
    const { mapping } = suggestMapping({ columns: summary.columns });
    expect(mapping).toMatchObject({
      FN: 'fullName',
      'N.family': 'lastName',
      'N.given': 'firstName',
      EMAIL: 'email',
      TEL: 'phone',
      'ADR.street': 'address.street',
      'ADR.postalCode': 'address.postalCode',
      'ADR.city': 'address.city',
      ORG: 'organization',
      BDAY: 'birthDate',
      NOTE: 'notes',
    });
  });

  it('a broken card is a finding; the other cards are still read', async () => {
    const { rows, summary } = await read(fixture('broken-card.vcf'));
    expect(rows.map((r) => r.values.FN)).toEqual(['Gut']);
    expect(summary.findings).toEqual([
      expect.objectContaining({ kind: 'unreadable_row', rowNumber: 2, severity: 'error' }),
    ]);
  });

  it('a fourth e-mail address is a finding, not silently lost', async () => {
    const card = [
      'BEGIN:VCARD',
      'VERSION:3.0',
      'FN:A B',
      'N:B;A;;;',
      ...[1, 2, 3, 4].map((i) => `EMAIL:a${i}@example.de`),
      'END:VCARD',
      '',
    ].join('\r\n');
    const { rows, summary } = await read(Buffer.from(card));
    expect(rows[0]?.values).toMatchObject({
      EMAIL: 'a1@example.de',
      'EMAIL.2': 'a2@example.de',
      'EMAIL.3': 'a3@example.de',
    });
    expect(summary.findings).toEqual([expect.objectContaining({ kind: 'too_many_fields', column: 'EMAIL' })]);
  });

  it('a file without cards: no_rows', async () => {
    const { summary } = await read(Buffer.from('hello\r\n'));
    expect(summary.findings).toEqual([expect.objectContaining({ kind: 'no_rows' })]);
  });
});

describe('splitCards', () => {
  it('splits on BEGIN/END lines, case-insensitively, ignoring text between cards', () => {
    const text = 'begin:vcard\nFN:A\nend:vcard\njunk\nBEGIN:VCARD\r\nFN:B\r\nEND:VCARD\r\n';
    expect(splitCards({ text })).toHaveLength(2);
  });
});
