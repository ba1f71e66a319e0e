import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanEnv, runCli } from '../../../test/support/cli.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { type Database, openDatabase } from '../../db/database.ts';
import { asSystem } from '../../db/tenant.ts';
import { lockKeyOf } from './sweep-lock.ts';

vi.setConfig({ hookTimeout: 240_000, testTimeout: 180_000 });

/**
 * `custos retention preview [--json]` and `custos retention sweep`, spawned as an operator runs
 * them; on PostgreSQL a sweep while another instance holds the lock exits 1 with the message.
 */
describe.each(testDatabaseKinds())('custos retention on %s', (kind) => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let db: Database | undefined;
  let dropDatabase = async () => {};
  const cli = (...args: string[]) => runCli(args, env);

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'custos-cli-'));
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
        await db?.close();
        await admin.withRawConnection((exec) => exec(`drop database if exists ${name} with (force)`));
        await admin.close();
      };
    }
    const init = await cli(
      'init',
      '--admin-email',
      'admin@example.de',
      '--admin-password',
      'correct horse battery',
    );
    expect(init.code, init.stderr).toBe(0);
  });
  afterAll(async () => {
    await dropDatabase();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('previews per data type and sweeps, printing counts only', async () => {
    const preview = await cli('retention', 'preview');
    expect(preview.code, preview.stderr).toBe(0);
    expect(preview.stdout).toMatch(/^retention preview of \d{4}-\d{2}-\d{2} \(DE\)\n/);
    expect(preview.stdout).toMatch(
      /\tinteractions\t6 years from year end\tcutoff \d{4}-01-01\tdue 0\theld 0\n/,
    );
    const json = await cli('retention', 'preview', '--json');
    expect(json.code, json.stderr).toBe(0);
    const parsed = JSON.parse(json.stdout);
    expect(parsed[0].jurisdiction).toBe('DE');
    expect(parsed[0].dataTypes.some((d: { target: string }) => d.target === 'invoices')).toBe(true);
    const sweep = await cli('retention', 'sweep');
    expect(sweep.code, sweep.stderr).toBe(0);
    expect(sweep.stdout).toMatch(/^retention sweep [0-9a-f-]{36} of \d{4}-\d{2}-\d{2} \(DE\): 0 deleted\n/);
    expect(sweep.stdout).toMatch(/\tdeleted 0\theld 0\n/);
  });

  // the advisory lock across instances exists on PostgreSQL only (PGlite has one process; its mutex is
  // tested in sweep.runner.test.ts)
  if (kind === 'postgres') {
    it('exits 1 with the message while another instance sweeps', async () => {
      db = await openDatabase({ url: env.DATABASE_URL!, poolSize: 2 });
      const tenantId = await asSystem(
        db.kysely,
        async (tx) => (await tx.selectFrom('tenants').select('id').executeTakeFirstOrThrow()).id,
      );
      await db.withRawConnection(async (exec) => {
        await exec(`select pg_advisory_lock(${0x5253_7770 | 0}, ${lockKeyOf(tenantId)})`);
        try {
          const res = await cli('retention', 'sweep');
          expect(res.code).toBe(1);
          expect(res.stderr).toContain('[retention_sweep_running]');
          expect(res.stderr).toContain('A retention sweep is already running');
        } finally {
          await exec(`select pg_advisory_unlock(${0x5253_7770 | 0}, ${lockKeyOf(tenantId)})`);
        }
      });
    });
  }
});
