import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.ts';
import { personBody } from './support/app.ts';
import { cleanEnv, freePort, ROOT, runCli, spawnCli } from './support/cli.ts';
import { testDatabaseKinds } from './support/database.ts';

/**
 * `custos import invoices` as an operator runs it (`node bin/custos.mjs …`), with the German ERP export
 * in test/fixtures, against a running server: over its control socket on PGlite, directly on PostgreSQL.
 */
const FIXTURES = path.join(ROOT, 'test', 'fixtures');
const CSV = path.join(FIXTURES, 'erp-invoices-de.csv');
const MAP = path.join(FIXTURES, 'erp-invoices-de.map.json');
const ADMIN = 'admin@example.de';
const PASSWORD = 'correct horse battery staple';

describe.each(testDatabaseKinds())('custos import invoices on %s', (kind) => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let server: ChildProcess | undefined;
  let base: string;
  let token: string;
  let dropDatabase = async () => {};
  const cli = (...args: string[]) => runCli(args, env);
  const api = async (method: string, url: string, body?: object) => {
    const res = await fetch(`${base}/api/v1${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, json: await res.json() };
  };
  const invoiceCount = async () => (await api('GET', '/invoices?pageSize=1')).json.total as number;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'custos-cli-import-'));
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
    expect((await cli('init', '--admin-email', ADMIN, '--admin-password', PASSWORD)).code).toBe(0);
    token = (await cli('token', 'create', '--email', ADMIN, '--name', 'import-test')).stdout.trim();
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
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (server.exitCode !== null) throw new Error(`the server exited: ${output}`);
      if (
        await fetch(`${base}/healthz`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      if (Date.now() > deadline) throw new Error(`the server did not come up: ${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(
      (await api('POST', '/organizations', { name: 'Muster Handel GmbH', customerNumber: 'K-100' })).status,
    ).toBe(201);
    expect((await api('POST', '/persons', personBody())).status).toBe(201);
  }, 240_000);

  afterAll(async () => {
    if (server && server.exitCode === null && server.signalCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server?.once('exit', r));
    }
    await dropDatabase();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('--dry-run checks the German export and writes nothing', async () => {
    const res = await cli('import', 'invoices', '--in', CSV, '--map', MAP, '--dry-run');
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toBe(
      'Dry run: 3 invoices with 4 lines from 4 rows (1 blank row skipped) would be imported. Nothing was written.\n',
    );
    expect(await invoiceCount()).toBe(0);
  }, 300_000);

  it('a file with a bad row exits 1 naming row, column and code, and writes nothing', async () => {
    const bad = path.join(dataDir, 'bad.csv');
    fs.writeFileSync(
      bad,
      fs.readFileSync(CSV, 'utf8').replace('1.234,56', '1.234.56').replace('15.07.2025', '15.07.1850'),
    );
    const res = await cli('import', 'invoices', '--in', bad, '--map', MAP);
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain('[import_failed]');
    expect(res.stderr).toContain('row 2 (Einzelpreis): invalid_amount');
    expect(res.stderr).toContain('row 6 (Belegdatum): invalid_date_range');
    expect(await invoiceCount()).toBe(0);
    const missing = await cli('import', 'invoices', '--in', path.join(dataDir, 'nope.csv'), '--map', MAP);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('ENOENT');
    const wrongOption = await cli('import', 'invoices', '--in', CSV, '--map', MAP, '--decimal', ';');
    expect(wrongOption.code).toBe(1);
    expect(wrongOption.stderr).toContain('validation_failed');
  }, 300_000);

  it('imports the export; the invoices are there with their batch; a second run is refused as duplicate', async () => {
    const res = await cli('import', 'invoices', '--in', CSV, '--map', MAP);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(
      /^Imported 3 invoices with 4 lines from 4 rows \(1 blank row skipped\)\. Import batch [0-9a-f-]{36}\.\n$/,
    );
    const list = (await api('GET', '/invoices?q=RE-ERP&pageSize=10')).json;
    expect(list.items.map((i: { number: string }) => i.number).sort()).toEqual([
      'RE-ERP-1001',
      'RE-ERP-1002',
      'RE-ERP-1003',
    ]);
    const first = list.items.find((i: { number: string }) => i.number === 'RE-ERP-1001');
    const detail = (await api('GET', `/invoices/${first.id}`)).json;
    expect(detail).toMatchObject({
      netTotal: '2549.12',
      grossTotal: '3033.45',
      importBatchId: res.stdout.match(/batch ([0-9a-f-]{36})/)?.[1],
      retention: { rule: 'DE.voucher.8y', retainUntil: '2033-12-31' },
    });
    const again = await cli('import', 'invoices', '--in', CSV, '--map', MAP);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('duplicate_number');
    expect(await invoiceCount()).toBe(3);
  }, 300_000);
});
