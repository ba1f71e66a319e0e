import { z } from 'zod';
import { SUPPRESSION_KINDS } from './suppression-keys.ts';

export const ErasureEntry = z
  .object({
    id: z.string(),
    personId: z.string().describe('The erased person (their id only; nothing else of them is kept)'),
    requestId: z.string().nullable().describe('The erasure request, if the erasure carried one out'),
    erasedAt: z.string(),
    erasedBy: z.string().nullable().describe('The user who fulfilled it; null for the system (re-applied)'),
    summary: z
      .object({
        deleted: z.record(z.string(), z.number()).describe('Rows deleted per table (counts, never values)'),
        retainedInvoices: z
          .number()
          .describe('Invoices kept, restricted and unlinked, for their statutory retention period'),
        suppressions: z.number().describe('Suppression entries (keyed hashes of e-mail and phone)'),
        unlinked: z
          .record(z.string(), z.number())
          .optional()
          .describe('Records kept without the person (an organisation is the customer too), per table'),
        reappliedAt: z
          .string()
          .optional()
          .describe('Set when the erasure was re-applied from the journal file after a restore'),
      })
      .describe('Counts only'),
  })
  .meta({ id: 'ErasureEntry' });

export const ErasureList = z.object({ items: z.array(ErasureEntry) }).meta({ id: 'ErasureList' });

export const Suppression = z
  .object({
    id: z.string(),
    kind: z
      .enum(SUPPRESSION_KINDS)
      .describe('What is suppressed; the value itself is stored only as a keyed hash'),
    reason: z.enum(['erasure', 'objection']),
    requestId: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Suppression' });

export const SuppressionList = z.object({ items: z.array(Suppression) }).meta({ id: 'SuppressionList' });

export const SuppressionCheck = z
  .strictObject({
    email: z
      .string()
      .trim()
      .max(254)
      .optional()
      .describe('E-mail address to check (compared trimmed, lower-case)'),
    phone: z
      .string()
      .trim()
      .max(50)
      .optional()
      .describe('Phone number to check (compared as digits, +49 for 0…)'),
  })
  .meta({ id: 'SuppressionCheck' });

export const SuppressionCheckResult = z
  .object({
    suppressed: z
      .boolean()
      .describe('True when the e-mail address or the phone number belongs to an erased person'),
    kinds: z.array(z.enum(SUPPRESSION_KINDS)).describe('Which of them are suppressed'),
  })
  .meta({ id: 'SuppressionCheckResult' });
