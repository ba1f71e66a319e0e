/**
 * Invoices from an ERP's CSV export: parsing and the mapping of columns to invoice fields, pure (no
 * I/O). German exports use ';', a byte order mark, "1.234,56" amounts and "31.12.2025" dates; the
 * options say which. Rows with the same invoice number are the lines of one invoice. Every problem is
 * a row error naming the row (as a spreadsheet counts it: the header is row 1), the column, a stable
 * code and a message; the caller writes nothing while there is any.
 */
import Papa from 'papaparse';
import { AMOUNT_PATTERN, QUANTITY_PATTERN, TAX_RATE_PATTERN } from './money.ts';

export const IMPORT_FIELDS = [
  'number',
  'issuedAt',
  'dueAt',
  'paidAt',
  'customerNumber',
  'customerEmail',
  'billingName',
  'billingStreet',
  'billingPostalCode',
  'billingCity',
  'billingCountry',
  'customerGroup',
  'product',
  'description',
  'quantity',
  'unitPrice',
  'taxRate',
  'currency',
  'orderNumber',
  'externalRef',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
/** Which column (by its header) holds which field. */
export type ImportMapping = Partial<Record<ImportField, string>>;

export const REQUIRED_FIELDS: readonly ImportField[] = [
  'number',
  'issuedAt',
  'product',
  'unitPrice',
  'taxRate',
];

export const DELIMITERS = [';', ',', '\t', '|'] as const;
export const DECIMAL_SEPARATORS = [',', '.'] as const;
export const DATE_FORMATS = ['DD.MM.YYYY', 'YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

export type ImportOptions = {
  delimiter: (typeof DELIMITERS)[number];
  decimal: (typeof DECIMAL_SEPARATORS)[number];
  dateFormat: DateFormat;
  /** Currency of rows without a currency column or value. */
  defaultCurrency: string;
  /** Days from issue to due date for rows without a due date. */
  paymentTermDays: number;
};

export const DEFAULT_IMPORT_OPTIONS: ImportOptions = {
  delimiter: ';',
  decimal: ',',
  dateFormat: 'DD.MM.YYYY',
  defaultCurrency: 'EUR',
  paymentTermDays: 14,
};

export const ROW_ERROR_CODES = [
  'unknown_column',
  'field_not_mapped',
  'customer_not_mapped',
  'no_rows',
  'missing_value',
  'too_long',
  'invalid_amount',
  'invalid_quantity',
  'invalid_tax_rate',
  'invalid_date',
  'invalid_date_range',
  'invalid_currency',
  'invalid_country',
  'invalid_email',
  'inconsistent_invoice',
  'unknown_customer',
  'ambiguous_customer',
  'unknown_customer_group',
  'duplicate_number',
] as const;
export type RowErrorCode = (typeof ROW_ERROR_CODES)[number];
export type RowError = { row: number; column: string | null; code: RowErrorCode; message: string };

export type ImportLine = {
  row: number;
  product: string;
  description: string | null;
  quantity: string;
  unitPrice: string;
  taxRate: string;
};

export type ImportInvoice = {
  number: string;
  /** The row of the invoice's first line. */
  row: number;
  issuedAt: string;
  dueAt: string;
  paidAt: string | null;
  customerNumber: string | null;
  customerEmail: string | null;
  billing: {
    name: string | null;
    street: string | null;
    postalCode: string | null;
    city: string | null;
    country: string | null;
  };
  customerGroup: string | null;
  currency: string;
  orderNumber: string | null;
  externalRef: string | null;
  lines: ImportLine[];
};

export type ParsedImport = {
  headers: string[];
  /** Data rows in the file (without the header and blank rows). */
  rows: number;
  /** Blank rows that were skipped. */
  skipped: number;
  invoices: ImportInvoice[];
  errors: RowError[];
};

export const MIN_DATE = '1990-01-01';
export const MAX_DATE = '2099-12-31';
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** Splits the text into header and records (BOM stripped); blank records are counted, not returned. */
export const readCsv = (text: string, delimiter: ImportOptions['delimiter']) => {
  const body = text.replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(body, { delimiter, skipEmptyLines: false });
  const [header = [], ...records] = parsed.data;
  const headers = header.map((h) => h.trim());
  let skipped = 0;
  const rows: { row: number; cells: string[] }[] = [];
  records.forEach((cells, i) => {
    if (cells.every((c) => c.trim() === '')) skipped += 1;
    else rows.push({ row: i + 2, cells });
  });
  // a trailing newline yields one empty record: it is no skipped row
  if (records.length > 0 && records.at(-1)?.length === 1 && records.at(-1)?.[0] === '') skipped -= 1;
  return { headers, rows, skipped };
};

/** A localised amount ("1.234,56" with decimal ',') as an API amount ("1234.56"), or null. */
export const parseLocalAmount = (
  value: string,
  decimal: ImportOptions['decimal'],
  scale = 2,
): string | null => {
  const v = value.replace(/[\s\u00a0]/g, '');
  const thousands = decimal === ',' ? '\\.' : ',';
  const dec = decimal === ',' ? ',' : '\\.';
  const pattern = new RegExp(`^(\\d{1,3}(?:${thousands}\\d{3})+|\\d+)(?:${dec}(\\d{1,${scale}}))?$`);
  const match = pattern.exec(v);
  if (!match) return null;
  const whole = (match[1] ?? '').replace(/\D/g, '').replace(/^0+(?=\d)/, '');
  const normal = match[2] ? `${whole}.${match[2]}` : whole;
  return normal;
};

/** A date in the given format as 'YYYY-MM-DD', 'range' outside 1990–2099, or null when no real date. */
export const parseLocalDate = (value: string, format: DateFormat): string | 'range' | null => {
  const v = value.trim();
  const patterns: Record<DateFormat, [RegExp, (m: RegExpExecArray) => [string, string, string]]> = {
    'DD.MM.YYYY': [/^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, (m) => [m[3]!, m[2]!, m[1]!]],
    'YYYY-MM-DD': [/^(\d{4})-(\d{1,2})-(\d{1,2})$/, (m) => [m[1]!, m[2]!, m[3]!]],
    'DD/MM/YYYY': [/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, (m) => [m[3]!, m[2]!, m[1]!]],
    'MM/DD/YYYY': [/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, (m) => [m[3]!, m[1]!, m[2]!]],
  };
  const [regex, order] = patterns[format];
  const match = regex.exec(v);
  if (!match) return null;
  const [y, m, d] = order(match);
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) return null;
  if (iso < MIN_DATE || iso > MAX_DATE) return 'range';
  return iso;
};

/** 'YYYY-MM-DD' plus days. */
export const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const MAX_LENGTH: Partial<Record<ImportField, number>> = {
  number: 50,
  product: 200,
  description: 2000,
  billingName: 200,
  billingStreet: 200,
  billingPostalCode: 20,
  billingCity: 100,
  customerNumber: 50,
  customerEmail: 254,
  customerGroup: 100,
  orderNumber: 50,
  externalRef: 100,
};

/** The fields whose values must agree on every row of one invoice. */
const HEADER_FIELDS = [
  'issuedAt',
  'dueAt',
  'paidAt',
  'customerNumber',
  'customerEmail',
  'billingName',
  'currency',
  'customerGroup',
] as const satisfies readonly (keyof ImportInvoice | 'billingName')[];

/** Checks the mapping against the header: every mapped column exists, required fields are mapped. */
const mappingErrors = (headers: string[], mapping: ImportMapping): RowError[] => {
  const errors: RowError[] = [];
  for (const [field, column] of Object.entries(mapping)) {
    if (column && !headers.includes(column))
      errors.push({
        row: 1,
        column,
        code: 'unknown_column',
        message: `${field}: no column "${column}" in the file`,
      });
  }
  for (const field of REQUIRED_FIELDS) {
    if (!mapping[field])
      errors.push({ row: 1, column: null, code: 'field_not_mapped', message: `${field} is not mapped` });
  }
  if (!mapping.customerNumber && !mapping.customerEmail)
    errors.push({
      row: 1,
      column: null,
      code: 'customer_not_mapped',
      message: 'map customerNumber or customerEmail to find the customer',
    });
  return errors;
};

/**
 * Parses the export into invoices with lines. Returns every error found (not only the first); the
 * invoices are only meaningful when there are none.
 */
export const parseErpCsv = (
  text: string,
  mapping: ImportMapping,
  options: ImportOptions,
  /** Called after each data row (the CLI shows a progress bar). */
  onRow?: (done: number, total: number) => void,
): ParsedImport => {
  const { headers, rows, skipped } = readCsv(text, options.delimiter);
  const errors = mappingErrors(headers, mapping);
  if (errors.length > 0) return { headers, rows: rows.length, skipped, invoices: [], errors };
  if (rows.length === 0)
    return {
      headers,
      rows: 0,
      skipped,
      invoices: [],
      errors: [{ row: 1, column: null, code: 'no_rows', message: 'the file has no data rows' }],
    };
  const index = Object.fromEntries(
    Object.entries(mapping).map(([field, column]) => [field, column ? headers.indexOf(column) : -1]),
  ) as Partial<Record<ImportField, number>>;
  const byNumber = new Map<string, ImportInvoice>();
  const order: ImportInvoice[] = [];

  for (const [done, { row, cells }] of rows.entries()) {
    onRow?.(done + 1, rows.length);
    const rowErrors: RowError[] = [];
    const fail = (field: ImportField, code: RowErrorCode, message: string) =>
      rowErrors.push({ row, column: mapping[field] ?? field, code, message });
    const raw = (field: ImportField): string | null => {
      const i = index[field];
      if (i === undefined || i < 0) return null;
      const value = (cells[i] ?? '').trim();
      if (value === '') return null;
      const max = MAX_LENGTH[field];
      if (max && value.length > max) {
        fail(field, 'too_long', `${field} is longer than ${max} characters`);
        return null;
      }
      return value;
    };
    const required = (field: ImportField) => {
      const v = raw(field);
      if (v === null && !rowErrors.some((e) => e.column === (mapping[field] ?? field)))
        fail(field, 'missing_value', `${field} is empty`);
      return v;
    };
    const date = (field: ImportField, value: string | null) => {
      if (value === null) return null;
      const d = parseLocalDate(value, options.dateFormat);
      if (d === null)
        fail(field, 'invalid_date', `"${value}" is no date in the format ${options.dateFormat}`);
      else if (d === 'range')
        fail(field, 'invalid_date_range', `"${value}" is outside ${MIN_DATE}..${MAX_DATE}`);
      else return d;
      return null;
    };

    const number = required('number');
    const issuedAt = date('issuedAt', required('issuedAt'));
    const dueRaw = date('dueAt', raw('dueAt'));
    const paidAt = date('paidAt', raw('paidAt'));
    const dueAt = dueRaw ?? (issuedAt ? addDays(issuedAt, options.paymentTermDays) : null);
    if (issuedAt && dueRaw && dueRaw < issuedAt)
      fail('dueAt', 'invalid_date_range', `due date ${dueRaw} is before the issue date ${issuedAt}`);
    if (issuedAt && paidAt && paidAt < issuedAt)
      fail('paidAt', 'invalid_date_range', `payment date ${paidAt} is before the issue date ${issuedAt}`);

    const customerNumber = raw('customerNumber');
    const customerEmail = raw('customerEmail')?.toLowerCase() ?? null;
    if (customerEmail && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(customerEmail))
      fail('customerEmail', 'invalid_email', `"${customerEmail}" is no e-mail address`);
    if (!customerNumber && !customerEmail && !rowErrors.some((e) => e.code === 'too_long'))
      fail(
        mapping.customerNumber ? 'customerNumber' : 'customerEmail',
        'missing_value',
        'no customer number or e-mail',
      );

    const currency = (raw('currency') ?? options.defaultCurrency).toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency) || !CURRENCIES.has(currency))
      fail('currency', 'invalid_currency', `"${currency}" is no ISO 4217 currency`);
    const country = raw('billingCountry')?.toUpperCase() ?? null;
    if (country && !/^[A-Z]{2}$/.test(country))
      fail('billingCountry', 'invalid_country', `"${country}" is no ISO 3166 country code like DE`);

    const product = required('product');
    const priceRaw = required('unitPrice');
    const unitPrice = priceRaw === null ? null : parseLocalAmount(priceRaw, options.decimal);
    if (priceRaw !== null && (unitPrice === null || !AMOUNT_PATTERN.test(unitPrice)))
      fail(
        'unitPrice',
        'invalid_amount',
        `"${priceRaw}" is no amount with decimal separator "${options.decimal}"`,
      );
    const quantityRaw = raw('quantity') ?? '1';
    const quantity = parseLocalAmount(quantityRaw, options.decimal, 3);
    if (quantity === null || !QUANTITY_PATTERN.test(quantity) || Number(quantity) === 0)
      fail('quantity', 'invalid_quantity', `"${quantityRaw}" is no positive quantity`);
    const rateRaw = required('taxRate');
    const taxRate = rateRaw === null ? null : parseLocalAmount(rateRaw.replace(/\s*%$/, ''), options.decimal);
    if (rateRaw !== null && (taxRate === null || !TAX_RATE_PATTERN.test(taxRate)))
      fail('taxRate', 'invalid_tax_rate', `"${rateRaw}" is no VAT rate between 0 and 100`);

    errors.push(...rowErrors);
    if (
      rowErrors.length > 0 ||
      !number ||
      !issuedAt ||
      !dueAt ||
      !product ||
      !unitPrice ||
      !quantity ||
      !taxRate
    )
      continue;

    const line: ImportLine = { row, product, description: raw('description'), quantity, unitPrice, taxRate };
    const header = {
      issuedAt,
      dueAt,
      paidAt,
      customerNumber,
      customerEmail,
      billingName: raw('billingName'),
      currency,
      customerGroup: raw('customerGroup'),
    };
    const existing = byNumber.get(number);
    if (existing) {
      const current = { ...existing, billingName: existing.billing.name };
      const differing = HEADER_FIELDS.find((f) => header[f] !== null && header[f] !== current[f]);
      if (differing) {
        errors.push({
          row,
          column: mapping[differing] ?? differing,
          code: 'inconsistent_invoice',
          message: `invoice ${number} has another ${differing} in row ${existing.row}`,
        });
        continue;
      }
      existing.lines.push(line);
      continue;
    }
    const invoice: ImportInvoice = {
      number,
      row,
      issuedAt,
      dueAt,
      paidAt,
      customerNumber,
      customerEmail,
      billing: {
        name: header.billingName,
        street: raw('billingStreet'),
        postalCode: raw('billingPostalCode'),
        city: raw('billingCity'),
        country,
      },
      customerGroup: header.customerGroup,
      currency,
      orderNumber: raw('orderNumber'),
      externalRef: raw('externalRef'),
      lines: [line],
    };
    byNumber.set(number, invoice);
    order.push(invoice);
  }
  return { headers, rows: rows.length, skipped, invoices: order, errors };
};
