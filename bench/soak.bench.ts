/**
 * `npm run bench:soak`: load and soak. The real server (a child process) on seeded data, 50 concurrent
 * users of mixed UI-like traffic for 10 minutes per database: lists, searches, person pages with their
 * timeline and history, the dashboard's reports, and writes (new persons with privacy facts, timeline
 * entries). Pass when no request errors (no connection error, no timeout, no 5xx and no 4xx: every
 * request of the mix is valid), and the server's resident memory at the end is at most 10 % above what
 * it was after the first minute (warm caches, JIT). p50/p99 overall and per operation are recorded.
 * Memory is read from /proc/<pid>/status (VmRSS) every 5 s. Appends to bench/RESULTS.md.
 *
 * Environment: BENCH_DATABASES [postgres,pglite], BENCH_POSTGRES_URL, BENCH_PERSONS [10000],
 * BENCH_INTERACTIONS [10 × persons], BENCH_DURATION seconds [600], BENCH_CONNECTIONS [50], BENCH_SEED [7].
 */
import fs from 'node:fs';
import os from 'node:os';
import autocannon from 'autocannon';
import { OPERATIONS } from '../src/cli/operations.ts';
import { loadConfig } from '../src/config.ts';
import { asSystem } from '../src/db/tenant.ts';
import { openContext } from '../src/server/bootstrap.ts';
import { prng, SEARCH_TERMS } from './german-data.ts';
import { appendResults, commandLine, int, log, machine, ms } from './percentiles.ts';
import { seed } from './seed.ts';
import { createTarget, custos, startServer, type Target } from './server.ts';

const env = process.env;
const settings = {
  databases: (env.BENCH_DATABASES ?? 'postgres,pglite').split(',').map((d) => d.trim()) as Target['kind'][],
  postgresUrl: env.BENCH_POSTGRES_URL ?? 'postgres://root@127.0.0.1:5432/postgres',
  persons: Number(env.BENCH_PERSONS ?? 10_000),
  interactions: Number(env.BENCH_INTERACTIONS ?? 10 * Number(env.BENCH_PERSONS ?? 10_000)),
  durationS: Number(env.BENCH_DURATION ?? 600),
  connections: Number(env.BENCH_CONNECTIONS ?? 50),
  seed: Number(env.BENCH_SEED ?? 7),
};
const ADMIN_EMAIL = 'admin@bench.example';
const MEMORY_GROWTH_MAX = 0.1;

type Step = { name: string; method: 'GET' | 'POST'; path: string; body?: string };

/**
 * One user's round through the UI, repeated: what the pages load, and the writes a user makes. Reads go to the seeded persons and, one in five, to persons made during the run;
 * timeline notes go only to persons made during the run: the seeded persons have no data key (the
 * seed writes rows directly), and a note would give them one under which their seeded plaintext
 * timeline could not be opened — data the product itself never produces.
 */
const mix = (ids: string[], created: string[]): (() => Step) => {
  const r = prng(settings.seed);
  let n = 0;
  const person = () =>
    created.length > 0 && r.int(5) === 0 ? created[r.int(created.length)]! : ids[r.int(ids.length)]!;
  const create = (): Step => {
    n += 1;
    return {
      name: 'create',
      method: 'POST',
      path: '/api/v1/persons',
      body: JSON.stringify({
        firstName: 'Lasttest',
        lastName: `Kunde ${n}`,
        email: `soak-${n}@example.de`,
        legalBasis: 'contract',
        purposes: ['sales'],
        source: { kind: 'business_card', detail: 'Soak' },
      }),
    };
  };
  // a note only once a person made in the run exists; until then the user creates one
  const note = (): Step =>
    created.length === 0
      ? create()
      : {
          name: 'note',
          method: 'POST',
          path: `/api/v1/persons/${created[r.int(created.length)]!}/interactions`,
          body: JSON.stringify({
            kind: 'call',
            direction: 'outbound',
            occurredAt: new Date().toISOString(),
            subject: 'Rückruf wegen Angebot',
            body: 'Kunde wünscht ein neues Angebot bis Freitag.',
          }),
        };
  const steps: (() => Step)[] = [
    () => ({ name: 'list', method: 'GET', path: `/api/v1/persons?page=${1 + r.int(50)}&pageSize=25` }),
    () => ({
      name: 'search',
      method: 'GET',
      path: `/api/v1/persons?q=${encodeURIComponent(SEARCH_TERMS[r.int(SEARCH_TERMS.length)]!)}`,
    }),
    () => ({ name: 'person', method: 'GET', path: `/api/v1/persons/${person()}` }),
    () => ({ name: 'timeline', method: 'GET', path: `/api/v1/persons/${person()}/interactions` }),
    () => ({ name: 'history', method: 'GET', path: `/api/v1/persons/${person()}/history` }),
    () => ({ name: 'my-day', method: 'GET', path: '/api/v1/my-day' }),
    () => ({ name: 'organizations', method: 'GET', path: '/api/v1/organizations?page=1&pageSize=25' }),
    () => ({ name: 'revenue', method: 'GET', path: '/api/v1/reports/revenue' }),
    () => note(),
    () => create(),
  ];
  // reads outweigh writes as in a working day: 8 reads to 2 writes per round
  return () => steps[r.int(steps.length)]!();
};

const rssKiB = (pid: number) => {
  const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : 0;
};

const prepare = async (target: Target) => {
  const ctx = await openContext(loadConfig(target.env));
  try {
    await OPERATIONS.init!(ctx, {
      adminEmail: ADMIN_EMAIL,
      adminPassword: 'bench-password-not-secret',
      adminName: 'Bench Admin',
      organization: 'Bench GmbH',
    });
    const seeded = await seed(
      ctx.db,
      { persons: settings.persons, interactions: settings.interactions, seed: settings.seed },
      (m) => log(m),
    );
    // the installation as it runs day by day: what is due was erased by the daily sweep already, so
    // the scheduler's sweep during the run erases no person the users are working with (404s)
    await OPERATIONS['retention.sweep']!(ctx, {});
    const alive = new Set(
      (
        await asSystem(ctx.db.kysely, (tx) =>
          tx.selectFrom('persons').select('id').where('id', 'in', seeded.sampleIds).execute(),
        )
      ).map((p) => p.id),
    );
    const ids = seeded.sampleIds.filter((id) => alive.has(id));
    log(
      `  retention sweep done; ${int(ids.length)} of ${int(seeded.sampleIds.length)} sampled persons remain`,
    );
    return { ...seeded, sampleIds: ids };
  } finally {
    await ctx.close();
  }
};

const soak = async (kind: Target['kind']) => {
  const target = await createTarget(kind, settings.postgresUrl);
  log(`${kind}: ${target.label}`);
  try {
    const seeded = await prepare(target);
    const token = (
      await custos(target, ['token', 'create', '--email', ADMIN_EMAIL, '--name', 'soak'])
    ).trim();
    const server = await startServer(target);
    try {
      const created: string[] = [];
      const next = mix(seeded.sampleIds, created);
      const failed = new Map<string, number>();
      const memory: { s: number; kib: number }[] = [];
      const started = Date.now();
      const sampler = setInterval(
        () => memory.push({ s: (Date.now() - started) / 1000, kib: rssKiB(server.pid) }),
        5000,
      );
      const loadStart = os.loadavg()[0]!;
      const result = await autocannon({
        url: server.url,
        connections: settings.connections,
        duration: settings.durationS,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          'content-type': 'application/json',
        },
        requests: [
          {
            // the context is the connection's; a connection has one request in flight at a time
            setupRequest: (request, context) => {
              const step = next();
              (context as { step?: string }).step = step.name;
              const headers = step.body
                ? { ...request.headers, 'content-type': 'application/json' }
                : request.headers;
              return { ...request, method: step.method, path: step.path, body: step.body, headers };
            },
            onResponse: (status, body, context) => {
              if (status === 201 && (context as { step?: string }).step === 'create')
                created.push((JSON.parse(body) as { id: string }).id);
              if (status < 400) return;
              const key = `${(context as { step?: string }).step} ${status}`;
              failed.set(key, (failed.get(key) ?? 0) + 1);
            },
          },
        ],
      });
      clearInterval(sampler);
      const loadEnd = os.loadavg()[0]!;
      const afterFirstMinute = memory.filter((m) => m.s >= 60 && m.s < 90);
      const base = afterFirstMinute.length
        ? afterFirstMinute.reduce((a, m) => a + m.kib, 0) / afterFirstMinute.length
        : (memory[0]?.kib ?? 0);
      const last = memory.slice(-6);
      const end = last.reduce((a, m) => a + m.kib, 0) / Math.max(1, last.length);
      const growth = base > 0 ? end / base - 1 : 0;
      const failures = [...failed.entries()].map(([k, v]) => `${k} × ${v}`);
      const errors = result.errors + result.timeouts + result.non2xx;
      log(
        `${kind}: ${int(result.requests.total)} requests, ${int(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx} ${failures.join(', ')}; RSS ${int(base / 1024)} → ${int(end / 1024)} MiB (${(growth * 100).toFixed(1)} %)`,
      );
      return {
        kind,
        label: target.label,
        requests: result.requests.total,
        rps: result.requests.average,
        p50: result.latency.p50,
        p99: result.latency.p99,
        max: result.latency.max,
        errors: result.errors,
        timeouts: result.timeouts,
        non2xx: result.non2xx,
        failures,
        rssBaseMiB: base / 1024,
        rssEndMiB: end / 1024,
        rssMaxMiB: Math.max(...memory.map((m) => m.kib)) / 1024,
        growth,
        pass: errors === 0 && growth <= MEMORY_GROWTH_MAX,
        load: [loadStart, loadEnd],
      };
    } finally {
      await server.stop();
    }
  } finally {
    await target.cleanup();
  }
};

const main = async () => {
  const startedAt = new Date().toISOString();
  const runs: Awaited<ReturnType<typeof soak>>[] = [];
  for (const kind of settings.databases) runs.push(await soak(kind));
  const rows = runs.map(
    (r) =>
      `| ${r.kind === 'pglite' ? 'PGlite' : 'PostgreSQL'} | ${int(r.requests)} | ${int(r.rps)} | ${ms(r.p50)} | ${ms(r.p99)} | ${ms(r.max)} | ${r.errors} / ${r.timeouts} / ${r.non2xx}${r.failures.length ? ` (${r.failures.join(', ')})` : ''} | ${int(r.rssBaseMiB)} → ${int(r.rssEndMiB)} (max ${int(r.rssMaxMiB)}) | ${(r.growth * 100).toFixed(1)} % | ${r.load.map((l) => l.toFixed(1)).join(' → ')} | ${r.pass ? '**pass**' : '**FAIL**'} |`,
  );
  const section = `## ${startedAt.slice(0, 10)} (${startedAt.slice(11, 16)} UTC) — load and soak (issue 9)
- Machine: ${machine()}
- Command: \`${commandLine('bench:soak')}\` (bench/soak.bench.ts)
- ${settings.connections} concurrent connections (autocannon, loopback) for ${settings.durationS} s per database, one admin token, on ${int(settings.persons)} seeded persons with ${int(settings.interactions)} interactions. Mixed UI-like traffic, each request drawn at random: person list pages, name searches, person pages, timelines, change histories, my day, organisations, the revenue report, new timeline entries and new persons (2 writes in 10). Pass: no errors, timeouts or non-2xx answers, and the server's resident memory at the end (mean of the last 30 s) at most 10 % above its level after the first minute (mean of 60–90 s).

| database | requests | req/s | p50 ms | p99 ms | max ms | errors / timeouts / non-2xx | RSS MiB | growth | load avg | result |
|---|---:|---:|---:|---:|---:|---|---|---:|---|---|
${rows.join('\n')}
`;
  const file = appendResults('soak', startedAt, section, { startedAt, settings, runs });
  process.stdout.write(`\n${section}\n${file}\n`);
  if (runs.some((r) => !r.pass)) process.exitCode = 1;
};

await main();
