import { z } from 'zod';

export const ContactCheckInput = z
  .strictObject({
    email: z.string().max(320).optional().describe('E-mail address as typed'),
    phone: z
      .string()
      .max(60)
      .optional()
      .describe("Phone number as typed; national numbers in the tenant's country"),
    postalCode: z.string().max(20).optional().describe('Postal code as typed'),
    country: z
      .string()
      .regex(/^[A-Za-z]{2}$/, 'ISO 3166-1 alpha-2')
      .optional()
      .describe('Country of the postal code (ISO 3166-1 alpha-2); default DE'),
    iban: z.string().max(60).optional().describe('IBAN as typed (spaces and lower case allowed)'),
    bic: z.string().max(20).optional().describe('BIC as typed'),
  })
  .meta({ id: 'ContactCheckInput' });
export type ContactCheckInputType = z.infer<typeof ContactCheckInput>;

export const ContactCheckResult = z
  .object({
    email: z
      .object({
        valid: z.boolean(),
        normalized: z.string().nullable().describe('Trimmed, domain in lower case'),
        disposable: z.boolean().describe('The domain belongs to a throw-away address provider (a warning)'),
        problem: z
          .enum([
            'empty',
            'too_long',
            'missing_at',
            'local_part_too_long',
            'local_part_invalid',
            'consecutive_dots',
            'domain_invalid',
          ])
          .nullable(),
      })
      .optional(),
    phone: z
      .object({
        valid: z.boolean(),
        e164: z.string().nullable().describe('The form the API stores, e.g. +491711234567'),
        international: z.string().nullable().describe('Print form, e.g. +49 171 1234567'),
        country: z.string().nullable(),
        type: z.enum(['mobile', 'fixed', 'other']).nullable().describe('null where the number does not tell'),
        problem: z.enum(['empty', 'not_a_number', 'invalid']).nullable(),
      })
      .optional(),
    postalCode: z
      .object({
        wellFormed: z.boolean().describe('DE: 5 digits; AT and CH: 4 digits'),
        known: z.boolean().nullable().describe('In the German postal code table; null for other countries'),
        cities: z.array(z.string()).describe('Places with this German postal code'),
        attribution: z.string().describe('Source and licence of the place names (ODbL), to show with them'),
      })
      .optional(),
    iban: z
      .object({
        valid: z.boolean(),
        formatted: z.string().nullable().describe('Print form in groups of four'),
        electronic: z.string().nullable().describe('Without spaces, upper case'),
        country: z.string().nullable(),
        problem: z
          .enum(['empty', 'unknown_country', 'wrong_length', 'wrong_format', 'wrong_checksum'])
          .nullable(),
      })
      .optional(),
    bic: z.object({ valid: z.boolean(), normalized: z.string() }).optional(),
  })
  .meta({ id: 'ContactCheckResult' });
export type ContactCheckResultType = z.infer<typeof ContactCheckResult>;
