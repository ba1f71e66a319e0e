import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, freePort, runCli, spawnCli } from '../../../test/support/cli.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { loadConfig } from '../../config.ts';
import { openDatabase } from '../../db/database.ts';
import { asSystem } from '../../db/tenant.ts';
import { CHECK_IDS } from '../../domain/self-check/checks.ts';

/**
 * `custos check` as an operator's monitoring runs it: exit 0 on a clean installation, 1 with a
 * violation, a summary without any record reference, JSON with the references, in-process and (with
 * the embedded database) through a running server's control socket.
 */
const ADMIN = 'admin@example.de';
const PASSWORD = 'correct horse battery staple';

describe.each(testDatabaseKinds())('custos check on %s', (kind) => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let dropDatabase = async () => {};
  let breachId: string;
  const cli = (...args: string[]) => runCli(args, env);

  /** The installation's database opened directly (no server may hold it). */
  const withDb = async <T>(fn: Parameters<typeof asSystem<T>>[1]) => {
    const config = loadConfig(env);
    const db = config.databaseUrl
      ? await openDatabase({ url: config.databaseUrl, poolSize: 1 })
      : await openDatabase({ dataDir: path.join(config.dataDir, 'pglite') });
    try {
      return await asSystem(db.kysely, fn);
    } finally {
      await db.close();
    }
  };

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'custos-cli-check-'));
    env = { ...cleanEnv(), CUSTOS_DATA_DIR: dataDir };
    if (kind === 'postgres') {
      const serverUrl = process.env.TEST_DATABASE_URL!;
      const name = `custos_test_${randomBytes(6).toString('hex')}`;
      const admin = await openDatabase({ url: serverUrl, poolSize: 1 });
      await admin.withRawConnection((exec) => exec(`create database ${name}`));
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      env.DATABASE_URL = url.toString();
      dropDatabase = async () => {
        await admin.withRawConnection((exec) => exec(`drop database if exists ${name} with (force)`));
        await admin.close();
      };
    }
    const init = await cli('init', '--admin-email', ADMIN, '--admin-password', PASSWORD);
    expect(init.code, init.stderr).toBe(0);
  }, 240_000);

  afterAll(async () => {
    await dropDatabase();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('a fresh installation: exit 0, one "ok" line per check', async () => {
    const res = await cli('check');
    expect(res.code, res.stderr).toBe(0);
    const lines = res.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^Self-check Custos \([0-9a-f-]{36}\) \S+: no violations$/);
    expect(lines.slice(1)).toHaveLength(CHECK_IDS.length);
    for (const id of CHECK_IDS) expect(res.stdout).toMatch(new RegExp(`^ok {3}${id} +0 {2}\\S`, 'm'));
  }, 120_000);

  it('a breach left 100 hours without notification: exit 1, named by check and count only', async () => {
    breachId = await withDb(async (tx) => {
      const tenant = await tx.selectFrom('tenants').select('id').executeTakeFirstOrThrow();
      const { rows } = await sql<{
        id: string;
      }>`insert into breaches (tenant_id, number, title, description, aware_at)
        values (${tenant.id}, 'DP-2026-0001', 'Fehlversand', 'Liste an falschen Empfänger',
          now() - interval '100 hours') returning id`.execute(tx);
      return rows[0]!.id;
    });
    const res = await cli('check');
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/: 1 check with violations\n/);
    expect(res.stdout).toMatch(/^FAIL breach_overdue +1 {2}Breaches neither notified nor justified/m);
    expect(res.stdout).not.toContain(breachId);
    expect(
      res.stdout
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('FAIL')),
    ).toHaveLength(1);

    const json = await cli('check', '--json');
    expect(json.code).toBe(1);
    const parsed = JSON.parse(json.stdout);
    expect(parsed.ok).toBe(false);
    expect(parsed.tenants[0].findings[0]).toMatchObject({
      check: 'breach_overdue',
      count: 1,
      refs: [{ type: 'breach', id: breachId }],
    });

    const german = await runCli(['check'], { ...env, LANG: 'de_DE.UTF-8' });
    expect(german.code).toBe(1);
    expect(german.stdout).toMatch(/^Selbstprüfung Custos .*: 1 Prüfung mit Verstößen$/m);
  }, 120_000);

  it('through a running server the exit code is the same; fixed, exit 0 again', async () => {
    const port = await freePort();
    const server: ChildProcess = spawnCli(['start'], {
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    });
    let output = '';
    server.stdout?.on('data', (c) => {
      output += c;
    });
    server.stderr?.on('data', (c) => {
      output += c;
    });
    try {
      const deadline = Date.now() + 90_000;
      for (;;) {
        if (server.exitCode !== null) throw new Error(`the server exited: ${output}`);
        const up = await fetch(`http://127.0.0.1:${port}/healthz`).then(
          (r) => r.ok,
          () => false,
        );
        if (up) break;
        if (Date.now() > deadline) throw new Error(`the server did not come up: ${output}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      const res = await cli('check');
      expect(res.code, res.stderr).toBe(1);
      expect(res.stdout).toMatch(/^FAIL breach_overdue +1 /m);
    } finally {
      server.kill('SIGTERM');
      if (server.exitCode === null) await new Promise((r) => server.once('exit', r));
    }
    await withDb((tx) => sql`update breaches set risk = 'none' where id = ${breachId}`.execute(tx));
    const clean = await cli('check');
    expect(clean.code, clean.stderr).toBe(0);
  }, 240_000);
});
