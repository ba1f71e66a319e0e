import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { cpuSeconds } from './server.ts';

/**
 * Load and latency for the issue-4 benchmarks (bench:account, bench:revenue): autocannon with every
 * response's time recorded, so p50/p95/p99 are exact percentiles of all responses (autocannon's own
 * histogram has no p95), and a sequential series for single-request latency.
 */

export type Latency = {
  requests: number;
  requestsPerSecond: number;
  ms: { p50: number; p95: number; p99: number; max: number; mean: number };
  errors: number;
  non2xx: number;
  /** CPU of the server process per request (PGlite runs inside it; PostgreSQL's backends are not counted). */
  serverCpuMsPerRequest: number | null;
};

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

export const summarize = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? 0,
    mean: sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length),
  };
};

/** autocannon over rotating paths with a bearer token; every 2xx/non-2xx response's time is kept. */
export const loadWithPercentiles = async ({
  url,
  token,
  paths,
  connections,
  durationS,
  serverPid,
}: {
  url: string;
  token: string;
  paths: string[];
  connections: number;
  durationS: number;
  serverPid?: number;
}): Promise<Latency> => {
  let next = 0;
  const times: number[] = [];
  const cpuBefore = serverPid ? cpuSeconds(serverPid) : null;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        duration: durationS,
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        requests: [
          {
            method: 'GET',
            setupRequest: (request) => {
              const p = paths[next % paths.length]!;
              next += 1;
              return { ...request, path: p };
            },
          },
        ],
      },
      (error, r) => (error ? reject(error) : resolve(r)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
  const cpuAfter = serverPid ? cpuSeconds(serverPid) : null;
  const total = result.requests.total;
  return {
    requests: total,
    requestsPerSecond: total / result.duration,
    ms: summarize(times),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    serverCpuMsPerRequest:
      cpuBefore !== null && cpuAfter !== null && total > 0
        ? Math.round(((cpuAfter - cpuBefore) * 1000 * 100) / total) / 100
        : null,
  };
};

/** One request after another (one connection): the latency a single user sees. */
export const sequential = async (url: string, token: string, paths: string[], n: number) => {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    const res = await fetch(`${url}${paths[i % paths.length]}`, {
      headers: { authorization: `Bearer ${token}`, 'accept-language': 'de' },
    });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`GET ${paths[i % paths.length]}: ${res.status}`);
    times.push(performance.now() - started);
  }
  return summarize(times);
};

export const machine = () =>
  `${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown'}), ${Math.round(os.totalmem() / 1024 ** 3)} GB RAM, ` +
  `${os.type()} ${os.release()}, Node ${process.version}`;

export const commandLine = (script: string) =>
  `${Object.entries(process.env)
    .filter(([k]) => k.startsWith('BENCH_'))
    .map(([k, v]) => `${k}=${v} `)
    .join('')}npm run ${script}`;

export const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));
export const int = (v: number) => Math.round(v).toLocaleString('en-US');

/** Appends a dated section to bench/RESULTS.md and writes the raw JSON to bench/results/. */
export const appendResults = (name: string, startedAt: string, section: string, raw: unknown) => {
  const dir = import.meta.dirname;
  // BENCH_RECORD=0: a trial run that leaves RESULTS.md alone
  if (process.env.BENCH_RECORD === '0') return '(not recorded: BENCH_RECORD=0)';
  fs.mkdirSync(path.join(dir, 'results'), { recursive: true });
  const jsonFile = path.join(dir, 'results', `${name}-${startedAt.replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(jsonFile, `${JSON.stringify(raw, null, 2)}\n`);
  const md = path.join(dir, 'RESULTS.md');
  fs.writeFileSync(md, `${fs.readFileSync(md, 'utf8').trimEnd()}\n\n${section.trimEnd()}\n`);
  return jsonFile;
};

export const log = (message: string) =>
  process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${message}\n`);
