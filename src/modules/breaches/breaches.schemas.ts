import { z } from 'zod';
import {
  ART33_CONTENT,
  BREACH_NATURES,
  BREACH_RISKS,
  CLOSE_REQUIREMENTS,
  DEADLINE_STATES,
  SUBJECTS_DECISIONS,
} from '../../domain/breaches/breach-rules.ts';
import { DATA_CATEGORIES } from '../../domain/privacy/data-categories.ts';
import { optionalText } from '../../server/http-schemas.ts';

/** Schemas of the breach register (Art. 33/34 GDPR). Breaches concern many people: name no one. */

const instant = z.iso.datetime({ offset: true });

const Title = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .describe('Short title, e.g. "Laptop mit Kundenliste verloren"; name no data subject');
const Description = z
  .string()
  .trim()
  .min(1)
  .max(10000)
  .describe('What happened, as far as known; name no data subject');

export const BreachCreate = z
  .strictObject({
    title: Title,
    description: Description,
    awareAt: instant
      .optional()
      .describe(
        'When the controller became aware of the breach (default: now; not in the future); the 72 hours run from here',
      ),
    occurredAt: instant.optional().describe('When the breach happened, if known (not in the future)'),
  })
  .meta({ id: 'BreachCreate' });
export type BreachCreateInput = z.infer<typeof BreachCreate>;

const approx = z.number().int().min(0).max(2_000_000_000).nullable().optional();

export const BreachPatch = z
  .strictObject({
    version: z.number().int().min(1).describe('The version last read (409 version_conflict if stale)'),
    title: Title.optional(),
    description: Description.optional(),
    occurredAt: instant.nullable().optional().describe('When the breach happened (null: unknown)'),
    awareAt: instant.optional().describe('When the controller became aware (not in the future)'),
    nature: z
      .array(z.enum(BREACH_NATURES))
      .max(BREACH_NATURES.length)
      .optional()
      .describe('Art. 33(3)(a): which protection goals were breached (duplicates are merged)'),
    dataCategories: z
      .array(z.enum(DATA_CATEGORIES))
      .max(DATA_CATEGORIES.length)
      .optional()
      .describe('Art. 33(3)(a): the categories of personal data concerned (duplicates are merged)'),
    subjectCategories: optionalText(1000).describe(
      'Art. 33(3)(a): categories of data subjects, e.g. "Kunden, Interessenten"',
    ),
    subjectsApprox: approx.describe('Art. 33(3)(a): approximate number of data subjects concerned'),
    recordsApprox: approx.describe('Art. 33(3)(a): approximate number of personal data records concerned'),
    contact: optionalText(1000).describe(
      'Art. 33(3)(b): name and contact details of the DPO or other contact point',
    ),
    consequences: optionalText(10000).describe('Art. 33(3)(c): the likely consequences of the breach'),
    measures: optionalText(10000).describe(
      'Art. 33(3)(d): measures taken or proposed to address the breach and mitigate its effects',
    ),
    risk: z
      .enum(BREACH_RISKS)
      .nullable()
      .optional()
      .describe(
        'Risk to the rights and freedoms of natural persons: none (no notification, Art. 33(1)), risk (notify the authority) or high_risk (also inform the data subjects, Art. 34)',
      ),
    riskReasoning: optionalText(10000).describe('Why the risk was assessed as it was'),
  })
  .meta({ id: 'BreachPatch' });
export type BreachPatchInput = z.infer<typeof BreachPatch>;

export const BreachNotification = z
  .strictObject({
    notifiedAt: instant.describe(
      'When the supervisory authority was notified (not before awareness, not in the future)',
    ),
    reference: optionalText(200).describe("The authority's file reference, if any"),
    lateReason: optionalText(10000).describe(
      'Art. 33(1): the reasons for the delay; required when notifiedAt is later than 72 hours after awareAt',
    ),
  })
  .meta({ id: 'BreachNotification' });
export type BreachNotificationInput = z.infer<typeof BreachNotification>;

export const BreachSubjectsDecision = z
  .strictObject({
    decision: z
      .enum(SUBJECTS_DECISIONS)
      .describe(
        'Art. 34: not_required (no high risk, or an Art. 34(3) exception), inform (each data subject) or public_communication (Art. 34(3)(c))',
      ),
    reason: z
      .string()
      .trim()
      .min(20)
      .max(10000)
      .describe(
        'Why (at least 20 characters); with a high risk, not_required must name the Art. 34(3) exception',
      ),
    informedAt: instant
      .optional()
      .describe(
        'When the data subjects were informed or the public communication was made (not for not_required)',
      ),
  })
  .meta({ id: 'BreachSubjectsDecision' });
export type BreachSubjectsDecisionInput = z.infer<typeof BreachSubjectsDecision>;

export const BreachClose = z
  .strictObject({ note: optionalText(1000).describe('A closing remark, kept in the breach history') })
  .meta({ id: 'BreachClose' });
export type BreachCloseInput = z.infer<typeof BreachClose>;

export const BreachListQuery = z.strictObject({
  status: z
    .enum(['open', 'closed', 'all'])
    .default('open')
    .describe('open (default): breaches still being handled; closed; or all'),
});

export const BreachUserRef = z.object({ id: z.string(), name: z.string() }).meta({ id: 'BreachUserRef' });

export const BreachDeadline = z
  .object({
    notifyBy: z.string().describe('awareAt + 72 hours (Art. 33(1))'),
    state: z
      .enum(DEADLINE_STATES)
      .describe(
        'notified (authority notification recorded), not_required (risk none), open, due_soon (last 24 hours) or overdue (after 72 hours)',
      ),
    hoursLeft: z
      .number()
      .nullable()
      .describe(
        'Whole hours until notifyBy, rounded down, negative when overdue; null when notified or not required',
      ),
  })
  .meta({ id: 'BreachDeadline' });

export const Breach = z
  .object({
    id: z.string(),
    number: z.string().describe('Running number, e.g. DP-2026-0001'),
    title: z.string(),
    description: z.string(),
    occurredAt: z.string().nullable(),
    awareAt: z.string(),
    reportedBy: BreachUserRef.nullable(),
    nature: z.array(z.enum(BREACH_NATURES)),
    dataCategories: z.array(z.enum(DATA_CATEGORIES)),
    subjectCategories: z.string().nullable(),
    subjectsApprox: z.number().nullable(),
    recordsApprox: z.number().nullable(),
    contact: z.string().nullable(),
    consequences: z.string().nullable(),
    measures: z.string().nullable(),
    risk: z.enum(BREACH_RISKS).nullable().describe('null: not yet assessed'),
    riskReasoning: z.string().nullable(),
    authorityNotifiedAt: z.string().nullable(),
    authorityReference: z.string().nullable(),
    lateReason: z.string().nullable(),
    subjectsDecision: z.enum(SUBJECTS_DECISIONS).nullable(),
    subjectsDecisionReason: z.string().nullable(),
    subjectsInformedAt: z.string().nullable(),
    status: z.enum(['open', 'closed']),
    closedAt: z.string().nullable(),
    version: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
    deadline: BreachDeadline,
    missing: z.array(z.enum(ART33_CONTENT)).describe('Art. 33(3) content still missing for the notification'),
    closeMissing: z
      .array(z.enum(CLOSE_REQUIREMENTS))
      .describe('What closing still needs: risk assessment, authority notification, subjects decision'),
  })
  .meta({ id: 'Breach' });

export const BREACH_EVENT_KINDS = [
  'reported',
  'assessed',
  'authority_notified',
  'subjects_decided',
  'closed',
  'reopened',
] as const;

export const BreachEvent = z
  .object({
    kind: z.enum(BREACH_EVENT_KINDS),
    detail: z.string().nullable(),
    actorName: z.string().nullable().describe('Who did it (null: the system or a deleted user)'),
    at: z.string(),
  })
  .meta({ id: 'BreachEvent' });

export const BreachDetail = Breach.extend({
  events: z.array(BreachEvent).describe('The history of the breach, oldest first'),
}).meta({ id: 'BreachDetail' });

export const BreachList = z
  .object({ items: z.array(Breach).describe('Newest first') })
  .meta({ id: 'BreachList' });
