import { authenticator } from 'otplib';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  createTestApp,
  personBody,
  type TestApp,
} from '../../../test/support/app.ts';
import { sessionCookieOf } from '../../../test/support/cookies.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';

/** The limit the login route reads at module load (README: CUSTOS_LOGIN_RATE_LIMIT, default 10). */
const LOGIN_LIMIT = Number(process.env.CUSTOS_LOGIN_RATE_LIMIT ?? 10);

/** A six-digit code that is none of the codes the server accepts now (it allows one step either side). */
const wrongCodeFor = (secret: string, now = Date.now()) => {
  const valid = new Set(
    [-2, -1, 0, 1, 2].map((step) => authenticator.clone({ epoch: now + step * 30_000 }).generate(secret)),
  );
  for (let n = 123_456; ; n = (n + 111_111) % 1_000_000) {
    const code = String(n).padStart(6, '0');
    if (!valid.has(code)) return code;
  }
};

describe.each(testDatabaseKinds())('auth API on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  const login = (email: string, password: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, headers });

  /** A request carrying the session cookie and, when given, the CSRF header. */
  const asSession = (
    cookie: string,
    csrf: string | null,
    options: { method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; url: string; body?: unknown },
  ) =>
    t.app.inject({
      method: options.method,
      url: options.url,
      headers: { cookie: `custos_session=${cookie}`, ...(csrf === null ? {} : { 'x-csrf-token': csrf }) },
      ...(options.body === undefined ? {} : { payload: options.body as object }),
    });

  /** Logs a fresh user of this role in; returns the cookie value and CSRF token. */
  const loggedInUser = async (role: 'admin' | 'sales' | 'readonly' = 'sales') => {
    const { user, token } = await t.userWithToken({ role, departmentNames: ['Vertrieb'] });
    const res = await login(user.email, ADMIN_PASSWORD);
    expect(res.statusCode).toBe(200);
    return { user, token, cookie: sessionCookieOf(res).value, csrf: res.json().csrfToken as string };
  };

  const countPersons = async () =>
    (await t.call(t.adminToken, { method: 'GET', url: '/api/v1/persons?pageSize=1' })).json().total as number;

  it('logs in with e-mail and password: an HttpOnly SameSite=Lax session cookie, not readable from the body', async () => {
    const res = await login(ADMIN_EMAIL.toUpperCase(), ADMIN_PASSWORD);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ status: 'ok', user: { email: ADMIN_EMAIL, role: 'admin' } });
    expect(body.csrfToken).toEqual(expect.any(String));
    const cookie = sessionCookieOf(res);
    expect(cookie.value.length).toBeGreaterThanOrEqual(32);
    expect(cookie.attributes.httponly).toBe(true);
    expect(String(cookie.attributes.samesite).toLowerCase()).toBe('lax');
    expect(cookie.attributes.path).toBe('/');
    // plain http://localhost by default: no Secure flag unless CUSTOS_SECURE_COOKIES=1
    expect(cookie.attributes.secure).toBeUndefined();
    // the session secret lives only in the HttpOnly cookie, never in what scripts can read
    expect(res.body).not.toContain(cookie.value);

    const session = await asSession(cookie.value, null, { method: 'GET', url: '/api/v1/auth/session' });
    expect(session.statusCode).toBe(200);
    expect(session.json()).toMatchObject({
      user: { email: ADMIN_EMAIL, role: 'admin', totpEnabled: false },
      csrfToken: body.csrfToken,
    });
  });

  it('answers a wrong password and an unknown e-mail identically with 401 invalid_credentials', async () => {
    for (const locale of ['en', 'de']) {
      const headers = { 'accept-language': locale };
      const wrongPassword = await login(ADMIN_EMAIL, 'not the right password', headers);
      const unknownEmail = await login('nobody@example.de', ADMIN_PASSWORD, headers);
      for (const res of [wrongPassword, unknownEmail]) {
        expect(res.statusCode).toBe(401);
        expect(res.json().code).toBe('invalid_credentials');
        expect(res.headers['set-cookie']).toBeUndefined();
      }
      expect(unknownEmail.json()).toEqual(wrongPassword.json());
    }
  });

  it('refuses a disabled user with 403 user_disabled and no session', async () => {
    const { user } = await t.userWithToken({ role: 'sales' });
    expect((await login(user.email, ADMIN_PASSWORD)).statusCode).toBe(200);
    const disable = await t.call(t.adminToken, {
      method: 'PATCH',
      url: `/api/v1/users/${user.id}`,
      body: { disabled: true },
    });
    expect(disable.statusCode).toBe(200);
    const res = await login(user.email, ADMIN_PASSWORD);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('user_disabled');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('the session endpoint needs a session and returns the user with departments and the CSRF token', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().code).toBe('unauthenticated');
    const forged = await asSession('not-a-session', null, { method: 'GET', url: '/api/v1/auth/session' });
    expect(forged.statusCode).toBe(401);

    const { user, cookie, csrf } = await loggedInUser('sales');
    const res = await asSession(cookie, null, { method: 'GET', url: '/api/v1/auth/session' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      user: {
        id: user.id,
        email: user.email,
        displayName: user.displayName,
        role: 'sales',
        locale: expect.any(String),
        departments: [{ id: t.departmentId('Vertrieb'), name: 'Vertrieb' }],
        totpEnabled: false,
      },
      csrfToken: csrf,
    });
  });

  it('cookie sessions need the CSRF token on state-changing requests; without or wrong, nothing changes', async () => {
    const { cookie, csrf } = await loggedInUser('sales');
    const before = await countPersons();
    for (const sent of [null, '', 'wrong-token', `${csrf}x`, csrf.slice(0, -1)]) {
      const res = await asSession(cookie, sent, {
        method: 'POST',
        url: '/api/v1/persons',
        body: personBody(),
      });
      expect(res.statusCode, `x-csrf-token ${JSON.stringify(sent)}`).toBe(403);
      expect(res.json().code).toBe('csrf_failed');
    }
    expect(await countPersons()).toBe(before);

    // the CSRF token of another session does not fit this one
    const other = await loggedInUser('sales');
    const foreign = await asSession(cookie, other.csrf, {
      method: 'POST',
      url: '/api/v1/persons',
      body: personBody(),
    });
    expect(foreign.statusCode).toBe(403);
    expect(await countPersons()).toBe(before);

    const ok = await asSession(cookie, csrf, { method: 'POST', url: '/api/v1/persons', body: personBody() });
    expect(ok.statusCode).toBe(201);
    expect(await countPersons()).toBe(before + 1);
    // safe methods need none
    const read = await asSession(cookie, null, { method: 'GET', url: `/api/v1/persons/${ok.json().id}` });
    expect(read.statusCode).toBe(200);
  });

  it('CSRF protects DELETE too: revoking a token by cookie without the header leaves it working', async () => {
    const { cookie, csrf } = await loggedInUser('sales');
    const created = await asSession(cookie, csrf, {
      method: 'POST',
      url: '/api/v1/tokens',
      body: { name: 'script' },
    });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json();
    const refused = await asSession(cookie, null, { method: 'DELETE', url: `/api/v1/tokens/${id}` });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('csrf_failed');
    expect((await t.call(token, { method: 'GET', url: '/api/v1/persons' })).statusCode).toBe(200);
  });

  it('bearer tokens need no CSRF token', async () => {
    const { token } = await t.userWithToken({ role: 'sales' });
    const res = await t.call(token, { method: 'POST', url: '/api/v1/persons', body: personBody() });
    expect(res.statusCode).toBe(201);
    const bad = await t.call('cst_not-a-real-token', { method: 'GET', url: '/api/v1/persons' });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().code).toBe('unauthenticated');
  });

  it('logout ends the session: the old cookie then gets 401', async () => {
    const { cookie, csrf } = await loggedInUser('sales');
    expect((await asSession(cookie, null, { method: 'GET', url: '/api/v1/persons' })).statusCode).toBe(200);
    const out = await asSession(cookie, csrf, { method: 'POST', url: '/api/v1/auth/logout' });
    expect(out.statusCode).toBe(204);
    const cleared = sessionCookieOf(out);
    expect(cleared.value).toBe('');
    for (const url of ['/api/v1/auth/session', '/api/v1/persons']) {
      const res = await asSession(cookie, csrf, { method: 'GET', url });
      expect(res.statusCode, url).toBe(401);
      expect(res.json().code).toBe('unauthenticated');
    }
  });

  it('TOTP: enrol, then log in in two steps with a fresh session; disabling needs a valid code', async () => {
    const { user, cookie, csrf } = await loggedInUser('sales');
    // the server's clock, advanced one TOTP step (30 s) per code, as a user's app shows a new code each time
    const realNow = t.ctx.now;
    let clock = Date.now();
    t.ctx.now = () => new Date(clock);
    onTestFinished(() => {
      t.ctx.now = realNow;
    });
    const nextCode = (secret: string) => {
      clock += 30_000;
      return authenticator.clone({ epoch: clock }).generate(secret);
    };

    const setup = await asSession(cookie, csrf, { method: 'POST', url: '/api/v1/auth/totp/setup' });
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUrl } = setup.json();
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(otpauthUrl).toContain(`secret=${secret}`);

    const notEnabledYet = await asSession(cookie, csrf, {
      method: 'POST',
      url: '/api/v1/auth/totp/enable',
      body: { code: wrongCodeFor(secret, clock) },
    });
    expect(notEnabledYet.statusCode).toBe(401);
    expect(notEnabledYet.json().code).toBe('invalid_mfa_code');
    // enrolment is not active until confirmed: the password alone still logs in
    expect((await login(user.email, ADMIN_PASSWORD)).json().status).toBe('ok');

    const enableCode = nextCode(secret);
    const enable = await asSession(cookie, csrf, {
      method: 'POST',
      url: '/api/v1/auth/totp/enable',
      body: { code: enableCode },
    });
    expect(enable.statusCode).toBe(200);
    expect(enable.json()).toEqual({ totpEnabled: true });

    // password step: only a half-open session
    const first = await login(user.email, ADMIN_PASSWORD);
    expect(first.statusCode).toBe(200);
    expect(first.json().status).toBe('mfa_required');
    expect(first.json().user).toBeUndefined();
    const halfCookie = sessionCookieOf(first).value;
    const halfCsrf: string = first.json().csrfToken;
    for (const url of ['/api/v1/persons', '/api/v1/auth/session']) {
      const res = await asSession(halfCookie, halfCsrf, { method: 'GET', url });
      expect(res.statusCode, url).toBe(401);
      expect(res.json().code).toBe('mfa_required');
    }
    const before = await countPersons();
    const write = await asSession(halfCookie, halfCsrf, {
      method: 'POST',
      url: '/api/v1/persons',
      body: personBody(),
    });
    expect(write.statusCode).toBe(401);
    expect(write.json().code).toBe('mfa_required');
    expect(await countPersons()).toBe(before);

    // a code that was used once is refused the second time (no replay of an observed code)
    const replay = await asSession(halfCookie, halfCsrf, {
      method: 'POST',
      url: '/api/v1/auth/mfa',
      body: { code: enableCode },
    });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('invalid_mfa_code');

    const wrong = await asSession(halfCookie, halfCsrf, {
      method: 'POST',
      url: '/api/v1/auth/mfa',
      body: { code: wrongCodeFor(secret, clock) },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('invalid_mfa_code');
    expect(wrong.headers['set-cookie']).toBeUndefined();

    const second = await asSession(halfCookie, halfCsrf, {
      method: 'POST',
      url: '/api/v1/auth/mfa',
      body: { code: nextCode(secret) },
    });
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ status: 'ok', user: { id: user.id, totpEnabled: true } });
    const fullCookie = sessionCookieOf(second).value;
    const fullCsrf: string = second.json().csrfToken;
    expect(fullCookie).not.toBe(halfCookie);
    expect(sessionCookieOf(second).attributes.httponly).toBe(true);

    // session fixation: the pre-MFA cookie is dead, it can neither read nor be upgraded again
    const oldRead = await asSession(halfCookie, halfCsrf, { method: 'GET', url: '/api/v1/persons' });
    expect(oldRead.statusCode).toBe(401);
    expect(oldRead.json().code).toBe('unauthenticated');
    const oldUpgrade = await asSession(halfCookie, halfCsrf, {
      method: 'POST',
      url: '/api/v1/auth/mfa',
      body: { code: nextCode(secret) },
    });
    expect(oldUpgrade.statusCode).toBe(401);
    expect(oldUpgrade.headers['set-cookie']).toBeUndefined();

    const full = await asSession(fullCookie, null, { method: 'GET', url: '/api/v1/auth/session' });
    expect(full.statusCode).toBe(200);
    expect(full.json()).toMatchObject({ user: { id: user.id, totpEnabled: true }, csrfToken: fullCsrf });
    expect((await asSession(fullCookie, null, { method: 'GET', url: '/api/v1/persons' })).statusCode).toBe(
      200,
    );

    // a second enrolment is refused while TOTP is on (it would replace the secret)
    const again = await asSession(fullCookie, fullCsrf, { method: 'POST', url: '/api/v1/auth/totp/setup' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('mfa_already_enabled');

    // switching off needs a valid code
    const noCode = await asSession(fullCookie, fullCsrf, {
      method: 'POST',
      url: '/api/v1/auth/totp/disable',
      body: { code: wrongCodeFor(secret, clock) },
    });
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().code).toBe('invalid_mfa_code');
    expect((await login(user.email, ADMIN_PASSWORD)).json().status).toBe('mfa_required');

    const off = await asSession(fullCookie, fullCsrf, {
      method: 'POST',
      url: '/api/v1/auth/totp/disable',
      body: { code: nextCode(secret) },
    });
    expect(off.statusCode).toBe(200);
    expect(off.json()).toEqual({ totpEnabled: false });
    const plain = await login(user.email, ADMIN_PASSWORD);
    expect(plain.json()).toMatchObject({ status: 'ok', user: { totpEnabled: false } });
  });

  it(`rate-limits logins per e-mail: after ${LOGIN_LIMIT} attempts the next gets 429 with retry-after`, async () => {
    const { user } = await t.userWithToken({ role: 'readonly' });
    for (let i = 0; i < LOGIN_LIMIT; i += 1) {
      const res = await login(user.email, `wrong password ${i}`);
      expect(res.statusCode, `attempt ${i + 1}`).toBe(401);
      expect(res.json().code).toBe('invalid_credentials');
    }
    // even the right password is refused now: guessing cannot continue
    const limited = await login(user.email, ADMIN_PASSWORD);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('rate_limited');
    expect(limited.json().message).toEqual(expect.any(String));
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.headers['set-cookie']).toBeUndefined();
    // the same e-mail in other letter case or padded with blanks is the same account, limited too
    expect((await login(user.email.toUpperCase(), ADMIN_PASSWORD)).statusCode).toBe(429);
    expect((await login(` ${user.email} `, ADMIN_PASSWORD)).statusCode).toBe(429);

    // other accounts are not locked out by someone guessing this one
    const other = await t.userWithToken({ role: 'readonly' });
    expect((await login(other.user.email, ADMIN_PASSWORD)).statusCode).toBe(200);
  });
});
