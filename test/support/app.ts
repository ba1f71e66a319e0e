import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { loadConfig, type RateLimitStore } from '../../src/config.ts';
import { asSystem } from '../../src/db/tenant.ts';
import type { Role } from '../../src/domain/permissions/roles.ts';
import { initInstallation } from '../../src/modules/setup/setup.service.ts';
import { createToken } from '../../src/modules/tokens/tokens.service.ts';
import { createUser } from '../../src/modules/users/users.service.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { createTestDatabase, type DatabaseKind } from './database.ts';

export const ADMIN_EMAIL = 'admin@example.de';
export const ADMIN_PASSWORD = 'correct horse battery staple';

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/**
 * The real HTTP app on a fresh database, set up with one tenant and its admin, driven through
 * `app.inject` (no mocks: real Fastify, real SQL, real row-level security).
 */
export const createTestApp = async (
  kind: DatabaseKind,
  options: {
    now?: () => Date;
    smtpUrl?: string;
    publicUrl?: string;
    /** CUSTOS_RATE_LIMIT_STORE; memory unless given (the test config has no DATABASE_URL) */
    rateLimitStore?: RateLimitStore;
  } = {},
) => {
  const { db, drop } = await createTestDatabase(kind);
  const config = loadConfig({
    CUSTOS_DATA_DIR: path.join(os.tmpdir(), `custos-test-${randomBytes(4).toString('hex')}`),
    SMTP_URL: options.smtpUrl,
    CUSTOS_PUBLIC_URL: options.publicUrl ?? 'http://custos.test',
    CUSTOS_SCHEDULER: '0',
    CUSTOS_RATE_LIMIT_STORE: options.rateLimitStore,
  });
  const ctx: AppContext = { db, config, masterKey: randomBytes(32), now: options.now ?? (() => new Date()) };
  const { tenantId, adminId } = await initInstallation(ctx, {
    organizationName: 'Muster GmbH',
    adminName: 'Admin',
    adminEmail: ADMIN_EMAIL,
    adminPassword: ADMIN_PASSWORD,
  });
  const app: FastifyInstance = await buildApp({ ctx, logger: false });
  const adminToken = (await createToken(ctx, { tenantId, userId: adminId, name: 'test' })).token;

  const departments = await asSystem(db.kysely, (tx) =>
    tx.selectFrom('departments').select(['id', 'name']).where('tenant_id', '=', tenantId).execute(),
  );
  const departmentId = (name: string) => {
    const d = departments.find((x) => x.name === name);
    if (!d) throw new Error(`no department ${name}`);
    return d.id;
  };

  let userCounter = 0;
  /** A user with this role and departments, and a bearer token acting for them. */
  const userWithToken = async ({
    role,
    departmentNames = [],
  }: {
    role: Role;
    departmentNames?: string[];
  }) => {
    userCounter += 1;
    const user = await createUser(ctx, {
      tenantId,
      input: {
        email: `${role}${userCounter}@example.de`,
        displayName: `${role} ${userCounter}`,
        password: ADMIN_PASSWORD,
        role,
        departmentIds: departmentNames.map(departmentId),
      },
    });
    const { token } = await createToken(ctx, { tenantId, userId: user.id, name: 'test' });
    return { user, token };
  };

  /** app.inject with a bearer token and JSON body. */
  const call = (token: string | null, options: InjectOptions & { body?: unknown }) =>
    app.inject({
      ...options,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...options.headers },
      ...(options.body !== undefined ? { payload: options.body as never } : {}),
    });

  return {
    app,
    ctx,
    db,
    tenantId,
    adminId,
    adminToken,
    departmentId,
    userWithToken,
    call,
    close: async () => {
      await app.close();
      await drop();
    },
  };
};

/** A valid person body with the mandatory privacy facts. */
export const personBody = (overrides: Record<string, unknown> = {}) => ({
  firstName: 'Anna',
  lastName: 'Müller',
  email: 'anna.mueller@example.de',
  phone: '+49 30 1234567',
  legalBasis: 'contract',
  purposes: ['sales', 'customer_service'],
  source: { kind: 'business_card', detail: 'Hannover Messe 2026' },
  ...overrides,
});
