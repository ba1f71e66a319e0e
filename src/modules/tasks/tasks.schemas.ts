import { z } from 'zod';
import { PageQuery, UserRef } from '../../server/http-schemas.ts';
import { CaseSummary } from '../cases/cases.schemas.ts';

export const TASK_STATUSES = ['open', 'done'] as const;
const instant = z.iso.datetime({ offset: true });

const links = {
  personId: z.uuid().nullable().optional().describe('Linked person (must be visible to you)'),
  organizationId: z.uuid().nullable().optional().describe('Linked organisation'),
  dealId: z.uuid().nullable().optional().describe('Linked deal'),
  caseId: z.uuid().nullable().optional().describe('Linked support case'),
  invoiceId: z.uuid().nullable().optional().describe('Linked invoice'),
};

export const TaskCreate = z
  .strictObject({
    title: z.string().trim().min(1).max(200).describe('What to do (the only text a task holds)'),
    dueAt: instant.describe('When it is due'),
    remindAt: instant.nullable().optional().describe('When to remind (not after dueAt)'),
    assigneeId: z.uuid().optional().describe('An active user of the tenant; default: you'),
    ...links,
  })
  .meta({ id: 'TaskCreate' });
export type TaskCreateInput = z.infer<typeof TaskCreate>;

export const TaskPatch = z
  .strictObject({
    title: z.string().trim().min(1).max(200).optional(),
    dueAt: instant.optional(),
    remindAt: instant.nullable().optional(),
    status: z.enum(TASK_STATUSES).optional().describe('done ticks it off, open reopens it'),
    assigneeId: z.uuid().optional(),
    version: z.number().int().min(1).describe('The version read; a newer one gives 409 version_conflict'),
  })
  .meta({ id: 'TaskPatch' });
export type TaskPatchInput = z.infer<typeof TaskPatch>;

export const TaskListQuery = z.strictObject({
  assignee: z
    .enum(['me', 'all'])
    .default('me')
    .describe(
      'me: tasks assigned to you (default); all: every task you may see (yours, those you created; admin and DPO: all)',
    ),
  status: z.enum(TASK_STATUSES).optional(),
  dueBefore: instant.optional().describe('Only tasks due before this instant'),
  personId: z.uuid().optional(),
  organizationId: z.uuid().optional(),
  dealId: z.uuid().optional(),
  caseId: z.uuid().optional(),
  invoiceId: z.uuid().optional(),
  page: PageQuery.page,
  pageSize: PageQuery.pageSize,
});
export type TaskListQueryInput = z.infer<typeof TaskListQuery>;

const LinkRef = z
  .object({
    id: z.string(),
    label: z.string().nullable().describe('Name, title or number; null when you may not see the record'),
  })
  .meta({ id: 'TaskLink' });

export const Task = z
  .object({
    id: z.string(),
    title: z.string(),
    dueAt: z.string(),
    remindAt: z.string().nullable(),
    status: z.enum(TASK_STATUSES),
    doneAt: z.string().nullable(),
    overdue: z.boolean().describe('Open and past its due time'),
    assignee: UserRef,
    createdBy: UserRef.nullable(),
    person: LinkRef.nullable(),
    organization: LinkRef.nullable(),
    deal: LinkRef.nullable(),
    case: LinkRef.nullable(),
    invoice: LinkRef.nullable(),
    version: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Task' });

export const TaskList = z
  .object({ items: z.array(Task), total: z.number(), page: z.number(), pageSize: z.number() })
  .meta({ id: 'TaskList' });

export const DealClosingSoon = z
  .object({
    id: z.string(),
    title: z.string(),
    value: z.string().describe('Decimal string, e.g. "1234.50"'),
    currency: z.string(),
    probability: z.number(),
    expectedClose: z.string().describe('YYYY-MM-DD'),
    stage: z.object({ id: z.string(), nameDe: z.string(), nameEn: z.string() }),
    customer: z.string().nullable().describe('Organisation or person name'),
  })
  .meta({ id: 'DealClosingSoon' });

export const MyDay = z
  .object({
    date: z.string().describe('Today in Europe/Berlin, YYYY-MM-DD'),
    overdueTasks: z.array(Task).describe('My open tasks past their due time'),
    todayTasks: z.array(Task).describe('My open tasks due later today'),
    reminders: z.array(Task).describe('My open tasks due later whose reminder time has come'),
    cases: z.array(CaseSummary).describe('My open cases, breached and due soon first'),
    deals: z.array(DealClosingSoon).describe('Open deals I own expected to close within 7 days'),
    hiddenFields: z.array(z.enum(['cases', 'deals'])).describe('Lists your role may not read'),
  })
  .meta({ id: 'MyDay' });
