import { asSystem, inTenant, type Tx } from '../../db/tenant.ts';
import { jurisdictionOf } from '../../domain/billing/retention.ts';
import { AppError } from '../../domain/errors.ts';
import { dueCutoff } from '../../domain/retention/periods.ts';
import { SWEEP_TARGETS } from '../../domain/retention/targets.ts';
import { berlinDay, berlinInstant, isoDay } from '../../domain/service/business-calendar.ts';
import type { AppContext } from '../../server/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { activeRules, ensureDeletionConcept } from './deletion-concept.rules.ts';
import { withSweepLock } from './sweep-lock.ts';
import * as repo from './sweeps.repository.ts';
import { sweepTargets } from './targets/index.ts';
import type { SweepRule, SweepTarget, TargetScope } from './targets/target.ts';

/**
 * The retention sweep engine. A sweep is a row in retention_sweeps that fixes the day it judges by
 * (`as_of`) and the jurisdiction; then, rule by rule (data type), pages of due ids are removed, each
 * page in one transaction that also adds its count to the row and beats its heart. A sweep killed at
 * any point leaves its row 'running'; the next run (the lock being free, nobody else works on it)
 * resumes that row with the SAME as_of: what is gone stays gone, what is left is still due by the
 * same day, so nothing is deleted twice and nothing is skipped. The row and the one audit entry hold
 * counts per data type only, never ids or values.
 */

/** Ids per transaction for record targets; erasing a person is heavier, so fewer of them. */
export const BATCH_SIZE = 2_000;
const PERSON_BATCH_SIZE = 100;

export type SweepTrigger = 'scheduler' | 'manual' | 'cli';

/** The sweep's day in Berlin and the cutoff of a rule on that day, shared by the preview and the sweep. */
export const scopeOf = (input: {
  tx: Tx;
  ctx: AppContext;
  tenantId: string;
  rule: SweepRule;
  asOf: Date;
}): TargetScope => {
  const today = isoDay(berlinDay(input.asOf));
  const cutoff = dueCutoff({ period: input.rule.period, today });
  const [year, month, day] = cutoff.split('-').map(Number) as [number, number, number];
  return {
    tx: input.tx,
    ctx: input.ctx,
    tenantId: input.tenantId,
    rule: input.rule,
    today,
    cutoff,
    cutoffInstant: berlinInstant({ year, month, day }),
  };
};

/** The rules of the tenant's jurisdiction with the target that carries each out (unknown targets left out). */
export const rulesWithTargets = async (tx: Tx, input: { tenantId: string; jurisdiction: string }) => {
  await ensureDeletionConcept(tx, { tenantId: input.tenantId });
  const targets = sweepTargets();
  const rules = await activeRules(tx, { jurisdiction: input.jurisdiction });
  return rules.flatMap((rule) => {
    const target = targets.get(rule.target);
    return target ? [{ rule, target }] : [];
  });
};

/** Thrown by `afterBatch` to stand for the process ending: the row stays 'running' for the next run. */
export class SweepInterrupted extends Error {}

export type RunSweepInput = {
  tenantId: string;
  trigger: SweepTrigger;
  startedBy: string | null;
  batchSize?: number;
  /** Called after every committed batch (tests, benchmarks). Throw SweepInterrupted to stop as if killed. */
  afterBatch?: (info: { dataTypeId: string; deleted: number }) => void | Promise<void>;
  /** The scheduler: start no new sweep if one started at or after this instant (checked under the lock). */
  skipIfStartedSince?: Date;
};

const startOrResume = (ctx: AppContext, input: RunSweepInput) =>
  inTenant(ctx.db.kysely, input.tenantId, async (tx) => {
    const running = await repo.findRunning(tx);
    if (running) return running;
    if (input.skipIfStartedSince && (await repo.sweepStartedSince(tx, input.skipIfStartedSince))) return null;
    return repo.insertSweep(tx, {
      tenant_id: input.tenantId,
      trigger: input.trigger,
      as_of: ctx.now(),
      jurisdiction: jurisdictionOf(await repo.tenantSettings(tx)),
      started_by: input.startedBy,
    });
  });

/** Removes everything due under one rule, page by page; returns nothing (the counts are on the row). */
const sweepRule = async (
  ctx: AppContext,
  input: RunSweepInput & { sweep: repo.SweepRow; rule: SweepRule; target: SweepTarget },
) => {
  const limit =
    SWEEP_TARGETS[input.rule.target].method === 'erase_person'
      ? PERSON_BATCH_SIZE
      : (input.batchSize ?? BATCH_SIZE);
  let afterId: string | null = null;
  for (;;) {
    const page: { deleted: number; last: string | null } = await inTenant(
      ctx.db.kysely,
      input.tenantId,
      async (tx) => {
        const scope = scopeOf({
          tx,
          ctx,
          tenantId: input.tenantId,
          rule: input.rule,
          asOf: input.sweep.as_of,
        });
        const due = await input.target.due({ ...scope, afterId, limit });
        if (due.length === 0) return { deleted: 0, last: null };
        const deleted = await input.target.remove({ ...scope, ids: due.map((d) => d.id) });
        await repo.addDeleted(tx, {
          id: input.sweep.id,
          dataTypeId: input.rule.dataTypeId,
          deleted,
          now: ctx.now(),
        });
        return { deleted, last: due.at(-1)?.id ?? null };
      },
    );
    if (page.last === null) break;
    afterId = page.last;
    await input.afterBatch?.({ dataTypeId: input.rule.dataTypeId, deleted: page.deleted });
  }
  await inTenant(ctx.db.kysely, input.tenantId, async (tx) => {
    const scope = scopeOf({ tx, ctx, tenantId: input.tenantId, rule: input.rule, asOf: input.sweep.as_of });
    const { held } = await input.target.count(scope);
    await repo.setHeld(tx, { id: input.sweep.id, dataTypeId: input.rule.dataTypeId, held, now: ctx.now() });
  });
};

const countsNote = (row: repo.SweepRow) => {
  const entries = Object.entries(row.counts);
  const total = entries.reduce((sum, [, c]) => sum + c.deleted, 0);
  const parts = entries.map(([id, c]) => `${id}: ${c.deleted} deleted, ${c.held ?? 0} held`);
  return `retention sweep ${row.id} (${row.trigger}, as of ${isoDay(berlinDay(row.as_of))}, ${row.jurisdiction}): ${total} deleted${parts.length ? ` — ${parts.join('; ')}` : ''}`;
};

const finish = (
  ctx: AppContext,
  input: { tenantId: string; sweep: repo.SweepRow; status: 'completed' | 'failed'; errorCode: string | null },
) =>
  inTenant(ctx.db.kysely, input.tenantId, async (tx) => {
    const row = await repo.finishSweep(tx, {
      id: input.sweep.id,
      status: input.status,
      errorCode: input.errorCode,
      now: ctx.now(),
    });
    if (!row) throw new AppError('retention_sweep_running');
    await recordAudit(tx, ctx, input.tenantId, {
      actor: row.started_by ? { userId: row.started_by } : null,
      action: 'erase',
      fields: ['retention_sweep'],
      note:
        input.status === 'completed' ? countsNote(row) : `${countsNote(row)}; failed (${input.errorCode})`,
    });
    return row;
  });

/**
 * Runs (or resumes) the tenant's sweep under the sweep lock and returns its finished row.
 * 409 retention_sweep_running while another runner holds the lock; null when `skipIfStartedSince`
 * found the day's sweep already started.
 */
export const runSweep = (ctx: AppContext, input: RunSweepInput): Promise<repo.SweepRow | null> =>
  withSweepLock(ctx.db, input.tenantId, async () => {
    const sweep = await startOrResume(ctx, input);
    if (!sweep) return null;
    try {
      const rules = await inTenant(ctx.db.kysely, input.tenantId, (tx) =>
        rulesWithTargets(tx, { tenantId: input.tenantId, jurisdiction: sweep.jurisdiction }),
      );
      for (const { rule, target } of rules) await sweepRule(ctx, { ...input, sweep, rule, target });
    } catch (error) {
      if (error instanceof SweepInterrupted) throw error;
      const code = error instanceof AppError ? error.code : 'internal_error';
      await finish(ctx, { tenantId: input.tenantId, sweep, status: 'failed', errorCode: code }).catch(
        () => {},
      );
      throw error;
    }
    return finish(ctx, { tenantId: input.tenantId, sweep, status: 'completed', errorCode: null });
  });

// ---- the daily sweep in the server's minute scheduler ---------------------------------------------

/** A running sweep whose heart has not beaten for this long was interrupted (its process ended). */
export const STALE_SWEEP_MS = 5 * 60_000;
/** The scheduler's sweep starts with the first tick from this hour on (Berlin), once per Berlin day. */
export const SWEEP_HOUR = 2;

/**
 * One scheduler tick: every tenant whose sweep of the day (Berlin) has not started yet gets it after
 * 02:00; an interrupted sweep is resumed at once. Another instance holding the lock is no error.
 * Returns the finished sweeps.
 */
export const runScheduledSweeps = async (ctx: AppContext, options: { now?: Date } = {}) => {
  const now = options.now ?? ctx.now();
  const today = isoDay(berlinDay(now));
  const clock = berlinDay(now);
  const afterHour = now.getTime() >= berlinInstant(clock, SWEEP_HOUR).getTime();
  const staleBefore = new Date(now.getTime() - STALE_SWEEP_MS);
  const tenants = await asSystem(ctx.db.kysely, (tx) => repo.sweepStateOfTenants(tx, staleBefore));
  const startOfDay = berlinInstant(clock);
  const done: repo.SweepRow[] = [];
  for (const t of tenants) {
    const startedToday = t.last_started !== null && isoDay(berlinDay(new Date(t.last_started))) === today;
    const due = t.stale_running || (!t.running && afterHour && !startedToday);
    if (!due) continue;
    try {
      const row = await runSweep(ctx, {
        tenantId: t.id,
        trigger: 'scheduler',
        startedBy: null,
        ...(t.stale_running ? {} : { skipIfStartedSince: startOfDay }),
      });
      if (row) done.push(row);
    } catch (error) {
      if (error instanceof AppError && error.code === 'retention_sweep_running') continue;
      // no personal data in the log: the error's kind only
      console.error(`retention sweep of tenant ${t.id} failed: ${(error as Error)?.name ?? 'Error'}`);
    }
  }
  return done;
};

const scheduled = new WeakSet<AppContext>();

/** Starts the scheduled sweeps without waiting for them (one at a time per context); called every minute. */
export const tickRetentionSweeps = (ctx: AppContext) => {
  if (scheduled.has(ctx)) return;
  scheduled.add(ctx);
  void runScheduledSweeps(ctx)
    .catch((error) => console.error(`retention scheduler: ${(error as Error)?.name ?? 'Error'}`))
    .finally(() => scheduled.delete(ctx));
};
