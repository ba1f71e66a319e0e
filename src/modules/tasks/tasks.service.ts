import { randomUUID } from 'node:crypto';
import { inTenant, type Tx } from '../../db/tenant.ts';
import { visibilityOf } from '../../db/visibility.ts';
import { AppError } from '../../domain/errors.ts';
import { canRead, seesAllDepartments } from '../../domain/permissions/roles.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { assertActiveUser, assertLinksVisible } from '../cases/linked-records.ts';
import { assertNotRestricted } from '../subject-rights/write-guard.ts';
import * as repo from './tasks.repository.ts';
import type { TaskCreateInput, TaskListQueryInput, TaskPatchInput } from './tasks.schemas.ts';

const EARLIEST = Date.parse('1990-01-01T00:00:00Z');
const LATEST = Date.parse('2100-01-01T00:00:00Z');

/** Tasks about a person or organisation are recorded in its audit trail (the title may concern them). */
const auditTask = async (
  tx: Tx,
  ctx: AppContext,
  actor: Actor,
  action: 'create' | 'update',
  row: { person_id: string | null; organization_id: string | null },
  values: Record<string, unknown>,
) => {
  const subject = row.person_id
    ? { type: 'person' as const, id: row.person_id }
    : row.organization_id
      ? { type: 'organization' as const, id: row.organization_id }
      : null;
  if (!subject) return;
  await recordAudit(tx, ctx, actor.tenantId, {
    actor,
    action,
    subject,
    fields: ['task'],
    values: { new: { task: values } },
  });
};

/** A task is visible to its assignee and its creator; admin and DPO see every task of the tenant. */
export const viewerOf = (actor: Actor): repo.TaskViewer => ({
  userId: actor.userId,
  allTasks: seesAllDepartments(actor.role),
  visibility: visibilityOf(actor),
  reads: {
    contract: canRead({ role: actor.role, category: 'contract' }),
    service: canRead({ role: actor.role, category: 'service' }),
    billing: canRead({ role: actor.role, category: 'billing' }),
  },
});

const link = (id: string | null, label: string | null) => (id ? { id, label } : null);

export const toTask = (row: repo.TaskRow, now: Date) => ({
  id: row.id,
  title: row.title,
  dueAt: row.due_at.toISOString(),
  remindAt: row.remind_at ? row.remind_at.toISOString() : null,
  status: row.status as 'open' | 'done',
  doneAt: row.done_at ? row.done_at.toISOString() : null,
  overdue: row.status === 'open' && row.due_at.getTime() < now.getTime(),
  assignee: { id: row.assignee_id, displayName: row.assignee_name },
  createdBy: row.created_by ? { id: row.created_by, displayName: row.created_by_name ?? '' } : null,
  person: link(row.person_id, row.person_label),
  organization: link(row.organization_id, row.organization_label),
  deal: link(row.deal_id, row.deal_label),
  case: link(row.case_id, row.case_label),
  invoice: link(row.invoice_id, row.invoice_label),
  version: row.version,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});
export type TaskOut = ReturnType<typeof toTask>;

const assertDates = (dueAt: Date, remindAt: Date | null) => {
  for (const d of [dueAt, remindAt]) {
    if (d && (d.getTime() < EARLIEST || d.getTime() >= LATEST))
      throw new AppError('invalid_date_range', {
        params: { detail: 'dates must lie between 1990 and 2099' },
      });
  }
  if (remindAt && remindAt.getTime() > dueAt.getTime())
    throw new AppError('invalid_date_range', { params: { detail: 'remindAt must not be after dueAt' } });
};

const load = async (tx: Tx, actor: Actor, id: string, now: Date) => {
  const row = await repo.findTask(tx, id, viewerOf(actor));
  if (!row) throw new AppError('not_found', { params: { entity: 'task' } });
  return toTask(row, now);
};

export const listTasks = (ctx: AppContext, actor: Actor, query: TaskListQueryInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    const now = ctx.now();
    const { rows, total } = await repo.listTasks(
      tx,
      viewerOf(actor),
      { ...query, dueBefore: query.dueBefore ? new Date(query.dueBefore) : undefined },
      query,
    );
    return { items: rows.map((r) => toTask(r, now)), total, page: query.page, pageSize: query.pageSize };
  });

export const getTask = (ctx: AppContext, actor: Actor, id: string) =>
  inTenant(ctx.db.kysely, actor.tenantId, (tx) => load(tx, actor, id, ctx.now()));

export const createTask = (ctx: AppContext, actor: Actor, input: TaskCreateInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    const dueAt = new Date(input.dueAt);
    const remindAt = input.remindAt ? new Date(input.remindAt) : null;
    assertDates(dueAt, remindAt);
    const assigneeId = input.assigneeId ?? actor.userId;
    await assertActiveUser(tx, assigneeId);
    await assertLinksVisible(tx, actor, input);
    await assertNotRestricted(tx, input.personId);
    const id = randomUUID();
    const now = ctx.now();
    await repo.insertTask(tx, {
      id,
      tenant_id: actor.tenantId,
      title: input.title,
      due_at: dueAt,
      remind_at: remindAt,
      status: 'open',
      done_at: null,
      assignee_id: assigneeId,
      person_id: input.personId ?? null,
      organization_id: input.organizationId ?? null,
      deal_id: input.dealId ?? null,
      case_id: input.caseId ?? null,
      invoice_id: input.invoiceId ?? null,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await auditTask(
      tx,
      ctx,
      actor,
      'create',
      { person_id: input.personId ?? null, organization_id: input.organizationId ?? null },
      { id, title: input.title, dueAt: dueAt.toISOString(), assigneeId },
    );
    return load(tx, actor, id, now);
  });

export const updateTask = (ctx: AppContext, actor: Actor, id: string, patch: TaskPatchInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    const current = await repo.findTask(tx, id, viewerOf(actor));
    if (!current) throw new AppError('not_found', { params: { entity: 'task' } });
    const now = ctx.now();
    const dueAt = patch.dueAt ? new Date(patch.dueAt) : current.due_at;
    const remindAt =
      patch.remindAt !== undefined ? (patch.remindAt ? new Date(patch.remindAt) : null) : current.remind_at;
    assertDates(dueAt, remindAt);
    if (patch.assigneeId) await assertActiveUser(tx, patch.assigneeId);
    const values: Parameters<typeof repo.updateTask>[3] = {};
    if (patch.title !== undefined) values.title = patch.title;
    if (patch.dueAt !== undefined) values.due_at = dueAt;
    if (patch.remindAt !== undefined) values.remind_at = remindAt;
    if (patch.assigneeId !== undefined) values.assignee_id = patch.assigneeId;
    if (patch.status !== undefined && patch.status !== current.status) {
      values.status = patch.status;
      values.done_at = patch.status === 'done' ? now : null;
    }
    if (!(await repo.updateTask(tx, id, patch.version, values, now)))
      throw new AppError('version_conflict', { params: { current: current.version } });
    await auditTask(tx, ctx, actor, 'update', current, { id, ...patch, version: undefined });
    // re-read with the actor's department view: a task just handed to someone else is still answered
    const row = await repo.findTask(tx, id, { ...viewerOf(actor), allTasks: true });
    if (!row) throw new AppError('not_found', { params: { entity: 'task' } });
    return toTask(row, now);
  });
