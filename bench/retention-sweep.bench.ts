/**
 * `npm run bench:retention`: the retention sweep over 1,000,000 interactions of which 10% are due
 * (issue 7: ≤ 60 s on PGlite; record PostgreSQL). Seeds set-based (as the owner, generate_series) a
 * tenant with BENCH_PERSONS persons and BENCH_INTERACTIONS interactions, every tenth of them from
 * 2018 (due under the rule "6 years from the end of the year" on the bench day, 15 Jun 2026), the
 * others from 2021 on. The interactions rule is the tenant's only active rule. Timed: the preview's
 * count (what GET /retention/preview runs) and `runSweep` end to end (the sweep row, pages of 2,000
 * ids each in its own transaction with the re-check, the count per page, the held count, the audit
 * entry). Checks that exactly the due tenth is gone. On PGlite (in memory) and PostgreSQL (a fresh
 * database, dropped afterwards). Appends to bench/RESULTS.md unless BENCH_RECORD=0.
 *
 * Environment: BENCH_DATABASES [pglite,postgres], BENCH_DATABASE_URL, BENCH_INTERACTIONS [1000000],
 * BENCH_PERSONS [10000].
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.ts';
import { migrate } from '../src/db/migrate.ts';
import { asSystem, inTenant } from '../src/db/tenant.ts';
import { runSweep } from '../src/modules/retention/sweep.runner.ts';
import { period, setSweepRules } from '../src/modules/retention/sweeps.fixtures.ts';
import { previewWithin } from '../src/modules/retention/sweeps.service.ts';
import { initInstallation } from '../src/modules/setup/setup.service.ts';
import type { AppContext } from '../src/server/context.ts';
import { type BenchDatabaseKind, openBenchDatabase } from './database.ts';
import { appendResults, commandLine, int, log, machine, ms } from './percentiles.ts';

const env = process.env;
const settings = {
  databases: (env.BENCH_DATABASES ?? 'pglite,postgres').split(',').map((d) => d.trim()) as (
    | 'pglite'
    | 'postgres'
  )[],
  postgresUrl: env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  interactions: Number(env.BENCH_INTERACTIONS ?? 1_000_000),
  persons: Number(env.BENCH_PERSONS ?? 10_000),
};
const NOW = new Date('2026-06-15T10:00:00Z');
const GOAL_PGLITE_MS = 60_000;

const openTarget = (kind: BenchDatabaseKind) =>
  openBenchDatabase({ kind, postgresUrl: settings.postgresUrl });

type Db = Awaited<ReturnType<typeof openTarget>>['db'];

/** Persons and interactions; every tenth interaction happened in 2018, the rest from 2021 on. */
const seed = (db: Db, tenantId: string) =>
  asSystem(db.kysely, async (tx) => {
    await sql`insert into persons (tenant_id, kind, first_name, last_name, email, legal_basis, purposes,
        source_kind, collected_at, updated_at)
      select ${tenantId}, 'customer', 'Vorname' || g, 'Nachname' || g, 'kunde' || g || '@example.de',
        'contract', array['customer_service'], 'other', ${NOW}::timestamptz - interval '30 days', ${NOW}::timestamptz
      from generate_series(1, ${settings.persons}) g`.execute(tx);
    const chunk = 250_000;
    for (let from = 1; from <= settings.interactions; from += chunk) {
      const to = Math.min(settings.interactions, from + chunk - 1);
      await sql`insert into interactions (tenant_id, person_id, kind, occurred_at, subject)
        select ${tenantId}, p.id, 'call',
          case when g % 10 = 0 then timestamptz '2018-01-01 10:00+01' + (g % 360) * interval '1 day'
               else timestamptz '2021-01-01 10:00+01' + (g % 1900) * interval '1 day' end,
          'Bench'
        from generate_series(${from}::int, ${to}::int) g
        join (select id, (row_number() over (order by id) - 1)::int as n from persons
              where tenant_id = ${tenantId}) p on p.n = g % ${settings.persons}`.execute(tx);
    }
  });

const countInteractions = (db: Db, tenantId: string) =>
  asSystem(db.kysely, async (tx) =>
    Number(
      (
        await sql<{
          n: number;
        }>`select count(*)::int as n from interactions where tenant_id = ${tenantId}`.execute(tx)
      ).rows[0]?.n,
    ),
  );

const benchDatabase = async (kind: 'pglite' | 'postgres') => {
  const target = await openTarget(kind);
  log(`${kind}: ${target.label}`);
  const dataDir = path.join(os.tmpdir(), `custos-bench-${randomBytes(4).toString('hex')}`);
  try {
    await migrate({ db: target.db });
    const config = loadConfig({ CUSTOS_DATA_DIR: dataDir, CUSTOS_SCHEDULER: '0' });
    const ctx: AppContext = { db: target.db, config, masterKey: randomBytes(32), now: () => NOW };
    const { tenantId } = await initInstallation(ctx, {
      organizationName: 'Bench GmbH',
      adminName: 'Bench Admin',
      adminEmail: 'admin@bench.example',
      adminPassword: 'bench-password-not-secret',
    });
    const seedStarted = performance.now();
    await seed(target.db, tenantId);
    await setSweepRules(target.db, tenantId, [{ target: 'interactions', period: period(6) }]);
    await target.db.withRawConnection((exec) => exec('vacuum analyze'));
    const seedMs = performance.now() - seedStarted;
    log(`${kind}: seeded ${int(settings.interactions)} interactions in ${ms(seedMs)} ms`);

    const previewStarted = performance.now();
    const preview = await inTenant(target.db.kysely, tenantId, (tx) =>
      previewWithin(tx, ctx, { tenantId, asOf: NOW, limit: 100 }),
    );
    const previewMs = performance.now() - previewStarted;
    const due = preview.dataTypes.find((d) => d.target === 'interactions')?.due ?? 0;
    log(`${kind}: preview counts ${int(due)} due in ${ms(previewMs)} ms`);

    const before = await countInteractions(target.db, tenantId);
    let batches = 0;
    const sweepStarted = performance.now();
    const row = await runSweep(ctx, {
      tenantId,
      trigger: 'cli',
      startedBy: null,
      afterBatch: () => {
        batches += 1;
      },
    });
    const sweepMs = performance.now() - sweepStarted;
    const after = await countInteractions(target.db, tenantId);
    const deleted = row?.counts.t_interactions?.deleted ?? 0;
    log(`${kind}: swept ${int(deleted)} in ${batches} batches in ${ms(sweepMs)} ms`);
    const expected = Math.floor(settings.interactions / 10);
    if (deleted !== expected || before - after !== expected || due !== expected)
      throw new Error(`due ${due}, deleted ${deleted}, gone ${before - after}, expected ${expected}`);
    return { kind, label: target.label, seedMs, previewMs, sweepMs, deleted, batches, before };
  } finally {
    await target.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
};

const main = async () => {
  const startedAt = new Date().toISOString();
  const runs: Awaited<ReturnType<typeof benchDatabase>>[] = [];
  for (const kind of settings.databases) runs.push(await benchDatabase(kind));
  const verdict = (r: (typeof runs)[number]) =>
    r.kind === 'pglite'
      ? r.sweepMs <= GOAL_PGLITE_MS
        ? '≤ 60 s: **met**'
        : '≤ 60 s: **NOT met**'
      : 'record';
  const rows = runs.map(
    (r) =>
      `| ${r.kind === 'pglite' ? 'PGlite' : 'PostgreSQL'} | ${int(r.before)} | ${int(r.deleted)} | ${r.batches} | ${(r.previewMs / 1000).toFixed(1)} | ${(r.sweepMs / 1000).toFixed(1)} | ${verdict(r)} |`,
  );
  const section = `## ${startedAt.slice(0, 10)} (${startedAt.slice(11, 16)} UTC) — retention sweep (issue 7)
- Machine: ${machine()}
- Command: \`${commandLine('bench:retention')}\` (bench/retention-sweep.bench.ts)
- Data: ${int(settings.persons)} persons, ${int(settings.interactions)} interactions (seeded by SQL), every tenth from 2018, the rest from 2021 on; the only active rule: interactions, 6 years from the end of the year, on 15 Jun 2026 (cutoff 1 Jan 2020).
- Timed: the preview's count of due and held records, and \`runSweep\` end to end (sweep row, pages of 2,000 ids each in one transaction with the due re-check and the hold check, counts and heartbeat per page, the held count, the audit entry). Checked: exactly the due tenth is gone.

| database | interactions | deleted | batches | preview s | sweep s | goal |
|---|---:|---:|---:|---:|---:|---|
${rows.join('\n')}
${runs.map((r) => `- ${r.label}: seeding ${(r.seedMs / 1000).toFixed(1)} s.`).join('\n')}
`;
  const file = appendResults('retention-sweep', startedAt, section, { startedAt, settings, runs });
  process.stdout.write(`\n${section}\n${file}\n`);
};

await main();
