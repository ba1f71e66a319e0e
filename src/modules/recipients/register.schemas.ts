import { z } from 'zod';
import { Recipient } from './recipients.schemas.ts';

/** Largest AVV document stored (the column's check allows 5 MiB). */
export const AVV_MAX_BYTES = 5 * 1024 * 1024;
/** base64 of AVV_MAX_BYTES, rounded up to whole quads */
const AVV_MAX_BASE64 = Math.ceil(AVV_MAX_BYTES / 3) * 4;

export const RegisterListQuery = z.strictObject({
  includeArchived: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('true: also archived entries'),
});

export const AdequacyDecisionOut = z
  .object({
    country: z.string(),
    name: z.string().describe('Country name in the language of Accept-Language'),
    reference: z.string().describe('The Commission decision'),
    scope: z.enum(['full', 'partial', 'certified_only']),
    scopeNote: z.string().nullable(),
  })
  .meta({ id: 'AdequacyDecision' });

export const SystemRegister = z
  .object({
    items: z.array(Recipient).describe('The entries by name, each with its assessment'),
    adequacyDecisions: z
      .array(AdequacyDecisionOut)
      .describe('Adequacy decisions of the European Commission (Art. 45 GDPR) the register applies'),
    counts: z
      .object({
        processorWithoutAvv: z.number(),
        transferWithoutMechanism: z.number(),
      })
      .describe('Active entries breaking a rule the self-check reports'),
  })
  .meta({ id: 'SystemRegister' });

export const AvvUpload = z
  .strictObject({
    fileName: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .refine(
        (name) => ![...name].some((ch) => ch === '/' || ch === '\\' || ch.charCodeAt(0) < 0x20),
        'a file name without path or control characters',
      )
      .describe('File name of the signed agreement, e.g. "AVV-Newsletter-2026.pdf"'),
    contentBase64: z
      .string()
      .max(AVV_MAX_BASE64)
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64')
      .describe('The PDF, base64-encoded, at most 5 MiB (422 avv_document_invalid when not a PDF)'),
  })
  .meta({ id: 'AvvUpload' });
export type AvvUploadInput = z.infer<typeof AvvUpload>;
