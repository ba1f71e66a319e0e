import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, personBody, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { asSystem } from '../../db/tenant.ts';
import { AppError } from '../../domain/errors.ts';
import { runScheduledSweeps, runSweep, SweepInterrupted } from './sweep.runner.ts';
import { period, plant, setSweepRules } from './sweeps.fixtures.ts';

vi.setConfig({ hookTimeout: 240_000, testTimeout: 120_000 });

/**
 * The sweep engine: an interrupted sweep resumes with the same day (nothing deleted twice, nothing
 * skipped, nothing judged by the later day), one runner at a time, one audit entry per sweep, and
 * the daily start in the minute scheduler.
 */
describe.each(testDatabaseKinds())('retention sweep engine on %s', (kind) => {
  let clock = new Date('2026-03-02T09:00:00Z');
  let t: TestApp;
  let personId: string;

  const interactionIds = () =>
    asSystem(t.db.kysely, async (tx) =>
      (await tx.selectFrom('interactions').select('id').where('tenant_id', '=', t.tenantId).execute()).map(
        (r) => r.id,
      ),
    );
  const sweeps = () =>
    asSystem(t.db.kysely, (tx) =>
      tx
        .selectFrom('retention_sweeps')
        .selectAll()
        .where('tenant_id', '=', t.tenantId)
        .orderBy('started_at')
        .execute(),
    );
  const auditNotes = () =>
    asSystem(t.db.kysely, async (tx) =>
      (
        await tx
          .selectFrom('audit_log')
          .select('note')
          .where('tenant_id', '=', t.tenantId)
          .where('note', 'like', 'retention sweep%')
          .execute()
      ).map((r) => r.note ?? ''),
    );
  const plantMany = async (n: number, occurredAt: string) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push(await plant.interaction(t.db, t.tenantId, { personId, occurredAt }));
    return ids;
  };

  beforeAll(async () => {
    t = await createTestApp(kind, { now: () => clock });
    const res = await t.call(t.adminToken, { method: 'POST', url: '/api/v1/persons', body: personBody() });
    personId = res.json().id;
    // one year, not rounded: on 2 Mar 2026 everything that happened on 1 Mar 2025 or before is due
    await setSweepRules(t.db, t.tenantId, [{ target: 'interactions', period: period(1, false) }]);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('resumes an interrupted sweep with the same day: nothing twice, nothing skipped', async () => {
    const due = await plantMany(25, '2025-03-01T12:00:00Z');
    const tomorrow = await plantMany(5, '2025-03-02T12:00:00Z');
    let batches = 0;
    await expect(
      runSweep(t.ctx, {
        tenantId: t.tenantId,
        trigger: 'cli',
        startedBy: null,
        batchSize: 10,
        afterBatch: () => {
          batches += 1;
          if (batches === 1) throw new SweepInterrupted();
        },
      }),
    ).rejects.toBeInstanceOf(SweepInterrupted);
    const [interrupted] = await sweeps();
    expect(interrupted).toMatchObject({ status: 'running', counts: { t_interactions: { deleted: 10 } } });
    expect(await interactionIds()).toHaveLength(20);
    expect(await auditNotes()).toHaveLength(0);

    // the process came back a day later: the resumed sweep still judges by 2 March
    clock = new Date('2026-03-03T09:00:00Z');
    const resumed = await runSweep(t.ctx, {
      tenantId: t.tenantId,
      trigger: 'cli',
      startedBy: null,
      batchSize: 10,
    });
    expect(resumed).toMatchObject({
      id: interrupted?.id,
      status: 'completed',
      as_of: new Date('2026-03-02T09:00:00Z'),
      counts: { t_interactions: { deleted: 25, held: 0 } },
    });
    const left = await interactionIds();
    expect(left.sort()).toEqual([...tomorrow].sort());
    for (const gone of due) expect(left).not.toContain(gone);
    expect(await auditNotes()).toHaveLength(1);

    // a new sweep judges by its own day
    const next = await runSweep(t.ctx, { tenantId: t.tenantId, trigger: 'cli', startedBy: null });
    expect(next).toMatchObject({ status: 'completed', counts: { t_interactions: { deleted: 5 } } });
    expect(next?.id).not.toBe(interrupted?.id);
  });

  it('runs one sweep at a time: a second concurrent run is refused with retention_sweep_running', async () => {
    await plantMany(3, '2024-01-01T12:00:00Z');
    const results = await Promise.allSettled([
      runSweep(t.ctx, { tenantId: t.tenantId, trigger: 'manual', startedBy: null }),
      runSweep(t.ctx, { tenantId: t.tenantId, trigger: 'cli', startedBy: null }),
    ]);
    const rejected = results.filter((r) => r.status === 'rejected');
    expect(rejected).toHaveLength(1);
    const reason = (rejected[0] as PromiseRejectedResult).reason;
    expect(reason).toBeInstanceOf(AppError);
    expect((reason as AppError).code).toBe('retention_sweep_running');
    expect(await interactionIds()).toHaveLength(0);
  });

  it('starts the daily sweep with the first tick after 02:00 Berlin, once a day, and resumes a stale one', async () => {
    const before = (await sweeps()).length;
    clock = new Date('2026-03-04T00:30:00Z'); // 01:30 in Berlin
    expect(await runScheduledSweeps(t.ctx)).toHaveLength(0);
    clock = new Date('2026-03-04T01:05:00Z'); // 02:05 in Berlin
    const ran = await runScheduledSweeps(t.ctx);
    expect(ran).toHaveLength(1);
    expect(ran[0]).toMatchObject({ trigger: 'scheduler', status: 'completed' });
    clock = new Date('2026-03-04T15:00:00Z');
    expect(await runScheduledSweeps(t.ctx)).toHaveLength(0);
    expect((await sweeps()).length).toBe(before + 1);

    // killed in the night of the 5th before 02:00 (a CLI sweep): the scheduler resumes it once it is stale
    await plantMany(12, '2024-06-01T12:00:00Z');
    clock = new Date('2026-03-05T00:10:00Z');
    await expect(
      runSweep(t.ctx, {
        tenantId: t.tenantId,
        trigger: 'cli',
        startedBy: null,
        batchSize: 5,
        afterBatch: () => {
          throw new SweepInterrupted();
        },
      }),
    ).rejects.toBeInstanceOf(SweepInterrupted);
    clock = new Date('2026-03-05T00:12:00Z');
    expect(await runScheduledSweeps(t.ctx)).toHaveLength(0); // heart beat 2 minutes ago: not stale yet
    clock = new Date('2026-03-05T00:20:00Z');
    const resumed = await runScheduledSweeps(t.ctx);
    expect(resumed).toHaveLength(1);
    expect(resumed[0]).toMatchObject({ trigger: 'cli', counts: { t_interactions: { deleted: 12 } } });
    // that sweep started on the 5th (Berlin): no second one after 02:00
    clock = new Date('2026-03-05T02:00:00Z');
    expect(await runScheduledSweeps(t.ctx)).toHaveLength(0);
  });
});
