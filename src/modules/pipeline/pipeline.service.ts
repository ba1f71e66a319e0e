import { inTenant, type Tx } from '../../db/tenant.ts';
import { AppError } from '../../domain/errors.ts';
import { canDo, canRead } from '../../domain/permissions/roles.ts';
import {
  assertArchivable,
  assertPipeline,
  reorderStages,
  type Stage,
  type StageOutcome,
} from '../../domain/pipeline/stage-rules.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as repo from './pipeline.repository.ts';
import type { StageCreateInput, StageOut, StagePatchInput } from './pipeline.schemas.ts';

export const toStage = (row: repo.StageRow): StageOut => ({
  id: row.id,
  nameDe: row.name_de,
  nameEn: row.name_en,
  position: row.position,
  probability: row.probability,
  outcome: row.outcome as StageOutcome,
  archived: row.archived_at !== null,
  openDeals: row.open_deals,
});

/** A stage row as the domain rules see it. */
export const asRuleStage = (row: {
  id: string;
  position: number;
  probability: number;
  outcome: string;
  archived_at: Date | null;
}): Stage => ({
  id: row.id,
  position: row.position,
  probability: row.probability,
  outcome: row.outcome as StageOutcome,
  archived: row.archived_at !== null,
});

/** Deals, quotes and orders are contract data: reading them needs read access to that category. */
export const assertContractReadable = (actor: Actor, field: string) => {
  if (!canRead({ role: actor.role, category: 'contract' }))
    throw new AppError('field_not_readable', { params: { field, category: 'contract' } });
};

const assertManager = (actor: Actor) => {
  if (!canDo({ role: actor.role, action: 'pipeline.manage' })) throw new AppError('forbidden');
};

export const listStages = (ctx: AppContext, actor: Actor) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertContractReadable(actor, 'pipeline');
    return { items: (await repo.listStages(tx)).map(toStage) };
  });

const loadStage = async (tx: Tx, id: string) => {
  const row = (await repo.listStages(tx)).find((s) => s.id === id);
  if (!row) throw new AppError('not_found', { params: { entity: 'stage' } });
  return toStage(row);
};

export const createStage = (ctx: AppContext, actor: Actor, input: StageCreateInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertManager(actor);
    await repo.lockStages(tx);
    const stages = await repo.listStages(tx);
    assertPipeline([...stages.map(asRuleStage), { outcome: input.outcome, archived: false }]);
    // by default a new open stage goes before the first closed (won/lost) stage
    const firstClosed = stages.findIndex((s) => s.outcome !== 'open');
    const position = input.position ?? (firstClosed >= 0 ? firstClosed : stages.length);
    const { id } = await repo.insertStage(tx, {
      tenant_id: actor.tenantId,
      name_de: input.nameDe,
      name_en: input.nameEn,
      position: stages.length,
      probability: input.probability,
      outcome: input.outcome,
    });
    await repo.setPositions(tx, reorderStages([...stages, { id, position: stages.length }], id, position));
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'settings_change',
      fields: ['pipeline_stage'],
      note: `pipeline stage ${id} created`,
    });
    return loadStage(tx, id);
  });

export const updateStage = (ctx: AppContext, actor: Actor, id: string, patch: StagePatchInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertManager(actor);
    await repo.lockStages(tx);
    const stages = await repo.listStages(tx);
    const current = stages.find((s) => s.id === id);
    if (!current) throw new AppError('not_found', { params: { entity: 'stage' } });
    const wasArchived = current.archived_at !== null;
    if (patch.archived !== undefined && patch.archived !== wasArchived) {
      if (patch.archived) assertArchivable(current.open_deals);
      assertPipeline(
        stages.map((s) => ({
          ...asRuleStage(s),
          archived: s.id === id ? patch.archived === true : s.archived_at !== null,
        })),
      );
    }
    const values = Object.fromEntries(
      Object.entries({
        name_de: patch.nameDe,
        name_en: patch.nameEn,
        probability: patch.probability,
        archived_at:
          patch.archived === undefined || patch.archived === wasArchived
            ? undefined
            : patch.archived
              ? ctx.now()
              : null,
      }).filter(([, v]) => v !== undefined),
    );
    if (Object.keys(values).length > 0) await repo.updateStage(tx, id, values);
    if (patch.position !== undefined) await repo.setPositions(tx, reorderStages(stages, id, patch.position));
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'settings_change',
      fields: ['pipeline_stage'],
      note: `pipeline stage ${id} changed: ${Object.keys(patch).join(', ')}`,
    });
    return loadStage(tx, id);
  });
