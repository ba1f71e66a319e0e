import { z } from 'zod';
import { AUDIT_ACTIONS, AUDIT_SUBJECT_TYPES } from './audit.service.ts';

const Values = z.object({
  old: z.record(z.string(), z.unknown()).optional(),
  new: z.record(z.string(), z.unknown()).optional(),
});

export const AuditEntryView = z
  .object({
    seq: z.number(),
    at: z.string(),
    actor: z.object({ id: z.string(), displayName: z.string() }).nullable(),
    via: z.enum(['session', 'token', 'system']),
    action: z.enum(AUDIT_ACTIONS),
    subjectType: z.enum(AUDIT_SUBJECT_TYPES).nullable(),
    subjectId: z.string().nullable(),
    fields: z.array(z.string()),
    values: Values.nullable().describe('Decrypted old/new values; null when none or erased'),
    valuesState: z.enum(['none', 'available', 'erased']).describe("'erased': the subject's key was shredded"),
    note: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });

/** Filters by subject, action and period; deliberately not by employee (no activity monitoring). */
export const AuditQuery = z.strictObject({
  subjectId: z.uuid().optional().describe('Only entries about this subject'),
  action: z.enum(AUDIT_ACTIONS).optional(),
  from: z.iso.datetime({ offset: true }).optional().describe('From (inclusive)'),
  to: z.iso.datetime({ offset: true }).optional().describe('Until (exclusive)'),
  beforeSeq: z.coerce
    .number()
    .int()
    .min(1)
    .optional()
    .describe('Paging: entries older than this sequence number'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const AuditList = z.object({ items: z.array(AuditEntryView) }).meta({ id: 'AuditList' });

export const AuditVerification = z
  .object({
    ok: z.boolean(),
    verified: z.number().describe('Entries whose hash chain was checked'),
    broken: z
      .object({ tenantId: z.string(), seq: z.number(), reason: z.string() })
      .optional()
      .describe('The first broken entry'),
  })
  .meta({ id: 'AuditVerification' });

export const HistoryEntry = z
  .object({
    at: z.string(),
    actor: z.object({ id: z.string(), displayName: z.string() }).nullable(),
    action: z.enum(['create', 'update']),
    fields: z.array(z.string()),
    changes: z
      .record(z.string(), z.object({ old: z.unknown().optional(), new: z.unknown().optional() }))
      .describe("Values of the fields the viewer's role may read; absent once the person's key is shredded"),
  })
  .meta({ id: 'HistoryEntry' });
