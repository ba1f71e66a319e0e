import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSystem } from '../src/db/tenant.ts';
import { AppError } from '../src/domain/errors.ts';
import { runScheduledSweeps, runSweep } from '../src/modules/retention/sweep.runner.ts';
import { period, plant, setSweepRules } from '../src/modules/retention/sweeps.fixtures.ts';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createTestApp, personBody, type TestApp } from './support/app.ts';
import { sessionCookieOf } from './support/cookies.ts';
import { testDatabaseKinds } from './support/database.ts';
import { createSecondInstance } from './support/instances.ts';

/** The limits the login route reads at module load (README: defaults 10 and 50). */
const LOGIN_LIMIT = Number(process.env.CUSTOS_LOGIN_RATE_LIMIT ?? 10);
const LOGIN_FAILURES = Number(process.env.CUSTOS_LOGIN_FAILURES_PER_ADDRESS ?? 50);

/**
 * Two server instances on one database (docs/scaling.md): the server keeps no session or data of
 * its own, so a load balancer may send any request to any instance, and the scheduled work takes a
 * database lock, so two instances never run the same sweep. On PostgreSQL the second instance has a
 * pool of its own, as a second process would; on PGlite (one process per database) it shares the
 * database object, which still shows that the app itself holds no session. The lock between
 * instances is PostgreSQL's advisory lock: those tests run on PostgreSQL only. Both instances count
 * the rate limits in the database (CUSTOS_RATE_LIMIT_STORE=database), so a client gets the limit once,
 * not once per instance.
 */
describe.each(testDatabaseKinds())('two server instances on one %s database', (kind) => {
  let clock = new Date('2026-03-02T09:00:00Z');
  const now = () => clock;
  let a: TestApp;
  let b: Awaited<ReturnType<typeof createSecondInstance>>;

  beforeAll(async () => {
    a = await createTestApp(kind, { now, rateLimitStore: 'database' });
    b = await createSecondInstance(a, { now });
  }, 120_000);
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  const withCookie = (cookie: string, csrf: string | null) => ({
    cookie: `custos_session=${cookie}`,
    ...(csrf === null ? {} : { 'x-csrf-token': csrf }),
  });

  it('a session from a login on A works on B, and a logout on B ends it on A', async () => {
    const login = await a.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
    });
    expect(login.statusCode).toBe(200);
    const cookie = sessionCookieOf(login).value;
    const csrf = login.json().csrfToken as string;

    const onB = await b.app.inject({
      method: 'GET',
      url: '/api/v1/auth/session',
      headers: withCookie(cookie, null),
    });
    expect(onB.statusCode).toBe(200);
    expect(onB.json()).toMatchObject({ user: { email: ADMIN_EMAIL }, csrfToken: csrf });

    // a write through B with the session and CSRF token A handed out
    const created = await b.app.inject({
      method: 'POST',
      url: '/api/v1/persons',
      headers: withCookie(cookie, csrf),
      payload: personBody({ lastName: 'Sitzung', email: 'sitzung@example.de' }),
    });
    expect(created.statusCode).toBe(201);
    const seenOnA = await a.app.inject({
      method: 'GET',
      url: `/api/v1/persons/${created.json().id}`,
      headers: withCookie(cookie, null),
    });
    expect(seenOnA.statusCode).toBe(200);
    expect(seenOnA.json().lastName).toBe('Sitzung');

    const logout = await b.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: withCookie(cookie, csrf),
    });
    expect(logout.statusCode).toBe(204);
    for (const instance of [a, b]) {
      const res = await instance.app.inject({
        method: 'GET',
        url: '/api/v1/auth/session',
        headers: withCookie(cookie, null),
      });
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('unauthenticated');
    }
  });

  it('a write on A is read on B, and a change on B is read on A', async () => {
    const created = await a.call(a.adminToken, {
      method: 'POST',
      url: '/api/v1/persons',
      body: personBody({ lastName: 'Verteilt', email: 'verteilt@example.de' }),
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;

    const read = await b.call(a.adminToken, { method: 'GET', url: `/api/v1/persons/${id}` });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ id, lastName: 'Verteilt', email: 'verteilt@example.de' });

    const tag = await b.call(a.adminToken, {
      method: 'POST',
      url: '/api/v1/tags',
      body: { name: 'Zweite Instanz' },
    });
    expect(tag.statusCode).toBe(201);
    const tags = await a.call(a.adminToken, { method: 'GET', url: '/api/v1/tags' });
    expect(tags.statusCode).toBe(200);
    expect(JSON.stringify(tags.json())).toContain('Zweite Instanz');
  });

  const login = (instance: { app: TestApp['app'] }, remoteAddress: string, email: string, password: string) =>
    instance.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password },
      remoteAddress,
    });

  it(`the login rate limit is shared: ${LOGIN_LIMIT} attempts on A and B together, then 429 on either`, async () => {
    expect(b.ctx.config.rateLimitStore).toBe('database');
    const statuses: number[] = [];
    for (let i = 0; i < LOGIN_LIMIT; i += 1) {
      const instance = i % 2 === 0 ? a : b;
      statuses.push((await login(instance, '198.51.100.21', ADMIN_EMAIL, `wrong ${i}`)).statusCode);
    }
    expect(statuses).toEqual(Array.from({ length: LOGIN_LIMIT }, () => 401));
    for (const instance of [a, b]) {
      const limited = await login(instance, '198.51.100.21', ADMIN_EMAIL, ADMIN_PASSWORD);
      expect(limited.statusCode).toBe(429);
      expect(limited.json().code).toBe('rate_limited');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    }
    // another address is not affected, on either instance
    expect((await login(b, '198.51.100.22', ADMIN_EMAIL, ADMIN_PASSWORD)).statusCode).toBe(200);
  });

  it(`failed logins per address are shared: ${LOGIN_FAILURES} on A and B over many e-mails, then 429 on either`, async () => {
    for (let i = 0; i < LOGIN_FAILURES; i += 1) {
      const res = await login(i % 2 === 0 ? a : b, '198.51.100.31', `spray${i}@example.de`, 'wrong password');
      expect(res.statusCode, `attempt ${i + 1}`).toBe(401);
    }
    for (const instance of [a, b]) {
      const limited = await login(instance, '198.51.100.31', ADMIN_EMAIL, ADMIN_PASSWORD);
      expect(limited.statusCode).toBe(429);
      expect(limited.json().code).toBe('rate_limited');
    }
    // the table holds keyed hashes only: neither the address nor an e-mail
    const stored = JSON.stringify(await a.db.kysely.selectFrom('rate_limits').selectAll().execute());
    expect(stored).not.toContain('198.51.100');
    expect(stored).not.toContain('example.de');
  });

  // PGlite has one process: its sweep lock is an in-process mutex (tested in sweep.runner.test.ts)
  if (kind === 'postgres') {
    const sweepsOfTenant = () =>
      asSystem(a.db.kysely, (tx) =>
        tx
          .selectFrom('retention_sweeps')
          .select(['id', 'status', 'started_at'])
          .where('tenant_id', '=', a.tenantId)
          .orderBy('started_at')
          .execute(),
      );
    const interactionCount = async () =>
      (
        await asSystem(a.db.kysely, (tx) =>
          tx
            .selectFrom('interactions')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('tenant_id', '=', a.tenantId)
            .executeTakeFirstOrThrow(),
        )
      ).n;
    const plantDue = async (n: number, occurredAt: string) => {
      const personId = (
        await a.call(a.adminToken, {
          method: 'POST',
          url: '/api/v1/persons',
          body: personBody({
            lastName: `Alt ${occurredAt}`,
            email: `alt-${n}-${occurredAt.slice(0, 10)}@example.de`,
          }),
        })
      ).json().id as string;
      for (let i = 0; i < n; i++) await plant.interaction(a.db, a.tenantId, { personId, occurredAt });
    };

    it('a sweep running on A holds the lock: a sweep on B is refused meanwhile, then A finishes alone', async () => {
      // interactions are deleted one year after they happened; nothing else is swept
      await setSweepRules(a.db, a.tenantId, [{ target: 'interactions', period: period(1, false) }]);
      await plantDue(25, '2025-01-15T12:00:00Z');
      const before = (await sweepsOfTenant()).length;
      let refusedOnB: unknown = null;
      let batches = 0;
      const done = await runSweep(a.ctx, {
        tenantId: a.tenantId,
        trigger: 'cli',
        startedBy: null,
        batchSize: 10,
        // after A's first batch, while A still holds the lock, instance B tries the same tenant
        afterBatch: async () => {
          batches += 1;
          if (batches !== 1) return;
          refusedOnB = await runSweep(b.ctx, {
            tenantId: a.tenantId,
            trigger: 'manual',
            startedBy: null,
          }).then(
            () => 'ran',
            (error: unknown) => error,
          );
        },
      });
      expect(refusedOnB).toBeInstanceOf(AppError);
      expect((refusedOnB as AppError).code).toBe('retention_sweep_running');
      expect(done).toMatchObject({ status: 'completed', counts: { t_interactions: { deleted: 25 } } });
      expect(await interactionCount()).toBe(0);
      expect((await sweepsOfTenant()).length).toBe(before + 1);

      // the lock went with A's sweep: B sweeps now
      await plantDue(2, '2025-01-16T12:00:00Z');
      const onB = await runSweep(b.ctx, { tenantId: a.tenantId, trigger: 'manual', startedBy: null });
      expect(onB).toMatchObject({ status: 'completed', counts: { t_interactions: { deleted: 2 } } });
    });

    it("both instances' schedulers ticking at once start one daily sweep, not two", async () => {
      await plantDue(4, '2025-02-01T12:00:00Z');
      clock = new Date('2026-03-10T02:30:00Z'); // 03:30 in Berlin: the daily sweep is due
      const before = (await sweepsOfTenant()).length;
      const [onA, onB] = await Promise.all([runScheduledSweeps(a.ctx), runScheduledSweeps(b.ctx)]);
      // one of them ran it; the other found the lock taken or the day's sweep already started
      expect([...onA, ...onB]).toHaveLength(1);
      expect([...onA, ...onB][0]).toMatchObject({ status: 'completed', trigger: 'scheduler' });
      expect((await sweepsOfTenant()).length).toBe(before + 1);
      expect(await interactionCount()).toBe(0);
      // a later tick the same day starts nothing on either instance
      clock = new Date('2026-03-10T09:00:00Z');
      expect([...(await runScheduledSweeps(a.ctx)), ...(await runScheduledSweeps(b.ctx))]).toEqual([]);
    });
  }
});
