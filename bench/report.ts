import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { LoadResult } from './load.ts';
import type { SeedResult } from './seed.ts';

/** Turns one benchmark run into a dated Markdown section of bench/RESULTS.md. */

export const GOALS = { readRps: 2_000, readP99Ms: 25, searchP99Ms: 50 };

export type DatabaseRun = {
  kind: 'pglite' | 'postgres';
  label: string;
  seed: Omit<SeedResult, 'sampleIds'>;
  /** Migrations and `custos init` before seeding. */
  setupMs: number;
  /** Each search term alone: its total matches and the median response time (one connection). */
  searchTerms: { q: string; matches: number; ms: number }[];
  loads: LoadResult[];
  /** `custos audit verify` after the run, and read entries in the audit trail against reads answered. */
  audit: { verified: boolean; verify: string; readEntries: number; readsAnswered: number };
};

export type BenchRun = {
  startedAt: string;
  command: string;
  machine: { cores: number; cpu: string; memoryGb: number; node: string; os: string };
  settings: {
    persons: number;
    interactions: number;
    connections: number;
    durationS: number;
    warmupS: number;
    seed: number;
  };
  databases: DatabaseRun[];
};

const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));
const s = (v: number) => `${(v / 1000).toFixed(1)} s`;
const int = (v: number) => Math.round(v).toLocaleString('en-US');

const clean = (l: LoadResult) => l.errors === 0 && l.timeouts === 0 && l.non2xx === 0;

/** Plain verdicts on the goals for one database. */
export const verdicts = (run: DatabaseRun): string[] => {
  const read = run.loads.find((l) => l.scenario === 'read');
  const search = run.loads.find((l) => l.scenario === 'search');
  const list = run.loads.find((l) => l.scenario === 'list');
  const lines: string[] = [];
  if (read) {
    const met =
      read.requestsPerSecond >= GOALS.readRps && read.latencyMs.p99 <= GOALS.readP99Ms && clean(read);
    lines.push(
      `Reads (a): goal ≥ ${int(GOALS.readRps)} req/s and p99 ≤ ${GOALS.readP99Ms} ms — **${met ? 'met' : 'NOT met'}** ` +
        `(${int(read.requestsPerSecond)} req/s, p99 ${ms(read.latencyMs.p99)} ms, ${read.errors + read.non2xx} errors/non-2xx).`,
    );
  }
  if (search) {
    const met = search.latencyMs.p99 <= GOALS.searchP99Ms && clean(search);
    lines.push(
      `Search (b): goal p99 ≤ ${GOALS.searchP99Ms} ms — **${met ? 'met' : 'NOT met'}** ` +
        `(p99 ${ms(search.latencyMs.p99)} ms at ${int(search.requestsPerSecond)} req/s).`,
    );
  }
  if (list) {
    const met = list.latencyMs.p99 <= GOALS.readP99Ms && clean(list);
    lines.push(
      `List (c): no separate goal in the issue; against the read latency goal (p99 ≤ ${GOALS.readP99Ms} ms) it is ` +
        `**${met ? 'met' : 'NOT met'}** (p99 ${ms(list.latencyMs.p99)} ms at ${int(list.requestsPerSecond)} req/s).`,
    );
  }
  return lines;
};

const cpu = (l: LoadResult) => {
  const perRequest = [l.cpuMsPerRequest.server, l.cpuMsPerRequest.database]
    .filter((v): v is number => v !== null)
    .map((v) => v.toFixed(2))
    .join(' + ');
  const share = l.cpuPercent
    ? `${l.cpuPercent.server} / ${l.cpuPercent.database} / ${l.cpuPercent.bench} / ${l.cpuPercent.other}`
    : '–';
  return `${perRequest} | ${share}`;
};

const table = (run: DatabaseRun) => {
  const rows = run.loads.map(
    (l) =>
      `| ${l.operation} | ${int(l.requestsPerSecond)} | ${ms(l.latencyMs.p50)} | ${ms(l.latencyMs.p97_5)} | ` +
      `${ms(l.latencyMs.p99)} | ${ms(l.latencyMs.max)} | ${l.errors + l.timeouts} | ${l.non2xx} | ${cpu(l)} | ` +
      `${l.loadAverage[0].toFixed(1)}–${l.loadAverage[1].toFixed(1)} |`,
  );
  return [
    '| operation | requests/s | p50 ms | p97.5 ms | p99 ms | max ms | errors | non-2xx | CPU ms/request (server + db) | CPU % server / db / autocannon / other | load avg |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
};

const termLine = (terms: DatabaseRun['searchTerms']) => {
  if (terms.length === 0) return 'Search terms alone: not timed (BENCH_TERMS=0).';
  const fast = terms.filter((t) => t.ms <= GOALS.searchP99Ms).length;
  const slowest = [...terms]
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 8)
    .map((t) => `${t.q} ${ms(t.ms)} ms (${int(t.matches)} matches)`)
    .join(', ');
  return (
    `Search terms alone (one connection, median of 3): ${fast} of ${terms.length} answer within ${GOALS.searchP99Ms} ms; ` +
    `slowest: ${slowest}.`
  );
};

export const renderSection = (run: BenchRun) => {
  const lines = [
    `## ${run.startedAt.slice(0, 10)} (${run.startedAt.slice(11, 16)} UTC)`,
    '',
    `- Machine: ${run.machine.cores} cores (${run.machine.cpu}), ${run.machine.memoryGb} GB RAM, ${run.machine.os}, Node ${run.machine.node}`,
    `- Command: \`${run.command}\``,
    `- Data: ${int(run.settings.persons)} persons, ${int(run.settings.interactions)} interactions (seed ${run.settings.seed}); ` +
      `autocannon on loopback, ${run.settings.connections} connections, ${run.settings.durationS} s per operation after a ` +
      `${run.settings.warmupS} s warm-up; the server is \`node bin/custos.mjs start\` (default log level), bearer token from \`custos token create\`.`,
    '',
  ];
  for (const db of run.databases) {
    lines.push(
      `### ${db.kind === 'pglite' ? 'PGlite (embedded)' : 'PostgreSQL'}`,
      '',
      `Seeding: **${s(db.seed.ms.total)}** for ${int(db.seed.persons)} persons, ${int(db.seed.organizations)} organisations, ` +
        `${int(db.seed.personTags)} tag links, ${int(db.seed.interactions)} interactions ` +
        `(persons ${s(db.seed.ms.persons)}, interactions ${s(db.seed.ms.interactions)}, vacuum analyze ${s(db.seed.ms.analyze)}; ` +
        `migrations + \`custos init\` before it ${s(db.setupMs)}).`,
      '',
      table(db),
      '',
      ...verdicts(db).map((v) => `- ${v}`),
      '',
      termLine(db.searchTerms),
      '',
      `Audit trail after the run: \`custos audit verify\` ${db.audit.verified ? 'passed' : '**FAILED**'}; ` +
        `${int(db.audit.readEntries)} read entries for ${int(db.audit.readsAnswered)} reads answered ` +
        '(a few more entries than answers are reads still in flight when autocannon stopped).',
      '',
    );
  }
  return lines.join('\n');
};

const HEADER = `# Benchmark results

Produced by \`npm run bench\` (bench/read-search.bench.ts); the raw JSON of every run is in bench/results/
(not committed). Operations: (a) GET /api/v1/persons/:id rotating over 10,000 ids, (b) GET
/api/v1/persons?q=<surname prefix> rotating over \`SEARCH_TERMS\` in bench/german-data.ts, (c) GET
/api/v1/persons?page=N&pageSize=50 rotating over every page in shuffled order. "errors" counts connection
errors and timeouts; latencies are autocannon's, in milliseconds. CPU ms/request is the server process
plus, on PostgreSQL, its database backends (PGlite runs inside the server process); CPU % is per core
(2 cores = 200 %), "other" being everything else on the machine, e.g. other people's test runs.
`;

/** Writes the raw JSON and appends the section to bench/RESULTS.md; returns the JSON file's path. */
export const writeResults = (benchDir: string, run: BenchRun) => {
  const resultsDir = path.join(benchDir, 'results');
  fs.mkdirSync(resultsDir, { recursive: true });
  const jsonFile = path.join(resultsDir, `${run.startedAt.replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(jsonFile, `${JSON.stringify(run, null, 2)}\n`);
  const md = path.join(benchDir, 'RESULTS.md');
  const existing = fs.existsSync(md) ? fs.readFileSync(md, 'utf8') : HEADER;
  fs.writeFileSync(md, `${existing.trimEnd()}\n\n${renderSection(run)}`);
  // The repository's formatter aligns the tables, so the file passes `biome check` as written.
  try {
    const biome = path.join(benchDir, '..', 'node_modules', '.bin', 'biome');
    execFileSync(biome, ['format', '--write', md], { stdio: 'ignore' });
  } catch {
    // unformatted but complete
  }
  return jsonFile;
};
