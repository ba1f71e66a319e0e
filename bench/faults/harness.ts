import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { log } from '../percentiles.ts';
import {
  cpuSeconds,
  custos,
  type RunningServer,
  startServer as startBenchServer,
  type Target,
} from '../server.ts';

/** What the fault runner needs around a real Custos server: HTTP, SIGKILL, direct database looks. */

// biome-ignore lint/suspicious/noExplicitAny: answers of many shapes, read by the scenarios
type Json = any;

export type Api = (
  method: string,
  url: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<{ status: number; json: Json }>;

export const apiOf =
  (server: RunningServer, token: string): Api =>
  async (method, url, body, headers = {}) => {
    const isRaw = typeof body === 'string' || body instanceof Uint8Array;
    const res = await fetch(`${server.url}/api/v1${url}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': isRaw ? 'text/csv' : 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : isRaw ? (body as string) : JSON.stringify(body),
    });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    return { status: res.status, json };
  };

export const expectStatus = (r: { status: number; json: unknown }, status: number, what: string) => {
  if (r.status !== status) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.json).slice(0, 300)}`);
  return r.json as Json;
};

/** Opens the target's database directly (the server must be stopped for PGlite: one process only). */
export const withDb = async <T>(target: Target, fn: (db: Database) => Promise<T>): Promise<T> => {
  const db = target.env.DATABASE_URL
    ? await openDatabase({ url: target.env.DATABASE_URL, poolSize: 1 })
    : await openDatabase({ dataDir: path.join(target.env.CUSTOS_DATA_DIR!, 'pglite') });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
};

export const count = async (db: Database, query: ReturnType<typeof sql>) =>
  Number(((await query.execute(db.kysely)).rows[0] as { n: number | string }).n);

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    let state: string | undefined;
    try {
      state = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
    } catch {
      state = undefined;
    }
    return state !== undefined && state !== 'Z';
  } catch {
    return false;
  }
};

/** SIGKILL to the server process, then waits until it is gone. */
export const killServer = async (server: RunningServer) => {
  process.kill(server.pid, 'SIGKILL');
  const deadline = Date.now() + 10_000;
  while (alive(server.pid) && Date.now() < deadline) await sleep(20);
  await server.stop(); // reaps the child handle (no-op when it has exited)
};

/**
 * Polls `ready` until it says the operation is observably in progress, or the operation ended first.
 * Returns whether the kill landed while the operation was still running.
 */
export const killWhen = async (
  server: RunningServer,
  operation: { done: boolean },
  ready: () => Promise<boolean>,
  what: string,
  timeoutMs = 180_000,
) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (operation.done) {
      log(`  ${what}: finished before it could be interrupted`);
      await server.stop();
      return false;
    }
    if (await ready().catch(() => false)) break;
    if (Date.now() > deadline) throw new Error(`${what}: never observed in progress`);
    await sleep(25);
  }
  if (operation.done) {
    await server.stop();
    return false;
  }
  await killServer(server);
  log(`  ${what}: SIGKILL sent while in progress`);
  return true;
};

/** The server's CPU seconds since `from` exceed `seconds` (PGlite: the database works in the server). */
export const cpuAtLeast = (server: RunningServer, seconds: number) => {
  const start = cpuSeconds(server.pid) ?? 0;
  return async () => (cpuSeconds(server.pid) ?? 0) - start >= seconds;
};

/** PostgreSQL: a session of the server holds an open transaction that has written (has an xid). */
export const writingTransaction = (target: Target, minMs = 0) => {
  const since = Date.now();
  return async () => {
    if (Date.now() - since < minMs) return false;
    const n = await withDb(target, (db) =>
      count(
        db,
        sql`select count(*)::int as n from pg_stat_activity
            where datname = current_database() and pid <> pg_backend_pid() and backend_xid is not null`,
      ),
    );
    return n > 0;
  };
};

/** Starts a long request; `done` turns true when it answered (or failed). */
export const startOperation = (promise: Promise<{ status: number; json: unknown }>) => {
  const op: {
    done: boolean;
    result?: { status: number; json: unknown };
    error?: unknown;
    settled: Promise<void>;
  } = {
    done: false,
    settled: Promise.resolve(),
  };
  op.settled = promise.then(
    (r) => {
      op.done = true;
      op.result = r;
    },
    (e) => {
      op.done = true;
      op.error = e;
    },
  );
  return op;
};

/** `custos audit verify` through the real CLI (in the running server over its socket, or in-process). */
export const auditVerify = async (target: Target) => {
  try {
    const out = await custos(target, ['audit', 'verify']);
    return { ok: true, text: out.trim().split('\n').at(-1) ?? '' };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    return { ok: false, text: `${e.stdout ?? ''}${e.stderr ?? ''}`.trim() || e.message };
  }
};

/** Every server started, so a failing scenario leaves none running (see `stopAllServers`). */
const started = new Set<RunningServer>();

export const startServer = async (target: Target) => {
  const server = await startBenchServer(target);
  started.add(server);
  return server;
};

export const stopAllServers = async () => {
  for (const server of started) await server.stop().catch(() => {});
  started.clear();
};
