import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.ts';
import { cleanEnv, exited, freePort, type Run, runCli, spawnCli } from './support/cli.ts';
import { testDatabaseKinds } from './support/database.ts';

/**
 * The real `custos` command, spawned as an operator would run it (`node bin/custos.mjs …` from the
 * repository root), on a temporary data folder and, for PostgreSQL, a database of its own.
 */

/** Names of the sub-commands in the `Commands:` block of a commander help text (without `help`). */
const subcommands = (help: string) => {
  const block = /^Commands:\n((?:[ \t]+\S.*\n?)+)/m.exec(help)?.[1] ?? '';
  return [...block.matchAll(/^ {2}([a-z][\w-]*)/gm)].map((m) => m[1]!).filter((name) => name !== 'help');
};

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'custos-cli-'));

describe('custos command line', () => {
  it('--help of every command, sub-command and the program itself shows an example', async () => {
    const seen: string[] = [];
    const visit = async (command: string[]): Promise<void> => {
      // commands nest two deep (`custos user add`); deeper means the help was misread
      if (command.length > 2) throw new Error(`unexpected command ${command.join(' ')}`);
      const res = await runCli([...command, '--help'], cleanEnv(), 120_000);
      const name = ['custos', ...command].join(' ');
      expect(res.code, name).toBe(0);
      expect(res.stdout, name).toMatch(/^Usage: custos/);
      expect(res.stdout, `${name} --help shows an example`).toMatch(/Examples?:\n\s+\S*\s*npx custos/);
      seen.push(name);
      // one at a time: dozens of parallel starts of tsx overload a 2-core CI machine
      for (const sub of subcommands(res.stdout)) await visit([...command, sub]);
    };
    await visit([]);
    expect(seen).toEqual(
      expect.arrayContaining([
        'custos',
        'custos start',
        'custos init',
        'custos migrate',
        'custos user',
        'custos user add',
        'custos user list',
        'custos user disable',
        'custos token',
        'custos token create',
        'custos token revoke',
      ]),
    );
  }, 900_000);

  it('a malformed CUSTOS_MASTER_KEY stops init and start with exit code 1, naming the variable', async () => {
    const dirs = [tempDir(), tempDir(), tempDir()];
    try {
      const [notBase64, tooShort, start] = await Promise.all([
        runCli(['init', '--admin-email', 'admin@example.de', '--admin-password', 'correct horse battery'], {
          ...cleanEnv(),
          CUSTOS_DATA_DIR: dirs[0],
          CUSTOS_MASTER_KEY: 'not base64 at all!',
        }),
        runCli(['init', '--admin-email', 'admin@example.de', '--admin-password', 'correct horse battery'], {
          ...cleanEnv(),
          CUSTOS_DATA_DIR: dirs[1],
          CUSTOS_MASTER_KEY: randomBytes(16).toString('base64'),
        }),
        runCli(
          ['start'],
          {
            ...cleanEnv(),
            CUSTOS_DATA_DIR: dirs[2],
            CUSTOS_MASTER_KEY: `${randomBytes(32).toString('base64')}xx`,
            PORT: String(await freePort()),
            HOST: '127.0.0.1',
          },
          90_000,
        ),
      ]);
      for (const [name, res] of Object.entries({ notBase64, tooShort, start })) {
        expect(res.code, name).toBe(1);
        expect(res.stderr, name).toContain('CUSTOS_MASTER_KEY');
        expect(res.stdout, name).not.toContain('running');
      }
      // no key file was written next to the rejected one
      for (const dir of dirs) expect(fs.existsSync(path.join(dir, 'master.key'))).toBe(false);
    } finally {
      for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it('an unknown CUSTOS_RATE_LIMIT_STORE stops start and a command with exit code 1, naming the variable', async () => {
    const dir = tempDir();
    try {
      const env = { ...cleanEnv(), CUSTOS_DATA_DIR: dir, CUSTOS_RATE_LIMIT_STORE: 'redis' };
      const [start, users] = await Promise.all([
        runCli(['start'], { ...env, PORT: String(await freePort()), HOST: '127.0.0.1' }),
        runCli(['user', 'list'], env),
      ]);
      for (const [name, res] of Object.entries({ start, users })) {
        expect(res.code, name).toBe(1);
        expect(res.stderr, name).toBe(
          'custos: CUSTOS_RATE_LIMIT_STORE must be memory or database, not "redis"; Custos will not start. [config_invalid]\n',
        );
        expect(res.stdout, name).toBe('');
      }
      // nothing was opened or created
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe.each(testDatabaseKinds())('custos command line on %s', (kind) => {
  const ADMIN = 'admin@example.de';
  const PASSWORD = 'correct horse battery staple';
  const OTHER_PASSWORD = 'a different long password';
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let dropDatabase = async () => {};
  let server: ChildProcess | undefined;

  beforeAll(async () => {
    dataDir = tempDir();
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
  });
  afterAll(async () => {
    if (server && server.exitCode === null && server.signalCode === null) {
      server.kill('SIGKILL');
      await exited(server);
    }
    await dropDatabase();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const cli = (...args: string[]) => runCli(args, env);
  const expectTokenLine = (res: Run) => {
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout.split('\n')).toHaveLength(2); // one line, newline-terminated
    expect(res.stdout.trimEnd()).toMatch(/^cst_\S+$/);
    return res.stdout.trimEnd();
  };

  it('init sets up once; a second run exits 1 with already_initialized and changes nothing', async () => {
    const invalid = await cli('init', '--admin-email', 'not-an-email', '--admin-password', PASSWORD);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('validation_failed');

    const first = await cli('init', '--admin-email', ADMIN, '--admin-password', PASSWORD);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const keyFile = path.join(dataDir, 'master.key');
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    const key = fs.readFileSync(keyFile, 'utf8');
    expect(Buffer.from(key.trim(), 'base64')).toHaveLength(32);

    // a second run, even for the same e-mail with another password
    const second = await cli('init', '--admin-email', ADMIN, '--admin-password', OTHER_PASSWORD);
    expect(second.code).toBe(1);
    expect(second.stdout).toBe('');
    expect(second.stderr).toContain('already_initialized');
    expect(second.stderr).toMatch(/already set up|bereits eingerichtet/);
    // nothing changed: the same key, and the admin still works (password and user list: see below)
    expect(fs.readFileSync(keyFile, 'utf8')).toBe(key);
    expectTokenLine(await cli('token', 'create', '--email', ADMIN, '--name', 'after-second-init'));
  }, 180_000);

  it('token create refuses an invalid e-mail with exit code 1 and validation_failed', async () => {
    const invalid = await cli('token', 'create', '--email', 'not-an-email', '--name', 'x');
    expect(invalid.code).toBe(1);
    expect(invalid.stdout).toBe('');
    expect(invalid.stderr).toContain('validation_failed');
  }, 180_000);

  it('user add, list and disable', async () => {
    const add = await cli(
      'user',
      'add',
      '--email',
      'Anna.Schmidt@example.de',
      '--password',
      'anna has a long password',
      '--role',
      'sales',
      '--name',
      'Anna Schmidt',
    );
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    expect(add.stdout.trim()).toMatch(/^[0-9a-f-]{36}$/);

    const list = await cli('user', 'list');
    expect(list.code).toBe(0);
    const [header, ...rows] = list.stdout.trimEnd().split('\n');
    expect(header).toBe('email\trole\tstatus\t2fa\tdepartments');
    // exactly the first admin and Anna: the refused second init added nobody
    expect(rows.map((r) => r.split('\t').slice(0, 3))).toEqual([
      [ADMIN, 'admin', 'active'],
      ['anna.schmidt@example.de', 'sales', 'active'],
    ]);

    const disable = await cli('user', 'disable', '--email', 'anna.schmidt@example.de');
    expect(disable.code).toBe(0);
    const noToken = await cli('token', 'create', '--email', 'anna.schmidt@example.de', '--name', 'anna');
    expect(noToken.code).toBe(1);
    expect(noToken.stdout).toBe('');
    expect(noToken.stderr).toContain('user_disabled');
  }, 180_000);

  it('works while the server runs: the server answers, and a new token authenticates against it', async () => {
    const port = await freePort();
    server = spawnCli(['start'], { ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' });
    let serverOutput = '';
    server.stdout?.on('data', (c) => {
      serverOutput += c;
    });
    server.stderr?.on('data', (c) => {
      serverOutput += c;
    });
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (server.exitCode !== null) throw new Error(`the server exited: ${serverOutput}`);
      const up = await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) break;
      if (Date.now() > deadline) throw new Error(`the server did not come up: ${serverOutput}`);
      await new Promise((r) => setTimeout(r, 200));
    }

    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const openapi = await fetch(`${base}/api/openapi.json`);
    expect(openapi.status).toBe(200);
    const doc = await openapi.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/v1/persons');

    const socket = path.join(dataDir, 'custos.sock');
    if (kind === 'pglite') {
      // the running server holds the embedded database; the CLI reaches it over its socket
      expect(fs.statSync(socket).isSocket()).toBe(true);
      expect(fs.statSync(socket).mode & 0o777).toBe(0o600);
    }
    const token = expectTokenLine(await cli('token', 'create', '--email', ADMIN, '--name', 'live'));
    const persons = await fetch(`${base}/api/v1/persons`, { headers: { authorization: `Bearer ${token}` } });
    expect(persons.status).toBe(200);
    expect(await persons.json()).toMatchObject({ items: expect.any(Array) });
    const forged = await fetch(`${base}/api/v1/persons`, { headers: { authorization: `Bearer ${token}x` } });
    expect(forged.status).toBe(401);
    const anonymous = await fetch(`${base}/api/v1/persons`);
    expect(anonymous.status).toBe(401);

    // the other commands work meanwhile too; errors come back with their code and change nothing
    const [list, again, lastAdmin] = await Promise.all([
      cli('user', 'list'),
      cli('init', '--admin-email', 'mallory@example.de', '--admin-password', OTHER_PASSWORD),
      cli('user', 'disable', '--email', ADMIN),
    ]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^anna\.schmidt@example\.de\tsales\tdisabled\t/m);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already_initialized');
    expect(lastAdmin.code).toBe(1);
    expect(lastAdmin.stderr).toContain('last_admin');

    // the first admin's password is unchanged by the refused second inits
    const login = (password: string) =>
      fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: ADMIN, password }),
      });
    expect((await login(PASSWORD)).status).toBe(200);
    expect((await login(OTHER_PASSWORD)).status).toBe(401);

    // stopping the server releases the data folder: the CLI then works on its own again
    server.kill('SIGTERM');
    expect(await exited(server)).toBe(0);
    expect(fs.existsSync(socket)).toBe(false);
    const offline = expectTokenLine(await cli('token', 'create', '--email', ADMIN, '--name', 'offline'));
    expect(offline).not.toBe(token);
  }, 180_000);
});
