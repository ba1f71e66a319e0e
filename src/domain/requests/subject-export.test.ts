import { describe, expect, it } from 'vitest';
import {
  categoriesHeld,
  cellText,
  defuseCell,
  exportToCsvFiles,
  factsToRows,
  recipientsOf,
  retentionFacts,
  rowsToCsv,
} from './subject-export.ts';

const none = {
  identity: false,
  contact: false,
  address: false,
  communication: false,
  interests: false,
  organization: false,
  special_health: false,
  contract: false,
  billing: false,
  service: false,
};

describe('defuseCell (CSV formula injection)', () => {
  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+49 30 123', "'+49 30 123"],
    ['-12.50', "'-12.50"],
    ['@cmd', "'@cmd"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['Anna', 'Anna'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%j → %j', (input, expected) => expect(defuseCell(input)).toBe(expected));
});

describe('cellText', () => {
  it.each([
    [null, ''],
    [undefined, ''],
    [12, '12'],
    [true, 'true'],
    [['a', 'b'], 'a; b'],
    [{ note: 'x' }, '{"note":"x"}'],
    [new Date('2026-01-02T03:04:05Z'), '2026-01-02T03:04:05.000Z'],
  ])('%j → %j', (input, expected) => expect(cellText(input)).toBe(expected));
});

describe('rowsToCsv', () => {
  it('writes a BOM, the union of the columns and CRLF rows, quoting where needed and defusing formulas', () => {
    const csv = rowsToCsv([
      { a: 'x;y', b: 'line\nbreak' },
      { a: '=1+1', c: 'quote "q"' },
    ]);
    expect(csv).toBe('\uFEFFa,b,c\r\nx;y,"line\nbreak",\r\n\'=1+1,,"quote ""q"""\r\n');
  });
  it('an empty table is an empty file with the BOM only', () => expect(rowsToCsv([])).toBe('\uFEFF'));
});

describe('factsToRows and exportToCsvFiles', () => {
  it('flattens sections: lists of objects per field, plain values per item', () => {
    expect(
      factsToRows({
        rights: ['r1', 'r2'],
        purposes: [{ id: 'sales', label: 'Vertrieb' }],
        source: { kind: 'import', importBatches: ['a.csv', 'b.csv'] },
        automatedDecisions: 'Keine',
      }),
    ).toEqual([
      { section: 'rights', item: '1', value: 'r1' },
      { section: 'rights', item: '2', value: 'r2' },
      { section: 'purposes', item: '1.id', value: 'sales' },
      { section: 'purposes', item: '1.label', value: 'Vertrieb' },
      { section: 'source', item: 'kind', value: 'import' },
      { section: 'source', item: 'importBatches', value: 'a.csv; b.csv' },
      { section: 'automatedDecisions', item: '', value: 'Keine' },
    ]);
  });
  it('one file per table plus facts.csv', () => {
    expect(Object.keys(exportToCsvFiles({ facts: {}, tables: { persons: [{ a: 1 }], tags: [] } }))).toEqual([
      'facts.csv',
      'persons.csv',
      'tags.csv',
    ]);
  });
});

describe('categoriesHeld', () => {
  it('only the categories that hold data, in catalogue order, labelled in the locale', () => {
    expect(categoriesHeld({ ...none, identity: true, billing: true, special_health: true }, 'en')).toEqual([
      { id: 'identity', label: 'Identity data' },
      { id: 'special_health', label: 'Health data (special category, Art. 9 GDPR)' },
      { id: 'billing', label: 'Billing data (statutory retention)' },
    ]);
    expect(categoriesHeld({ ...none, contact: true }, 'de')).toEqual([
      { id: 'contact', label: 'Kontaktdaten' },
    ]);
  });
});

describe('recipientsOf', () => {
  it('one entry per recipient by name, categories merged and sorted, the last disclosure', () => {
    expect(
      recipientsOf([
        {
          recipientName: 'Versand',
          recipientKind: 'processor',
          recipientCountry: 'DE',
          categories: ['address'],
          disclosedAt: '2026-01-01T00:00:00.000Z',
        },
        {
          recipientName: 'Auskunftei',
          recipientKind: 'controller',
          recipientCountry: null,
          categories: ['identity'],
          disclosedAt: '2026-02-01T00:00:00.000Z',
        },
        {
          recipientName: 'Versand',
          recipientKind: 'processor',
          recipientCountry: 'DE',
          categories: ['identity', 'address'],
          disclosedAt: '2026-03-01T00:00:00.000Z',
        },
      ]),
    ).toEqual([
      {
        name: 'Auskunftei',
        kind: 'controller',
        country: null,
        categories: ['identity'],
        lastDisclosedAt: '2026-02-01T00:00:00.000Z',
      },
      {
        name: 'Versand',
        kind: 'processor',
        country: 'DE',
        categories: ['address', 'identity'],
        lastDisclosedAt: '2026-03-01T00:00:00.000Z',
      },
    ]);
  });
  it('no disclosures, no recipients', () => expect(recipientsOf([])).toEqual([]));
});

describe('retentionFacts', () => {
  it('the person record by its review date, invoices by rule with the latest end', () => {
    const facts = retentionFacts(
      {
        personExpiresAt: '2027-06-30T00:00:00.000Z',
        invoices: [
          { retentionRule: 'DE.voucher.8y', retainUntil: '2033-12-31' },
          { retentionRule: 'DE.voucher.8y', retainUntil: '2034-12-31' },
        ],
      },
      'de',
    );
    expect(facts).toHaveLength(2);
    expect(facts[0]?.rule).toContain('2027-06-30');
    expect(facts[1]).toEqual({
      subject: 'Rechnungen (DE.voucher.8y)',
      rule: expect.stringMatching(/8 Jahre.*§ 147.*2034-12-31/),
    });
  });
  it('without a review date: as long as the purposes need it; no invoices, no invoice rule', () => {
    const facts = retentionFacts({ personExpiresAt: null, invoices: [] }, 'en');
    expect(facts).toEqual([
      { subject: 'Master data, communication, records', rule: expect.stringMatching(/^As long as/) },
    ]);
  });
});
