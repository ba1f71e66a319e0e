import { describe, expect, it } from 'vitest';
import {
  DEFAULT_IMPORT_OPTIONS,
  type ImportMapping,
  parseErpCsv,
  parseLocalAmount,
  parseLocalDate,
  readCsv,
} from './erp-csv.ts';

const MAPPING: ImportMapping = {
  number: 'Belegnr',
  issuedAt: 'Belegdatum',
  dueAt: 'Fällig',
  paidAt: 'Bezahlt am',
  customerNumber: 'Kundennr',
  billingName: 'Name',
  product: 'Artikel',
  quantity: 'Menge',
  unitPrice: 'Einzelpreis',
  taxRate: 'USt',
  currency: 'Währung',
};
const HEADER = 'Belegnr;Belegdatum;Fällig;Bezahlt am;Kundennr;Name;Artikel;Menge;Einzelpreis;USt;Währung';
const csv = (...rows: string[]) => `\uFEFF${[HEADER, ...rows].join('\r\n')}\r\n`;

describe('parseLocalAmount', () => {
  it.each([
    ['1.234,56', ',', '1234.56'],
    ['1234,5', ',', '1234.5'],
    ['12,50', ',', '12.50'],
    ['0,99', ',', '0.99'],
    ['1.000.000', ',', '1000000'],
    [' 7 ', ',', '7'],
    ['1,234.56', '.', '1234.56'],
    ['12.5', '.', '12.5'],
  ] as const)('%j with decimal %j is %s', (value, decimal, expected) => {
    expect(parseLocalAmount(value, decimal)).toBe(expected);
  });

  it.each([
    ['12.50', ','],
    ['1,234,56', ','],
    ['1.23,4', ','],
    ['12,505', ','],
    ['-5', ','],
    ['1e3', ','],
    ['€ 5', ','],
    ['', ','],
    ['12,50', '.'],
  ] as const)('refuses %j with decimal %j', (value, decimal) => {
    expect(parseLocalAmount(value, decimal)).toBeNull();
  });

  it('takes three decimals for quantities', () => {
    expect(parseLocalAmount('1,125', ',', 3)).toBe('1.125');
  });
});

describe('parseLocalDate', () => {
  it.each([
    ['31.12.2025', 'DD.MM.YYYY', '2025-12-31'],
    ['1.2.2026', 'DD.MM.YYYY', '2026-02-01'],
    ['2026-02-28', 'YYYY-MM-DD', '2026-02-28'],
    ['28/02/2026', 'DD/MM/YYYY', '2026-02-28'],
    ['02/28/2026', 'MM/DD/YYYY', '2026-02-28'],
    ['29.02.2024', 'DD.MM.YYYY', '2024-02-29'],
  ] as const)('%s as %s is %s', (value, format, expected) => {
    expect(parseLocalDate(value, format)).toBe(expected);
  });

  it.each([
    ['31.02.2026', 'DD.MM.YYYY', null],
    ['29.02.2025', 'DD.MM.YYYY', null],
    ['2026-12-31', 'DD.MM.YYYY', null],
    ['12/31/2026', 'DD/MM/YYYY', null],
    ['gestern', 'DD.MM.YYYY', null],
    ['01.01.1850', 'DD.MM.YYYY', 'range'],
    ['31.12.1989', 'DD.MM.YYYY', 'range'],
    ['01.01.2100', 'DD.MM.YYYY', 'range'],
  ] as const)('%s as %s is %s', (value, format, expected) => {
    expect(parseLocalDate(value, format)).toBe(expected);
  });
});

describe('readCsv', () => {
  it('strips the byte order mark, splits on ";" and counts blank rows', () => {
    const { headers, rows, skipped } = readCsv('\uFEFFa;b\r\n1;"x;y"\r\n;\r\n\r\n2;z\r\n', ';');
    expect(headers).toEqual(['a', 'b']);
    expect(rows).toEqual([
      { row: 2, cells: ['1', 'x;y'] },
      { row: 5, cells: ['2', 'z'] },
    ]);
    expect(skipped).toBe(2);
  });
});

describe('parseErpCsv', () => {
  it('reads a German export: lines of one number form one invoice', () => {
    const result = parseErpCsv(
      csv(
        'RE-1001;10.03.2025;24.03.2025;;K-100;Muster GmbH;Beratung;2;1.234,56;19;EUR',
        'RE-1001;10.03.2025;;;K-100;;Fahrtkosten;1;80,00;19 %;',
        '',
        'RE-1002;01.04.2025;15.04.2025;10.04.2025;K-200;;Buch;3;12,50;7;',
      ),
      MAPPING,
      DEFAULT_IMPORT_OPTIONS,
    );
    expect(result.errors).toEqual([]);
    expect(result.headers[0]).toBe('Belegnr');
    expect(result.rows).toBe(3);
    expect(result.skipped).toBe(1);
    expect(result.invoices).toHaveLength(2);
    const [first, second] = result.invoices;
    expect(first).toMatchObject({
      number: 'RE-1001',
      row: 2,
      issuedAt: '2025-03-10',
      dueAt: '2025-03-24',
      paidAt: null,
      customerNumber: 'K-100',
      currency: 'EUR',
      billing: { name: 'Muster GmbH' },
    });
    expect(first?.lines).toEqual([
      { row: 2, product: 'Beratung', description: null, quantity: '2', unitPrice: '1234.56', taxRate: '19' },
      { row: 3, product: 'Fahrtkosten', description: null, quantity: '1', unitPrice: '80.00', taxRate: '19' },
    ]);
    expect(second).toMatchObject({ number: 'RE-1002', paidAt: '2025-04-10', row: 5 });
  });

  it('defaults the due date by the payment term and the currency by the options', () => {
    const result = parseErpCsv(csv('RE-1;30.12.2025;;;K-1;;X;1;10;19;'), MAPPING, {
      ...DEFAULT_IMPORT_OPTIONS,
      paymentTermDays: 14,
      defaultCurrency: 'CHF',
    });
    expect(result.invoices[0]).toMatchObject({ dueAt: '2026-01-13', currency: 'CHF' });
  });

  it('reads an English export with "," and "." and ISO dates', () => {
    const text =
      'no,date,customer,email,item,price,vat\nINV-1,2026-01-15,,a@example.com,Widget,"1,234.50",20\n';
    const result = parseErpCsv(
      text,
      {
        number: 'no',
        issuedAt: 'date',
        customerNumber: 'customer',
        customerEmail: 'email',
        product: 'item',
        unitPrice: 'price',
        taxRate: 'vat',
      },
      { ...DEFAULT_IMPORT_OPTIONS, delimiter: ',', decimal: '.', dateFormat: 'YYYY-MM-DD' },
    );
    expect(result.errors).toEqual([]);
    expect(result.invoices[0]).toMatchObject({ customerNumber: null, customerEmail: 'a@example.com' });
    expect(result.invoices[0]?.lines[0]).toMatchObject({
      unitPrice: '1234.50',
      quantity: '1',
      taxRate: '20',
    });
  });

  it('names row, column, code and message of every bad row', () => {
    const result = parseErpCsv(
      csv(
        'RE-1;10.03.2025;24.03.2025;;K-1;;Gut;1;10,00;19;EUR',
        'RE-2;10.03.2025;24.03.2025;;K-1;;Betrag;1;12.50;19;EUR',
        'RE-3;01.01.1850;24.03.2025;;K-1;;Alt;1;10,00;19;EUR',
        'RE-4;10.03.2025;01.03.2025;;K-1;;Früh fällig;1;10,00;19;EUR',
        'RE-5;10.03.2025;24.03.2025;;;;Kein Kunde;1;10,00;19;EUR',
        'RE-6;31.02.2025;24.03.2025;;K-1;;Kein Datum;0;10,00;120;XYZ',
        'RE-1;11.03.2025;24.03.2025;;K-1;;Anderes Datum;1;10,00;19;EUR',
        ';10.03.2025;24.03.2025;;K-1;;Ohne Nummer;1;10,00;19;EUR',
      ),
      MAPPING,
      DEFAULT_IMPORT_OPTIONS,
    );
    const brief = result.errors.map((e) => [e.row, e.column, e.code]);
    expect(brief).toEqual([
      [3, 'Einzelpreis', 'invalid_amount'],
      [4, 'Belegdatum', 'invalid_date_range'],
      [5, 'Fällig', 'invalid_date_range'],
      [6, 'Kundennr', 'missing_value'],
      [7, 'Belegdatum', 'invalid_date'],
      [7, 'Währung', 'invalid_currency'],
      [7, 'Menge', 'invalid_quantity'],
      [7, 'USt', 'invalid_tax_rate'],
      [8, 'Belegdatum', 'inconsistent_invoice'],
      [9, 'Belegnr', 'missing_value'],
    ]);
    for (const e of result.errors) expect(e.message.length).toBeGreaterThan(5);
    expect(result.errors[0]?.message).toContain('12.50');
  });

  it('checks the mapping against the header first', () => {
    const result = parseErpCsv(
      csv(),
      { ...MAPPING, unitPrice: 'Preis', number: undefined, customerNumber: undefined },
      DEFAULT_IMPORT_OPTIONS,
    );
    expect(result.errors.map((e) => e.code)).toEqual([
      'unknown_column',
      'field_not_mapped',
      'customer_not_mapped',
    ]);
    expect(parseErpCsv(csv(), MAPPING, DEFAULT_IMPORT_OPTIONS).errors.map((e) => e.code)).toEqual([
      'no_rows',
    ]);
  });

  it('reads a file with the wrong delimiter as one column, so the mapping fails and nothing parses', () => {
    const result = parseErpCsv(csv('RE-1;10.03.2025;;;K-1;;X;1;10;19;'), MAPPING, {
      ...DEFAULT_IMPORT_OPTIONS,
      delimiter: ',',
    });
    expect(result.invoices).toEqual([]);
    expect(result.errors.every((e) => e.code === 'unknown_column')).toBe(true);
  });
});
