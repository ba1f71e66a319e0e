import { z } from 'zod';
import { SENSITIVE_KINDS } from '../../domain/sensitive/types.ts';

/** Schemas of the redaction queue (ADR 0032). A finding holds kinds and offsets, never the text. */

const SOURCE_KINDS = ['person_notes', 'interaction', 'case_message', 'form_submission'] as const;
const STATUSES = ['open', 'redacted', 'dismissed'] as const;

export const RedactionHit = z
  .object({
    kind: z.enum(SENSITIVE_KINDS),
    category: z
      .string()
      .describe('The data category of the hit (special_health, billing, identity, special_…)'),
    start: z.number().int().describe('Offset into the text (UTF-16 code units), inclusive'),
    end: z.number().int().describe('Offset into the text, exclusive'),
    confidence: z.number(),
  })
  .meta({ id: 'RedactionHit' });

export const RedactionFinding = z
  .object({
    id: z.string(),
    status: z.enum(STATUSES),
    source: z.object({
      kind: z.enum(SOURCE_KINDS),
      id: z.string(),
      field: z.string().describe('notes, accessibility_needs, subject, body, or the form field key'),
    }),
    origin: z.enum(['entry', 'import', 'form']),
    person: z
      .object({ id: z.string(), name: z.string(), hasEmail: z.boolean() })
      .nullable()
      .describe('The person the text is about, if known'),
    kinds: z.array(z.enum(SENSITIVE_KINDS)),
    categories: z.array(z.string()),
    hitCount: z.number().int(),
    detectedAt: z.string(),
    decidedAt: z.string().nullable(),
    redactedKinds: z.array(z.enum(SENSITIVE_KINDS)).nullable(),
    dismissReason: z.string().nullable(),
    noticeSentAt: z.string().nullable(),
  })
  .meta({ id: 'RedactionFinding' });

export const RedactionList = z.object({ items: z.array(RedactionFinding) }).meta({ id: 'RedactionList' });

export const RedactionDetail = RedactionFinding.extend({
  hits: z.array(RedactionHit),
  text: z
    .string()
    .nullable()
    .describe(
      'The current text with the hits at their offsets; only for a reviewer who may read every data category found (and while the finding is open)',
    ),
  textHidden: z
    .enum(['not_permitted', 'source_gone', 'stale', 'decided'])
    .nullable()
    .describe('Why the text is not shown'),
}).meta({ id: 'RedactionDetail' });

export const RedactionListQuery = z.strictObject({
  status: z.enum(STATUSES).default('open').describe('Open findings by default, newest first'),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export const RedactionRedact = z
  .strictObject({
    spans: z
      .array(
        z.strictObject({ kind: z.enum(SENSITIVE_KINDS), start: z.number().int(), end: z.number().int() }),
      )
      .min(1)
      .max(200)
      .optional()
      .describe('The hits to remove (as listed in the finding); all hits when omitted. The others stay.'),
  })
  .meta({ id: 'RedactionRedact' });

export const RedactionDismiss = z
  .strictObject({
    reason: z
      .string()
      .trim()
      .min(3)
      .max(500)
      .describe('Why the text may stay (no personal data in it, please)'),
  })
  .meta({ id: 'RedactionDismiss' });

export const RedactionNotice = z
  .strictObject({
    language: z.enum(['de', 'en']).default('de').describe('Language of the notice mail'),
  })
  .meta({ id: 'RedactionNotice' });

export const RedactionResult = z
  .object({
    finding: RedactionDetail,
    scrubbed: z
      .object({
        auditValuesDestroyed: z.number().int(),
        auditValuesLegacy: z.number().int(),
        mails: z.number().int(),
        exports: z.number().int(),
        letters: z.number().int(),
        merges: z.number().int(),
      })
      .describe('How many other copies of the removed passages were destroyed or rewritten'),
  })
  .meta({ id: 'RedactionResult' });

export type RedactionRedactInput = z.infer<typeof RedactionRedact>;
export type RedactionListQueryInput = z.infer<typeof RedactionListQuery>;
