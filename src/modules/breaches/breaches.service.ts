import { randomUUID } from 'node:crypto';
import { inTenant, type Tx } from '../../db/tenant.ts';
import {
  type BreachFacts,
  type BreachNature,
  type BreachRisk,
  closeMissing,
  deadlineOf,
  isLateNotification,
  missingContent,
  type SubjectsDecision,
} from '../../domain/breaches/breach-rules.ts';
import { AppError } from '../../domain/errors.ts';
import { type Action, canDo } from '../../domain/permissions/roles.ts';
import type { DataCategory } from '../../domain/privacy/data-categories.ts';
import { berlinDay } from '../../domain/service/business-calendar.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { nextDocumentNumber } from '../shared/document-numbers.ts';
import * as repo from './breaches.repository.ts';
import type {
  BreachCloseInput,
  BreachCreateInput,
  BreachNotificationInput,
  BreachPatchInput,
  BreachSubjectsDecisionInput,
} from './breaches.schemas.ts';

/**
 * The breach register (Art. 33/34 GDPR). Everyone but read-only users reports a breach at once (the
 * 72 hours run from awareness); the DPO assesses it, records the notification to the supervisory
 * authority and the decision on informing the data subjects, and closes it. Every breach stays
 * documented (Art. 33(5)): the app role can neither delete breaches nor change their history.
 * Breaches concern many people, so the audit entries have no person subject.
 */

const EARLIEST = Date.parse('1990-01-01T00:00:00Z');
/** An instant may lie a little ahead of the server clock (clock skew of the caller), no more. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

const assertMay = (actor: Actor, action: Action) => {
  if (!canDo({ role: actor.role, action })) throw new AppError('forbidden');
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const instantIn = (value: string, now: Date, field: string, notBefore?: Date) => {
  const at = new Date(value);
  const earliest = notBefore?.getTime() ?? EARLIEST;
  if (at.getTime() < earliest || at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS)
    throw new AppError('invalid_date_range', {
      params: {
        detail: notBefore
          ? `${field} must lie between awareAt and now`
          : `${field} must lie between 1990-01-01 and now`,
      },
    });
  return at;
};

const factsOf = (row: repo.BreachRow): BreachFacts => ({
  awareAt: row.aware_at,
  nature: row.nature,
  dataCategories: row.data_categories,
  subjectsApprox: row.subjects_approx,
  recordsApprox: row.records_approx,
  contact: row.contact,
  consequences: row.consequences,
  measures: row.measures,
  risk: row.risk,
  authorityNotifiedAt: row.authority_notified_at,
  subjectsDecision: row.subjects_decision,
});

export const toBreach = (row: repo.BreachRow, now: Date) => {
  const facts = factsOf(row);
  const deadline = deadlineOf(facts, now);
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    description: row.description,
    occurredAt: iso(row.occurred_at),
    awareAt: row.aware_at.toISOString(),
    reportedBy:
      row.reported_by && row.reported_by_name ? { id: row.reported_by, name: row.reported_by_name } : null,
    nature: row.nature as BreachNature[],
    dataCategories: row.data_categories as DataCategory[],
    subjectCategories: row.subject_categories,
    subjectsApprox: row.subjects_approx,
    recordsApprox: row.records_approx,
    contact: row.contact,
    consequences: row.consequences,
    measures: row.measures,
    risk: row.risk as BreachRisk | null,
    riskReasoning: row.risk_reasoning,
    authorityNotifiedAt: iso(row.authority_notified_at),
    authorityReference: row.authority_reference,
    lateReason: row.late_reason,
    subjectsDecision: row.subjects_decision as SubjectsDecision | null,
    subjectsDecisionReason: row.subjects_decision_reason,
    subjectsInformedAt: iso(row.subjects_informed_at),
    status: row.status,
    closedAt: iso(row.closed_at),
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    deadline: {
      notifyBy: deadline.notifyBy.toISOString(),
      state: deadline.state,
      hoursLeft: deadline.hoursLeft,
    },
    missing: missingContent(facts),
    closeMissing: closeMissing(facts),
  };
};

const findBreach = async (tx: Tx, id: string) => {
  const row = await repo.findBreach(tx, id);
  if (!row) throw new AppError('not_found', { params: { entity: 'breach' } });
  return row;
};

const findOpenBreach = async (tx: Tx, id: string) => {
  const row = await findBreach(tx, id);
  if (row.status === 'closed') throw new AppError('breach_closed');
  return row;
};

const incomplete = (fields: readonly string[]) =>
  new AppError('breach_incomplete', { params: { fields: fields.join(', ') }, details: { fields } });

/** One change of a breach: the row at its version, the history event and the audit entry. */
const change = async (
  tx: Tx,
  ctx: AppContext,
  actor: Actor,
  row: repo.BreachRow,
  version: number,
  values: Parameters<typeof repo.updateBreach>[3],
  event: {
    kind: 'assessed' | 'authority_notified' | 'subjects_decided' | 'closed' | 'reopened';
    detail: string | null;
  },
) => {
  const now = ctx.now();
  if (!(await repo.updateBreach(tx, row.id, version, { ...values, updated_at: now })))
    throw new AppError('version_conflict', { params: { current: row.version } });
  await repo.insertEvent(tx, {
    tenant_id: actor.tenantId,
    breach_id: row.id,
    kind: event.kind,
    detail: event.detail,
    actor_id: actor.userId,
    at: now,
  });
  await recordAudit(tx, ctx, actor.tenantId, {
    actor,
    action: 'update',
    fields: Object.keys(values).map((c) => `breach.${c}`),
    note: `breach ${row.number} ${event.kind}`,
  });
  return toBreach(await findBreach(tx, row.id), now);
};

export const listBreaches = (ctx: AppContext, actor: Actor, query: { status: 'open' | 'closed' | 'all' }) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'breaches.manage');
    const now = ctx.now();
    return { items: (await repo.listBreaches(tx, query.status)).map((row) => toBreach(row, now)) };
  });

export const getBreach = (ctx: AppContext, actor: Actor, id: string) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'breaches.manage');
    const row = await findBreach(tx, id);
    const events = await repo.listEvents(tx, id);
    return {
      ...toBreach(row, ctx.now()),
      events: events.map((e) => ({
        kind: e.kind,
        detail: e.detail,
        actorName: e.actor_name ?? null,
        at: e.at.toISOString(),
      })),
    };
  });

/** Reports a breach (every role but readonly): numbered DP-YYYY-NNNN in the Berlin year of the report. */
export const reportBreach = (ctx: AppContext, actor: Actor, input: BreachCreateInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'breaches.report');
    const now = ctx.now();
    const awareAt = input.awareAt ? instantIn(input.awareAt, now, 'awareAt') : now;
    const occurredAt = input.occurredAt ? instantIn(input.occurredAt, now, 'occurredAt') : null;
    const id = randomUUID();
    const number = await nextDocumentNumber(tx, actor.tenantId, 'breach', berlinDay(now).year);
    await repo.insertBreach(tx, {
      id,
      tenant_id: actor.tenantId,
      number,
      title: input.title,
      description: input.description,
      occurred_at: occurredAt,
      aware_at: awareAt,
      reported_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await repo.insertEvent(tx, {
      tenant_id: actor.tenantId,
      breach_id: id,
      kind: 'reported',
      detail: null,
      actor_id: actor.userId,
      at: now,
    });
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'create',
      fields: ['breach'],
      note: `breach ${number} reported`,
    });
    return toBreach(await findBreach(tx, id), now);
  });

/** The DPO's assessment: facts, the Art. 33(3) content and the risk. Only changed columns count. */
export const assessBreach = (ctx: AppContext, actor: Actor, id: string, patch: BreachPatchInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'breaches.manage');
    const row = await findOpenBreach(tx, id);
    if (patch.version !== row.version)
      throw new AppError('version_conflict', { params: { current: row.version } });
    const now = ctx.now();
    const values: Record<string, unknown> = {};
    const set = (column: keyof repo.BreachRow, value: unknown) => {
      if (value === undefined) return;
      const current = row[column];
      const same =
        current instanceof Date && value instanceof Date
          ? current.getTime() === value.getTime()
          : JSON.stringify(current) === JSON.stringify(value);
      if (!same) values[column] = value;
    };
    set('title', patch.title);
    set('description', patch.description);
    if (patch.occurredAt !== undefined)
      set('occurred_at', patch.occurredAt === null ? null : instantIn(patch.occurredAt, now, 'occurredAt'));
    if (patch.awareAt !== undefined) {
      const awareAt = instantIn(patch.awareAt, now, 'awareAt');
      if (row.authority_notified_at && row.authority_notified_at.getTime() < awareAt.getTime())
        throw new AppError('invalid_date_range', {
          params: { detail: 'awareAt must not lie after the authority notification' },
        });
      set('aware_at', awareAt);
    }
    if (patch.nature) set('nature', [...new Set(patch.nature)]);
    if (patch.dataCategories) set('data_categories', [...new Set(patch.dataCategories)]);
    set('subject_categories', patch.subjectCategories);
    set('subjects_approx', patch.subjectsApprox);
    set('records_approx', patch.recordsApprox);
    set('contact', patch.contact);
    set('consequences', patch.consequences);
    set('measures', patch.measures);
    set('risk', patch.risk);
    set('risk_reasoning', patch.riskReasoning);
    if (Object.keys(values).length === 0) return toBreach(row, now);
    return change(tx, ctx, actor, row, patch.version, values, {
      kind: 'assessed',
      detail: Object.keys(values).join(', '),
    });
  });

/**
 * Records the notification to the supervisory authority (Art. 33): refused while Art. 33(3) content is
 * missing, and when later than 72 hours after awareness without the reasons for the delay.
 */
export const notifyAuthority = (ctx: AppContext, actor: Actor, id: string, input: BreachNotificationInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'breaches.manage');
    const row = await findOpenBreach(tx, id);
    const missing = missingContent(factsOf(row));
    if (missing.length > 0) throw incomplete(missing);
    const notifiedAt = instantIn(input.notifiedAt, ctx.now(), 'notifiedAt', row.aware_at);
    const late = isLateNotification(row.aware_at, notifiedAt);
    if (late && !input.lateReason) throw new AppError('breach_late_reason_required');
    return change(
      tx,
      ctx,
      actor,
      row,
      row.version,
      {
        authority_notified_at: notifiedAt,
        authority_reference: input.reference ?? null,
        late_reason: input.lateReason ?? null,
      },
      { kind: 'authority_notified', detail: input.reference ? `reference ${input.reference}` : null },
    );
  });

/** Records whether and how the data subjects are informed (Art. 34). */
export const decideSubjects = (
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: BreachSubjectsDecisionInput,
) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'breaches.manage');
    const row = await findOpenBreach(tx, id);
    const now = ctx.now();
    if (input.decision === 'not_required' && input.informedAt)
      throw new AppError('invalid_date_range', {
        params: { detail: 'informedAt belongs to a decision to inform the data subjects' },
      });
    const informedAt = input.informedAt ? instantIn(input.informedAt, now, 'informedAt', row.aware_at) : null;
    return change(
      tx,
      ctx,
      actor,
      row,
      row.version,
      {
        subjects_decision: input.decision,
        subjects_decision_reason: input.reason,
        subjects_informed_at: informedAt,
      },
      { kind: 'subjects_decided', detail: input.decision },
    );
  });

/** Closes a breach once it is assessed and, depending on the risk, notified and decided. */
export const closeBreach = (ctx: AppContext, actor: Actor, id: string, input: BreachCloseInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'breaches.manage');
    const row = await findOpenBreach(tx, id);
    const missing = closeMissing(factsOf(row));
    if (missing.length > 0) throw incomplete(missing);
    return change(
      tx,
      ctx,
      actor,
      row,
      row.version,
      { status: 'closed', closed_at: ctx.now() },
      { kind: 'closed', detail: input.note ?? null },
    );
  });

/** Opens a closed breach again (new findings); an open breach stays as it is. */
export const reopenBreach = (ctx: AppContext, actor: Actor, id: string) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'breaches.manage');
    const row = await findBreach(tx, id);
    if (row.status === 'open') return toBreach(row, ctx.now());
    return change(
      tx,
      ctx,
      actor,
      row,
      row.version,
      { status: 'open', closed_at: null },
      { kind: 'reopened', detail: null },
    );
  });
