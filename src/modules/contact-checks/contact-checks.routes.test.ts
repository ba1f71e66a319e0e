import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../../src/domain/permissions/roles.ts';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { snapshotData } from '../../../test/support/snapshot.ts';
import { buildApp } from '../../server/app.ts';

const URL = '/api/v1/contact-checks';

describe.each(testDatabaseKinds())('contact checks API on %s', (kind) => {
  let t: TestApp;
  let logged: FastifyInstance;
  let logs = '';
  beforeAll(async () => {
    t = await createTestApp(kind);
    const logStream = new Writable({
      write(chunk, _encoding, done) {
        logs += chunk.toString();
        done();
      },
    });
    logged = await buildApp({ ctx: { ...t.ctx, config: { ...t.ctx.config, logLevel: 'info' } }, logStream });
  });
  afterAll(async () => {
    await logged?.close();
    await t.close();
  });

  const check = (body: object, token: string | null = t.adminToken) =>
    t.call(token, { method: 'POST', url: URL, body });

  it('checks e-mail, phone, postal code, IBAN and BIC in one call', async () => {
    const res = await check({
      email: ' Anna@Mailinator.COM ',
      phone: '0171 1234567',
      postalCode: '10115',
      iban: 'de89 3704 0044 0532 0130 00',
      bic: 'cobadeffxxx',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      email: { valid: true, normalized: 'Anna@mailinator.com', disposable: true, problem: null },
      phone: {
        valid: true,
        e164: '+491711234567',
        international: '+49 171 1234567',
        country: 'DE',
        type: 'mobile',
        problem: null,
      },
      postalCode: {
        wellFormed: true,
        known: true,
        cities: ['Berlin'],
        attribution: expect.stringContaining('OpenStreetMap'),
      },
      iban: {
        valid: true,
        formatted: 'DE89 3704 0044 0532 0130 00',
        electronic: 'DE89370400440532013000',
        country: 'DE',
        problem: null,
      },
      bic: { valid: true, normalized: 'COBADEFFXXX' },
    });
  });

  it('answers only what was asked and says what is wrong', async () => {
    expect((await check({})).json()).toEqual({});
    const res = await check({
      email: 'anna..m@example.de',
      phone: '987',
      postalCode: '1011',
      iban: 'DE89370400440532013001',
    });
    expect(res.json()).toMatchObject({
      email: { valid: false, normalized: null, problem: 'consecutive_dots' },
      phone: { valid: false, e164: null, problem: 'invalid' },
      postalCode: { wellFormed: false, known: false, cities: [] },
      iban: { valid: false, formatted: null, problem: 'wrong_checksum' },
    });
    expect(Object.keys(res.json()).sort()).toEqual(['email', 'iban', 'phone', 'postalCode']);
    const austria = await check({ postalCode: '1010', country: 'AT', phone: '+43 664 1234567' });
    expect(austria.json()).toMatchObject({
      postalCode: { wellFormed: true, known: null, cities: [] },
      phone: { valid: true, e164: '+436641234567', country: 'AT', type: 'mobile' },
    });
    expect((await check({ postalCode: '05000' })).json().postalCode).toMatchObject({
      wellFormed: true,
      known: false,
    });
  });

  it('is open to every role, closed to anonymous callers, and stores nothing', async () => {
    const users = [];
    for (const role of ROLES) users.push({ role, token: (await t.userWithToken({ role })).token });
    const before = await snapshotData(t.db);
    for (const { role, token } of users) {
      const res = await check({ phone: '030 1234567', email: 'a@example.de', postalCode: '10115' }, token);
      expect(res.statusCode, role).toBe(200);
      expect(res.json().phone.e164).toBe('+49301234567');
    }
    // no audit entry, no person, nothing else
    expect(await snapshotData(t.db)).toEqual(before);
    const anonymous = await check({ phone: '030 1234567' }, null);
    expect(anonymous.statusCode).toBe(401);
  });

  it('refuses unknown fields and over-long input without echoing it, and logs no value', async () => {
    const extra = await check({ email: 'a@example.de', name: 'Quetzalbrunn' });
    expect(extra.statusCode).toBe(422);
    expect(extra.body).not.toContain('Quetzalbrunn');
    const long = await check({ phone: '1'.repeat(61) });
    expect(long.statusCode).toBe(422);
    const probe = {
      email: 'xylo.probe@leak-probe.example',
      phone: '0171 5556677',
      iban: 'DE89370400440532013000',
    };
    const res = await logged.inject({
      method: 'POST',
      url: URL,
      headers: { authorization: `Bearer ${t.adminToken}` },
      payload: probe,
    });
    expect(res.statusCode).toBe(200);
    expect(logs).toContain('/contact-checks');
    for (const value of [...Object.values(probe), 'leak-probe', '5556677', '+491715556677'])
      expect(logs).not.toContain(value);
  });
});
