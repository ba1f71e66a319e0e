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
 * `custos import --file` (persons) as an operator runs it (`node bin/custos.mjs …`), with the German
 * Excel export of test/fixtures/import, against a running server: over its control socket on PGlite
 * (the server reads the file by its absolute path), directly on PostgreSQL.
 */
const GERMAN = path.join(ROOT, 'test', 'fixtures', 'import', 'de-excel-windows1252.csv');
const ADMIN = 'admin@example.de';
const PASSWORD = 'correct horse battery staple';

describe.each(testDatabaseKinds())('custos import --file on %s', (kind) => {
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
  const personCount = async () => (await api('GET', '/persons?pageSize=1')).json.total as number;
  const facts = ['--legal-basis', 'contract', '--purpose', 'sales', '--source-detail', 'ERP-Export 2026'];

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'custos-cli-import-persons-'));
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
    token = (await cli('token', 'create', '--email', ADMIN, '--name', 'import-persons-test')).stdout.trim();
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
    const before = await personCount();
    const res = await cli('import', '--file', GERMAN, ...facts, '--dry-run');
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('Dry run of de-excel-windows1252.csv: nothing was written.');
    expect(res.stdout).toContain('rows 3: valid 3, invalid 0');
    expect(await personCount()).toBe(before);
    // the CLI keeps no staged batch: it was discarded right away
    const batches = (await api('GET', '/imports?status=staged')).json;
    expect(batches.total).toBe(0);
  }, 300_000);

  it('a file with an invalid row exits 1 and writes nothing; --json prints the report', async () => {
    const bad = path.join(dataDir, 'bad.csv');
    fs.writeFileSync(bad, 'Vorname;Nachname;E-Mail\r\nKai;Klar;kai@example.de\r\nLia;Los;keine-adresse\r\n');
    const before = await personCount();
    const res = await cli('import', '--file', bad, ...facts);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('invalid 1');
    expect(res.stdout).toContain('row 3: invalid (email_invalid)');
    expect(res.stdout).toContain('nothing was imported');
    expect(await personCount()).toBe(before);
    const json = await cli('import', '--file', bad, ...facts, '--json');
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report.counts).toMatchObject({ total: 2, valid: 1, invalid: 1 });
    const partial = await cli('import', '--file', bad, ...facts, '--exclude-invalid');
    expect(partial.code).toBe(0);
    expect(partial.stdout).toContain('Imported 1 persons from bad.csv');
    expect(await personCount()).toBe(before + 1);
  }, 300_000);

  it('errors are JSON with code and message under --json; without, one line on stderr', async () => {
    const res = await cli('import', '--file', GERMAN, '--purpose', 'sales', '--json');
    expect(res.code).toBe(1);
    expect(JSON.parse(res.stdout).error).toMatchObject({ code: 'validation_failed' });
    const missing = await cli('import', '--file', path.join(dataDir, 'nope.csv'), ...facts);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('[validation_failed]');
    expect(missing.stderr).toContain('ENOENT');
  }, 300_000);

  it('imports the export with provenance; the persons carry source import and the file name', async () => {
    const before = await personCount();
    const res = await cli('import', '--file', GERMAN, ...facts);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(
      /^Imported 3 persons from de-excel-windows1252\.csv \(batch [0-9a-f-]{36}\)\.\n/,
    );
    expect(await personCount()).toBe(before + 3);
    const list = (await api('GET', '/imports?status=committed')).json;
    const batch = list.items.find((b: { fileName: string }) => b.fileName === 'de-excel-windows1252.csv');
    expect(batch).toMatchObject({
      source: { kind: 'import', detail: 'ERP-Export 2026' },
      counts: { created: 3 },
    });
    const rows = (await api('GET', `/imports/${batch.id}/rows?status=created`)).json;
    const person = (await api('GET', `/persons/${rows.items[0].personId}`)).json;
    expect(person.source).toEqual({ kind: 'import', detail: 'de-excel-windows1252.csv' });
    // a second run finds them all as duplicates of the persons just imported and creates nothing
    const again = await cli('import', '--file', GERMAN, ...facts);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Imported 0 persons');
    expect(again.stdout).toContain('duplicate 3');
  }, 300_000);
});
