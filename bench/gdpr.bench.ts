/**
 * `npm run bench:gdpr`: the GDPR workload benchmark after GDPRbench (Shastri et al., "Understanding and
 * Benchmarking the Impact of GDPR on Database Systems", VLDB 2020). Four workloads through the real HTTP
 * API — controller, customer, processor, regulator/DPO (bench/gdpr/workloads.ts) — on a seeded
 * installation, with the GDPR features on and off (CUSTOS_BENCH_BASELINE=1: no audit trail, no data keys,
 * no encryption) side by side, on PGlite and PostgreSQL; each mode on a fresh installation. Reports per
 * operation throughput and p50/p99 both ways, the ratio and the overall overhead (geometric mean of the
 * ratios); goal ≤ 1.3× overall and no operation above 2×. Appends to bench/RESULTS.md (BENCH_RECORD=0: not).
 *
 * Environment: BENCH_DATABASES [pglite,postgres], BENCH_POSTGRES_URL [postgres://postgres@127.0.0.1:5432/postgres],
 * BENCH_PERSONS [100000], BENCH_INTERACTIONS [10 × persons], BENCH_DURATION seconds per operation [15],
 * BENCH_CONNECTIONS [10], BENCH_HEAVY_CONNECTIONS for self-check and sweep [1], BENCH_POOL subjects per
 * one-off operation [1000], BENCH_WARMUP seconds [2], BENCH_ORDER [off,on] or on,off. Quick run: BENCH_PERSONS=10000 BENCH_DURATION=5.
 */

import type { Measured } from './gdpr/drive.ts';
import { install, uninstall } from './gdpr/prepare.ts';
import { OPERATIONS_LIST, runWorkloads } from './gdpr/workloads.ts';
import { appendResults, int, log, machine, ms } from './percentiles.ts';
import type { Target } from './server.ts';

const env = process.env;
const persons = Number(env.BENCH_PERSONS ?? 100_000);
const settings = {
  databases: (env.BENCH_DATABASES ?? 'pglite,postgres').split(',').map((d) => d.trim()) as Target['kind'][],
  postgresUrl: env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  persons,
  interactions: Number(env.BENCH_INTERACTIONS ?? 10 * persons),
  durationS: Number(env.BENCH_DURATION ?? 15),
  connections: Number(env.BENCH_CONNECTIONS ?? 10),
  heavyConnections: Number(env.BENCH_HEAVY_CONNECTIONS ?? 1),
  pool: Number(env.BENCH_POOL ?? 1_000),
  warmupS: Number(env.BENCH_WARMUP ?? 2),
};
const GOAL_OVERALL = 1.3;
const GOAL_EACH = 2;
const FULL = { persons: 100_000, durationS: 15 };

type ModeRun = {
  results: Record<string, Measured>;
  pools: number;
  seedMs: number;
  sweepReport: unknown;
  serverPid: number;
};
type KindRun = { kind: Target['kind']; on: ModeRun; off: ModeRun };

const runMode = async (kind: Target['kind'], mode: 'on' | 'off'): Promise<ModeRun> => {
  const inst = await install(kind, mode, settings);
  try {
    const r = await runWorkloads(inst, settings, `${kind}/${mode}`);
    return { ...r, seedMs: inst.seedMs, serverPid: inst.server.pid };
  } finally {
    await uninstall(inst);
  }
};

/** Slowdown of an operation: mean time per operation on ÷ off (p50 based; throughput-based for the table too). */
const ratio = (on: Measured, off: Measured) =>
  on.ms.p50 > 0 && off.ms.p50 > 0 ? on.ms.p50 / off.ms.p50 : Number.NaN;
const tputRatio = (on: Measured, off: Measured) =>
  on.perSecond > 0 && off.perSecond > 0 ? off.perSecond / on.perSecond : Number.NaN;
const geomean = (xs: number[]) => {
  const v = xs.filter((x) => Number.isFinite(x) && x > 0);
  return v.length === 0 ? Number.NaN : Math.exp(v.reduce((a, x) => a + Math.log(x), 0) / v.length);
};
const x = (v: number) => (Number.isFinite(v) ? `${v.toFixed(2)}×` : '–');
const rate = (v: number) => (v >= 100 ? int(v) : v.toFixed(1));

/** "4,116 records: interactions 1,921, …" from a sweep report's counts. */
const sweepSummary = (report: unknown) => {
  const r = report as { total?: number; counts?: { target: string; deleted: number }[] } | null;
  if (!r?.counts) return 'no report';
  const parts = r.counts.filter((c) => c.deleted > 0).map((c) => `${c.target} ${int(c.deleted)}`);
  return `${int(r.total ?? 0)} records (${parts.join(', ')})`;
};

/** The command as typed, values with spaces quoted (commandLine() does not quote). */
const command = () =>
  `${Object.entries(env)
    .filter(([k]) => k.startsWith('BENCH_'))
    .map(([k, v]) => `${k}=${/\s/.test(v ?? '') ? `"${v}"` : v} `)
    .join('')}npm run bench:gdpr`;

const render = (startedAt: string, runs: KindRun[]) => {
  const reduced = settings.persons < FULL.persons || settings.durationS < FULL.durationS;
  const lines = [
    `## ${startedAt.slice(0, 10)} (${startedAt.slice(11, 16)} UTC) — GDPR workloads after GDPRbench: GDPR features on vs off (issue 9)${reduced ? ' — REDUCED RUN' : ''}`,
    '',
    `- Machine: ${machine()}`,
    `- Command: \`${command()}\` (bench/gdpr.bench.ts)`,
    `- Data: ${int(settings.persons)} persons, ${int(settings.interactions)} interactions (bench/seed.ts, seed 42) per installation; ` +
      `pools of up to ${int(settings.pool)} persons per one-off operation, made by the measured creates, with a consent, a case with a sealed message and an invoice each (access, erasure) or a consent (withdrawal). ` +
      `${settings.connections} connections (self-check and repeated sweep: ${settings.heavyConnections}), ${settings.durationS} s per operation after ${settings.warmupS} s warm-up; a fresh installation per database and mode.`,
    '- "off" = CUSTOS_BENCH_BASELINE=1: no audit entries, no data keys, no encryption. Row-level security, privacy-fact checks, consent ledger, request records, erasure journal and suppression list stay on (see docs/performance.md).',
    `- Slowdown = p50 on ÷ p50 off; overall = geometric mean of the per-operation slowdowns; also throughput off ÷ on. Load averages are the 1-minute figures at the start–end of each operation (2 cores shared with other work).`,
    ...(reduced
      ? [
          `- **Reduced run**: not the issue's size (100,000 persons, 1,000,000 interactions, 15 s). Full run: \`npm run bench:gdpr\`.`,
        ]
      : []),
    '',
  ];
  for (const run of runs) {
    const db = run.kind === 'pglite' ? 'PGlite' : 'PostgreSQL';
    lines.push(
      `### ${db}`,
      '',
      '| workload | operation | off: ops/s · p50 · p99 ms | on: ops/s · p50 · p99 ms | slowdown p50 | slowdown ops/s | n off / on | failures off / on | load avg off · on |',
      '|---|---|---:|---:|---:|---:|---:|---:|---|',
    );
    const ratios: number[] = [];
    const over: string[] = [];
    for (const op of OPERATIONS_LIST) {
      const on = run.on.results[op.id];
      const off = run.off.results[op.id];
      if (!on || !off) continue;
      // an operation with failures on either side is not compared (e.g. the database went away)
      const r = on.failures + off.failures > 0 ? Number.NaN : ratio(on, off);
      if (op.id !== 'sweep-first') ratios.push(r);
      if (r > GOAL_EACH) over.push(`${op.label} ${x(r)}`);
      const f = (m: Measured) => `${rate(m.perSecond)} · ${ms(m.ms.p50)} · ${ms(m.ms.p99)}`;
      lines.push(
        `| ${op.workload} | ${op.label} | ${f(off)} | ${f(on)} | **${x(r)}** | ${x(tputRatio(on, off))} | ${off.operations} / ${on.operations} | ` +
          `${off.failures} / ${on.failures} | ${off.loadAverage.join('–')} · ${on.loadAverage.join('–')} |`,
      );
    }
    const overall = geomean(ratios);
    lines.push(
      '',
      `- ${db} overall GDPR overhead (geometric mean of p50 slowdowns, first sweep excluded as a single sample): **${x(overall)}** — ` +
        `goal ≤ ${GOAL_OVERALL}×: **${overall <= GOAL_OVERALL ? 'met' : 'NOT met'}**; no operation above ${GOAL_EACH}×: ` +
        `**${over.length === 0 ? 'met' : `NOT met (${over.join(', ')})`}**.`,
      `- Seeding ${(run.off.seedMs / 1000).toFixed(1)} s (off) / ${(run.on.seedMs / 1000).toFixed(1)} s (on); pools of ${run.off.pools} (off) / ${run.on.pools} (on) subjects; first sweep (on) deleted ${sweepSummary(run.on.sweepReport)}; (off) ${sweepSummary(run.off.sweepReport)}.`,
      '',
    );
  }
  return lines.join('\n');
};

const main = async () => {
  const startedAt = new Date().toISOString();
  const runs: KindRun[] = [];
  let failure: string | null = null;
  try {
    for (const kind of settings.databases) {
      // BENCH_ORDER=on,off runs "on" first: with the load of a shared machine drifting, a second run in the
      // other order shows how much of a ratio is drift
      const onFirst = env.BENCH_ORDER === 'on,off';
      const first = await runMode(kind, onFirst ? 'on' : 'off');
      const second = await runMode(kind, onFirst ? 'off' : 'on');
      const [off, on] = onFirst ? [second, first] : [first, second];
      runs.push({ kind, on, off });
    }
  } catch (error) {
    // keep the databases that finished
    failure = (error as Error).message.split('\n')[0]!;
    log(`run aborted: ${failure}`);
    if (runs.length === 0) throw error;
  }
  const section = `${render(startedAt, runs)}${failure ? `\n- Run aborted before the remaining databases: ${failure}\n` : ''}`;
  process.stdout.write(`\n${section}\n`);
  const file = appendResults('gdpr', startedAt, section, { startedAt, settings, runs, failure });
  log(`raw results: ${file}`);
};

await main();
