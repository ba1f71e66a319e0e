/**
 * `npm run bench`: seeds German test data into PGlite and into a fresh PostgreSQL database, starts the
 * real server against each, and measures reading a person, searching by name and listing pages with
 * autocannon. Writes bench/RESULTS.md (appends a dated section) and raw JSON to bench/results/.
 *
 * Environment (defaults in brackets): BENCH_DATABASES [pglite,postgres], BENCH_POSTGRES_URL
 * [postgres://root@127.0.0.1:5432/postgres], BENCH_PERSONS [100000], BENCH_INTERACTIONS [10 × persons],
 * BENCH_DURATION seconds per operation [15], BENCH_WARMUP seconds [3], BENCH_CONNECTIONS [10],
 * BENCH_SEED [42], BENCH_TERMS=0 to skip timing each search term alone.
 */
import os from 'node:os';
import path from 'node:path';
import { OPERATIONS } from '../src/cli/operations.ts';
import { loadConfig } from '../src/config.ts';
import { openContext } from '../src/server/bootstrap.ts';
import { prng, SEARCH_TERMS } from './german-data.ts';
import { type LoadResult, runLoad, type Scenario } from './load.ts';
import { type BenchRun, type DatabaseRun, renderSection, verdicts, writeResults } from './report.ts';
import { seed } from './seed.ts';
import {
  auditCheck,
  createTarget,
  custos,
  databaseBackendPids,
  type RunningServer,
  startServer,
  type Target,
} from './server.ts';

const env = process.env;
const settings = {
  databases: (env.BENCH_DATABASES ?? 'pglite,postgres').split(',').map((d) => d.trim()) as Target['kind'][],
  postgresUrl: env.BENCH_POSTGRES_URL ?? 'postgres://root@127.0.0.1:5432/postgres',
  persons: Number(env.BENCH_PERSONS ?? 100_000),
  interactions: Number(env.BENCH_INTERACTIONS ?? 10 * Number(env.BENCH_PERSONS ?? 100_000)),
  durationS: Number(env.BENCH_DURATION ?? 15),
  warmupS: Number(env.BENCH_WARMUP ?? 3),
  connections: Number(env.BENCH_CONNECTIONS ?? 10),
  seed: Number(env.BENCH_SEED ?? 42),
  /** Time each search term alone too (BENCH_TERMS=0 skips it). */
  terms: env.BENCH_TERMS !== '0',
};
const ADMIN_EMAIL = 'admin@bench.example';
const PAGE_SIZE = 50;

const log = (message: string) =>
  process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${message}\n`);

/** Migrations and `custos init` (the CLI's own operation), then the seed, in-process; closes the database. */
const prepare = async (target: Target) => {
  const started = performance.now();
  const ctx = await openContext(loadConfig(target.env));
  try {
    await OPERATIONS.init!(ctx, {
      adminEmail: ADMIN_EMAIL,
      adminPassword: 'bench-password-not-secret',
      adminName: 'Bench Admin',
      organization: 'Bench GmbH',
    });
    const setupMs = performance.now() - started;
    const seeded = await seed(
      ctx.db,
      { persons: settings.persons, interactions: settings.interactions, seed: settings.seed },
      (m) => log(m),
    );
    return { setupMs, seeded };
  } finally {
    await ctx.close();
  }
};

const scenarios = (sampleIds: string[]): Scenario[] => {
  const r = prng(settings.seed + 1);
  const pages = Array.from({ length: Math.ceil(settings.persons / PAGE_SIZE) }, (_, i) => i + 1);
  for (let i = pages.length - 1; i > 0; i--) {
    const j = r.int(i + 1);
    [pages[i], pages[j]] = [pages[j]!, pages[i]!];
  }
  return [
    {
      name: 'read',
      operation: '(a) read person by id',
      paths: sampleIds.map((id) => `/api/v1/persons/${id}`),
    },
    {
      name: 'search',
      operation: '(b) search by surname prefix',
      paths: SEARCH_TERMS.map((q) => `/api/v1/persons?q=${encodeURIComponent(q)}`),
    },
    {
      name: 'list',
      operation: `(c) list page of ${PAGE_SIZE}`,
      paths: pages.map((p) => `/api/v1/persons?page=${p}&pageSize=${PAGE_SIZE}`),
    },
  ];
};

const getJson = async (url: string, token: string) => {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<Record<string, unknown>>;
};

/** Reads answered with 200 by a run (its warm-up included), to compare with the audit trail. */
const answered = (r: LoadResult | undefined) => r?.statusCodes['200'] ?? 0;

/** Loads the running server with every scenario; returns the results and the reads it answered. */
const load = async (target: Target, server: RunningServer, token: string, all: Scenario[]) => {
  const loads: LoadResult[] = [];
  let readsAnswered = 0;
  for (const scenario of all) {
    const common = {
      url: server.url,
      token,
      scenario,
      connections: settings.connections,
      serverPid: server.pid,
      databasePids: databaseBackendPids(target),
    };
    const warmup =
      settings.warmupS > 0 ? await runLoad({ ...common, durationS: settings.warmupS }) : undefined;
    const result = await runLoad({ ...common, durationS: settings.durationS });
    log(
      `${target.kind}: ${scenario.name}: ${Math.round(result.requestsPerSecond)} req/s, p50 ${result.latencyMs.p50} ms, ` +
        `p99 ${result.latencyMs.p99} ms, errors ${result.errors}, non-2xx ${result.non2xx}, ` +
        `CPU % ${JSON.stringify(result.cpuPercent)}`,
    );
    loads.push(result);
    if (scenario.name === 'read') readsAnswered += answered(warmup) + answered(result);
  }
  return { loads, readsAnswered };
};

/** Each search term alone (one connection, median of 3 after a first call): what the load mixes. */
const timeSearchTerms = async (server: RunningServer, token: string) => {
  const searchTerms: DatabaseRun['searchTerms'] = [];
  for (const q of settings.terms ? SEARCH_TERMS : []) {
    const url = `${server.url}/api/v1/persons?q=${encodeURIComponent(q)}`;
    const { total } = await getJson(url, token);
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      await getJson(url, token);
      times.push(performance.now() - t0);
    }
    searchTerms.push({ q, matches: total as number, ms: times.sort((a, b) => a - b)[1]! });
  }
  return searchTerms;
};

const benchDatabase = async (kind: Target['kind']): Promise<DatabaseRun> => {
  const target = await createTarget(kind, settings.postgresUrl);
  log(`${kind}: ${target.label}`);
  try {
    const { setupMs, seeded } = await prepare(target);
    log(`${kind}: seeded in ${(seeded.ms.total / 1000).toFixed(1)} s`);
    const token = (
      await custos(target, ['token', 'create', '--email', ADMIN_EMAIL, '--name', 'bench'])
    ).trim();
    const all = scenarios(seeded.sampleIds);
    const server = await startServer(target);
    log(`${kind}: server pid ${server.pid} at ${server.url}`);
    let measured: Awaited<ReturnType<typeof load>>;
    let searchTerms: DatabaseRun['searchTerms'];
    try {
      // Sanity: every operation answers 200 with the expected shape before it is measured.
      const person = await getJson(`${server.url}${all[0]!.paths[0]}`, token);
      if (person.id !== seeded.sampleIds[0]) throw new Error('read returned another person');
      const page = await getJson(`${server.url}${all[2]!.paths[0]}`, token);
      if ((page.items as unknown[]).length !== PAGE_SIZE) throw new Error('list page is not full');
      searchTerms = await timeSearchTerms(server, token);
      measured = await load(target, server, token, all);
    } finally {
      await server.stop();
    }
    // Every read answered must be in the audit trail, and the chain must verify.
    const audit = await auditCheck(target);
    const readsAnswered = measured.readsAnswered + 1;
    log(
      `${kind}: audit: ${audit.verify.trim()}; ${audit.readEntries} read entries for ${readsAnswered} reads answered`,
    );
    const { sampleIds: _ids, ...seedSummary } = seeded;
    return {
      kind,
      label: target.label,
      seed: seedSummary,
      setupMs,
      searchTerms,
      loads: measured.loads,
      audit: { ...audit, readsAnswered },
    };
  } finally {
    await target.cleanup();
  }
};

const main = async () => {
  const startedAt = new Date().toISOString();
  const overrides = Object.entries(env)
    .filter(([k]) => k.startsWith('BENCH_'))
    .map(([k, v]) => `${k}=${v} `)
    .join('');
  const run: BenchRun = {
    startedAt,
    command: `${overrides}npm run bench`,
    machine: {
      cores: os.cpus().length,
      cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
      memoryGb: Math.round(os.totalmem() / 1024 ** 3),
      node: process.version,
      os: `${os.type()} ${os.release()}`,
    },
    settings: {
      persons: settings.persons,
      interactions: settings.interactions,
      connections: settings.connections,
      durationS: settings.durationS,
      warmupS: settings.warmupS,
      seed: settings.seed,
    },
    databases: [],
  };
  for (const kind of settings.databases) run.databases.push(await benchDatabase(kind));
  const jsonFile = writeResults(import.meta.dirname, run);
  process.stdout.write(`\n${renderSection(run)}\n`);
  log(`raw results: ${path.relative(process.cwd(), jsonFile)}; summary appended to bench/RESULTS.md`);
  const missed = run.databases.flatMap((d) => verdicts(d)).filter((v) => v.includes('NOT met'));
  if (missed.length > 0) log(`${missed.length} goal(s) not met`);
};

await main();
