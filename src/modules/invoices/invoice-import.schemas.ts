import { z } from 'zod';
import {
  DATE_FORMATS,
  DECIMAL_SEPARATORS,
  DELIMITERS,
  IMPORT_FIELDS,
  ROW_ERROR_CODES,
} from '../../domain/billing/erp-csv.ts';

/** 5 MB of CSV text (a year of invoice lines of a mid-sized company). */
export const MAX_CSV_LENGTH = 5 * 1024 * 1024;

const Column = z.string().trim().min(1).max(200);

export const ImportMappingInput = z
  .strictObject(
    Object.fromEntries(IMPORT_FIELDS.map((f) => [f, Column.optional()])) as Record<
      (typeof IMPORT_FIELDS)[number],
      z.ZodOptional<typeof Column>
    >,
  )
  .describe('Which column (by its header text) holds which invoice field')
  .meta({ id: 'InvoiceImportMapping' });

export const ImportOptionsInput = z
  .strictObject({
    delimiter: z.enum(DELIMITERS).default(';'),
    decimal: z.enum(DECIMAL_SEPARATORS).default(','),
    dateFormat: z.enum(DATE_FORMATS).default('DD.MM.YYYY'),
    defaultCurrency: z.string().max(10).default('EUR').describe('Currency of rows without one'),
    paymentTermDays: z.number().int().min(0).max(365).default(14).describe('Due date of rows without one'),
  })
  .meta({ id: 'InvoiceImportOptions' });

export const InvoiceImportRequest = z
  .strictObject({
    fileName: z.string().trim().min(1).max(200),
    csv: z.string().min(1).max(MAX_CSV_LENGTH).describe('The CSV text of the ERP export (at most 5 MB)'),
    mapping: ImportMappingInput,
    options: ImportOptionsInput.default({
      delimiter: ';',
      decimal: ',',
      dateFormat: 'DD.MM.YYYY',
      defaultCurrency: 'EUR',
      paymentTermDays: 14,
    }),
    dryRun: z.boolean().default(false).describe('Validate everything and write nothing'),
  })
  .meta({ id: 'InvoiceImportRequest' });
export type InvoiceImportInput = z.infer<typeof InvoiceImportRequest>;

export const RowErrorOut = z
  .object({
    row: z.number().describe('Row as a spreadsheet counts it: the header is row 1'),
    column: z.string().nullable(),
    code: z.enum(ROW_ERROR_CODES),
    message: z.string(),
  })
  .meta({ id: 'ImportRowError' });

export const InvoiceImportReport = z
  .object({
    rows: z.number().describe('Data rows read'),
    invoices: z.number(),
    lines: z.number(),
    skipped: z.number().describe('Blank rows skipped'),
    errors: z.array(RowErrorOut),
    dryRun: z.boolean(),
    batchId: z.string().nullable().describe('The import batch (provenance); null for a dry run'),
  })
  .meta({ id: 'InvoiceImportReport' });
