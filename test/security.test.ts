import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { initInstallation } from '../src/modules/setup/setup.service.ts';
import { buildApp } from '../src/server/app.ts';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createTestApp, personBody, type TestApp } from './support/app.ts';
import { parseSetCookies, sessionCookieOf } from './support/cookies.ts';
import { createTestDatabase, testDatabaseKinds } from './support/database.ts';

/** The limit the login route reads at module load (CUSTOS_LOGIN_FAILURES_PER_ADDRESS, default 50). */
const LOGIN_FAILURES = Number(process.env.CUSTOS_LOGIN_FAILURES_PER_ADDRESS ?? 50);

/**
 * Cross-cutting attack checks of issue 9 that no module test covers: security headers on every kind
 * of answer, session fixation, cookie flags behind HTTPS, CSRF by the request types a foreign page
 * can send without JavaScript, rate limits on public endpoints and body size limits. (Login rate
 * limit, the CSRF header on JSON requests, formula escaping of each CSV export and the upload limits
 * of imports and photos are tested beside their routes.)
 */
describe.each(testDatabaseKinds())('security controls on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  const login = (headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
      headers,
    });
  const sessionOf = async () => {
    const res = await login();
    expect(res.statusCode).toBe(200);
    return { cookie: sessionCookieOf(res).value, csrf: res.json().csrfToken as string };
  };
  const whoAmI = (cookie: string) =>
    t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/session',
      headers: { cookie: `custos_session=${cookie}` },
    });
  const countPersons = async () =>
    (await t.call(t.adminToken, { method: 'GET', url: '/api/v1/persons?pageSize=1' })).json().total as number;

  describe('security headers', () => {
    const answers = () =>
      [
        ['an API answer', t.call(t.adminToken, { method: 'GET', url: '/api/v1/persons' }), 200],
        ['a refused API call', t.app.inject({ method: 'GET', url: '/api/v1/persons' }), 401],
        ['an unknown API route', t.call(t.adminToken, { method: 'GET', url: '/api/v1/no-such-route' }), 404],
        ['the health check', t.app.inject({ method: 'GET', url: '/healthz' }), 200],
        [
          'a public endpoint',
          t.app.inject({ method: 'GET', url: `/api/v1/public/forms/${randomBytes(8).toString('hex')}` }),
          422,
        ],
      ] as const;

    it('every answer has CSP with frame-ancestors none, nosniff, DENY framing, no referrer, no X-Powered-By', async () => {
      for (const [name, pending, status] of answers()) {
        const res = await pending;
        expect(res.statusCode, name).toBe(status);
        const csp = String(res.headers['content-security-policy']);
        expect(csp, name).toContain("default-src 'self'");
        expect(csp, name).toContain("script-src 'self'");
        expect(csp, name).toContain("frame-ancestors 'none'");
        expect(csp, name).toContain("object-src 'none'");
        expect(csp, name).toContain("base-uri 'self'");
        expect(csp, name).not.toContain('unsafe-eval');
        expect(csp.match(/script-src [^;]*/)?.[0], name).not.toContain('unsafe-inline');
        expect(res.headers['x-content-type-options'], name).toBe('nosniff');
        expect(res.headers['x-frame-options'], name).toBe('DENY');
        expect(res.headers['referrer-policy'], name).toBe('no-referrer');
        expect(res.headers['cross-origin-opener-policy'], name).toBe('same-origin');
        expect(res.headers['x-powered-by'], name).toBeUndefined();
        expect(res.headers.server, name).toBeUndefined();
        // plain HTTP by default: HSTS only behind HTTPS (CUSTOS_SECURE_COOKIES=1, tested below)
        expect(res.headers['strict-transport-security'], name).toBeUndefined();
      }
    });

    it('API answers are not stored by browsers or proxies (Cache-Control: no-store)', async () => {
      for (const [name, pending] of answers()) {
        if (name === 'the health check') continue;
        const res = await pending;
        expect(res.headers['cache-control'], name).toContain('no-store');
      }
      // a download that sets its own caching keeps it
      const healthz = await t.app.inject({ method: 'GET', url: '/healthz' });
      expect(healthz.headers['cache-control']).toBeUndefined();
    });

    it('CORS: no Access-Control-Allow-Origin for a foreign origin, not even on a preflight', async () => {
      const evil = { origin: 'https://evil.example' };
      const get = await t.call(t.adminToken, { method: 'GET', url: '/api/v1/persons', headers: evil });
      expect(get.headers['access-control-allow-origin']).toBeUndefined();
      expect(get.headers['access-control-allow-credentials']).toBeUndefined();
      const preflight = await t.app.inject({
        method: 'OPTIONS',
        url: '/api/v1/persons',
        headers: {
          ...evil,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'x-csrf-token',
        },
      });
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      expect(preflight.headers['access-control-allow-headers']).toBeUndefined();
    });
  });

  describe('session fixation', () => {
    it('a session id planted before login is ignored: login issues a new one and the planted one stays invalid', async () => {
      const planted = randomBytes(32).toString('base64url');
      const res = await login({ cookie: `custos_session=${planted}` });
      expect(res.statusCode).toBe(200);
      const issued = sessionCookieOf(res).value;
      expect(issued).not.toBe(planted);
      expect((await whoAmI(issued)).statusCode).toBe(200);
      const stillPlanted = await whoAmI(planted);
      expect(stillPlanted.statusCode).toBe(401);
      expect(stillPlanted.json().code).toBe('unauthenticated');
    });

    it('logging in while holding a valid session issues a different session id and CSRF token', async () => {
      const first = await sessionOf();
      const again = await login({ cookie: `custos_session=${first.cookie}`, 'x-csrf-token': first.csrf });
      expect(again.statusCode).toBe(200);
      const second = sessionCookieOf(again).value;
      expect(second).not.toBe(first.cookie);
      expect(again.json().csrfToken).not.toBe(first.csrf);
      // the new session's CSRF token is bound to it: the old session cannot use it
      const crossed = await t.app.inject({
        method: 'POST',
        url: '/api/v1/persons',
        headers: { cookie: `custos_session=${first.cookie}`, 'x-csrf-token': again.json().csrfToken },
        payload: personBody({ email: 'crossed@example.de' }),
      });
      expect(crossed.statusCode).toBe(403);
      expect(crossed.json().code).toBe('csrf_failed');
    });

    it('session ids come from a CSPRNG: 256 bits, no two alike', async () => {
      const ids = new Set<string>();
      for (let i = 0; i < 5; i += 1) ids.add((await sessionOf()).cookie);
      expect(ids.size).toBe(5);
      for (const id of ids) expect(Buffer.from(id, 'base64url').length).toBeGreaterThanOrEqual(32);
    });
  });

  describe('CSRF', () => {
    // What a foreign page can send with the victim's cookie and without JavaScript: HTML form posts
    // (urlencoded, text/plain, multipart). None of them can carry the x-csrf-token header.
    const forms = [
      ['application/x-www-form-urlencoded', 'firstName=Eve&lastName=Evil'],
      ['text/plain', JSON.stringify(personBody({ email: 'csrf-plain@example.de' }))],
      [
        'multipart/form-data; boundary=X',
        '--X\r\nContent-Disposition: form-data; name="firstName"\r\n\r\nEve\r\n--X--\r\n',
      ],
      ['application/json', JSON.stringify(personBody({ email: 'csrf-json@example.de' }))],
    ] as const;

    it('a cookie-authenticated form post from a foreign page is refused with 403 csrf_failed and creates nothing', async () => {
      const { cookie } = await sessionOf();
      const before = await countPersons();
      for (const [type, payload] of forms) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/v1/persons',
          headers: {
            cookie: `custos_session=${cookie}`,
            'content-type': type,
            origin: 'https://evil.example',
          },
          payload,
        });
        expect(res.statusCode, type).toBe(403);
        expect(res.json().code, type).toBe('csrf_failed');
      }
      expect(await countPersons()).toBe(before);
    });

    it('PATCH by cookie without the token changes nothing; with it, the change goes through', async () => {
      const created = await t.call(t.adminToken, {
        method: 'POST',
        url: '/api/v1/persons',
        body: personBody({ email: 'csrf-patch@example.de' }),
      });
      expect(created.statusCode).toBe(201);
      const { id, version } = created.json();
      const { cookie, csrf } = await sessionOf();
      const patch = (headers: Record<string, string>) =>
        t.app.inject({
          method: 'PATCH',
          url: `/api/v1/persons/${id}`,
          headers: { cookie: `custos_session=${cookie}`, ...headers },
          payload: { version, firstName: 'Eve' },
        });
      const refused = await patch({});
      expect(refused.statusCode).toBe(403);
      expect(refused.json().code).toBe('csrf_failed');
      const wrong = await patch({ 'x-csrf-token': `${csrf.slice(0, -2)}xx` });
      expect(wrong.statusCode).toBe(403);
      const unchanged = await t.call(t.adminToken, { method: 'GET', url: `/api/v1/persons/${id}` });
      expect(unchanged.json()).toMatchObject({ firstName: 'Anna', version });
      const accepted = await patch({ 'x-csrf-token': csrf });
      expect(accepted.statusCode).toBe(200);
      expect(accepted.json().firstName).toBe('Eve');
    });
  });

  describe('rate limits of public endpoints', () => {
    it(`login: ${LOGIN_FAILURES} failures a minute per address over any e-mails, then 429 even for the right password`, async () => {
      const attempt = (remoteAddress: string, email: string, password = 'wrong password') =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email, password },
          remoteAddress,
        });
      // one address spraying one password over many accounts (each e-mail stays under its own limit)
      for (let i = 0; i < LOGIN_FAILURES; i += 1) {
        const res = await attempt('203.0.113.50', `spray${i}@example.de`);
        expect(res.statusCode, `attempt ${i + 1}`).toBe(401);
      }
      const limited = await attempt('203.0.113.50', ADMIN_EMAIL, ADMIN_PASSWORD);
      expect(limited.statusCode).toBe(429);
      expect(limited.json()).toMatchObject({ code: 'rate_limited', message: expect.any(String) });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.headers['set-cookie']).toBeUndefined();
      // another address logs in
      expect((await attempt('203.0.113.51', ADMIN_EMAIL, ADMIN_PASSWORD)).statusCode).toBe(200);
      // successful logins do not count: colleagues behind one address are not locked out
      for (let i = 0; i < 3; i += 1)
        expect((await attempt('203.0.113.52', ADMIN_EMAIL, ADMIN_PASSWORD)).statusCode).toBe(200);
      for (let i = 0; i < LOGIN_FAILURES - 1; i += 1)
        expect((await attempt('203.0.113.52', `typo${i}@example.de`)).statusCode).toBe(401);
      expect((await attempt('203.0.113.52', ADMIN_EMAIL, ADMIN_PASSWORD)).statusCode).toBe(200);
    });

    it('tracked campaign links: 60 a minute per address, then 429 rate_limited as JSON with retry-after', async () => {
      const hit = () =>
        t.app.inject({ method: 'GET', url: '/api/v1/public/c/no-such-token', remoteAddress: '203.0.113.77' });
      const statuses: number[] = [];
      for (let i = 0; i < 60; i += 1) statuses.push((await hit()).statusCode);
      expect(statuses.every((s) => s !== 429)).toBe(true);
      const limited = await hit();
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['content-type']).toContain('application/json');
      expect(limited.json()).toMatchObject({ code: 'rate_limited', message: expect.any(String) });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      // another address is not affected
      const other = await t.app.inject({
        method: 'GET',
        url: '/api/v1/public/c/no-such-token',
        remoteAddress: '203.0.113.78',
      });
      expect(other.statusCode).not.toBe(429);
    });

    it('X-Forwarded-For does not reset the limit when no proxy is trusted', async () => {
      const hit = (i: number) =>
        t.app.inject({
          method: 'GET',
          url: '/api/v1/public/c/other-token',
          remoteAddress: '203.0.113.90',
          headers: { 'x-forwarded-for': `198.51.100.${i % 250}` },
        });
      for (let i = 0; i < 60; i += 1) await hit(i);
      expect((await hit(61)).statusCode).toBe(429);
    });
  });

  describe('input the database cannot store', () => {
    it('a NUL character in a query, a JSON value or a JSON key is 422 validation_failed, not a 500', async () => {
      const before = await countPersons();
      const answers = [
        await t.call(t.adminToken, { method: 'GET', url: '/api/v1/persons?q=%2Fe%00' }),
        await t.call(t.adminToken, {
          method: 'GET',
          url: '/api/v1/organizations?q=https%3A%2F%2Fx.example%2Fe.php%00',
        }),
        await t.call(t.adminToken, {
          method: 'POST',
          url: '/api/v1/persons',
          body: personBody({ lastName: 'Mül\u0000ler', email: 'nul@example.de' }),
        }),
        await t.call(t.adminToken, {
          method: 'POST',
          url: '/api/v1/persons',
          body: { ...personBody({ email: 'nul-key@example.de' }), 'first\u0000Name': 'x' },
        }),
      ];
      for (const res of answers) {
        expect(res.statusCode, res.body).toBe(422);
        expect(res.json().code).toBe('validation_failed');
        expect(res.body).not.toContain('\\u0000');
      }
      expect(answers[0]!.json().details).toEqual([
        { path: 'q', code: 'custom', message: expect.any(String) },
      ]);
      expect(answers[2]!.json().details[0].path).toBe('lastName');
      expect(answers[3]!.json().details[0].path).toBe('');
      expect(await countPersons()).toBe(before);
      // the same search without the NUL works
      expect((await t.call(t.adminToken, { method: 'GET', url: '/api/v1/persons?q=%2Fe' })).statusCode).toBe(
        200,
      );
    });
  });

  describe('body size limits', () => {
    it('a JSON body over 1 MiB is refused with 413 payload_too_large as JSON and nothing is stored', async () => {
      const before = await countPersons();
      const res = await t.call(t.adminToken, {
        method: 'POST',
        url: '/api/v1/persons',
        body: personBody({ email: 'big@example.de', notes: 'x'.repeat(1024 * 1024 + 10) }),
      });
      expect(res.statusCode).toBe(413);
      expect(res.headers['content-type']).toContain('application/json');
      expect(res.json()).toMatchObject({ code: 'payload_too_large', message: expect.any(String) });
      expect(await countPersons()).toBe(before);
    });

    it('a public sign-up form post over 16 KiB is refused with 413 as JSON, before any lookup', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/public/forms/${randomBytes(16).toString('hex')}/signups`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `email=a%40example.de&firstName=${'x'.repeat(17 * 1024)}`,
        remoteAddress: '203.0.113.120',
      });
      expect(res.statusCode).toBe(413);
      expect(res.json().code).toBe('payload_too_large');
    });
  });
});

describe.each(testDatabaseKinds())('behind HTTPS (CUSTOS_SECURE_COOKIES=1) on %s', (kind) => {
  let app: FastifyInstance;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const database = await createTestDatabase(kind);
    drop = database.drop;
    const config = loadConfig({
      CUSTOS_DATA_DIR: path.join(os.tmpdir(), `custos-test-${randomBytes(4).toString('hex')}`),
      CUSTOS_PUBLIC_URL: 'https://custos.test',
      CUSTOS_SCHEDULER: '0',
      CUSTOS_SECURE_COOKIES: '1',
    });
    const ctx = { db: database.db, config, masterKey: randomBytes(32), now: () => new Date() };
    await initInstallation(ctx, {
      organizationName: 'Muster GmbH',
      adminName: 'Admin',
      adminEmail: ADMIN_EMAIL,
      adminPassword: ADMIN_PASSWORD,
    });
    app = await buildApp({ ctx, logger: false });
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('the session cookie is Secure, HttpOnly, SameSite=Lax, Path=/ and logout clears it the same way', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const cookie = sessionCookieOf(res);
    expect(cookie.attributes.secure).toBe(true);
    expect(cookie.attributes.httponly).toBe(true);
    expect(String(cookie.attributes.samesite).toLowerCase()).toBe('lax');
    expect(cookie.attributes.path).toBe('/');
    expect(cookie.attributes.domain).toBeUndefined();

    const out = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: `custos_session=${cookie.value}`, 'x-csrf-token': res.json().csrfToken },
    });
    expect(out.statusCode).toBe(204);
    const cleared = parseSetCookies(out).find((c) => c.name === 'custos_session');
    expect(cleared?.value).toBe('');
    expect(cleared?.attributes.path).toBe('/');
    expect(cleared?.attributes.secure).toBe(true);
    expect(cleared?.attributes.httponly).toBe(true);
  });

  it('answers carry HSTS for at least a year with subdomains', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    const hsts = String(res.headers['strict-transport-security']);
    expect(Number(/max-age=(\d+)/.exec(hsts)?.[1])).toBeGreaterThanOrEqual(365 * 24 * 3600);
    expect(hsts).toContain('includeSubDomains');
  });
});
