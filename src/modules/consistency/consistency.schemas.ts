import { z } from 'zod';
import { IMPORT_ENCODINGS, IMPORT_FORMATS } from '../../domain/import/types.ts';
import { CONSISTENCY_FIELD_NAMES } from '../../domain/quality/consistency.ts';
import { isRawFileBody } from '../import/imports.schemas.ts';
import { CONSISTENCY_TARGETS } from './consistency.mapping.ts';

/**
 * Schemas of the consistency report: a file exported from another system compared with Custos. The
 * report holds personal data (both sides' values of a disagreement); it is answered directly and never
 * stored.
 */

export const ConsistencyUploadQuery = z.strictObject({
  fileName: z.string().trim().min(1).max(255).optional().describe('The file name (or header x-file-name)'),
  mapping: z
    .string()
    .max(20_000)
    .optional()
    .describe('The column mapping as JSON {"column": "field"}; without it the suggested mapping is used'),
  format: z
    .enum(['json', 'csv'])
    .default('json')
    .describe('json: the report; csv: the same report as a CSV download'),
  sheet: z.string().trim().max(100).optional().describe('xlsx only: the worksheet (default: the first)'),
  encoding: z.enum(IMPORT_ENCODINGS).optional().describe('CSV only: force the encoding instead of detecting'),
  delimiter: z.enum([';', ',', '\t', '|']).optional().describe('CSV only: force the delimiter'),
});

export const ConsistencyUploadBody = z
  .any()
  .refine(isRawFileBody, 'The file is expected as the body, with its content type')
  .meta({ type: 'string', format: 'binary' })
  .describe('The raw file: CSV (any delimiter and encoding), xlsx or vCard; at most 100 MiB');

const Field = z.enum(CONSISTENCY_FIELD_NAMES);
const Named = { firstName: z.string().nullable(), lastName: z.string().nullable() };

const Agreement = z
  .strictObject({
    field: Field,
    compared: z.number().int().describe('Matched pairs with a value on both sides'),
    agree: z.number().int(),
    disagree: z.number().int(),
    missingInFile: z.number().int(),
    missingInCustos: z.number().int(),
    agreementRate: z
      .number()
      .nullable()
      .describe('agree / compared in percent; null when nothing was compared'),
  })
  .meta({ id: 'ConsistencyFieldAgreement' });

export const ConsistencyReport = z
  .strictObject({
    fileName: z.string(),
    format: z.enum(IMPORT_FORMATS),
    columns: z.array(z.string()),
    mapping: z.record(z.string(), z.enum(CONSISTENCY_TARGETS)).describe('The mapping used'),
    suggested: z.boolean().describe('The mapping was suggested, not given'),
    summary: z
      .strictObject({
        fileRows: z.number().int(),
        custosPersons: z.number().int().describe('Persons visible to the caller'),
        matched: z.number().int(),
        matchedById: z.number().int(),
        matchedByEmail: z.number().int(),
        matchedByScore: z.number().int(),
        onlyInCustos: z.number().int(),
        onlyInFile: z.number().int(),
        pairsWithDisagreements: z.number().int(),
        agreementRate: z.number().nullable().describe('Over every compared value of every field, in percent'),
      })
      .meta({ id: 'ConsistencySummary' }),
    fields: z.array(Agreement).describe('Per compared field (mapped and readable by the caller)'),
    matched: z.array(
      z.strictObject({
        rowNumber: z.number().int(),
        personId: z.uuid(),
        ...Named,
        how: z.enum(['id', 'email', 'score']),
        score: z.number().nullable(),
      }),
    ),
    onlyInCustos: z.array(z.strictObject({ personId: z.uuid(), ...Named })),
    onlyInFile: z.array(z.strictObject({ rowNumber: z.number().int(), ...Named })),
    disagreements: z.array(
      z.strictObject({
        rowNumber: z.number().int(),
        personId: z.uuid(),
        ...Named,
        field: Field,
        custosValue: z.string(),
        fileValue: z.string(),
      }),
    ),
    truncated: z.boolean().describe('The lists stop at 1,000 entries each; the counts are complete'),
  })
  .meta({ id: 'ConsistencyReport' });

export type ConsistencyUploadQueryType = z.infer<typeof ConsistencyUploadQuery>;
export type ConsistencyReportType = z.infer<typeof ConsistencyReport>;
