import { randomBytes } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKinds } from '../../../test/support/database.ts';
import { type Database, openDatabase } from '../../db/database.ts';
import { AppError } from '../../domain/errors.ts';
import { handleError, isDatabaseUnavailable } from '../../server/errors.ts';
import { databaseCounter, expiredCounterPurge, rateLimitKeyHash } from './rate-limits.counters.ts';
import { purgeExpiredRateLimits } from './rate-limits.repository.ts';
import { databaseRateLimitStore } from './rate-limits.store.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const noPurge = async () => {};

/** A small app with the plugin registered as src/server/app.ts does, on the database store. */
const appWithStore = async (db: Database, secret: Buffer) => {
  const app = Fastify();
  app.setErrorHandler(handleError);
  await app.register(rateLimit, {
    global: false,
    store: databaseRateLimitStore({ db: db.kysely, secret }),
    errorResponseBuilder: (_req, context) =>
      new AppError('rate_limited', { params: { retryAfter: Math.ceil(context.ttl / 1000) } }),
  });
  for (const url of ['/a', '/b'])
    app.get(url, { config: { rateLimit: { max: 2, timeWindow: '1 minute' } } }, async () => ({ ok: true }));
  await app.ready();
  return app;
};

describe.each(testDatabaseKinds())('the database rate-limit store on %s', (kind) => {
  let db: Database;
  let drop: () => Promise<void>;
  const secret = randomBytes(32);
  const counter = (namespace: string) =>
    databaseCounter({ db: db.kysely, secret, namespace, purge: noPurge });
  const rows = () =>
    db.kysely
      .selectFrom('rate_limits')
      .select(['key_hash', 'hits', 'expires_at'])
      .orderBy('key_hash')
      .execute();

  beforeAll(async () => {
    ({ db, drop } = await createTestDatabase(kind));
  }, 120_000);
  afterAll(async () => {
    await drop?.();
  });

  it('counts the hits of a key within its window; other keys and namespaces count apart; a read counts nothing', async () => {
    const login = counter('POST /api/v1/auth/login');
    const first = await login.hit('198.51.100.1|anna@example.de', 60_000);
    expect(first.hits).toBe(1);
    expect(first.ttlMs).toBeGreaterThan(58_000);
    expect(first.ttlMs).toBeLessThanOrEqual(60_000);
    expect((await login.hit('198.51.100.1|anna@example.de', 60_000)).hits).toBe(2);
    const third = await login.hit('198.51.100.1|anna@example.de', 60_000);
    expect(third.hits).toBe(3);
    // the window stays where the first hit put it
    expect(third.ttlMs).toBeLessThanOrEqual(first.ttlMs);
    expect(await login.read('198.51.100.1|anna@example.de')).toMatchObject({ hits: 3 });
    expect((await login.read('198.51.100.1|anna@example.de')).hits).toBe(3);
    expect((await login.hit('198.51.100.1|bert@example.de', 60_000)).hits).toBe(1);
    expect(
      (await counter('POST /api/v1/portal/login').hit('198.51.100.1|anna@example.de', 60_000)).hits,
    ).toBe(1);
    expect(await login.read('203.0.113.9|nobody@example.de')).toEqual({ hits: 0, ttlMs: 0 });
  });

  it('starts a new window once the old one has passed', async () => {
    const c = counter('GET /reset');
    expect((await c.hit('198.51.100.2', 300)).hits).toBe(1);
    expect((await c.hit('198.51.100.2', 300)).hits).toBe(2);
    await sleep(400);
    expect(await c.read('198.51.100.2')).toEqual({ hits: 0, ttlMs: 0 });
    const restarted = await c.hit('198.51.100.2', 60_000);
    expect(restarted.hits).toBe(1);
    expect(restarted.ttlMs).toBeGreaterThan(58_000);
  });

  it('counts concurrent hits exactly: each hit sees its own count', async () => {
    const c = counter('POST /concurrent');
    const counts = await Promise.all(Array.from({ length: 12 }, () => c.hit('198.51.100.3', 60_000)));
    expect(counts.map((x) => x.hits).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
  });

  it('stores a keyed hash of route and key, never the address or the e-mail', async () => {
    const key = '192.0.2.77|carla.geheim@example.de';
    await counter('POST /api/v1/auth/login').hit(key, 60_000);
    const dump = JSON.stringify(await rows());
    expect(dump).not.toContain('192.0.2.77');
    expect(dump).not.toContain('carla.geheim');
    const expected = rateLimitKeyHash({ secret, namespace: 'POST /api/v1/auth/login', key });
    expect((await rows()).map((r) => r.key_hash)).toContain(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
    // keyed: another secret (another installation's master key) gives another hash
    expect(rateLimitKeyHash({ secret: randomBytes(32), namespace: 'POST /api/v1/auth/login', key })).not.toBe(
      expected,
    );
  });

  it('deletes expired counters in bounded batches and keeps the live ones', async () => {
    await db.kysely.deleteFrom('rate_limits').execute();
    const c = counter('GET /purge');
    for (let i = 0; i < 5; i++) await c.hit(`198.51.100.${10 + i}`, 100);
    await c.hit('198.51.100.99', 60_000);
    await sleep(200);
    expect(await purgeExpiredRateLimits(db.kysely, { limit: 3 })).toBe(3);
    expect(await rows()).toHaveLength(3);
    expect(await purgeExpiredRateLimits(db.kysely, { limit: 3 })).toBe(2);
    expect(await rows()).toHaveLength(1);
    expect((await c.read('198.51.100.99')).hits).toBe(1);

    // the store purges by itself, at most once per interval
    let clock = 0;
    const purge = expiredCounterPurge({ db: db.kysely, everyMs: 1000, now: () => clock });
    const purging = databaseCounter({ db: db.kysely, secret, namespace: 'GET /purge', purge });
    await purging.hit('198.51.100.20', 100);
    await sleep(200);
    await purging.hit('198.51.100.21', 100); // before the interval: no purge
    expect(await rows()).toHaveLength(3);
    await sleep(200);
    clock = 1000;
    await purging.hit('198.51.100.99', 60_000);
    expect((await rows()).map((r) => r.hits)).toEqual([2]);
  });

  it('limits a route through @fastify/rate-limit: 429 after the maximum, each route counted apart', async () => {
    const app = await appWithStore(db, secret);
    try {
      const get = (url: string) => app.inject({ method: 'GET', url, remoteAddress: '198.51.100.50' });
      expect((await get('/a')).statusCode).toBe(200);
      const second = await get('/a');
      expect(second.statusCode).toBe(200);
      expect(second.headers['x-ratelimit-remaining']).toBe('0');
      const refused = await get('/a');
      expect(refused.statusCode).toBe(429);
      expect(refused.json().code).toBe('rate_limited');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(50);
      expect((await get('/b')).statusCode).toBe(200);
      // a second app on the same database (another instance) sees the same count
      const other = await appWithStore(db, secret);
      try {
        const onOther = await other.inject({ method: 'GET', url: '/a', remoteAddress: '198.51.100.50' });
        expect(onOther.statusCode).toBe(429);
      } finally {
        await other.close();
      }
    } finally {
      await app.close();
    }
  });
});

describe('the database rate-limit store without a database', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({ url: 'postgres://postgres@127.0.0.1:1/none', poolSize: 1 });
  });
  afterAll(async () => {
    await db.close();
  });

  it('fails the hit, and the request gets 503 service_unavailable, neither 500 nor a pass', async () => {
    const c = databaseCounter({ db: db.kysely, secret: randomBytes(32), namespace: 'x', purge: noPurge });
    const error = await c.hit('198.51.100.60', 60_000).then(
      () => null,
      (e: Error) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect(isDatabaseUnavailable(error as Error)).toBe(true);

    const app = await appWithStore(db, randomBytes(32));
    try {
      const res = await app.inject({ method: 'GET', url: '/a', remoteAddress: '198.51.100.60' });
      expect(res.statusCode).toBe(503);
      expect(res.json().code).toBe('service_unavailable');
    } finally {
      await app.close();
    }
  });
});
