import { randomUUID } from 'node:crypto';
import { inTenant, type Tx } from '../../db/tenant.ts';
import { visibilityOf } from '../../db/visibility.ts';
import { AppError } from '../../domain/errors.ts';
import { canRead, canWrite, seesAllDepartments } from '../../domain/permissions/roles.ts';
import { berlinDay } from '../../domain/service/business-calendar.ts';
import { applyCaseStatusChange, type CaseStatus } from '../../domain/service/case-status.ts';
import { slaDueTimes } from '../../domain/service/sla.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { readAudited } from '../audit/audit.reads.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { createSubjectKey, sealValue, subjectKey } from '../keys/keys.service.ts';
import { scanCaseMessage } from '../redaction/redaction.hooks.ts';
import { assertReferences } from '../shared/references.ts';
import { assertNotRestricted } from '../subject-rights/write-guard.ts';
import { messageRef, toCaseSummary, toMessage } from './cases.mapper.ts';
import * as repo from './cases.repository.ts';
import type {
  CaseCreateInput,
  CaseListQueryInput,
  CaseMessageCreateInput,
  CasePatchInput,
} from './cases.schemas.ts';
import { assertActiveUser, assertLinksVisible } from './linked-records.ts';

const EARLIEST = Date.parse('1990-01-01T00:00:00Z');
/** A case may be dated a little ahead of the server clock (clock skew of the caller), no more. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

const assertReadable = (actor: Actor) => {
  if (!canRead({ role: actor.role, category: 'service' }))
    throw new AppError('field_not_readable', { params: { field: 'cases', category: 'service' } });
};
const assertWritable = (actor: Actor) => {
  if (!canWrite({ role: actor.role, category: 'service' }))
    throw new AppError('field_not_writable', { params: { field: 'cases', category: 'service' } });
};
const assertMessagesWritable = (actor: Actor, field = 'messages') => {
  if (!canWrite({ role: actor.role, category: 'communication' }))
    throw new AppError('field_not_writable', { params: { field, category: 'communication' } });
};

/** The audit subject of a case: its person, else its organisation. */
const subjectOf = (row: { person_id: string | null; organization_id: string | null }) =>
  row.person_id
    ? { type: 'person' as const, id: row.person_id }
    : { type: 'organization' as const, id: row.organization_id ?? '' };

/**
 * The key the thread is sealed with: the person's data key (created if the person has none yet).
 * A case of an organisation alone has no natural person as subject; its thread is stored as written.
 */
const threadKey = async (
  tx: Tx,
  ctx: AppContext,
  tenantId: string,
  personId: string | null,
  create: boolean,
) => {
  if (!personId) return { dataKey: null, sealed: false };
  const existing = await subjectKey(tx, ctx, tenantId, personId);
  if (existing || !create) return { dataKey: existing, sealed: true };
  return { dataKey: await createSubjectKey(tx, ctx, tenantId, personId), sealed: true };
};

const findVisible = async (tx: Tx, actor: Actor, id: string) => {
  const row = await repo.findCase(tx, id, visibilityOf(actor));
  if (!row) throw new AppError('not_found', { params: { entity: 'case' } });
  return row;
};

const loadCase = async (tx: Tx, ctx: AppContext, actor: Actor, id: string) => {
  const row = await findVisible(tx, actor, id);
  assertReadable(actor);
  const summary = toCaseSummary(row, ctx.now());
  if (!canRead({ role: actor.role, category: 'communication' }))
    return { ...summary, hiddenFields: ['messages' as const] };
  const { dataKey, sealed } = await threadKey(tx, ctx, actor.tenantId, row.person_id, false);
  const messages = (await repo.listMessages(tx, id)).map((m) => toMessage(m, dataKey, sealed));
  return { ...summary, messages, hiddenFields: [] as 'messages'[] };
};

export const listCases = (ctx: AppContext, actor: Actor, query: CaseListQueryInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertReadable(actor);
    const now = ctx.now();
    const { rows, total } = await repo.listCases(
      tx,
      { ...query, userId: actor.userId, now },
      visibilityOf(actor),
    );
    return {
      items: rows.map((r) => toCaseSummary(r, now)),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  });

/** A case with its thread; opening the thread is recorded in the audit trail. */
export const getCase = (ctx: AppContext, actor: Actor, id: string) => {
  if (!canRead({ role: actor.role, category: 'communication' }))
    return inTenant(ctx.db.kysely, actor.tenantId, (tx) => loadCase(tx, ctx, actor, id));
  return readAudited(
    ctx,
    actor.tenantId,
    (tx) => loadCase(tx, ctx, actor, id),
    (c) => ({
      actor,
      action: 'read',
      subject: c.person
        ? { type: 'person', id: c.person.id }
        : { type: 'organization', id: c.organization?.id ?? '' },
      fields: ['case', 'caseMessages'],
    }),
  );
};

const assertReceivedAt = (receivedAt: Date, now: Date) => {
  if (receivedAt.getTime() < EARLIEST || receivedAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS)
    throw new AppError('invalid_date_range', {
      params: { detail: 'receivedAt must lie between 1990-01-01 and now' },
    });
};

export const createCase = (ctx: AppContext, actor: Actor, input: CaseCreateInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertWritable(actor);
    if (input.message) assertMessagesWritable(actor, 'message');
    if (!input.personId && !input.organizationId) throw new AppError('customer_required');
    await assertLinksVisible(tx, actor, input);
    await assertNotRestricted(tx, input.personId);
    const departmentIds =
      input.departmentIds ??
      (seesAllDepartments(actor.role) ? await repo.customerDepartments(tx, input) : actor.departmentIds);
    await assertReferences(tx, actor, { departmentIds });
    if (input.assigneeId) await assertActiveUser(tx, input.assigneeId);
    const now = ctx.now();
    const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
    assertReceivedAt(receivedAt, now);
    const due = slaDueTimes({ priority: input.priority, receivedAt });
    const year = berlinDay(now).year;
    const number = `F-${year}-${String(await repo.nextCounter(tx, actor.tenantId, 'case', year)).padStart(4, '0')}`;
    const id = randomUUID();
    const row = {
      id,
      tenant_id: actor.tenantId,
      number,
      person_id: input.personId ?? null,
      organization_id: input.organizationId ?? null,
      order_id: input.orderId ?? null,
      invoice_id: input.invoiceId ?? null,
      channel: input.channel,
      category: input.category,
      status: 'new',
      priority: input.priority,
      subject: input.subject,
      received_at: receivedAt,
      first_response_due_at: due.firstResponseDueAt,
      resolution_due_at: due.resolutionDueAt,
      assignee_id: input.assigneeId ?? null,
      department_ids: departmentIds,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    };
    await repo.insertCase(tx, row);
    if (input.message) {
      const { dataKey, sealed } = await threadKey(tx, ctx, actor.tenantId, row.person_id, true);
      const messageId = randomUUID();
      await repo.insertMessage(tx, {
        id: messageId,
        tenant_id: actor.tenantId,
        case_id: id,
        direction: 'inbound',
        body:
          sealed && dataKey
            ? (sealValue(dataKey, messageRef(messageId), input.message) as string)
            : input.message,
        author_id: actor.userId,
        created_at: receivedAt,
      });
      await scanCaseMessage(tx, ctx, { actor, personId: row.person_id, messageId, body: input.message });
    }
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'create',
      subject: subjectOf(row),
      fields: input.message ? ['case', 'caseMessage'] : ['case'],
      values: {
        new: {
          case: {
            id,
            number,
            channel: input.channel,
            category: input.category,
            priority: input.priority,
            subject: input.subject,
            receivedAt: receivedAt.toISOString(),
            assigneeId: row.assignee_id,
          },
          ...(input.message ? { caseMessage: { direction: 'inbound', body: input.message } } : {}),
        },
      },
    });
    return loadCase(tx, ctx, actor, id);
  });

export const updateCase = (ctx: AppContext, actor: Actor, id: string, patch: CasePatchInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    const current = await findVisible(tx, actor, id);
    assertWritable(actor);
    if (patch.assigneeId) await assertActiveUser(tx, patch.assigneeId);
    const now = ctx.now();
    const values: Record<string, unknown> = {};
    const old: Record<string, unknown> = {};
    const next: Record<string, unknown> = {};
    const change = (field: string, column: string, before: unknown, after: unknown) => {
      if (after === undefined || after === before) return;
      values[column] = after;
      old[field] = before;
      next[field] = after;
    };
    if (patch.status !== undefined) {
      const status = applyCaseStatusChange(
        {
          status: current.status as CaseStatus,
          resolvedAt: current.resolved_at,
          closedAt: current.closed_at,
        },
        patch.status,
        now,
      );
      change('status', 'status', current.status, status.status);
      if (status.status !== current.status) {
        values.resolved_at = status.resolvedAt;
        values.closed_at = status.closedAt;
      }
    }
    if (patch.priority !== undefined && patch.priority !== current.priority) {
      change('priority', 'priority', current.priority, patch.priority);
      const due = slaDueTimes({ priority: patch.priority, receivedAt: current.received_at });
      values.first_response_due_at = due.firstResponseDueAt;
      values.resolution_due_at = due.resolutionDueAt;
    }
    change('assigneeId', 'assignee_id', current.assignee_id, patch.assigneeId);
    change('category', 'category', current.category, patch.category);
    change('subject', 'subject', current.subject, patch.subject);
    if (Object.keys(values).length === 0) {
      if (patch.version !== current.version)
        throw new AppError('version_conflict', { params: { current: current.version } });
      return loadCase(tx, ctx, actor, id);
    }
    if (!(await repo.updateCase(tx, id, patch.version, values, now)))
      throw new AppError('version_conflict', { params: { current: current.version } });
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'update',
      subject: subjectOf(current),
      fields: Object.keys(next).map((f) => `case.${f}`),
      values: { old: { case: { id, number: current.number, ...old } }, new: { case: { id, ...next } } },
    });
    return loadCase(tx, ctx, actor, id);
  });

export const addCaseMessage = (
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  input: CaseMessageCreateInput,
) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    const current = await findVisible(tx, actor, caseId);
    assertMessagesWritable(actor);
    await assertNotRestricted(tx, current.person_id);
    const now = ctx.now();
    const { dataKey, sealed } = await threadKey(tx, ctx, actor.tenantId, current.person_id, true);
    const id = randomUUID();
    await repo.insertMessage(tx, {
      id,
      tenant_id: actor.tenantId,
      case_id: caseId,
      direction: input.direction,
      body: sealed && dataKey ? (sealValue(dataKey, messageRef(id), input.body) as string) : input.body,
      author_id: actor.userId,
      created_at: now,
    });
    await scanCaseMessage(tx, ctx, { actor, personId: current.person_id, messageId: id, body: input.body });
    if (input.direction === 'outbound' && (current.first_responded_at === null || current.status === 'new'))
      await repo.markResponded(tx, caseId, now);
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'create',
      subject: subjectOf(current),
      fields: ['caseMessage'],
      values: {
        new: {
          caseMessage: { caseId, number: current.number, direction: input.direction, body: input.body },
        },
      },
    });
    const row = (await repo.listMessages(tx, caseId)).find((m) => m.id === id);
    if (!row) throw new Error('message not stored');
    return toMessage(row, dataKey, sealed);
  });

/** My open cases with their SLA state, most urgent first (for "my day"). */
export const myOpenCases = async (tx: Tx, actor: Actor, now: Date) => {
  if (!canRead({ role: actor.role, category: 'service' })) return null;
  const rows = await repo.openCasesOf(tx, actor.userId, visibilityOf(actor));
  return rows.map((r) => toCaseSummary(r, now));
};
