import type { z } from 'zod';
import { inTenant, type Tx } from '../../db/tenant.ts';
import { jurisdictionOf } from '../../domain/billing/retention.ts';
import { AppError } from '../../domain/errors.ts';
import { type Action, canDo } from '../../domain/permissions/roles.ts';
import { retentionEnd } from '../../domain/retention/periods.ts';
import { SWEEP_TARGETS } from '../../domain/retention/targets.ts';
import { berlinDay, isoDay } from '../../domain/service/business-calendar.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { rulesWithTargets, runSweep, type SweepTrigger, scopeOf } from './sweep.runner.ts';
import * as repo from './sweeps.repository.ts';
import type { Preview, Sweep } from './sweeps.schemas.ts';

/**
 * The retention sweep as a service: the preview (retention.read) runs the very queries the sweep
 * runs, with the same cutoff, and lists what would go and why; a sweep (retention.manage) runs now
 * under the sweep lock and answers with its report; reports count per data type only.
 */

const assertMay = (actor: Actor, action: Action) => {
  if (!canDo({ role: actor.role, action })) throw new AppError('forbidden');
};

/** The preview of the tenant's sweep at `asOf`; `limit` due records listed per data type. */
export const previewWithin = async (
  tx: Tx,
  ctx: AppContext,
  input: { tenantId: string; asOf: Date; limit: number },
): Promise<z.infer<typeof Preview>> => {
  const jurisdiction = jurisdictionOf(await repo.tenantSettings(tx));
  const rules = await rulesWithTargets(tx, { tenantId: input.tenantId, jurisdiction });
  const names = new Map(
    (
      await repo.dataTypesById(
        tx,
        rules.map((r) => r.rule.dataTypeId),
      )
    ).map((d) => [d.id, d]),
  );
  const dataTypes: z.infer<typeof Preview>['dataTypes'] = [];
  for (const { rule, target } of rules) {
    const scope = scopeOf({ tx, ctx, tenantId: input.tenantId, rule, asOf: input.asOf });
    const counts = await target.count(scope);
    const items =
      input.limit > 0 && counts.due > 0
        ? await target.due({ ...scope, afterId: null, limit: input.limit })
        : [];
    const info = SWEEP_TARGETS[rule.target];
    const name = names.get(rule.dataTypeId);
    dataTypes.push({
      dataTypeId: rule.dataTypeId,
      nameDe: name?.name_de ?? rule.dataTypeId,
      nameEn: name?.name_en ?? rule.dataTypeId,
      target: rule.target,
      method: info.method,
      rule: {
        years: rule.period.years,
        months: rule.period.months,
        days: rule.period.days,
        roundToYearEnd: rule.period.roundToYearEnd,
        startType: name?.start_type ?? info.startType,
      },
      cutoff: scope.cutoff,
      due: counts.due,
      held: counts.held,
      items: items.map((d) => ({
        objectType: info.objectType,
        id: d.id,
        start: d.start,
        end: retentionEnd({ start: d.start, period: rule.period }),
      })),
    });
  }
  return { asOf: input.asOf.toISOString(), today: isoDay(berlinDay(input.asOf)), jurisdiction, dataTypes };
};

export const previewSweep = (ctx: AppContext, actor: Actor, query: { limit: number }) => {
  assertMay(actor, 'retention.read');
  return inTenant(ctx.db.kysely, actor.tenantId, (tx) =>
    previewWithin(tx, ctx, { tenantId: actor.tenantId, asOf: ctx.now(), limit: query.limit }),
  );
};

/** A sweep row as the API shows it: counts per data type with their names, never ids. */
export const toSweep = async (tx: Tx, row: repo.SweepRow): Promise<z.infer<typeof Sweep>> => {
  const names = new Map((await repo.dataTypesById(tx, Object.keys(row.counts))).map((d) => [d.id, d]));
  const counts = Object.entries(row.counts)
    .map(([dataTypeId, c]) => ({
      dataTypeId,
      nameDe: names.get(dataTypeId)?.name_de ?? null,
      nameEn: names.get(dataTypeId)?.name_en ?? null,
      target: names.get(dataTypeId)?.target ?? null,
      deleted: c.deleted ?? 0,
      held: c.held ?? 0,
    }))
    .sort((a, b) => a.dataTypeId.localeCompare(b.dataTypeId));
  return {
    id: row.id,
    status: row.status,
    trigger: row.trigger,
    asOf: row.as_of.toISOString(),
    today: isoDay(berlinDay(row.as_of)),
    jurisdiction: row.jurisdiction,
    startedBy: row.started_by,
    startedAt: row.started_at.toISOString(),
    heartbeatAt: row.heartbeat_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
    errorCode: row.error_code,
    total: counts.reduce((sum, c) => sum + c.deleted, 0),
    counts,
  };
};

/** Runs (or resumes) the tenant's sweep now and returns its report; 409 while another runs. */
export const startSweep = async (
  ctx: AppContext,
  input: { tenantId: string; trigger: SweepTrigger; startedBy: string | null },
) => {
  const row = await runSweep(ctx, input);
  if (!row) throw new AppError('retention_sweep_running');
  return inTenant(ctx.db.kysely, input.tenantId, (tx) => toSweep(tx, row));
};

export const runSweepNow = (ctx: AppContext, actor: Actor) => {
  assertMay(actor, 'retention.manage');
  return startSweep(ctx, { tenantId: actor.tenantId, trigger: 'manual', startedBy: actor.userId });
};

export const listSweeps = (ctx: AppContext, actor: Actor) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'retention.read');
    const rows = await repo.listSweeps(tx, 100);
    const items = [];
    for (const row of rows) items.push(await toSweep(tx, row));
    return { items };
  });

export const getSweep = (ctx: AppContext, actor: Actor, id: string) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'retention.read');
    const row = await repo.findSweep(tx, id);
    if (!row) throw new AppError('not_found', { params: { entity: 'retention sweep' } });
    return toSweep(tx, row);
  });
