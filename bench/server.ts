import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { openDatabase } from '../src/db/database.ts';

/** Where the benchmark installation lives, and how the real `custos` command is run against it. */

const ROOT = path.resolve(import.meta.dirname, '..');
const CUSTOS = path.join(ROOT, 'bin', 'custos.mjs');
const run = promisify(execFile);

export type Target = {
  kind: 'pglite' | 'postgres';
  /** Environment for `custos` (CUSTOS_DATA_DIR, and DATABASE_URL for PostgreSQL). */
  env: NodeJS.ProcessEnv;
  /** A display form of the database, without secrets. */
  label: string;
  cleanup: () => Promise<void>;
};

const withDatabaseName = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

/** A fresh temp data folder; for PostgreSQL also a fresh database `custos_bench_<random>`, dropped afterwards. */
export const createTarget = async (kind: Target['kind'], postgresUrl: string): Promise<Target> => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `custos-bench-${kind}-`));
  const env: NodeJS.ProcessEnv = { ...process.env, CUSTOS_DATA_DIR: dataDir, DATABASE_URL: '' };
  const removeDir = async () => fs.rmSync(dataDir, { recursive: true, force: true });
  if (kind === 'pglite') return { kind, env, label: `PGlite in ${dataDir}`, cleanup: removeDir };

  const name = `custos_bench_${randomBytes(5).toString('hex')}`;
  const admin = await openDatabase({ url: postgresUrl, poolSize: 1 });
  try {
    await admin.withRawConnection((exec) => exec(`create database ${name}`));
  } finally {
    await admin.close();
  }
  const url = withDatabaseName(postgresUrl, name);
  const u = new URL(url);
  return {
    kind,
    env: { ...env, DATABASE_URL: url },
    label: `PostgreSQL ${u.host}${u.pathname}`,
    cleanup: async () => {
      const a = await openDatabase({ url: postgresUrl, poolSize: 1 });
      try {
        await a.withRawConnection((exec) => exec(`drop database if exists ${name} with (force)`));
      } finally {
        await a.close();
      }
      await removeDir();
    },
  };
};

/** Runs `node bin/custos.mjs …` (the real CLI) and returns its standard output. */
export const custos = async (target: Target, args: string[]) => {
  const { stdout } = await run(process.execPath, [CUSTOS, ...args], { env: target.env, cwd: ROOT });
  return stdout;
};

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

export type RunningServer = { url: string; pid: number; logFile: string; stop: () => Promise<void> };

/** Starts `node bin/custos.mjs start` as a child process; its logs go to a file in the data folder. */
export const startServer = async (target: Target): Promise<RunningServer> => {
  const port = await freePort();
  const logFile = path.join(target.env.CUSTOS_DATA_DIR!, 'server.log');
  const out = fs.openSync(logFile, 'a');
  // BENCH_SERVER_NODE_ARGS: extra node flags for the server only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, CUSTOS, 'start'], {
    env: { ...target.env, PORT: String(port), HOST: '127.0.0.1' },
    cwd: ROOT,
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}; see ${logFile}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start within 60 s; see ${logFile}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    pid: child.pid!,
    logFile,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
};

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); null elsewhere. */
export const cpuSeconds = (pid: number): number | null => {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
};

/** Busy and total jiffies of the whole machine, from /proc/stat (Linux); null elsewhere. */
export const machineJiffies = (): { busy: number; total: number } | null => {
  try {
    const values = fs
      .readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]!
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    const total = values.reduce((a, b) => a + b, 0);
    const idle = (values[3] ?? 0) + (values[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
};

/** The server's PostgreSQL backends: the sessions on the target's database, other than the asking one. */
export const databaseBackendPids = (target: Target) => async (): Promise<number[]> => {
  if (target.kind !== 'postgres') return [];
  const db = await openDatabase({ url: target.env.DATABASE_URL!, poolSize: 1 });
  try {
    return await db.withRawConnection(async (exec) =>
      (
        await exec(
          'select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
        )
      ).map((r) => Number(r.pid)),
    );
  } finally {
    await db.close();
  }
};

/**
 * After the server stopped: `custos audit verify` (the real CLI) and the number of read entries in the
 * audit trail, to compare with the reads the server answered.
 */
export const auditCheck = async (target: Target) => {
  let verify: string;
  let verified: boolean;
  try {
    verify = await custos(target, ['audit', 'verify']);
    verified = true;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    verify = `${e.stdout ?? ''}${e.stderr ?? ''}` || e.message;
    verified = false;
  }
  const db = target.env.DATABASE_URL
    ? await openDatabase({ url: target.env.DATABASE_URL, poolSize: 1 })
    : await openDatabase({ dataDir: path.join(target.env.CUSTOS_DATA_DIR!, 'pglite') });
  try {
    const row = await db.kysely
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'read')
      .where('subject_type', '=', 'person')
      .executeTakeFirstOrThrow();
    return { verified, verify, readEntries: Number(row.n) };
  } finally {
    await db.close();
  }
};
