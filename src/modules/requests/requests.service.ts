import { randomUUID } from 'node:crypto';
import { inTenant, type Tx } from '../../db/tenant.ts';
import { visibilityOf } from '../../db/visibility.ts';
import { AppError } from '../../domain/errors.ts';
import { type Action, canDo } from '../../domain/permissions/roles.ts';
import { dueDate, extendedDueDate } from '../../domain/requests/deadline.ts';
import { type Bundesland, isBundesland } from '../../domain/requests/holidays.ts';
import {
  assertRequestAction,
  type IdentityStatus,
  identityStatusAfter,
  type RequestAction,
  type RequestStatus,
} from '../../domain/requests/request-status.ts';
import { berlinDay } from '../../domain/service/business-calendar.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { readAudited } from '../audit/audit.reads.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { erasePerson } from '../erasure/erasure.service.ts';
import { createSubjectKey, openValue, sealValue, subjectKey } from '../keys/keys.service.ts';
import { notifyRecipients } from '../recipients/notifications.service.ts';
import { nextDocumentNumber } from '../shared/document-numbers.ts';
import { compileSubjectData } from '../subject-data/subject-data.service.ts';
import { recordObjection, rectifyPerson, restrictPerson } from '../subject-rights/subject-rights.service.ts';
import { requestRef, stepNoteRef, toRequest, toRequestSummary } from './requests.mapper.ts';
import * as repo from './requests.repository.ts';
import type {
  ExtensionCreateInput,
  FulfilInput,
  RefusalCreateInput,
  RequestCreateInput,
  RequestListQueryInput,
  RequestPatchInput,
  RequestSettingsInput,
  VerificationCreateInput,
} from './requests.schemas.ts';

/** GDPR applies from 25 May 2018; a request cannot have come in earlier. */
const EARLIEST = Date.parse('2018-05-25T00:00:00Z');
/** A request may be dated a little ahead of the server clock (clock skew of the caller), no more. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;
/** The key of the requests settings in tenants.settings. */
const SETTINGS_KEY = 'requests';

const assertCan = (actor: Actor, action: Action) => {
  if (!canDo({ role: actor.role, action })) throw new AppError('forbidden');
};

const subjectOf = (personId: string) => ({ type: 'person' as const, id: personId });

// ---- settings ----------------------------------------------------------------------------------

/** The Bundesland whose holidays move deadlines; null = nationwide holidays only. */
export const configuredState = async (tx: Tx, tenantId: string): Promise<Bundesland | null> => {
  const settings = await repo.tenantSettings(tx, tenantId);
  const requests = settings[SETTINGS_KEY] as { state?: unknown } | undefined;
  return isBundesland(requests?.state) ? requests.state : null;
};

export const getRequestSettings = (ctx: AppContext, actor: Actor) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertCan(actor, 'requests.manage');
    return { state: await configuredState(tx, actor.tenantId) };
  });

/** Changes the Bundesland; deadlines of requests already received stay as they were computed. */
export const putRequestSettings = (ctx: AppContext, actor: Actor, input: RequestSettingsInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertCan(actor, 'requests.manage');
    const before = await configuredState(tx, actor.tenantId);
    if (before !== input.state) {
      await repo.setTenantSetting(tx, actor.tenantId, SETTINGS_KEY, { state: input.state });
      await recordAudit(tx, ctx, actor.tenantId, {
        actor,
        action: 'settings_change',
        fields: ['requests.state'],
        note: `request deadline holidays: ${before ?? 'nationwide'} → ${input.state ?? 'nationwide'}`,
      });
    }
    return { state: input.state };
  });

// ---- reading -----------------------------------------------------------------------------------

const findRequest = async (tx: Tx, id: string) => {
  const row = await repo.findRequest(tx, id);
  if (!row) throw new AppError('not_found', { params: { entity: 'request' } });
  return row;
};

const loadRequest = async (tx: Tx, ctx: AppContext, tenantId: string, id: string) => {
  const row = await findRequest(tx, id);
  const dataKey = await subjectKey(tx, ctx, tenantId, row.person_id);
  const [steps, events] = await Promise.all([repo.listSteps(tx, id), repo.listEvents(tx, id)]);
  return toRequest(row, ctx.now(), dataKey, steps, events);
};

export const listRequests = (ctx: AppContext, actor: Actor, query: RequestListQueryInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertCan(actor, 'requests.manage');
    const now = ctx.now();
    return { items: (await repo.listRequests(tx, query)).map((r) => toRequestSummary(r, now)) };
  });

/** A request with its verification steps and history; opening it (requester details) is audited. */
export const getRequest = (ctx: AppContext, actor: Actor, id: string) => {
  assertCan(actor, 'requests.manage');
  return readAudited(
    ctx,
    actor.tenantId,
    (tx) => loadRequest(tx, ctx, actor.tenantId, id),
    (r) => ({ actor, action: 'read', subject: subjectOf(r.personId), fields: ['dataSubjectRequest'] }),
  );
};

// ---- changes -----------------------------------------------------------------------------------

const event = (
  tx: Tx,
  ctx: AppContext,
  actor: Actor,
  requestId: string,
  kind: string,
  detail: string | null = null,
) =>
  repo.insertEvent(tx, {
    tenant_id: actor.tenantId,
    request_id: requestId,
    kind,
    detail,
    actor_id: actor.userId,
    at: ctx.now(),
  });

const stateOf = (row: repo.RequestRow) => ({
  status: row.status as RequestStatus,
  identityStatus: row.identity_status as IdentityStatus,
  dueAt: row.due_at,
  extendedDueAt: row.extended_due_at,
});

/** The open request, locked for this transaction, after checking `action` is allowed on it now. */
const requestFor = async (tx: Tx, ctx: AppContext, id: string, action: RequestAction) => {
  await repo.lockRequest(tx, id);
  const row = await findRequest(tx, id);
  assertRequestAction(stateOf(row), action, ctx.now());
  return row;
};

const assertReceivedAt = (receivedAt: Date, now: Date) => {
  if (receivedAt.getTime() < EARLIEST || receivedAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS)
    throw new AppError('invalid_date_range', {
      params: { detail: 'receivedAt must lie between 2018-05-25 (GDPR in force) and now' },
    });
};

const assertAssignee = async (tx: Tx, assigneeId: string | null | undefined) => {
  if (assigneeId && !(await repo.activeUserExists(tx, assigneeId)))
    throw new AppError('unknown_user', { params: { id: assigneeId } });
};

const hasContent = (o: object | undefined) => o !== undefined && Object.keys(o).length > 0;

/** Intake: the request gets a number (DSR-2026-0001) and its Art. 12(3) due date. */
export const createRequest = (ctx: AppContext, actor: Actor, input: RequestCreateInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertCan(actor, 'requests.intake');
    // a person of another tenant (or a department the actor does not see) is as unknown as a made-up id
    if (!(await repo.personVisible(tx, input.personId, visibilityOf(actor))))
      throw new AppError('unknown_person', { params: { id: input.personId } });
    await assertAssignee(tx, input.assigneeId);
    const now = ctx.now();
    const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
    assertReceivedAt(receivedAt, now);
    const state = await configuredState(tx, actor.tenantId);
    const id = randomUUID();
    const number = await nextDocumentNumber(tx, actor.tenantId, 'request', berlinDay(now).year);
    const dataKey =
      (await subjectKey(tx, ctx, actor.tenantId, input.personId)) ??
      (await createSubjectKey(tx, ctx, actor.tenantId, input.personId));
    const seal = (column: 'requester' | 'details', value: object | undefined) =>
      hasContent(value)
        ? (sealValue(dataKey, requestRef(id, column), JSON.stringify(value)) as string)
        : null;
    await repo.insertRequest(tx, {
      id,
      tenant_id: actor.tenantId,
      number,
      type: input.type,
      channel: input.channel,
      person_id: input.personId,
      locale: input.locale,
      received_at: receivedAt,
      due_at: dueDate(receivedAt, state),
      identity_status: input.identityStatus,
      assignee_id: input.assigneeId ?? null,
      requester_enc: seal('requester', input.requester),
      details_enc: seal('details', input.details),
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await event(tx, ctx, actor, id, 'received', `${input.type} via ${input.channel}`);
    if (input.identityStatus === 'not_required')
      await event(tx, ctx, actor, id, 'verification', 'not_required');
    if (input.assigneeId) await event(tx, ctx, actor, id, 'assigned', 'assigned');
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'create',
      subject: subjectOf(input.personId),
      fields: ['dataSubjectRequest'],
      values: {
        new: {
          dataSubjectRequest: {
            id,
            number,
            type: input.type,
            channel: input.channel,
            receivedAt: receivedAt.toISOString(),
            requester: input.requester ?? null,
            details: input.details ?? null,
          },
        },
      },
    });
    return loadRequest(tx, ctx, actor.tenantId, id);
  });

export const addVerification = (ctx: AppContext, actor: Actor, id: string, input: VerificationCreateInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertCan(actor, 'requests.manage');
    const row = await requestFor(tx, ctx, id, 'verify');
    const now = ctx.now();
    const stepId = randomUUID();
    const dataKey = input.note ? await subjectKey(tx, ctx, actor.tenantId, row.person_id) : null;
    if (input.note && !dataKey) throw new AppError('unknown_person', { params: { id: row.person_id } });
    await repo.insertStep(tx, {
      id: stepId,
      tenant_id: actor.tenantId,
      request_id: id,
      method: input.method,
      outcome: input.outcome,
      note: input.note && dataKey ? (sealValue(dataKey, stepNoteRef(stepId), input.note) as string) : null,
      performed_by: actor.userId,
      performed_at: now,
    });
    const identityStatus = identityStatusAfter(input.outcome);
    await repo.updateRequest(tx, id, { identity_status: identityStatus }, now);
    await event(tx, ctx, actor, id, 'verification', `${input.method}: ${input.outcome}`);
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'update',
      subject: subjectOf(row.person_id),
      fields: ['dataSubjectRequest.identity'],
      values: {
        old: { identityStatus: row.identity_status },
        new: { identityStatus, method: input.method, outcome: input.outcome, note: input.note ?? null },
      },
    });
    return loadRequest(tx, ctx, actor.tenantId, id);
  });

export const updateRequest = (ctx: AppContext, actor: Actor, id: string, patch: RequestPatchInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertCan(actor, 'requests.manage');
    const row = await requestFor(tx, ctx, id, 'assign');
    if (patch.version !== row.version)
      throw new AppError('version_conflict', { params: { current: row.version } });
    if (patch.assigneeId === undefined || patch.assigneeId === row.assignee_id)
      return loadRequest(tx, ctx, actor.tenantId, id);
    await assertAssignee(tx, patch.assigneeId);
    await repo.updateRequest(tx, id, { assignee_id: patch.assigneeId }, ctx.now(), patch.version);
    await event(tx, ctx, actor, id, 'assigned', patch.assigneeId ? 'assigned' : 'unassigned');
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'update',
      subject: subjectOf(row.person_id),
      fields: ['dataSubjectRequest.assignee'],
      values: { old: { assigneeId: row.assignee_id }, new: { assigneeId: patch.assigneeId } },
    });
    return loadRequest(tx, ctx, actor.tenantId, id);
  });

/** Art. 12(3): one extension by one or two further months, within the first month, with a reason. */
export const extendRequest = (ctx: AppContext, actor: Actor, id: string, input: ExtensionCreateInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertCan(actor, 'requests.manage');
    const row = await requestFor(tx, ctx, id, 'extend');
    const now = ctx.now();
    const state = await configuredState(tx, actor.tenantId);
    const extendedDueAt = extendedDueDate(row.received_at, input.months, state);
    await repo.updateRequest(
      tx,
      id,
      { extended_due_at: extendedDueAt, extension_reason: input.reason, extension_notified_at: now },
      now,
    );
    await event(tx, ctx, actor, id, 'extended', `+${input.months} month(s), due ${extendedDueAt}`);
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'update',
      subject: subjectOf(row.person_id),
      fields: ['dataSubjectRequest.extension'],
      values: { old: { dueAt: row.due_at }, new: { extendedDueAt, months: input.months } },
    });
    return loadRequest(tx, ctx, actor.tenantId, id);
  });

/** Art. 12(4), 12(5): the request is refused with a reason; it is closed. */
export const refuseRequest = (ctx: AppContext, actor: Actor, id: string, input: RefusalCreateInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertCan(actor, 'requests.manage');
    const row = await requestFor(tx, ctx, id, 'refuse');
    const now = ctx.now();
    await repo.updateRequest(
      tx,
      id,
      {
        status: 'refused',
        refusal_reason: input.reason,
        refusal_details: input.details,
        outcome: `refused: ${input.reason}`,
        closed_at: now,
      },
      now,
    );
    await event(tx, ctx, actor, id, 'refused', input.reason);
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'update',
      subject: subjectOf(row.person_id),
      fields: ['dataSubjectRequest.status'],
      values: { old: { status: row.status }, new: { status: 'refused', reason: input.reason } },
    });
    return loadRequest(tx, ctx, actor.tenantId, id);
  });

type Details = { corrections?: Record<string, unknown>; reason?: string };

const notified = (n: number) => `${n} recipient notification(s)`;

/**
 * Carries the request out in one transaction: the type's action (export, rectification, erasure,
 * restriction, objection), then the request is completed. Any refusal rolls everything back.
 */
export const fulfilRequest = (ctx: AppContext, actor: Actor, id: string, input: FulfilInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertCan(actor, 'requests.manage');
    const row = await requestFor(tx, ctx, id, 'fulfil');
    const tenantId = actor.tenantId;
    const personId = row.person_id;
    if (!(await repo.personExists(tx, personId)))
      throw new AppError('unknown_person', { params: { id: personId } });
    const dataKey = await subjectKey(tx, ctx, tenantId, personId);
    const detailsText = openValue(dataKey, requestRef(id, 'details'), row.details_enc);
    const details = (detailsText ? JSON.parse(detailsText) : {}) as Details;
    const base = { tenantId, personId, requestId: id };
    const values: { export_enc?: string } = {};
    let outcome: string;
    let auditAction: 'update' | 'export' | 'erase' = 'update';
    switch (row.type) {
      case 'access':
      case 'portability': {
        const scope = row.type;
        const compiled = await compileSubjectData(tx, ctx, {
          tenantId,
          personId,
          scope,
          locale: row.locale as 'de' | 'en',
        });
        if (!dataKey) throw new AppError('unknown_person', { params: { id: personId } });
        values.export_enc = sealValue(dataKey, requestRef(id, 'export'), JSON.stringify(compiled)) as string;
        outcome = `${scope} export compiled`;
        auditAction = 'export';
        break;
      }
      case 'rectification': {
        const corrections = input.corrections ?? details.corrections;
        if (!corrections || Object.keys(corrections).length === 0) throw new AppError('nothing_to_rectify');
        const n = await notifyRecipients(tx, ctx, { ...base, action: 'rectification' });
        const { fields } = await rectifyPerson(tx, ctx, { actor, personId, requestId: id, corrections });
        outcome = `rectified: ${fields.join(', ') || 'no field changed'}; ${notified(n)}`;
        break;
      }
      case 'erasure': {
        // Art. 19 notifications first: the erasure deletes the disclosure log they are made from
        const n = await notifyRecipients(tx, ctx, { ...base, action: 'erasure' });
        const summary = await erasePerson(tx, ctx, { actor, tenantId, personId, requestId: id });
        outcome = `erased; ${summary.retainedInvoices} invoice(s) retained for billing law; ${notified(n)}`;
        auditAction = 'erase';
        break;
      }
      case 'restriction': {
        const reason = input.reason ?? details.reason ?? `Art. 18 GDPR request ${row.number}`;
        await restrictPerson(tx, ctx, { actor, personId, requestId: id, reason });
        const n = await notifyRecipients(tx, ctx, { ...base, action: 'restriction' });
        outcome = `restricted; ${notified(n)}`;
        break;
      }
      case 'objection': {
        await recordObjection(tx, ctx, { actor, personId, requestId: id });
        outcome = 'objection to direct marketing recorded';
        break;
      }
      default:
        throw new Error(`unknown request type ${row.type}`);
    }
    const now = ctx.now();
    await repo.updateRequest(tx, id, { ...values, status: 'completed', closed_at: now, outcome }, now);
    await event(tx, ctx, actor, id, 'fulfilled', outcome);
    await recordAudit(tx, ctx, tenantId, {
      actor,
      action: auditAction,
      subject: subjectOf(personId),
      fields: ['dataSubjectRequest.status'],
      note: `request ${row.number} (${row.type}) fulfilled`,
    });
    return loadRequest(tx, ctx, tenantId, id);
  });
