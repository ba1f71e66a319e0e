import { z } from 'zod';
import { LETTER_KINDS, LETTER_LOCALES, LETTER_PLACEHOLDERS } from '../../domain/requests/letter-templates.ts';
import { UserRef } from '../../server/http-schemas.ts';

export const LetterKind = z
  .enum(LETTER_KINDS)
  .describe(
    'Which letter: acknowledgement, identity request, extension notice, access answer, confirmations, refusal',
  )
  .meta({ id: 'LetterKind' });
export const LetterLocale = z
  .enum(LETTER_LOCALES)
  .describe('Language of the letter')
  .meta({ id: 'LetterLocale' });

export const LetterTemplateParams = z.strictObject({ kind: LetterKind, locale: LetterLocale });

export const LetterTemplateUpdate = z
  .strictObject({
    subject: z
      .string()
      .trim()
      .min(1)
      .max(300)
      .describe('Subject line; may use placeholders such as {{requestNumber}}'),
    body: z
      .string()
      .trim()
      .min(1)
      .max(20_000)
      .describe('Letter text from the salutation to the closing; placeholders {{name}} from the fixed list'),
  })
  .meta({ id: 'LetterTemplateUpdate' });
export type LetterTemplateUpdateInput = z.infer<typeof LetterTemplateUpdate>;

export const LetterTemplate = z
  .object({
    kind: LetterKind,
    locale: LetterLocale,
    subject: z.string(),
    body: z.string(),
    isDefault: z.boolean().describe('true: the built-in text (no tenant edit)'),
    updatedAt: z.string().nullable().describe('When the DPO last edited it; null for the built-in text'),
    updatedBy: UserRef.nullable(),
  })
  .meta({ id: 'LetterTemplate' });

export const LetterTemplateList = z
  .object({
    items: z.array(LetterTemplate).describe('Every kind × locale, the tenant’s edit or the built-in text'),
    placeholders: z
      .array(z.enum(LETTER_PLACEHOLDERS))
      .describe('The placeholders a template may use, written {{name}}; anything else is refused'),
  })
  .meta({ id: 'LetterTemplateList' });

export const LetterCreate = z
  .strictObject({
    kind: LetterKind,
    locale: LetterLocale.optional().describe('Default: the language of the request'),
  })
  .meta({ id: 'LetterCreate' });
export type LetterCreateInput = z.infer<typeof LetterCreate>;

export const Letter = z
  .object({
    id: z.string(),
    requestId: z.string(),
    kind: LetterKind,
    locale: LetterLocale,
    subject: z.string().nullable().describe('null once the person was erased (their data key shredded)'),
    body: z.string().nullable().describe('null once the person was erased (their data key shredded)'),
    createdAt: z.string(),
    createdBy: UserRef.nullable(),
    sentAt: z.string().nullable().describe('When it was marked as sent'),
  })
  .meta({ id: 'Letter' });

export const LetterList = z
  .object({ items: z.array(Letter).describe('Oldest first') })
  .meta({ id: 'LetterList' });
