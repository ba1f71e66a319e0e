import os from 'node:os';
import autocannon from 'autocannon';
import { summarize } from '../percentiles.ts';

/**
 * The two ways bench:gdpr drives the server. `cannon`: autocannon with a per-request counter (path and
 * body made per request), for operations that can repeat; every response's time is kept, so p50/p99
 * are exact percentiles. `loop`: N concurrent workers, each taking the next prepared subject from a
 * pool and timing one operation (one or more HTTP calls) per subject, for operations that happen once
 * per subject (erasure, access export, consent withdrawal, purpose update).
 */

export type Measured = {
  /** Completed operations (an operation may be several HTTP calls). */
  operations: number;
  perSecond: number;
  ms: ReturnType<typeof summarize>;
  /** Non-2xx answers and transport errors (failed operations are not in the times). */
  failures: number;
  firstFailure?: string;
  /** 1-minute load average at the start and the end. */
  loadAverage: [number, number];
  wallS: number;
  /** CLOCK_MONOTONIC in µs at start and end (the clock of V8 CPU profiles on Linux), to cut a server profile per operation. */
  monotonicUs: [number, number];
};

const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

const load1 = () => Math.round(os.loadavg()[0]! * 100) / 100;

export type CannonSpec = {
  method: 'GET' | 'POST' | 'PATCH';
  path: (i: number) => string;
  body?: (i: number) => unknown;
  /** Receives each 2xx body (e.g. to collect created ids). */
  onBody?: (body: string) => void;
};

export const cannon = async (
  url: string,
  token: string,
  spec: CannonSpec,
  { connections, durationS }: { connections: number; durationS: number },
): Promise<Measured> => {
  let n = 0;
  const times: number[] = [];
  let failures = 0;
  let firstFailure: string | undefined;
  const loadBefore = load1();
  const monoStart = monotonicUs();
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        duration: durationS,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        requests: [
          {
            method: spec.method,
            setupRequest: (request) => {
              const i = n++;
              const body = spec.body?.(i);
              return {
                ...request,
                path: spec.path(i),
                ...(body === undefined ? {} : { body: JSON.stringify(body) }),
              };
            },
            onResponse: (status, body) => {
              if (status >= 200 && status < 300) spec.onBody?.(body);
              else if (!firstFailure) firstFailure = `${status} ${body.slice(0, 200)}`;
            },
          },
        ],
      },
      (error, r) => (error ? reject(error) : resolve(r)),
    );
    instance.on('response', (_client, status, _bytes, responseTime) => {
      if (status >= 200 && status < 300) times.push(responseTime);
      else failures += 1;
    });
  });
  const wallS = (performance.now() - started) / 1000;
  failures += result.errors + result.timeouts;
  return {
    operations: times.length,
    perSecond: times.length / result.duration,
    ms: summarize(times),
    failures,
    firstFailure,
    loadAverage: [loadBefore, load1()],
    wallS,
    monotonicUs: [monoStart, monotonicUs()],
  };
};

/** One HTTP call through fetch (keep-alive); throws on an unexpected status. */
export const api =
  (url: string, token: string) =>
  async <T = unknown>(method: string, path: string, body?: unknown, expect = [200, 201]): Promise<T> => {
    const res = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (!expect.includes(res.status))
      throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
    return (text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as T;
  };

export type Api = ReturnType<typeof api>;

/**
 * `connections` workers run `operation` on the pool's items, one item per operation, until the pool
 * is used up or `durationS` has passed. Without a pool (items null) an operation repeats.
 */
export const loop = async <T>(
  items: T[] | null,
  operation: (item: T | undefined, i: number) => Promise<unknown>,
  { connections, durationS }: { connections: number; durationS: number },
): Promise<Measured> => {
  const times: number[] = [];
  let failures = 0;
  let firstFailure: string | undefined;
  let next = 0;
  const loadBefore = load1();
  const monoStart = monotonicUs();
  const started = performance.now();
  const deadline = started + durationS * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const i = next++;
      if (items && i >= items.length) return;
      const t0 = performance.now();
      try {
        await operation(items?.[i], i);
        times.push(performance.now() - t0);
      } catch (error) {
        failures += 1;
        firstFailure ??= (error as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const wallS = (performance.now() - started) / 1000;
  return {
    operations: times.length,
    perSecond: times.length / wallS,
    ms: summarize(times),
    failures,
    firstFailure,
    loadAverage: [loadBefore, load1()],
    wallS,
    monotonicUs: [monoStart, monotonicUs()],
  };
};

/** Runs `fn` on every item with `connections` at a time (preparation, not measured). */
export const forEach = async <T>(
  items: T[],
  connections: number,
  fn: (item: T, i: number) => Promise<void>,
) => {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) await fn(items[i]!, i);
  };
  await Promise.all(Array.from({ length: Math.min(connections, items.length) }, worker));
};

/** A few requests one after another before the warm-up: the first calls of a route are cold (seconds). */
export const prime = async (url: string, token: string, spec: CannonSpec, n = 3) => {
  for (let i = 0; i < n; i++) {
    const body = spec.body?.(i);
    await fetch(`${url}${spec.path(i)}`, {
      method: spec.method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then((r) => r.arrayBuffer());
  }
};
