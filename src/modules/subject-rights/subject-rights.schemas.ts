import { z } from 'zod';
import { LOCKABLE_FIELDS } from '../../domain/requests/field-locks.ts';
import { UserRef } from '../../server/http-schemas.ts';

/** Reasons are sealed under the person's data key; the limit keeps the sealed text within the column. */
export const REASON_MAX = 400;

export const FieldLockParams = z.strictObject({
  id: z.uuid().describe('Person id'),
  field: z.enum(LOCKABLE_FIELDS).describe('The lockable field'),
});

export const FieldLockSet = z
  .strictObject({
    reason: z
      .string()
      .trim()
      .max(REASON_MAX)
      .transform((v) => (v === '' ? null : v))
      .nullable()
      .optional()
      .describe('Why the person refused this kind of data (kept sealed under their data key)'),
  })
  .meta({ id: 'FieldLockSet' });
export type FieldLockSetInput = z.infer<typeof FieldLockSet>;

export const FieldLock = z
  .object({
    field: z.enum(LOCKABLE_FIELDS),
    reason: z.string().nullable(),
    requestId: z.string().nullable().describe('The data subject request that locked it, if any'),
    lockedAt: z.string(),
    lockedBy: UserRef.nullable(),
  })
  .meta({ id: 'FieldLock' });

export const FieldLockList = z
  .object({
    items: z.array(FieldLock),
    lockable: z.array(z.enum(LOCKABLE_FIELDS)).describe('Every field that can be locked'),
  })
  .meta({ id: 'FieldLockList' });

/** Corrections of a rectification (Art. 16): the personal fields of PersonPatch that can be wrong. */
export const RECTIFIABLE_FIELDS = [
  'firstName',
  'lastName',
  'email',
  'phone',
  'birthDate',
  'jobTitle',
  'address',
  'notes',
] as const;
