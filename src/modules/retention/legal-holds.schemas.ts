import { z } from 'zod';

/** Schemas of legal holds: a hold pauses the deletion of one record, or of everything about a person. */

export const HOLD_OBJECT_TYPES = [
  'person',
  'organization',
  'invoice',
  'interaction',
  'case',
  'quote',
  'order',
  'deal',
  'consent',
] as const;
export type HoldObjectType = (typeof HOLD_OBJECT_TYPES)[number];
export const HOLD_REASONS = ['legal_hold', 'tax_audit', 'dispute', 'technical'] as const;

const day = z.iso.date();

export const LegalHoldCreate = z
  .strictObject({
    objectType: z.enum(HOLD_OBJECT_TYPES),
    objectId: z.uuid(),
    reason: z
      .enum(HOLD_REASONS)
      .describe('legal_hold (lawsuit), tax_audit (Außenprüfung, § 147 Abs. 3 S. 3 AO), dispute, technical'),
    reference: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .describe('A case or file reference, e.g. "Az. 3 O 123/26"; never a description of the person'),
    until: day.optional().describe('Last day of the hold (not in the past); open-ended without'),
  })
  .meta({ id: 'LegalHoldCreate' });
export type LegalHoldCreateInput = z.infer<typeof LegalHoldCreate>;

export const LegalHoldListQuery = z.strictObject({
  objectType: z.enum(HOLD_OBJECT_TYPES).optional(),
  objectId: z.uuid().optional(),
  active: z
    .enum(['true', 'false'])
    .optional()
    .describe('true: holds in force (not released, until not passed); false: the others; default both'),
});
export type LegalHoldListQueryInput = z.infer<typeof LegalHoldListQuery>;

const UserRef = z.object({ id: z.string(), name: z.string() }).nullable();

export const LegalHold = z
  .object({
    id: z.string(),
    objectType: z.enum(HOLD_OBJECT_TYPES),
    objectId: z.string(),
    objectLabel: z.string().nullable().describe('Name or number of the held record, where it has one'),
    reason: z.enum(HOLD_REASONS),
    reference: z.string().nullable(),
    until: z.string().nullable(),
    placedAt: z.string(),
    placedBy: UserRef,
    releasedAt: z.string().nullable(),
    releasedBy: UserRef,
    active: z.boolean().describe('In force today: not released and until not passed'),
  })
  .meta({ id: 'LegalHold' });

export const LegalHoldList = z.object({ items: z.array(LegalHold) }).meta({ id: 'LegalHoldList' });
