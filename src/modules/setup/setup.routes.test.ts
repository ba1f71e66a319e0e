import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKinds } from '../../../test/support/database.ts';
import { loadConfig } from '../../config.ts';
import { asSystem } from '../../db/tenant.ts';
import { buildApp } from '../../server/app.ts';
import type { AppContext } from '../../server/context.ts';

const SETUP_CODE = 'a1b2c3d4e5f6';
const setupBody = (overrides: Record<string, unknown> = {}) => ({
  setupCode: SETUP_CODE,
  organizationName: 'Beispiel AG',
  adminName: 'Erika Mustermann',
  adminEmail: 'Erika@Beispiel.de',
  adminPassword: 'ein sehr langes Passwort',
  ...overrides,
});

describe.each(testDatabaseKinds())('first-run set-up API on %s', (kind) => {
  let app: FastifyInstance;
  let ctx: AppContext;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const database = await createTestDatabase(kind);
    drop = database.drop;
    ctx = {
      db: database.db,
      config: loadConfig({
        CUSTOS_DATA_DIR: path.join(os.tmpdir(), `custos-test-${randomBytes(4).toString('hex')}`),
      }),
      masterKey: randomBytes(32),
      now: () => new Date(),
      setupCode: SETUP_CODE,
    };
    app = await buildApp({ ctx, logger: false });
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  const status = async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/setup/status' });
    expect(res.statusCode).toBe(200);
    return res.json().initialized as boolean;
  };
  const rowCounts = () =>
    asSystem(ctx.db.kysely, async (tx) => ({
      tenants: (await tx.selectFrom('tenants').select('id').execute()).length,
      users: (await tx.selectFrom('users').select('id').execute()).length,
      departments: (await tx.selectFrom('departments').select('id').execute()).length,
      purposes: (await tx.selectFrom('purposes').select('id').execute()).length,
    }));
  const empty = { tenants: 0, users: 0, departments: 0, purposes: 0 };
  /** The route allows 10 attempts a minute per address: tests that make many use their own address. */
  const postSetup = (body: unknown, remoteAddress = '127.0.0.1') =>
    app.inject({ method: 'POST', url: '/api/v1/setup', payload: body as object, remoteAddress });
  const login = (email: string, password: string) =>
    app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });

  it('reports not initialised on an empty installation, without login', async () => {
    expect(await status()).toBe(false);
  });

  it('refuses a wrong or missing set-up code with 403 invalid_setup_code and creates nothing', async () => {
    for (const setupCode of ['wrong-code', SETUP_CODE.toUpperCase(), `${SETUP_CODE}0`, SETUP_CODE.slice(1)]) {
      const res = await postSetup(setupBody({ setupCode }));
      expect(res.statusCode, setupCode).toBe(403);
      expect(res.json().code).toBe('invalid_setup_code');
    }
    const missing = await postSetup(setupBody({ setupCode: undefined }));
    expect(missing.statusCode).toBe(422);
    expect(await rowCounts()).toEqual(empty);
    expect(await status()).toBe(false);
  });

  it('refuses a password shorter than 12 characters with 422 and creates nothing', async () => {
    const res = await postSetup(setupBody({ adminPassword: 'elf Zeichen' }));
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('validation_failed');
    expect(JSON.stringify(res.json().details)).toContain('adminPassword');
    const invalidEmail = await postSetup(setupBody({ adminEmail: 'not-an-email' }));
    expect(invalidEmail.statusCode).toBe(422);
    expect(await rowCounts()).toEqual(empty);
    expect(await status()).toBe(false);
  });

  it('the set-up code cannot be guessed at speed: after 10 attempts a minute the address gets 429', async () => {
    const guesser = '192.0.2.20';
    for (let i = 0; i < 10; i += 1) {
      const res = await postSetup(setupBody({ setupCode: `guess-${i}` }), guesser);
      expect(res.statusCode, `attempt ${i + 1}`).toBe(403);
    }
    const limited = await postSetup(setupBody(), guesser);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('rate_limited');
    expect(await rowCounts()).toEqual(empty);
  });

  it('with the right code creates the tenant, default departments and purposes, and an admin who can log in', async () => {
    const res = await postSetup(setupBody());
    expect(res.statusCode).toBe(201);
    const { tenantId, adminId } = res.json();
    expect(tenantId).toMatch(/^[0-9a-f-]{36}$/);
    expect(adminId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await status()).toBe(true);

    // the e-mail is case-insensitive: stored lower-case, any case logs in
    const loggedIn = await login('erika@beispiel.de', 'ein sehr langes Passwort');
    expect(loggedIn.statusCode).toBe(200);
    expect(loggedIn.json()).toMatchObject({
      status: 'ok',
      user: { id: adminId, email: 'erika@beispiel.de', displayName: 'Erika Mustermann', role: 'admin' },
    });
    expect((await login('Erika@Beispiel.de', 'ein sehr langes Passwort')).statusCode).toBe(200);
    expect((await login('erika@beispiel.de', 'ein sehr langes passwort')).statusCode).toBe(401);

    const cookie = `custos_session=${/custos_session=([^;]+)/.exec(String(loggedIn.headers['set-cookie']))?.[1]}`;
    const departments = await app.inject({ method: 'GET', url: '/api/v1/departments', headers: { cookie } });
    expect(departments.statusCode).toBe(200);
    expect(
      departments
        .json()
        .items.map((d: { name: string }) => d.name)
        .sort(),
    ).toEqual(['Buchhaltung', 'Kundenservice', 'Marketing', 'Vertrieb'].sort());
    const catalogue = await app.inject({
      method: 'GET',
      url: '/api/v1/privacy/catalogue',
      headers: { cookie },
    });
    expect(catalogue.statusCode).toBe(200);
    expect(catalogue.json().purposes.map((p: { id: string }) => p.id)).toEqual(
      expect.arrayContaining(['customer_service', 'sales', 'billing', 'marketing', 'newsletter']),
    );
    for (const purpose of catalogue.json().purposes) {
      expect(purpose.builtIn, purpose.id).toBe(true);
      expect(purpose.legalBases.length, purpose.id).toBeGreaterThan(0);
    }

    const tenant = await asSystem(ctx.db.kysely, (tx) =>
      tx.selectFrom('tenants').select(['id', 'name']).executeTakeFirstOrThrow(),
    );
    expect(tenant).toEqual({ id: tenantId, name: 'Beispiel AG' });
    expect(await rowCounts()).toMatchObject({ tenants: 1, users: 1, departments: 4 });
  });

  it('a second set-up is refused with 409 already_initialized and changes nothing', async () => {
    const before = await rowCounts();
    for (const body of [
      setupBody(),
      setupBody({ adminEmail: 'mallory@example.de', adminPassword: 'mallory takes over now' }),
      setupBody({ setupCode: 'wrong-code', adminEmail: 'mallory@example.de' }),
    ]) {
      const res = await postSetup(body, '192.0.2.30');
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('already_initialized');
    }
    expect(await rowCounts()).toEqual(before);
    expect(await status()).toBe(true);
    expect((await login('mallory@example.de', 'mallory takes over now')).statusCode).toBe(401);
    expect((await login('erika@beispiel.de', 'ein sehr langes Passwort')).statusCode).toBe(200);
  });
});
