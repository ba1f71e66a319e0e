import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { OPERATIONS } from '../src/cli/operations.ts';
import { loadConfig } from '../src/config.ts';
import { type Database, openDatabase } from '../src/db/database.ts';
import { asSystem } from '../src/db/tenant.ts';
import { readBackup } from '../src/modules/backup/backup.service.ts';
import { openContext } from '../src/server/bootstrap.ts';
import { personBody } from './support/app.ts';
import { cleanEnv, freePort, runCli, spawnCli } from './support/cli.ts';
import { testDatabaseKinds } from './support/database.ts';
import { snapshotData } from './support/snapshot.ts';

/**
 * `custos backup` and `custos restore` as an operator runs them: a backup while the server runs, a
 * restore after an erasure that must not bring the erased person back (the erasure journal is
 * re-applied), a restore into a fresh installation with the same master key, and damaged files that
 * change nothing.
 */
// Several server starts and CLI runs on a shared, busy machine: generous limits.
vi.setConfig({ testTimeout: 600_000, hookTimeout: 600_000 });

const ADMIN = 'admin@example.de';
const DPO = 'dpo@example.de';
const PASSWORD = 'correct horse battery staple';

/** A throwaway PostgreSQL database on the TEST_DATABASE_URL server, dropped again by `drop`. */
const throwawayDatabase = async () => {
  const serverUrl = process.env.TEST_DATABASE_URL!;
  const name = `custos_test_${randomBytes(6).toString('hex')}`;
  const admin = await openDatabase({ url: serverUrl, poolSize: 1 });
  await admin.withRawConnection((exec) => exec(`create database ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.withRawConnection((exec) => exec(`drop database if exists ${name} with (force)`));
      await admin.close();
    },
  };
};

describe.each(testDatabaseKinds())('custos backup and restore on %s', (kind) => {
  const cleanups: (() => Promise<void>)[] = [];
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let server: ChildProcess | undefined;
  let base: string;
  let adminToken: string;
  let dpoToken: string;
  let keptId: string;
  let erasedId: string;
  let backupFile: string;
  const cli = (...args: string[]) => runCli(args, env);

  const api = async (token: string, method: string, url: string, body?: object) => {
    const res = await fetch(`${base}/api/v1${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, json: await res.json() };
  };

  const startServer = async () => {
    const port = await freePort();
    server = spawnCli(['start'], { ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' });
    let output = '';
    server.stdout?.on('data', (c) => {
      output += c;
    });
    server.stderr?.on('data', (c) => {
      output += c;
    });
    base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 240_000;
    for (;;) {
      if (server.exitCode !== null) throw new Error(`the server exited: ${output}`);
      const up = await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) break;
      if (Date.now() > deadline) throw new Error(`the server did not come up: ${output}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  };

  const stopServer = async () => {
    if (server && server.exitCode === null && server.signalCode === null) {
      const s = server;
      s.kill('SIGTERM');
      await new Promise((r) => s.once('exit', r));
    }
    server = undefined;
  };

  /** The database of `environment` opened directly (no server may hold it), for a look inside. */
  const withDatabase = async <T>(environment: NodeJS.ProcessEnv, fn: (db: Database) => Promise<T>) => {
    const config = loadConfig(environment);
    const db = config.databaseUrl
      ? await openDatabase({ url: config.databaseUrl, poolSize: 1 })
      : await openDatabase({ dataDir: path.join(config.dataDir, 'pglite') });
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  };

  const personIds = (db: Database) =>
    asSystem(db.kysely, async (tx) =>
      (await tx.selectFrom('persons').select('id').execute()).map((p) => p.id),
    );

  /** A new installation folder (and database on PostgreSQL) for this test file. */
  const newInstallation = async (extra: NodeJS.ProcessEnv = {}) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custos-cli-backup-'));
    cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    const environment: NodeJS.ProcessEnv = { ...cleanEnv(), CUSTOS_DATA_DIR: dir, ...extra };
    if (kind === 'postgres') {
      const database = await throwawayDatabase();
      cleanups.push(database.drop);
      environment.DATABASE_URL = database.url;
    }
    return environment;
  };

  beforeAll(async () => {
    env = await newInstallation();
    dataDir = env.CUSTOS_DATA_DIR!;
    backupFile = path.join(dataDir, '..', `${path.basename(dataDir)}.backup.sql`);
    cleanups.push(async () => fs.rmSync(backupFile, { force: true }));
    // Set-up in-process (the same operations the CLI runs), to spare this busy machine CLI starts.
    const ctx = await openContext(loadConfig(env));
    try {
      await OPERATIONS.init!(ctx, { adminEmail: ADMIN, adminPassword: PASSWORD });
      await OPERATIONS['user.add']!(ctx, { email: DPO, password: PASSWORD, role: 'dpo', name: 'DPO' });
      adminToken = (
        await OPERATIONS['token.create']!(ctx, { email: ADMIN, name: 'backup-test' })
      ).stdout.trim();
      dpoToken = (await OPERATIONS['token.create']!(ctx, { email: DPO, name: 'backup-test' })).stdout.trim();
    } finally {
      await ctx.close();
    }
    await startServer();
    const kept = await api(adminToken, 'POST', '/persons', personBody({ lastName: 'Bleibtreu' }));
    const erased = await api(
      adminToken,
      'POST',
      '/persons',
      personBody({
        firstName: 'Erika',
        lastName: 'Vergessen',
        email: 'erika.vergessen@example.de',
        phone: '+49 40 7654321',
      }),
    );
    expect([kept.status, erased.status]).toEqual([201, 201]);
    keptId = kept.json.id;
    erasedId = erased.json.id;
  });

  afterAll(async () => {
    await stopServer();
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('backup writes a plain-SQL dump with header, schema and person data while the server runs', async () => {
    const res = await cli('backup', '--out', backupFile);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(
      /^Backup written to .+ \(\d+ bytes, migration \d+, \d{4}-\d\d-\d\dT[\d:.]+Z\)\.\n$/,
    );
    expect(fs.statSync(backupFile).mode & 0o777).toBe(0o600);
    const text = fs.readFileSync(backupFile, 'utf8');
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^-- Custos backup/);
    expect(lines[1]).toBe('-- format: custos-backup/1');
    expect(lines[2]).toMatch(/^-- custos-version: \d+\.\d+\.\d+/);
    expect(lines[3]).toMatch(/^-- migration: [1-9]\d*$/);
    expect(lines[4]).toBe(`-- source: ${kind}`);
    expect(lines[5]).toMatch(/^-- created-at: \d{4}-\d\d-\d\dT[\d:.]+Z$/);
    expect(lines[6]).toMatch(/^-- sha256: [0-9a-f]{64}$/);
    expect(text).toContain('PostgreSQL database dump');
    expect(text).toContain('CREATE TABLE public.persons');
    expect(text).toContain('CREATE POLICY');
    expect(text).toContain('TO custos_app');
    expect(text).toMatch(new RegExp(`INSERT INTO public\\.persons VALUES \\('${keptId}'`));
    expect(text).toContain('Bleibtreu');
    expect(text).toContain('PostgreSQL database dump complete');
    expect(fs.readdirSync(path.dirname(backupFile)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // the server keeps serving after a dump of its own database (its prepared statements survive)
    for (let i = 0; i < 3; i++) {
      expect((await api(adminToken, 'GET', `/persons/${keptId}`)).status).toBe(200);
      expect((await api(adminToken, 'GET', '/persons?q=Bleibtreu')).json.items).toHaveLength(1);
    }
  });

  it('restore refuses while a server (or another session) uses the database, and changes nothing', async () => {
    // PGlite: the server answers on the data folder's socket. PostgreSQL: the restore refuses while
    // other sessions are connected; an idle server's pool may have closed its connections, so the
    // test holds one open as a busy server would.
    const res =
      kind === 'pglite'
        ? await cli('restore', '--in', backupFile)
        : await withDatabase(env, (db) => db.withRawConnection(() => cli('restore', '--in', backupFile)));
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain('[server_running]');
    expect(res.stderr).toMatch(/Stop/);
    expect((await api(adminToken, 'GET', `/persons/${keptId}`)).status).toBe(200);
  });

  it('an erasure after the backup (request, verification, fulfil)', async () => {
    const request = await api(dpoToken, 'POST', '/requests', {
      type: 'erasure',
      personId: erasedId,
      channel: 'email',
    });
    expect(request.status).toBe(201);
    const id = request.json.id;
    expect(
      (
        await api(dpoToken, 'POST', `/requests/${id}/verification`, {
          method: 'known_email',
          outcome: 'passed',
        })
      ).status,
    ).toBe(200);
    const fulfil = await api(dpoToken, 'POST', `/requests/${id}/fulfil`, {});
    expect(fulfil.status).toBe(200);
    expect(fulfil.json.status).toBe('completed');
    expect((await api(adminToken, 'GET', `/persons/${erasedId}`)).status).toBe(404);
    await stopServer();
  });

  it('a damaged, truncated or foreign file exits 1 with backup_invalid and changes nothing', async () => {
    const before = await withDatabase(env, snapshotData);
    const original = fs.readFileSync(backupFile);
    const flipped = Buffer.from(original);
    const at = original.indexOf('Bleibtreu');
    flipped[at] = flipped[at]! ^ 0x01;
    const damaged: Record<string, Buffer> = {
      'flipped byte': flipped,
      truncated: original.subarray(0, Math.floor(original.length * 0.6)),
      'foreign SQL': Buffer.from('DROP SCHEMA public CASCADE;\n'),
      'checksum of another body': Buffer.concat([original, Buffer.from('DROP TABLE public.persons;\n')]),
      'header only': original.subarray(0, original.indexOf('-- end of header\n') + 17),
    };
    const files = Object.entries(damaged).map(([what, data]) => {
      const file = path.join(dataDir, `damaged-${what.replaceAll(' ', '-')}.sql`);
      fs.writeFileSync(file, data);
      return { what, file };
    });
    // every kind checked by the service; two of them through the command as well (CLI runs are slow here)
    for (const { what, file } of [...files, { what: 'missing', file: path.join(dataDir, 'nope.sql') }]) {
      expect(() => readBackup(file), what).toThrow(
        expect.objectContaining({ code: 'backup_invalid', params: { reason: expect.any(String) } }),
      );
    }
    for (const { what, file } of files.slice(0, 2)) {
      const res = await cli('restore', '--in', file);
      expect(res.code, what).toBe(1);
      expect(res.stdout, what).toBe('');
      expect(res.stderr, what).toContain('[backup_invalid]');
      expect(res.stderr, what).toMatch(/damaged or not a Custos backup: checksum mismatch/);
    }
    expect(readBackup(backupFile).header.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await withDatabase(env, snapshotData)).toEqual(before);
  });

  it('restore after the erasure: the erased person stays erased (journal re-applied), the other is back', async () => {
    const res = await cli('restore', '--in', backupFile);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^Restored the backup of \d{4}-\d\d-\d\dT[\d:.]+Z \(migration \d+\)\.\n/);
    expect(res.stdout).toContain('Re-applied 1 erasure from the erasure journal (1 entry).');
    await startServer();
    expect((await api(adminToken, 'GET', `/persons/${erasedId}`)).status).toBe(404);
    const kept = await api(adminToken, 'GET', `/persons/${keptId}`);
    expect(kept.status).toBe(200);
    expect(kept.json.lastName).toBe('Bleibtreu');
    expect((await api(adminToken, 'GET', '/persons?q=Vergessen')).json.items).toEqual([]);
    await stopServer();
    // a second restore of the same file: the same result (the journal is re-applied again)
    const again = await cli('restore', '--in', backupFile);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Re-applied 1 erasure');
    expect(await withDatabase(env, personIds)).toEqual([keptId]);
  });

  it('restore into a new installation with the same master key brings the data back; another key changes nothing', async () => {
    const key = fs.readFileSync(path.join(dataDir, 'master.key'), 'utf8').trim();
    // a new folder has no erasure journal of its own: both persons of the dump come back (which is
    // why the journal must be kept and backed up apart from the database, see docs/operators.md)
    const fresh = await newInstallation({ CUSTOS_MASTER_KEY: key });
    const res = await runCli(['restore', '--in', backupFile], fresh);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('Re-applied 0 erasures from the erasure journal (0 entries).');
    expect((await withDatabase(fresh, personIds)).sort()).toEqual([keptId, erasedId].sort());
    const users = await runCli(['user', 'list'], fresh);
    expect(users.code).toBe(0);
    expect(users.stdout).toContain(ADMIN);

    const otherKey = await newInstallation({ CUSTOS_MASTER_KEY: randomBytes(32).toString('base64') });
    const before = await withDatabase(otherKey, (db) =>
      db.withRawConnection((exec) =>
        exec("select count(*)::int as n from pg_tables where schemaname = 'public'"),
      ),
    );
    const wrong = await runCli(['restore', '--in', backupFile], otherKey);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('[master_key_invalid]');
    expect(wrong.stderr).toContain('nothing was changed');
    const after = await withDatabase(otherKey, (db) =>
      db.withRawConnection((exec) =>
        exec("select count(*)::int as n from pg_tables where schemaname = 'public'"),
      ),
    );
    expect(after).toEqual(before);
  });
});
