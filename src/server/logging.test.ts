import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  createTestApp,
  personBody,
  type TestApp,
} from '../../test/support/app.ts';
import { sessionCookieOf } from '../../test/support/cookies.ts';
import { testDatabaseKinds } from '../../test/support/database.ts';
import { buildApp } from './app.ts';

/** Values that would identify the person; none may reach the logs. */
const PERSON = {
  firstName: 'Xylophonia',
  lastName: 'Quetzalbrunn',
  email: 'xylo.quetzal@leak-probe.example',
  phone: '+49 171 9876543',
  street: 'Zwetschgenallee 77',
  notes: 'Geheimnotiz-Kfz-4711',
};

type LogLine = {
  level: number;
  msg: string;
  reqId?: string;
  req?: { method?: string; route?: string };
  res?: { statusCode?: number };
};

describe.each(testDatabaseKinds())('request logging on %s', (kind) => {
  let t: TestApp;
  let app: FastifyInstance;
  let output = '';

  beforeAll(async () => {
    t = await createTestApp(kind);
    const logStream = new Writable({
      write(chunk, _encoding, done) {
        output += chunk.toString();
        done();
      },
    });
    // the real logger configuration of the server, writing into `output`
    app = await buildApp({ ctx: { ...t.ctx, config: { ...t.ctx.config, logLevel: 'info' } }, logStream });
  });
  afterAll(async () => {
    await app?.close();
    await t.close();
  });

  it('logs method, route pattern and status of each request, and no personal data, token or cookie', async () => {
    const bearer = { authorization: `Bearer ${t.adminToken}` };

    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
    });
    expect(login.statusCode).toBe(200);
    const sessionCookie = sessionCookieOf(login).value;
    const csrfToken: string = login.json().csrfToken;
    const cookieHeaders = { cookie: `custos_session=${sessionCookie}`, 'x-csrf-token': csrfToken };

    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/persons',
      headers: bearer,
      payload: personBody({
        firstName: PERSON.firstName,
        lastName: PERSON.lastName,
        email: PERSON.email,
        phone: PERSON.phone,
        notes: PERSON.notes,
        address: { street: PERSON.street, postalCode: '10115', city: 'Berlin', country: 'DE' },
      }),
    });
    expect(created.statusCode).toBe(201);
    const id: string = created.json().id;

    const searches = [PERSON.lastName, PERSON.email, PERSON.phone];
    for (const q of searches) {
      const found = await app.inject({
        method: 'GET',
        url: `/api/v1/persons?q=${encodeURIComponent(q)}`,
        headers: cookieHeaders,
      });
      expect(found.statusCode).toBe(200);
      expect(found.json().items.map((p: { id: string }) => p.id)).toContain(id);
    }
    const read = await app.inject({ method: 'GET', url: `/api/v1/persons/${id}`, headers: bearer });
    expect(read.statusCode).toBe(200);
    expect(read.json().email).toBe(PERSON.email);

    // a validation error that echoes nothing of the input into the log
    const invalid = await app.inject({
      method: 'POST',
      url: '/api/v1/persons',
      headers: cookieHeaders,
      payload: personBody({ firstName: PERSON.firstName, email: `${PERSON.lastName}-not-an-email` }),
    });
    expect(invalid.statusCode).toBe(422);
    // 404 for an unknown person, and for an unknown route that has personal data in its path
    const missing = await app.inject({
      method: 'GET',
      url: '/api/v1/persons/00000000-0000-4000-8000-000000000000',
      headers: bearer,
    });
    expect(missing.statusCode).toBe(404);
    const noRoute = await app.inject({
      method: 'GET',
      url: `/api/v1/lookup/${encodeURIComponent(PERSON.email)}?phone=${encodeURIComponent(PERSON.phone)}`,
      headers: bearer,
    });
    expect(noRoute.statusCode).toBe(404);
    // a failed login names an e-mail: not logged either
    const failedLogin = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: PERSON.email, password: 'Quetzalbrunn-Passwort' },
    });
    expect(failedLogin.statusCode).toBe(401);

    const secrets = [
      ...Object.values(PERSON),
      PERSON.email.split('@')[0]!,
      encodeURIComponent(PERSON.email),
      encodeURIComponent(PERSON.phone),
      '9876543',
      t.adminToken,
      t.adminToken.slice(4),
      sessionCookie,
      csrfToken,
      ADMIN_PASSWORD,
      'Quetzalbrunn-Passwort',
    ];
    expect(output.length).toBeGreaterThan(0);
    for (const secret of secrets) {
      expect(output.includes(secret), `the log contains ${JSON.stringify(secret)}`).toBe(false);
      expect(output.toLowerCase().includes(secret.toLowerCase()), `the log contains ${secret}`).toBe(false);
    }

    const lines = output
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as LogLine);
    /** method, route and status of every request, joined over the request id. */
    const requests = lines
      .filter((l) => l.req)
      .map((l) => ({
        method: l.req?.method,
        route: l.req?.route,
        status: lines.find((c) => c.reqId === l.reqId && c.res)?.res?.statusCode,
      }));
    expect(requests).toEqual(
      expect.arrayContaining([
        { method: 'POST', route: '/api/v1/auth/login', status: 200 },
        { method: 'POST', route: '/api/v1/persons', status: 201 },
        { method: 'GET', route: '/api/v1/persons', status: 200 },
        { method: 'GET', route: '/api/v1/persons/:id', status: 200 },
        { method: 'POST', route: '/api/v1/persons', status: 422 },
        { method: 'GET', route: '/api/v1/persons/:id', status: 404 },
        { method: 'POST', route: '/api/v1/auth/login', status: 401 },
      ]),
    );
    expect(requests).toHaveLength(10);
    // the unmatched route is logged without its path
    expect(requests.filter((r) => r.status === 404 && r.route !== '/api/v1/persons/:id')).toHaveLength(1);
    // no line of any kind carries a URL, headers or a body
    for (const line of lines) {
      expect(Object.keys(line)).not.toEqual(expect.arrayContaining(['url']));
      expect(JSON.stringify(line.req ?? {})).not.toMatch(/url|headers|body|query/i);
    }
  });
});
