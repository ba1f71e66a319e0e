import { z } from 'zod';
import { CASE_STATUSES } from '../../domain/service/case-status.ts';
import { CASE_PRIORITIES, SLA_STATES } from '../../domain/service/sla.ts';
import { PageQuery, UserRef } from '../../server/http-schemas.ts';

export const CASE_CHANNELS = ['phone', 'email', 'letter', 'web', 'chat', 'in_person'] as const;
export const CASE_CATEGORIES = ['complaint', 'question', 'defect', 'return', 'billing', 'other'] as const;
export const MESSAGE_DIRECTIONS = ['inbound', 'outbound', 'internal'] as const;

const instant = z.iso.datetime({ offset: true });

export const CaseCreate = z
  .strictObject({
    personId: z.uuid().optional().describe('The customer (a person); this or organizationId is required'),
    organizationId: z.uuid().optional().describe('The customer (an organisation)'),
    orderId: z.uuid().optional().describe('The order the case is about'),
    invoiceId: z.uuid().optional().describe('The invoice the case is about'),
    channel: z.enum(CASE_CHANNELS).describe('How the case came in'),
    category: z.enum(CASE_CATEGORIES).describe('What kind of case it is (complaint = Reklamation)'),
    priority: z.enum(CASE_PRIORITIES).default('normal').describe('Decides the SLA targets'),
    subject: z.string().trim().min(1).max(200).describe('Short description'),
    message: z
      .string()
      .trim()
      .min(1)
      .max(20_000)
      .optional()
      .describe('The customer’s request as received (first inbound message; communication content, sealed)'),
    receivedAt: instant
      .optional()
      .describe('When the case came in (default: now); the SLA clock starts here'),
    assigneeId: z.uuid().nullable().optional().describe('The employee working on it'),
    departmentIds: z
      .array(z.uuid())
      .max(50)
      .optional()
      .describe("Departments that see the case; default: the creator's, for admin/DPO the customer's"),
  })
  .meta({ id: 'CaseCreate' });
export type CaseCreateInput = z.infer<typeof CaseCreate>;

export const CasePatch = z
  .strictObject({
    status: z
      .enum(CASE_STATUSES)
      .optional()
      .describe('new → open | waiting | resolved, …, resolved → closed | open'),
    priority: z.enum(CASE_PRIORITIES).optional().describe('Recomputes both due times from receivedAt'),
    assigneeId: z.uuid().nullable().optional(),
    category: z.enum(CASE_CATEGORIES).optional(),
    subject: z.string().trim().min(1).max(200).optional(),
    version: z.number().int().min(1).describe('The version read; a newer one gives 409 version_conflict'),
  })
  .meta({ id: 'CasePatch' });
export type CasePatchInput = z.infer<typeof CasePatch>;

export const CaseMessageCreate = z
  .strictObject({
    direction: z
      .enum(MESSAGE_DIRECTIONS)
      .describe(
        'inbound (from the customer), outbound (answer; the first one is the first response), internal note',
      ),
    body: z.string().trim().min(1).max(20_000).describe('Message text (communication content, sealed)'),
  })
  .meta({ id: 'CaseMessageCreate' });
export type CaseMessageCreateInput = z.infer<typeof CaseMessageCreate>;

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

export const CaseListQuery = z.strictObject({
  status: z.enum(CASE_STATUSES).optional(),
  open: bool.optional().describe('true: only new, open and waiting cases; false: only resolved and closed'),
  priority: z.enum(CASE_PRIORITIES).optional(),
  assignee: z
    .union([z.literal('me'), z.literal('none'), z.uuid()])
    .optional()
    .describe('me, none (unassigned) or a user id'),
  personId: z.uuid().optional(),
  organizationId: z.uuid().optional(),
  q: z.string().trim().max(100).optional().describe('Search in subject and case number'),
  slaBreached: bool.optional().describe('true: only cases with a breached target'),
  page: PageQuery.page,
  pageSize: PageQuery.pageSize,
});
export type CaseListQueryInput = z.infer<typeof CaseListQuery>;

export const SlaTarget = z.object({ dueAt: z.string(), state: z.enum(SLA_STATES) }).meta({ id: 'SlaTarget' });

export const CaseSummary = z
  .object({
    id: z.string(),
    number: z.string().describe('Running number, e.g. F-2026-0001'),
    person: z.object({ id: z.string(), name: z.string() }).nullable(),
    organization: z.object({ id: z.string(), name: z.string() }).nullable(),
    orderId: z.string().nullable(),
    invoiceId: z.string().nullable(),
    channel: z.enum(CASE_CHANNELS),
    category: z.enum(CASE_CATEGORIES),
    status: z.enum(CASE_STATUSES),
    priority: z.enum(CASE_PRIORITIES),
    subject: z.string(),
    receivedAt: z.string(),
    firstResponseDueAt: z.string(),
    resolutionDueAt: z.string(),
    firstRespondedAt: z.string().nullable(),
    resolvedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    sla: z
      .object({ firstResponse: SlaTarget, resolution: SlaTarget })
      .describe('Each target with its due time and state'),
    slaState: z
      .enum(SLA_STATES)
      .describe('The worse of both targets: met, ok, due_soon (< 25 % or < 1 h left) or breached'),
    assignee: UserRef.nullable(),
    departmentIds: z.array(z.string()),
    version: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'CaseSummary' });

export const CaseMessage = z
  .object({
    id: z.string(),
    direction: z.enum(MESSAGE_DIRECTIONS),
    body: z.string().nullable().describe('null once the person’s data key was shredded'),
    author: UserRef.nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'CaseMessage' });

export const Case = CaseSummary.extend({
  messages: z
    .array(CaseMessage)
    .optional()
    .describe("The thread, oldest first; omitted when the viewer's role may not read communication content"),
  hiddenFields: z.array(z.enum(['messages'])).describe('Fields left out for the viewer'),
}).meta({ id: 'Case' });

export const CaseList = z
  .object({ items: z.array(CaseSummary), total: z.number(), page: z.number(), pageSize: z.number() })
  .meta({ id: 'CaseList' });
