import { z } from 'zod';

export const ExportQuery = z.strictObject({
  format: z
    .enum(['json', 'csv'])
    .default('json')
    .describe('json: the SubjectExport document; csv: application/zip with one CSV per table and facts.csv'),
});

const Facts = z
  .object({
    purposes: z
      .array(z.object({ id: z.string(), label: z.string(), legalBasis: z.string() }))
      .describe('(a) purposes with their legal basis'),
    categories: z
      .array(z.object({ id: z.string(), label: z.string() }))
      .describe('(b) categories of data held'),
    recipients: z
      .array(
        z.object({
          name: z.string(),
          kind: z.string(),
          country: z.string().nullable(),
          categories: z.array(z.string()),
          lastDisclosedAt: z.string(),
        }),
      )
      .describe('(c) recipients by name, with the categories they got'),
    registerRecipients: z
      .array(
        z.object({
          name: z.string(),
          kind: z.string(),
          country: z.string().nullable(),
          thirdCountry: z.boolean(),
          transferMechanism: z.string().nullable(),
          adequacyDecision: z.string().nullable(),
          categories: z.array(z.string()),
          purposes: z.array(z.string()),
        }),
      )
      .optional()
      .describe(
        "(c), Art. 15(2): processors, controllers and authorities of the register holding data for the person's purposes, with country and transfer mechanism",
      ),
    retention: z
      .array(z.object({ subject: z.string(), rule: z.string() }))
      .describe('(d) storage period or criteria'),
    rights: z
      .array(z.string())
      .describe('(e), (f) rights, including the complaint to a supervisory authority'),
    source: z
      .object({
        kind: z.string(),
        detail: z.string().nullable(),
        collectedAt: z.string(),
        importBatches: z.array(z.string()),
      })
      .describe('(g) source of the data, with the import files it came from'),
    automatedDecisions: z.string().describe('(h) automated decision-making and profiling'),
    notes: z.array(z.string()).optional().describe('Remarks on the answer'),
  })
  .meta({ id: 'Art15Facts' });

export const SubjectExportOut = z
  .object({
    schema: z.literal('custos.subject-export/v1'),
    scope: z.enum(['access', 'portability']),
    generatedAt: z.string(),
    locale: z.enum(['de', 'en']),
    personId: z.string(),
    facts: Facts,
    tables: z
      .record(z.string(), z.array(z.record(z.string(), z.unknown())))
      .describe('Table name → rows (camelCase keys, sealed values opened); see docs/subject-export.md'),
  })
  .meta({ id: 'SubjectExport' });
