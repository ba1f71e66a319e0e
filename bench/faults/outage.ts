import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import { log } from '../percentiles.ts';
import type { Target } from '../server.ts';
import { sleep, startServer } from './harness.ts';

/**
 * PostgreSQL stopped under load: autocannon reads persons while the cluster is stopped (`-m fast`) for
 * a few seconds and started again; probes show what a client sees meanwhile (status, code, time) and
 * when answers are 200 again, without restarting Custos. The cluster is started again in `finally`.
 */

const run = promisify(execFile);
const cluster = () => fs.readdirSync('/etc/postgresql')[0]!;
const pgctl = (action: 'stop' | 'start') =>
  run('pg_ctlcluster', [
    '--skip-systemctl-redirect',
    cluster(),
    'main',
    action,
    ...(action === 'stop' ? ['-m', 'fast'] : []),
  ]);

type Probe = {
  at: number;
  status: number | 'timeout' | 'error';
  code?: string;
  message?: string;
  ms: number;
};

const probe = async (url: string, token: string, started: number): Promise<Probe> => {
  const t = performance.now();
  try {
    const res = await fetch(`${url}/api/v1/persons`, {
      headers: { authorization: `Bearer ${token}`, accept: 'application/json', 'accept-language': 'en' },
      signal: AbortSignal.timeout(5_000),
    });
    const body = (await res.json().catch(() => ({}))) as { code?: string; message?: string };
    return {
      at: Math.round(t - started),
      status: res.status,
      code: res.status === 200 ? undefined : body.code,
      message: res.status === 200 ? undefined : body.message,
      ms: Math.round(performance.now() - t),
    };
  } catch (error) {
    return {
      at: Math.round(t - started),
      status: (error as Error).name === 'TimeoutError' ? 'timeout' : 'error',
      ms: Math.round(performance.now() - t),
    };
  }
};

export type OutageResult = {
  outageMs: number;
  load: { phase: string; statuses: Record<string, number> }[];
  probesDuring: Probe[];
  recoveredAfterMs: number | null;
  pass: boolean;
  failures: string[];
};

export const outageScenario = async (target: Target, token: string): Promise<OutageResult> => {
  const failures: string[] = [];
  const server = await startServer(target);
  const phaseOf = { current: 'before' };
  const statuses: Record<string, Record<string, number>> = { before: {}, during: {}, after: {} };
  const probesDuring: Probe[] = [];
  let outageMs = 0;
  let recoveredAfterMs: number | null = null;
  const started = performance.now();
  let resolveLoad: () => void = () => {};
  const loadDone = new Promise<void>((resolve) => {
    resolveLoad = resolve;
  });
  const instance = autocannon(
    {
      url: server.url,
      connections: 4,
      duration: 20,
      timeout: 10,
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      requests: [{ method: 'GET', path: '/api/v1/persons' }],
    },
    () => resolveLoad(),
  );
  instance.on('response', (_client: unknown, statusCode: number) => {
    const bucket = statuses[phaseOf.current]!;
    bucket[statusCode] = (bucket[statusCode] ?? 0) + 1;
  });
  try {
    await sleep(3_000);
    const stopAt = performance.now();
    phaseOf.current = 'during';
    let stopped = false;
    try {
      await pgctl('stop');
      stopped = true;
      log(`  outage: PostgreSQL stopped (${Math.round(performance.now() - stopAt)} ms)`);
      const until = stopAt + 4_000;
      while (performance.now() < until) {
        probesDuring.push(await probe(server.url, token, started));
        await sleep(250);
      }
    } finally {
      await pgctl('start');
      outageMs = Math.round(performance.now() - stopAt);
      log(`  outage: PostgreSQL started again after ${outageMs} ms${stopped ? '' : ' (stop failed)'}`);
    }
    phaseOf.current = 'after';
    const back = performance.now();
    const deadline = back + 30_000;
    while (performance.now() < deadline) {
      const p = await probe(server.url, token, started);
      if (p.status === 200) {
        recoveredAfterMs = Math.round(performance.now() - back);
        break;
      }
      await sleep(100);
    }
    instance.stop();
    await loadDone;
  } finally {
    instance.stop();
    await server.stop();
    // the server's log outlives the temp folder (BENCH_FAULT_LOG, default /tmp/custos-faults-outage.log)
    fs.copyFileSync(server.logFile, process.env.BENCH_FAULT_LOG ?? '/tmp/custos-faults-outage.log');
  }
  const during = probesDuring.filter((p) => p.at > 0);
  const bad = during.filter((p) => p.status !== 503 || !p.code || !p.message);
  if (during.length === 0) failures.push('no probe during the outage');
  if (bad.length > 0)
    failures.push(
      `${bad.length} of ${during.length} probes during the outage were not a 503 with code and message: ${[
        ...new Set(bad.map((p) => `${p.status}${p.code ? ` ${p.code}` : ''}`)),
      ].join(', ')}`,
    );
  const duringStatuses = Object.keys(statuses.during!).filter((k) => k !== '503' && k !== '200');
  if (duringStatuses.length > 0)
    failures.push(`load during the outage also got ${duringStatuses.join(', ')}`);
  if (recoveredAfterMs === null) failures.push('no 200 within 30 s after PostgreSQL was back');
  const afterBad = Object.keys(statuses.after!).filter((k) => k !== '200' && k !== '503');
  if (afterBad.length > 0) failures.push(`load after the restart got ${afterBad.join(', ')}`);
  return {
    outageMs,
    load: Object.entries(statuses).map(([phase, s]) => ({ phase, statuses: s })),
    probesDuring: during,
    recoveredAfterMs,
    pass: failures.length === 0,
    failures,
  };
};
