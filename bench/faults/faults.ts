/**
 * `npm run faults` (issue 9): a real Custos server (`custos start` as a child process) is killed with
 * SIGKILL in the middle of a person import commit, a campaign send, a retention sweep and an erasure,
 * on PGlite (on disk in a temp data folder) and on PostgreSQL (a fresh database, dropped afterwards);
 * after each restart on the same database and data folder the runner checks that the operation either
 * completed or left no trace, resumes it, and verifies the audit chain (`custos audit verify`). On
 * PostgreSQL it then stops the cluster for a few seconds under load and checks for clear 503 answers
 * and recovery without a restart. Not part of `npm test`: it stops the shared PostgreSQL cluster.
 * Appends to bench/RESULTS.md unless BENCH_RECORD=0. Method and findings: docs/faults.md.
 *
 * Environment: BENCH_DATABASES [pglite,postgres], BENCH_DATABASE_URL, BENCH_FAULT_SCENARIOS
 * [import,campaign,sweep,erasure], BENCH_FAULT_OUTAGE [1], BENCH_FAULT_IMPORT_ROWS [30000],
 * BENCH_FAULT_RECIPIENTS [3000], BENCH_FAULT_DUE [40000], BENCH_FAULT_ERASURE_ROWS [100000].
 */
import { sql } from 'kysely';
import { appendResults, commandLine, log, machine } from '../percentiles.ts';
import { createTarget, custos } from '../server.ts';
import { stopAllServers, withDb } from './harness.ts';
import { type OutageResult, outageScenario } from './outage.ts';
import {
  campaignScenario,
  erasureScenario,
  importScenario,
  type Outcome,
  type Setup,
  SIZES,
  seed,
  sweepRules,
  sweepScenario,
} from './scenarios.ts';
import { startSink } from './sink.ts';

const env = process.env;
const settings = {
  databases: (env.BENCH_DATABASES ?? 'pglite,postgres').split(',').map((d) => d.trim()) as (
    | 'pglite'
    | 'postgres'
  )[],
  postgresUrl: env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  scenarios: (env.BENCH_FAULT_SCENARIOS ?? 'import,campaign,sweep,erasure')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
  outage: env.BENCH_FAULT_OUTAGE !== '0',
};
const SCENARIOS = {
  import: importScenario,
  campaign: campaignScenario,
  sweep: sweepScenario,
  erasure: erasureScenario,
} as const;
const ADMIN = { email: 'admin@faults.example', password: 'faults-password-not-secret' };
const DPO = 'dpo@faults.example';

const runKind = async (kind: 'pglite' | 'postgres', sink: Awaited<ReturnType<typeof startSink>>) => {
  const target = await createTarget(kind, settings.postgresUrl);
  Object.assign(target.env, {
    SMTP_URL: sink.url,
    CUSTOS_PUBLIC_URL: 'https://crm.faults.example',
    // the scheduler would start the daily sweep on its own; resumption is triggered explicitly below
    CUSTOS_SCHEDULER: '0',
  });
  log(`${kind}: ${target.label}`);
  const outcomes: Outcome[] = [];
  let outage: OutageResult | null = null;
  try {
    await custos(target, ['init', '--admin-email', ADMIN.email, '--admin-password', ADMIN.password]);
    const token = (
      await custos(target, ['token', 'create', '--email', ADMIN.email, '--name', 'faults'])
    ).trim();
    // retention sweeps and data subject requests are the DPO's
    await custos(target, ['user', 'add', '--email', DPO, '--password', ADMIN.password, '--role', 'dpo']);
    const dpoToken = (await custos(target, ['token', 'create', '--email', DPO, '--name', 'faults'])).trim();
    const setup = await withDb(target, async (db) => {
      const tenantId = String(
        (await sql<{ id: string }>`select id from tenants limit 1`.execute(db.kysely)).rows[0]?.id,
      );
      const seeded = await seed(db, tenantId);
      await sweepRules(db, tenantId);
      return { tenantId, ...seeded };
    });
    log(`${kind}: seeded`);
    const s: Setup = { target, token, dpoToken, sink, ...setup };
    for (const name of settings.scenarios) {
      const scenario = SCENARIOS[name as keyof typeof SCENARIOS];
      if (!scenario) throw new Error(`unknown scenario ${name}`);
      log(`${kind}: ${name}`);
      const o = await scenario(s);
      for (const line of [...o.found, ...o.resumed]) log(`    ${line}`);
      log(`  ${name}: ${o.pass ? 'PASS' : `FAIL (${o.failures.join('; ')})`}`);
      outcomes.push(o);
    }
    if (kind === 'postgres' && settings.outage) {
      log(`${kind}: PostgreSQL outage under load`);
      outage = await outageScenario(target, token);
      log(`  outage: ${outage.pass ? 'PASS' : `FAIL (${outage.failures.join('; ')})`}`);
    }
  } finally {
    await stopAllServers();
    await target.cleanup();
  }
  return { kind, label: target.label, outcomes, outage };
};

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

const main = async () => {
  const startedAt = new Date().toISOString();
  const sink = await startSink();
  const runs: Awaited<ReturnType<typeof runKind>>[] = [];
  try {
    for (const kind of settings.databases) runs.push(await runKind(kind, sink));
  } finally {
    await sink.stop();
  }
  const rows = runs.flatMap((r) =>
    r.outcomes.map(
      (o) =>
        `| ${r.kind === 'pglite' ? 'PGlite' : 'PostgreSQL'} | ${o.scenario} | ${o.killedInProgress ? 'yes' : 'no (finished first)'} | ${cell(o.found.join('; '))} | ${cell(o.resumed.join('; '))} | ${cell(o.audit)} | ${o.pass ? 'pass' : `**fail**: ${cell(o.failures.join('; '))}`} |`,
    ),
  );
  const outageLines = runs
    .filter((r) => r.outage)
    .map((r) => {
      const o = r.outage as OutageResult;
      const codes = [...new Set(o.probesDuring.map((p) => `${p.status} ${p.code ?? ''}`.trim()))].join(', ');
      const maxMs = Math.max(0, ...o.probesDuring.map((p) => p.ms));
      return `- PostgreSQL stopped under load (autocannon, 4 connections, GET /api/v1/persons) for ${o.outageMs} ms: probes during the outage answered ${codes} (slowest ${maxMs} ms; message e.g. "${o.probesDuring.find((p) => p.message)?.message ?? ''}"); load by phase ${o.load.map((l) => `${l.phase} ${JSON.stringify(l.statuses)}`).join(', ')}; first 200 ${o.recoveredAfterMs ?? '—'} ms after the cluster was started again, without restarting Custos: ${o.pass ? 'pass' : `**fail**: ${o.failures.join('; ')}`}.`;
    });
  const section = `## ${startedAt.slice(0, 10)} (${startedAt.slice(11, 16)} UTC) — faults: kill -9 and database outage (issue 9)

- Machine: ${machine()}
- Command: \`${commandLine('faults')}\` (bench/faults/faults.ts; method in docs/faults.md)
- Data: ${SIZES.importRows} import rows; ${SIZES.recipients} campaign recipients (SMTP sink in a child process of the runner, counting deliveries per address); ${SIZES.dueInteractions} due and ${SIZES.keptInteractions} kept interactions for the sweep; a person with ${SIZES.erasureInteractions} interactions to erase.
- Each row: a real server (\`custos start\`) got SIGKILL while the operation was observably in progress (PostgreSQL: a server session holds a transaction that has written; PGlite: the server used CPU on the pending request; campaign: the sink received 30 % of the mails; sweep: PostgreSQL — the running sweep's report counted deletions, PGlite — the server used 2 s of CPU on the request), then was restarted on the same database and data folder.

| database | operation | killed in progress | found after the restart | resumed | audit verify | result |
|---|---|---|---|---|---|---|
${rows.join('\n')}

${outageLines.join('\n')}
`;
  const file = appendResults('faults', startedAt, section, { startedAt, settings, sizes: SIZES, runs });
  process.stdout.write(`\n${section}\n${file}\n`);
  const failed = runs.some((r) => r.outcomes.some((o) => !o.pass) || (r.outage && !r.outage.pass));
  process.exitCode = failed ? 1 : 0;
};

await main();
