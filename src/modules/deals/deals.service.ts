import { inTenant, type Tx } from '../../db/tenant.ts';
import { visibilityOf } from '../../db/visibility.ts';
import { assertCurrency, normalizeAmount, parseAmount } from '../../domain/billing/money.ts';
import { AppError } from '../../domain/errors.ts';
import { canWrite } from '../../domain/permissions/roles.ts';
import { assertDocumentDate } from '../../domain/pipeline/document-rules.ts';
import { firstOpenStage, planStageMove, type StageOutcome } from '../../domain/pipeline/stage-rules.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { readAudited } from '../audit/audit.reads.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { asRuleStage, assertContractReadable } from '../pipeline/pipeline.service.ts';
import { assertReferences } from '../shared/references.ts';
import { assertNotRestricted } from '../subject-rights/write-guard.ts';
import { auditSubjectOf, resolveCustomer } from './customers.ts';
import * as repo from './deals.repository.ts';
import type {
  DealCreateInput,
  DealListQueryInput,
  DealMoveInput,
  DealOut,
  DealPatchInput,
} from './deals.schemas.ts';

const BOARD_CAP = 100;

const stageRef = (id: string, nameDe: string, nameEn: string, outcome: string) => ({
  id,
  nameDe,
  nameEn,
  outcome: outcome as StageOutcome,
});

export const toDeal = (row: repo.DealRow): DealOut => ({
  id: row.id,
  title: row.title,
  person: row.person_id ? { id: row.person_id, name: row.person_name ?? '' } : null,
  organization: row.organization_id ? { id: row.organization_id, name: row.organization_name ?? '' } : null,
  stage: stageRef(row.stage_id, row.stage_name_de, row.stage_name_en, row.stage_outcome),
  status: row.stage_outcome as DealOut['status'],
  value: normalizeAmount(row.value_text),
  currency: row.currency,
  probability: row.probability,
  expectedClose: row.expected_close,
  owner: row.owner_id ? { id: row.owner_id, displayName: row.owner_name ?? '' } : null,
  departmentIds: row.department_ids,
  lostReason: row.lost_reason,
  closedAt: row.closed_at?.toISOString() ?? null,
  version: row.version,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

const assertWritable = (actor: Actor) => {
  if (!canWrite({ role: actor.role, category: 'contract' }))
    throw new AppError('field_not_writable', { params: { field: 'deals', category: 'contract' } });
};

const findVisible = async (tx: Tx, actor: Actor, id: string) => {
  const row = await repo.findDeal(tx, id, visibilityOf(actor));
  if (!row) throw new AppError('not_found', { params: { entity: 'deal' } });
  return row;
};

const assertOwner = async (tx: Tx, ownerId: string) => {
  if (!(await repo.activeUser(tx, ownerId))) throw new AppError('unknown_user', { params: { id: ownerId } });
};

const loadDetail = async (tx: Tx, actor: Actor, id: string) => {
  const row = await findVisible(tx, actor, id);
  const history = (await repo.stageHistory(tx, id)).map((h) => ({
    fromStage: h.from_stage_id
      ? stageRef(h.from_stage_id, h.from_name_de ?? '', h.from_name_en ?? '', h.from_outcome ?? 'open')
      : null,
    toStage: stageRef(h.to_stage_id, h.to_name_de, h.to_name_en, h.to_outcome),
    changedBy: h.changed_by ? { id: h.changed_by, displayName: h.changed_by_name ?? '' } : null,
    changedAt: h.changed_at.toISOString(),
  }));
  const docs = await repo.documentsOfDeal(tx, id);
  const summary = (d: (typeof docs.quotes)[number]) => ({
    id: d.id,
    number: d.number,
    status: d.status,
    date: d.date,
    currency: d.currency,
    grossTotal: normalizeAmount(d.gross),
  });
  return { ...toDeal(row), history, quotes: docs.quotes.map(summary), orders: docs.orders.map(summary) };
};

/** A deal with its stage history, quotes and orders; the read is recorded for its customer. */
export const getDeal = (ctx: AppContext, actor: Actor, id: string) =>
  readAudited(
    ctx,
    actor.tenantId,
    (tx) => {
      assertContractReadable(actor, 'deals');
      return loadDetail(tx, actor, id);
    },
    (deal) => ({
      actor,
      action: 'read',
      subject: auditSubjectOf({
        person_id: deal.person?.id ?? null,
        organization_id: deal.organization?.id ?? null,
      }),
      fields: ['deal'],
    }),
  );

export const listDeals = (ctx: AppContext, actor: Actor, query: DealListQueryInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertContractReadable(actor, 'deals');
    const { rows, total } = await repo.listDeals(tx, query, visibilityOf(actor));
    return { items: rows.map(toDeal), total, page: query.page, pageSize: query.pageSize };
  });

/** The Kanban board: every stage that is not archived, with count, sums and its first 100 deals. */
export const getBoard = (ctx: AppContext, actor: Actor) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertContractReadable(actor, 'deals');
    const v = visibilityOf(actor);
    const stages = await tx
      .selectFrom('pipeline_stages')
      .selectAll()
      .where('archived_at', 'is', null)
      .orderBy('position')
      .orderBy('created_at')
      .execute();
    const deals = await repo.boardDeals(tx, v, BOARD_CAP);
    const totals = await repo.boardTotals(tx, v);
    return {
      columns: stages.map((s) => {
        const mine = totals.filter((t) => t.stage_id === s.id);
        return {
          stage: {
            ...stageRef(s.id, s.name_de, s.name_en, s.outcome),
            position: s.position,
            probability: s.probability,
          },
          count: mine.reduce((n, t) => n + t.count, 0),
          totals: mine
            .map((t) => ({
              currency: t.currency,
              value: normalizeAmount(t.value),
              weighted: normalizeAmount(t.weighted),
            }))
            .sort((a, b) => a.currency.localeCompare(b.currency)),
          deals: deals.filter((d) => d.stage_id === s.id).map(toDeal),
        };
      }),
    };
  });

const dealAudit = (deal: DealOut) => ({
  id: deal.id,
  title: deal.title,
  stage: deal.stage.id,
  value: deal.value,
  currency: deal.currency,
  probability: deal.probability,
  expectedClose: deal.expectedClose,
  lostReason: deal.lostReason,
});

export const createDeal = (ctx: AppContext, actor: Actor, input: DealCreateInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertWritable(actor);
    parseAmount(input.value);
    assertCurrency(input.currency);
    assertDocumentDate('expectedClose', input.expectedClose);
    const customer = await resolveCustomer(tx, actor, input);
    await assertNotRestricted(tx, input.personId);
    const departmentIds = input.departmentIds ?? customer.departmentIds;
    if (input.departmentIds) await assertReferences(tx, actor, { departmentIds });
    const stages = (await tx.selectFrom('pipeline_stages').selectAll().execute()).map((s) => ({
      ...asRuleStage(s),
      row: s,
    }));
    const stage = input.stageId ? stages.find((s) => s.id === input.stageId) : firstOpenStage(stages);
    if (!stage) throw new AppError('unknown_stage', { params: { id: input.stageId ?? '' } });
    // a deal starts open; won and lost are reached by a move, with its rules
    if (stage.archived || stage.outcome !== 'open')
      throw new AppError('invalid_stage_move', {
        params: { reason: stage.archived ? 'stage_archived' : 'closed_needs_reopen' },
        details: { reason: stage.archived ? 'stage_archived' : 'closed_needs_reopen' },
      });
    const ownerId = input.ownerId ?? actor.userId;
    await assertOwner(tx, ownerId);
    const { id } = await repo.insertDeal(tx, {
      tenant_id: actor.tenantId,
      title: input.title,
      person_id: input.personId ?? null,
      organization_id: input.organizationId ?? null,
      stage_id: stage.id,
      value: normalizeAmount(input.value),
      currency: input.currency,
      probability: input.probability ?? stage.probability,
      expected_close: input.expectedClose ?? null,
      owner_id: ownerId,
      department_ids: departmentIds,
      created_by: actor.userId,
    });
    await repo.insertStageChange(tx, {
      tenant_id: actor.tenantId,
      deal_id: id,
      from_stage_id: null,
      to_stage_id: stage.id,
      changed_by: actor.userId,
    });
    const deal = await loadDetail(tx, actor, id);
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'create',
      subject: auditSubjectOf({
        person_id: deal.person?.id ?? null,
        organization_id: deal.organization?.id ?? null,
      }),
      fields: ['deal'],
      values: { new: { deal: dealAudit(deal) } },
    });
    return deal;
  });

export const updateDeal = (ctx: AppContext, actor: Actor, id: string, patch: DealPatchInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertWritable(actor);
    const current = await findVisible(tx, actor, id);
    if (patch.value !== undefined) parseAmount(patch.value);
    if (patch.currency !== undefined) assertCurrency(patch.currency);
    assertDocumentDate('expectedClose', patch.expectedClose);
    if (patch.ownerId !== undefined) await assertOwner(tx, patch.ownerId);
    const closed = current.stage_outcome !== 'open';
    // won and lost deals keep the probability their outcome gave them, a won one a value above zero
    if (closed && patch.probability !== undefined && patch.probability !== current.probability)
      throw new AppError('invalid_stage_move', {
        params: { reason: 'closed_needs_reopen' },
        details: { reason: 'closed_needs_reopen' },
      });
    if (current.stage_outcome === 'won' && patch.value !== undefined && parseAmount(patch.value) <= 0n)
      throw new AppError('invalid_stage_move', {
        params: { reason: 'won_needs_value' },
        details: { reason: 'won_needs_value' },
      });
    const values = Object.fromEntries(
      Object.entries({
        title: patch.title,
        value: patch.value === undefined ? undefined : normalizeAmount(patch.value),
        currency: patch.currency,
        probability: patch.probability,
        expected_close: patch.expectedClose,
        owner_id: patch.ownerId,
      }).filter(([, v]) => v !== undefined),
    );
    const updated = await repo.updateDeal(tx, id, patch.version, values);
    if (!updated) throw new AppError('version_conflict', { params: { current: current.version } });
    const before = toDeal(current);
    const deal = await loadDetail(tx, actor, id);
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'update',
      subject: auditSubjectOf(current),
      fields: ['deal'],
      values: { old: { deal: dealAudit(before) }, new: { deal: dealAudit(deal) } },
    });
    return deal;
  });

/** Moves a deal to another stage under the pipeline rules, recording the change and the audit entry. */
export const moveDeal = (ctx: AppContext, actor: Actor, id: string, input: DealMoveInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertWritable(actor);
    const current = await findVisible(tx, actor, id);
    if (current.version !== input.version)
      throw new AppError('version_conflict', { params: { current: current.version } });
    const to = await repo.findStage(tx, input.stageId);
    if (!to) throw new AppError('unknown_stage', { params: { id: input.stageId } });
    const from = await repo.findStage(tx, current.stage_id);
    if (!from) throw new AppError('unknown_stage', { params: { id: current.stage_id } });
    const plan = planStageMove({
      deal: { valueCents: parseAmount(normalizeAmount(current.value_text)) },
      from: asRuleStage(from),
      to: asRuleStage(to),
      lostReason: input.lostReason,
      reopen: input.reopen,
      now: ctx.now(),
    });
    const updated = await repo.updateDeal(tx, id, input.version, {
      stage_id: plan.stageId,
      probability: plan.probability,
      closed_at: plan.closedAt,
      lost_reason: plan.lostReason,
    });
    if (!updated) throw new AppError('version_conflict', { params: { current: current.version } });
    await repo.insertStageChange(tx, {
      tenant_id: actor.tenantId,
      deal_id: id,
      from_stage_id: from.id,
      to_stage_id: to.id,
      changed_by: actor.userId,
    });
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'update',
      subject: auditSubjectOf(current),
      fields: ['deal'],
      values: {
        old: { deal: { id, stage: from.id, lostReason: current.lost_reason } },
        new: { deal: { id, stage: to.id, lostReason: plan.lostReason, reopen: input.reopen === true } },
      },
    });
    return loadDetail(tx, actor, id);
  });
