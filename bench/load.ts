import os from 'node:os';
import autocannon from 'autocannon';
import { cpuSeconds, machineJiffies } from './server.ts';

/** One autocannon run over a rotating list of paths, with the CPU each party used meanwhile. */

export type Scenario = { name: string; operation: string; paths: string[] };

export type LoadResult = {
  scenario: string;
  operation: string;
  connections: number;
  durationS: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p97_5: number; p99: number; max: number; mean: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  /** CPU time per request: the server process, and the PostgreSQL backends serving it (PGlite runs inside the server). */
  cpuMsPerRequest: { server: number | null; database: number | null };
  /**
   * CPU in percent of one core (the machine has 100 % per core): the server, its PostgreSQL backends,
   * this process (autocannon), everything else on the machine, and the whole machine.
   */
  cpuPercent: { server: number; database: number; bench: number; other: number; machine: number } | null;
  /** 1-minute load average when the run started and ended. */
  loadAverage: [number, number];
};

const round2 = (v: number) => Math.round(v * 100) / 100;

const sampleCpu = (pids: number[]) => new Map(pids.map((pid) => [pid, cpuSeconds(pid)]));

/** CPU seconds used between two samples by the processes present in both. */
const cpuDelta = (before: Map<number, number | null>, after: Map<number, number | null>) => {
  let sum = 0;
  for (const [pid, b] of before) {
    const a = after.get(pid);
    if (a != null && b != null) sum += a - b;
  }
  return sum;
};

const cannon = (options: autocannon.Options) =>
  new Promise<autocannon.Result>((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });

export const runLoad = async ({
  url,
  token,
  scenario,
  connections,
  durationS,
  serverPid,
  databasePids = async () => [],
}: {
  url: string;
  token: string;
  scenario: Scenario;
  connections: number;
  durationS: number;
  serverPid: number;
  /** PostgreSQL backend processes of the server's pool (none for PGlite). */
  databasePids?: () => Promise<number[]>;
}): Promise<LoadResult> => {
  let next = 0;
  const paths = scenario.paths;
  const pids = await databasePids();
  const loadBefore = os.loadavg()[0]!;
  const dbBefore = sampleCpu(pids);
  const serverBefore = sampleCpu([serverPid]);
  const benchBefore = process.cpuUsage();
  const machineBefore = machineJiffies();
  const started = performance.now();
  const result = await cannon({
    url,
    connections,
    duration: durationS,
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => {
          const path = paths[next % paths.length]!;
          next += 1;
          return { ...request, path };
        },
      },
    ],
  });
  const wallS = (performance.now() - started) / 1000;
  const machineAfter = machineJiffies();
  const bench = process.cpuUsage(benchBefore);
  const serverS = cpuDelta(serverBefore, sampleCpu([serverPid]));
  const dbS = cpuDelta(dbBefore, sampleCpu(pids));
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count ?? 0]),
  );
  const total = result.requests.total;
  const percent = (seconds: number) => Math.round((seconds / wallS) * 100);
  let cpuPercent: LoadResult['cpuPercent'] = null;
  if (machineBefore && machineAfter) {
    const machine = Math.round(
      ((machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total)) *
        100 *
        os.cpus().length,
    );
    const server = percent(serverS);
    const database = percent(dbS);
    const benchPercent = percent((bench.user + bench.system) / 1e6);
    cpuPercent = {
      server,
      database,
      bench: benchPercent,
      other: Math.max(0, machine - server - database - benchPercent),
      machine,
    };
  }
  return {
    scenario: scenario.name,
    operation: scenario.operation,
    connections,
    durationS: result.duration,
    requests: total,
    requestsPerSecond: total / result.duration,
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p97_5: result.latency.p97_5,
      p99: result.latency.p99,
      max: result.latency.max,
      mean: result.latency.mean,
    },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes,
    cpuMsPerRequest: {
      server: total > 0 ? round2((serverS * 1000) / total) : null,
      database: pids.length > 0 && total > 0 ? round2((dbS * 1000) / total) : null,
    },
    cpuPercent,
    loadAverage: [round2(loadBefore), round2(os.loadavg()[0]!)],
  };
};
