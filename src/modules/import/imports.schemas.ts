import { z } from 'zod';
import { IMPORT_TARGETS } from '../../domain/import/mapping.ts';
import { FINDING_KINDS, IMPORT_ENCODINGS, IMPORT_FORMATS } from '../../domain/import/types.ts';
import { LEGAL_BASES, SOURCE_KINDS } from '../../domain/privacy/legal-bases.ts';
import { optionalText, PageQuery, UserRef } from '../../server/http-schemas.ts';
import { PERSON_KINDS } from '../persons/persons.schemas.ts';

/** The content types an import file may be uploaded as (the format is told from the bytes). */
export const IMPORT_CONTENT_TYPES = [
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'text/vcard',
  'text/x-vcard',
  'text/plain',
  'application/octet-stream',
] as const;

export const IMPORT_STATUSES = ['staged', 'committed', 'discarded', 'expired'] as const;
export const ROW_STATUSES = [
  'valid',
  'invalid',
  'duplicate',
  'suppressed',
  'field_locked',
  'created',
  'skipped',
] as const;

const Target = z.enum(Object.keys(IMPORT_TARGETS) as [keyof typeof IMPORT_TARGETS]);
const ColumnMappingOut = z
  .record(z.string(), Target)
  .describe('File column → person field; columns not listed are not imported');

export const ImportUploadQuery = z.strictObject({
  fileName: z.string().trim().min(1).max(255).optional().describe('The file name (or header x-file-name)'),
  sheet: z.string().trim().max(100).optional().describe('xlsx only: the worksheet (default: the first)'),
  encoding: z.enum(IMPORT_ENCODINGS).optional().describe('CSV only: force the encoding instead of detecting'),
  delimiter: z
    .enum([';', ',', '\t', '|'])
    .optional()
    .describe('CSV only: force the delimiter instead of detecting'),
});

/**
 * Whether the body is the raw file as a stream. It is absent when the request names no content type
 * (Fastify then parses nothing), and without this check the reader met `undefined` (a 500).
 */
export const isRawFileBody = (value: unknown) =>
  value != null && typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function';

export const ImportUploadBody = z
  .any()
  .refine(isRawFileBody, 'The file is expected as the body, with its content type')
  .meta({ type: 'string', format: 'binary' })
  .describe('The raw file: CSV (any delimiter and encoding), xlsx or vCard; at most 100 MiB');

export const ImportFinding = z
  .object({
    kind: z.enum(Object.keys(FINDING_KINDS) as [keyof typeof FINDING_KINDS]),
    severity: z.enum(['error', 'warning']),
    rowNumber: z
      .number()
      .int()
      .nullable()
      .describe('Row as a spreadsheet counts it (header = 1); null = file'),
    column: z.string().optional(),
    message: z.string().describe('Short English explanation; never the cell value'),
  })
  .meta({ id: 'ImportFinding' });

export const ImportCounts = z
  .object({
    total: z.number().int(),
    valid: z.number().int(),
    invalid: z.number().int(),
    duplicate: z.number().int(),
    suppressed: z.number().int(),
    fieldLocked: z.number().int(),
    sensitive: z.number().int().describe('Rows whose notes hold special-category data or identifiers'),
    created: z.number().int(),
    skipped: z.number().int(),
  })
  .meta({ id: 'ImportCounts' });

const DroppedColumn = z.object({ column: z.string(), target: Target });

export const PersonImport = z
  .object({
    id: z.uuid(),
    status: z.enum(IMPORT_STATUSES),
    fileName: z.string(),
    fileSize: z.number().int(),
    format: z.enum(IMPORT_FORMATS),
    encoding: z.enum(IMPORT_ENCODINGS).nullable(),
    delimiter: z.string().nullable(),
    sheet: z.string().nullable(),
    columns: z.array(z.string()),
    rowCount: z.number().int(),
    findings: z.array(ImportFinding).describe('The reader findings (at most 1,000 listed)'),
    findingCounts: z.record(z.string(), z.number().int()).describe('Findings of the whole file by kind'),
    blockingFindings: z
      .boolean()
      .describe('True while the file has findings of severity error (their rows are invalid)'),
    suggestedMapping: z
      .object({
        mapping: ColumnMappingOut,
        unmapped: z.array(z.string()),
        savedMappingId: z.uuid().nullable().describe('A saved mapping whose columns match the file'),
      })
      .describe('A first mapping: a matching saved mapping, else guessed from the header names'),
    mapping: ColumnMappingOut.nullable().describe('The mapping as set (before minimisation)'),
    droppedColumns: z
      .array(DroppedColumn)
      .describe('Columns dropped because no declared purpose needs their field (Art. 5(1)(c))'),
    personKind: z.enum(PERSON_KINDS).nullable(),
    legalBasis: z.enum(LEGAL_BASES).nullable(),
    purposes: z.array(z.string()).nullable(),
    source: z.object({ kind: z.enum(SOURCE_KINDS), detail: z.string().nullable() }).nullable(),
    departmentIds: z.array(z.uuid()),
    counts: ImportCounts.nullable().describe('Counts of the last dry run, or of the commit'),
    checkedAt: z.iso.datetime().nullable(),
    createdBy: UserRef.nullable(),
    createdAt: z.iso.datetime(),
    committedAt: z.iso.datetime().nullable(),
    discardedAt: z.iso.datetime().nullable(),
    preview: z
      .array(z.object({ rowNumber: z.number().int(), values: z.record(z.string(), z.string()) }))
      .describe('The first rows as read (only while staged, only on the single batch)'),
    version: z.number().int(),
  })
  .meta({ id: 'PersonImport' });

export const PersonImportList = z
  .object({ items: z.array(PersonImport), total: z.number().int() })
  .meta({ id: 'PersonImportList' });

export const ImportListQuery = z.strictObject({
  status: z.enum(IMPORT_STATUSES).optional(),
  page: PageQuery.page,
  pageSize: PageQuery.pageSize,
});

export const ImportSettings = z
  .strictObject({
    mapping: z
      .record(z.string().max(200), z.string().max(50))
      .describe('File column → person field (firstName, lastName, fullName, email, phone, address.*, …)'),
    personKind: z.enum(PERSON_KINDS).default('prospect').describe('What the imported persons are'),
    legalBasis: z.enum(LEGAL_BASES).describe('Legal basis under Art. 6(1) GDPR for the whole batch'),
    purposes: z.array(z.string().max(63)).min(1).max(20).describe('Ids of declared purposes'),
    source: z
      .strictObject({
        kind: z.enum(SOURCE_KINDS).describe('Where the list came from'),
        detail: optionalText(500).describe('E.g. the event or the system the file was exported from'),
      })
      .describe('The source of the batch; the persons record source kind import and the file name'),
    departmentIds: z.array(z.uuid()).max(50).optional().describe('Departments that may see the persons'),
    saveMappingAs: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .optional()
      .describe('Save the mapping under this name (replaces a saved mapping of that name)'),
  })
  .meta({ id: 'ImportSettings' });

export const ImportCommit = z
  .strictObject({
    excludeInvalidRows: z
      .boolean()
      .default(false)
      .describe('Import the valid rows and leave the invalid ones out; otherwise any invalid row → 409'),
    duplicates: z
      .enum(['skip', 'create'])
      .default('skip')
      .describe('skip (default): rows that duplicate a person are left out for review and merge'),
  })
  .meta({ id: 'ImportCommit' });

export const ImportRowOutcome = z
  .object({
    rowNumber: z.number().int(),
    status: z.enum(ROW_STATUSES),
    reasons: z.array(z.string()).describe('Reason codes, e.g. name_missing, email_invalid, formula_like'),
    duplicateOf: z
      .object({ personId: z.uuid(), score: z.number() })
      .nullable()
      .describe('The existing person this row duplicates'),
    duplicateOfRow: z.number().int().nullable().describe('The earlier row of the file this row duplicates'),
    sensitive: z.boolean().describe('The notes hold special-category data or identifiers'),
    personId: z.uuid().nullable().describe('The person created from this row'),
  })
  .meta({ id: 'ImportRowOutcome' });

export const ImportReport = z
  .object({
    import: PersonImport,
    dryRun: z.boolean(),
    counts: ImportCounts,
    droppedColumns: z.array(DroppedColumn),
    rows: z
      .array(ImportRowOutcome)
      .describe('Rows that are not plainly valid or created, first 1,000 (all: /rows or report.csv)'),
    rowsTruncated: z.boolean(),
  })
  .meta({ id: 'ImportReport' });

export const ImportRowsQuery = z.strictObject({
  status: z.enum(ROW_STATUSES).optional(),
  page: PageQuery.page,
  pageSize: PageQuery.pageSize,
});

export const ImportRowList = z
  .object({ items: z.array(ImportRowOutcome), total: z.number().int() })
  .meta({ id: 'ImportRowList' });

export const ImportMapping = z
  .object({
    id: z.uuid(),
    name: z.string(),
    columns: z.array(z.string()),
    mapping: ColumnMappingOut,
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'ImportMapping' });

export const ImportMappingList = z
  .object({ items: z.array(ImportMapping) })
  .meta({ id: 'ImportMappingList' });

export const ImportMappingCreate = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    columns: z.array(z.string().max(200)).min(1).max(500).describe('The header names the mapping is for'),
    mapping: z.record(z.string().max(200), z.string().max(50)),
  })
  .meta({ id: 'ImportMappingCreate' });

export type ImportSettingsInput = z.infer<typeof ImportSettings>;
export type ImportCommitInput = z.infer<typeof ImportCommit>;
export type ImportUploadQueryInput = z.infer<typeof ImportUploadQuery>;
export type ImportMappingCreateInput = z.infer<typeof ImportMappingCreate>;
export type PersonImportOut = z.infer<typeof PersonImport>;
export type ImportRowOutcomeOut = z.infer<typeof ImportRowOutcome>;
