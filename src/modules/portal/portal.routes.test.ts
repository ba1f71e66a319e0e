import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, personBody, type TestApp } from '../../../test/support/app.ts';
import { parseSetCookies } from '../../../test/support/cookies.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { linkIn, startSmtpServer } from '../../../test/support/smtp.ts';
import { snapshotData } from '../../../test/support/snapshot.ts';
import { createExtraTenant, type ExtraTenant } from '../../../test/support/tenant.ts';
import { asSystem, inTenant } from '../../db/tenant.ts';
import { sha256 } from '../auth/secret-tokens.ts';
import { recordConsentWithin } from '../consent/consent.ledger.ts';
import { closeSmtpTransports } from '../mail/mail.transport.ts';

// 8 parallel sessions share two cores: generous limits, so a busy machine slows the run but cannot break it
vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

const API = '/api/v1';
const LINK_PREFIX = 'http://custos.test/privacy/login?token=';
const WORDING = 'Ja, ich möchte den Newsletter der Muster GmbH per E-Mail erhalten. Abmeldung jederzeit.';

type Portal = { cookie: string; csrf: string; persons: { id: string; firstName: string }[] };

/** The shared steps of both mail set-ups (SMTP and outbox). */
const portalHelpers = (get: () => TestApp, tenantId: () => string) => {
  let counter = 0;
  const login = (email: string, extra: Record<string, unknown> = {}) =>
    get().call(null, {
      method: 'POST',
      url: `${API}/portal/login`,
      body: { email, language: 'de', ...extra },
      remoteAddress: `10.1.0.${++counter % 250}`,
    });
  const exchange = (token: string) =>
    get().call(null, { method: 'POST', url: `${API}/portal/session`, body: { token } });
  const portalOf = (res: LightMyRequestResponse): Portal => {
    expect(res.statusCode, res.body).toBe(200);
    const cookie = parseSetCookies(res).find((c) => c.name === 'custos_portal');
    if (!cookie) throw new Error('no custos_portal cookie');
    return { cookie: cookie.value, csrf: res.json().csrfToken, persons: res.json().persons };
  };
  const portalCall = (
    p: Portal | null,
    method: 'GET' | 'POST',
    url: string,
    body?: object,
    headers: Record<string, string> = {},
  ) =>
    get().call(null, {
      method,
      url: `${API}/portal${url}`,
      headers: {
        ...(p ? { cookie: `custos_portal=${p.cookie}` } : {}),
        ...(p && method !== 'GET' ? { 'x-portal-csrf': p.csrf } : {}),
        ...headers,
      },
      ...(body ? { body } : {}),
    });
  const mailRows = (address: string) =>
    asSystem(get().db.kysely, (tx) =>
      tx
        .selectFrom('outbound_mails')
        .selectAll()
        .where('to_address', '=', address)
        .where('tenant_id', '=', tenantId())
        .orderBy('created_at')
        .execute(),
    );
  const newPerson = async (overrides: Record<string, unknown>) => {
    const res = await get().call(get().adminToken, {
      method: 'POST',
      url: `${API}/persons`,
      body: personBody(overrides),
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  return { login, exchange, portalOf, portalCall, mailRows, newPerson };
};

describe.each(testDatabaseKinds())('privacy portal over SMTP on %s', (kind) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let b: ExtraTenant;
  // real time (the outbox's created_at is the database's clock), moved forward where expiry matters
  let clock = new Date();
  let dpo: string;
  let anna: string;
  let annaWork: string;
  let bob: string;
  let bobConsent: string;
  let annaConsent: string;
  let bPerson: string;
  let portal: Portal;
  const ANNA = 'anna.portal@example.de';
  const h = portalHelpers(
    () => t,
    () => t.tenantId,
  );

  const giveConsent = (tenantId: string, personId: string, address: string) =>
    inTenant(t.db.kysely, tenantId, async (tx) => {
      const existing = await tx.selectFrom('consent_wordings').select('id').executeTakeFirst();
      const wordingId =
        existing?.id ??
        (
          await tx
            .insertInto('consent_wordings')
            .values({
              tenant_id: tenantId,
              purpose_id: 'newsletter',
              channel: 'email',
              language: 'de',
              version: 1,
              text: WORDING,
              text_sha256: sha256(WORDING),
              advertiser: 'Muster GmbH',
              product_scope: null,
              created_by: null,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      return (
        await recordConsentWithin(tx, t.ctx, {
          tenantId,
          personId,
          purposeId: 'newsletter',
          channel: 'email',
          address,
          wordingId,
          method: 'web_form',
          givenAt: clock,
          proof: { formUrl: 'https://muster.example/newsletter' },
          recordedBy: null,
        })
      ).id;
    });

  /** Logs in through the mail that really arrived over SMTP; returns the token of its link. */
  const tokenFromMail = async (address: string, before: number) => {
    const mail = await smtp.waitFor(
      (m) => m.to.includes(address) && smtp.mailsTo(address).indexOf(m) >= before,
    );
    return new URL(linkIn(mail, LINK_PREFIX)).searchParams.get('token') as string;
  };

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await createTestApp(kind, { smtpUrl: smtp.url, now: () => clock });
    dpo = (await t.userWithToken({ role: 'dpo' })).token;
    anna = await h.newPerson({
      firstName: 'Anna',
      lastName: 'Portalis',
      email: ANNA,
      phone: '+49 30 1110001',
    });
    // the same address in a second record (e.g. as a contact person): the session covers both
    annaWork = await h.newPerson({
      firstName: 'Anna',
      lastName: 'Portalis-Firma',
      email: ANNA,
      phone: '+49 30 1110002',
    });
    bob = await h.newPerson({ firstName: 'Bob', lastName: 'Anders', email: 'bob@example.de' });
    annaConsent = await giveConsent(t.tenantId, anna, ANNA);
    bobConsent = await giveConsent(t.tenantId, bob, 'bob@example.de');
  });

  afterAll(async () => {
    await t?.close();
    await closeSmtpTransports();
    await smtp?.close();
  });

  it('sends a magic link to a known address over SMTP and answers an unknown one alike, sending nothing', async () => {
    const unknown = await h.login('nobody@example.de');
    expect(unknown.statusCode, unknown.body).toBe(202);
    expect(unknown.json()).toEqual({ status: 'sent_if_known' });
    const known = await h.login('  Anna.Portal@Example.DE ');
    expect(known.statusCode, known.body).toBe(202);
    expect(known.json()).toEqual(unknown.json());
    const token = await tokenFromMail(ANNA, 0);
    expect(token).toMatch(/^cpl_/);
    expect(smtp.mailsTo('nobody@example.de')).toEqual([]);
    expect(await h.mailRows('nobody@example.de')).toEqual([]);
    // delivered after the answer: the row turns 'sent' once the SMTP server has accepted the mail
    let rows = await h.mailRows(ANNA);
    for (let i = 0; i < 100 && rows[0]?.status !== 'sent'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      rows = await h.mailRows(ANNA);
    }
    expect(rows.map((r) => [r.kind, r.status])).toEqual([['portal_login', 'sent']]);
    // only the hash is stored, with both records of the address, valid 15 minutes
    const stored = await asSystem(t.db.kysely, (tx) =>
      tx.selectFrom('portal_login_tokens').selectAll().execute(),
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]?.token_hash).toBe(sha256(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect([...(stored[0]?.person_ids ?? [])].sort()).toEqual([anna, annaWork].sort());
    expect(stored[0]?.mail_id).toBe(rows[0]?.id);
    expect(stored[0]!.expires_at.getTime() - clock.getTime()).toBe(15 * 60_000);

    // forged, then the real one (cookie), then the same again
    const forged = await h.exchange(`cpl_${'x'.repeat(43)}`);
    expect(forged.statusCode).toBe(404);
    expect(forged.json().code).toBe('link_invalid');
    const res = await h.exchange(token);
    portal = h.portalOf(res);
    const cookie = parseSetCookies(res).find((c) => c.name === 'custos_portal');
    expect(cookie?.attributes).toMatchObject({ path: '/api/v1/portal', httponly: true, samesite: 'Strict' });
    expect(portal.persons.map((p) => p.id).sort()).toEqual([anna, annaWork].sort());
    expect(portal.persons.every((p) => p.firstName === 'Anna')).toBe(true);
    const session = await asSystem(t.db.kysely, (tx) =>
      tx.selectFrom('portal_sessions').selectAll().executeTakeFirstOrThrow(),
    );
    expect(session.token_hash).toBe(sha256(portal.cookie));
    expect(session.csrf_token_hash).toBe(sha256(portal.csrf));
    expect(new Date(res.json().expiresAt).getTime() - clock.getTime()).toBe(60 * 60_000);
    const again = await h.exchange(token);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('link_used');
  });

  it('refuses an expired link (410) and leaves it unused', async () => {
    const before = smtp.mailsTo(ANNA).length;
    expect((await h.login(ANNA)).statusCode).toBe(202);
    const token = await tokenFromMail(ANNA, before);
    const start = clock;
    clock = new Date(start.getTime() + 15 * 60_000 + 1000);
    try {
      const res = await h.exchange(token);
      expect(res.statusCode).toBe(410);
      expect(res.json().code).toBe('link_expired');
    } finally {
      clock = start;
    }
  });

  it('requires the session cookie, and the CSRF header on every change', async () => {
    for (const [method, url, body] of [
      ['GET', '/me', undefined],
      ['GET', `/export?personId=${anna}`, undefined],
      ['POST', `/consents/${annaConsent}/withdraw`, undefined],
      ['POST', '/objection', { personId: anna }],
      ['POST', '/requests', { personId: anna, type: 'erasure' }],
      ['POST', '/logout', undefined],
    ] as const) {
      const none = await h.portalCall(null, method, url, body);
      expect(none.statusCode, `${method} ${url}`).toBe(401);
      expect(none.json().code).toBe('portal_session_required');
      const forged = await h.portalCall(null, method, url, body, { cookie: 'custos_portal=cps_forged' });
      expect(forged.statusCode).toBe(401);
      // a staff login is no portal session
      const staff = await t.call(t.adminToken, {
        method,
        url: `${API}/portal${url}`,
        ...(body ? { body } : {}),
      });
      expect(staff.statusCode).toBe(401);
      if (method === 'GET') continue;
      const before = await snapshotData(t.db);
      const noCsrf = await h.portalCall({ ...portal, csrf: '' }, method, url, body, {
        'x-portal-csrf': '',
      });
      expect(noCsrf.statusCode, `${method} ${url}`).toBe(403);
      expect(noCsrf.json().code).toBe('csrf_failed');
      const wrong = await h.portalCall(portal, method, url, body, { 'x-portal-csrf': 'not-the-token' });
      expect(wrong.statusCode).toBe(403);
      expect(await snapshotData(t.db)).toEqual(before);
    }
  });

  it('shows what is held about both records of the address, with consents and purposes, and audits the read', async () => {
    const res = await h.portalCall(portal, 'GET', '/me?lang=en');
    expect(res.statusCode, res.body).toBe(200);
    // who holds the data: the tenant (no sender identity set yet)
    expect(res.json().controller).toEqual({ name: 'Muster GmbH', postalAddress: null });
    const persons = res.json().persons as Array<Record<string, never>>;
    expect(persons.map((p) => p.id).sort()).toEqual([anna, annaWork].sort());
    const main = persons.find((p) => p.id === anna) as unknown as {
      lastName: string;
      email: string;
      phone: string;
      purposes: { id: string; label: string }[];
      legalBasis: string;
      source: { kind: string };
      restricted: boolean;
      marketingObjection: boolean;
      consents: { id: string; state: string; purpose: { label: string }; wording: { text: string } }[];
      requests: unknown[];
    };
    expect(main).toMatchObject({
      lastName: 'Portalis',
      email: ANNA,
      // stored in E.164 by the persons API
      phone: '+49301110001',
      legalBasis: 'contract',
      source: { kind: 'business_card' },
      restricted: false,
      marketingObjection: false,
      requests: [],
    });
    expect(main.purposes).toEqual(
      expect.arrayContaining([
        { id: 'sales', label: expect.any(String) },
        { id: 'newsletter', label: 'Newsletter' },
      ]),
    );
    expect(main.consents).toHaveLength(1);
    expect(main.consents[0]).toMatchObject({ id: annaConsent, state: 'valid', wording: { text: WORDING } });
    expect(JSON.stringify(res.json())).not.toContain('Bob');
    const reads = await asSystem(t.db.kysely, (tx) =>
      tx
        .selectFrom('audit_log')
        .select(['actor_user_id', 'subject_id', 'note'])
        .where('action', '=', 'read')
        .where('note', '=', 'privacy portal')
        .execute(),
    );
    expect(reads.map((r) => r.subject_id).sort()).toEqual([anna, annaWork].sort());
    expect(reads.every((r) => r.actor_user_id === null)).toBe(true);
  });

  it('withdraws only the persons’ own consents', async () => {
    const before = await snapshotData(t.db);
    const other = await h.portalCall(portal, 'POST', `/consents/${bobConsent}/withdraw`);
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('not_found');
    expect(await snapshotData(t.db)).toEqual(before);
    const own = await h.portalCall(portal, 'POST', `/consents/${annaConsent}/withdraw`);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({ id: annaConsent, state: 'withdrawn', withdrawalMethod: 'portal' });
    const twice = await h.portalCall(portal, 'POST', `/consents/${annaConsent}/withdraw`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('consent_already_withdrawn');
  });

  it('files requests that land in the DPO inbox: channel web, identity verified by the magic link', async () => {
    const res = await h.portalCall(portal, 'POST', '/requests', {
      personId: anna,
      type: 'rectification',
      details: {
        message: 'Meine Telefonnummer hat sich geändert.',
        corrections: { phone: '+49 30 9990000' },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toEqual({
      id: expect.any(String),
      number: expect.stringMatching(/^DSR-\d{4}-\d{4}$/),
      dueAt: expect.any(String),
    });
    const inbox = await t.call(dpo, { method: 'GET', url: `${API}/requests` });
    expect(inbox.statusCode).toBe(200);
    const item = inbox.json().items.find((i: { id: string }) => i.id === created.id);
    expect(item).toMatchObject({
      number: created.number,
      type: 'rectification',
      channel: 'web',
      status: 'open',
      personId: anna,
      identityStatus: 'verified',
      dueAt: created.dueAt,
    });
    const full = await t.call(dpo, { method: 'GET', url: `${API}/requests/${created.id}` });
    expect(full.json()).toMatchObject({
      requester: { name: 'Anna Portalis', contact: ANNA, note: 'Meine Telefonnummer hat sich geändert.' },
      details: { corrections: { phone: '+49 30 9990000' } },
      verificationSteps: [{ method: 'portal_login', outcome: 'passed', performedBy: null }],
    });
    const stored = await asSystem(t.db.kysely, (tx) =>
      tx
        .selectFrom('dsr_requests')
        .select('created_by')
        .where('id', '=', created.id)
        .executeTakeFirstOrThrow(),
    );
    expect(stored.created_by).toBeNull();
    // the DPO can carry it out as any other request
    const fulfil = await t.call(dpo, {
      method: 'POST',
      url: `${API}/requests/${created.id}/fulfil`,
      body: {},
    });
    expect(fulfil.statusCode, fulfil.body).toBe(200);
    const me = await h.portalCall(portal, 'GET', '/me');
    const main = me.json().persons.find((p: { id: string }) => p.id === anna);
    expect(main.phone).toBe('+49309990000');
    expect(main.requests).toEqual([
      {
        id: created.id,
        number: created.number,
        type: 'rectification',
        status: 'completed',
        dueAt: created.dueAt,
      },
    ]);
    // another person's id, and bad input
    const foreign = await h.portalCall(portal, 'POST', '/requests', { personId: bob, type: 'erasure' });
    expect(foreign.statusCode).toBe(404);
    const bad = await h.portalCall(portal, 'POST', '/requests', {
      personId: anna,
      type: 'portability',
      details: { message: 'x'.repeat(2001) },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().code).toBe('validation_failed');
  });

  it('downloads the access export with the person’s data and records it as a completed access request', async () => {
    const res = await h.portalCall(portal, 'GET', `/export?personId=${anna}`, undefined, {
      'accept-language': 'en',
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename=".*\.json"$/);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const data = res.json();
    expect(data.scope).toBe('access');
    expect(JSON.stringify(data)).toContain('Portalis');
    // the consent ledger is part of it, with the id of Anna's consent
    expect(JSON.stringify(data.tables.consents)).toContain(annaConsent);
    const requests = await t.call(dpo, { method: 'GET', url: `${API}/requests?status=closed&type=access` });
    const access = requests.json().items.filter((i: { personId: string }) => i.personId === anna);
    expect(access).toHaveLength(1);
    expect(access[0]).toMatchObject({ channel: 'web', status: 'completed', identityStatus: 'verified' });
    const stored = await t.call(dpo, { method: 'GET', url: `${API}/requests/${access[0].id}/export` });
    expect(stored.statusCode, stored.body.slice(0, 200)).toBe(200);
    expect(stored.json().scope).toBe('access');
    const foreign = await h.portalCall(portal, 'GET', `/export?personId=${bob}`);
    expect(foreign.statusCode).toBe(404);
  });

  it('records an objection to direct marketing', async () => {
    const res = await h.portalCall(portal, 'POST', '/objection', { personId: annaWork });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ personId: annaWork, marketingObjection: true });
    const me = await h.portalCall(portal, 'GET', '/me');
    const work = me.json().persons.find((p: { id: string }) => p.id === annaWork);
    expect(work.marketingObjection).toBe(true);
    const foreign = await h.portalCall(portal, 'POST', '/objection', { personId: bob });
    expect(foreign.statusCode).toBe(404);
  });

  it('keeps a restricted person in the portal and skips a person erased meanwhile', async () => {
    const restriction = await h.portalCall(portal, 'POST', '/requests', {
      personId: anna,
      type: 'restriction',
      details: { message: 'Ich bestreite die Richtigkeit meiner Daten.' },
    });
    expect(restriction.statusCode, restriction.body).toBe(201);
    expect(
      (
        await t.call(dpo, {
          method: 'POST',
          url: `${API}/requests/${restriction.json().id}/fulfil`,
          body: {},
        })
      ).statusCode,
    ).toBe(200);
    const me = await h.portalCall(portal, 'GET', '/me');
    expect(me.json().persons.find((p: { id: string }) => p.id === anna).restricted).toBe(true);
    expect((await h.portalCall(portal, 'GET', `/export?personId=${anna}`)).statusCode).toBe(200);
    const erasure = await h.portalCall(portal, 'POST', '/requests', { personId: annaWork, type: 'erasure' });
    expect(erasure.statusCode, erasure.body).toBe(201);
    const done = await t.call(dpo, {
      method: 'POST',
      url: `${API}/requests/${erasure.json().id}/fulfil`,
      body: {},
    });
    expect(done.statusCode, done.body).toBe(200);
    const after = await h.portalCall(portal, 'GET', '/me');
    expect(after.statusCode).toBe(200);
    expect(after.json().persons.map((p: { id: string }) => p.id)).toEqual([anna]);
    const gone = await h.portalCall(portal, 'POST', '/objection', { personId: annaWork });
    expect(gone.statusCode).toBe(404);
  });

  it('keeps tenants apart and needs the tenant when there are several', async () => {
    b = await createExtraTenant(t, { label: 'portal-b' });
    const res = await t.call(b.adminToken, {
      method: 'POST',
      url: `${API}/persons`,
      body: personBody({ firstName: 'Berta', lastName: 'Fremd', email: 'berta@example.de' }),
    });
    expect(res.statusCode, res.body).toBe(201);
    bPerson = res.json().id;
    const required = await h.login(ANNA);
    expect(required.statusCode).toBe(422);
    expect(required.json().code).toBe('tenant_required');
    // Anna's address is unknown in tenant B: same answer, no mail
    const sent = smtp.received.length;
    expect((await h.login(ANNA, { tenantId: b.tenantId })).statusCode).toBe(202);
    expect((await h.login('berta@example.de', { tenantId: t.tenantId })).statusCode).toBe(202);
    // Anna's session cannot reach tenant B's person
    for (const [method, url, body] of [
      ['GET', `/export?personId=${bPerson}`, undefined],
      ['POST', '/objection', { personId: bPerson }],
      ['POST', '/requests', { personId: bPerson, type: 'erasure' }],
    ] as const) {
      const before = await snapshotData(t.db);
      const r = await h.portalCall(portal, method, url, body);
      expect(r.statusCode, `${method} ${url}`).toBe(404);
      expect(await snapshotData(t.db)).toEqual(before);
    }
    // Berta logs in to her tenant; her session sees only her
    const before = smtp.mailsTo('berta@example.de').length;
    expect((await h.login('berta@example.de', { tenantId: b.tenantId })).statusCode).toBe(202);
    const token = await tokenFromMail('berta@example.de', before);
    const berta = h.portalOf(await h.exchange(token));
    expect(berta.persons).toEqual([{ id: bPerson, firstName: 'Berta' }]);
    expect((await h.portalCall(berta, 'GET', `/export?personId=${anna}`)).statusCode).toBe(404);
    expect(smtp.received.length).toBe(sent + 1);
  });

  it('stops sending after three login mails to an address within an hour, answering alike', async () => {
    const sentBefore = (await h.mailRows(ANNA)).length;
    const receivedBefore = smtp.mailsTo(ANNA).length;
    for (let i = sentBefore; i < 5; i++) {
      const res = await h.login(ANNA, { tenantId: t.tenantId });
      expect(res.statusCode).toBe(202);
      expect(res.json()).toEqual({ status: 'sent_if_known' });
    }
    expect((await h.mailRows(ANNA)).length).toBe(3);
    // no fourth row, so no fourth mail: wait for the third to arrive (delivered after the answer)
    await smtp.waitFor(() => smtp.mailsTo(ANNA).length - receivedBefore >= 3 - sentBefore);
    expect(smtp.mailsTo(ANNA).length - receivedBefore).toBe(3 - sentBefore);
  });

  it('rate limits login attempts per IP address (429 rate_limited)', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await t.call(null, {
        method: 'POST',
        url: `${API}/portal/login`,
        body: { email: `flood${i}@example.de`, language: 'en', tenantId: t.tenantId },
        remoteAddress: '10.66.6.6',
      });
      codes.push(res.statusCode);
      if (res.statusCode === 429) expect(res.json().code).toBe('rate_limited');
    }
    expect(codes.slice(0, 10).every((c) => c === 202)).toBe(true);
    expect(codes.slice(10)).toEqual([429, 429]);
  });

  it('ends the session on logout and clears the cookie', async () => {
    const res = await h.portalCall(portal, 'POST', '/logout');
    expect(res.statusCode, res.body).toBe(204);
    const cleared = parseSetCookies(res).find((c) => c.name === 'custos_portal');
    expect(cleared?.value).toBe('');
    expect(cleared?.attributes.path).toBe('/api/v1/portal');
    const after = await h.portalCall(portal, 'GET', '/me');
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('portal_session_required');
    const session = await asSystem(t.db.kysely, (tx) =>
      tx
        .selectFrom('portal_sessions')
        .select('ended_at')
        .where('token_hash', '=', sha256(portal.cookie))
        .executeTakeFirstOrThrow(),
    );
    expect(session.ended_at).not.toBeNull();
  });

  it('ends a session after 60 minutes', async () => {
    const before = smtp.mailsTo('bob@example.de').length;
    expect((await h.login('bob@example.de', { tenantId: t.tenantId })).statusCode).toBe(202);
    const p = h.portalOf(await h.exchange(await tokenFromMail('bob@example.de', before)));
    expect((await h.portalCall(p, 'GET', '/me')).statusCode).toBe(200);
    const start = clock;
    clock = new Date(start.getTime() + 60 * 60_000 + 1000);
    try {
      expect((await h.portalCall(p, 'GET', '/me')).statusCode).toBe(401);
    } finally {
      clock = start;
    }
  });
});

describe.each(testDatabaseKinds())('privacy portal without SMTP (outbox) on %s', (kind) => {
  let t: TestApp;
  const h = portalHelpers(
    () => t,
    () => t.tenantId,
  );

  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('keeps the login mail in the outbox; its link opens the portal', async () => {
    const person = await h.newPerson({ firstName: 'Olga', lastName: 'Outbox', email: 'olga@example.de' });
    expect((await h.login('olga@example.de')).statusCode).toBe(202);
    const rows = await h.mailRows('olga@example.de');
    expect(rows.map((r) => [r.kind, r.status, r.person_id])).toEqual([['portal_login', 'outbox', person]]);
    const match = rows[0]?.body_text.match(/http:\/\/custos\.test\/privacy\/login\?token=([^\s>"]+)/);
    expect(match, rows[0]?.body_text).not.toBeNull();
    const token = decodeURIComponent(match?.[1] ?? '');
    const p = h.portalOf(await h.exchange(token));
    expect(p.persons).toEqual([{ id: person, firstName: 'Olga' }]);
    const me = await h.portalCall(p, 'GET', '/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().persons[0]).toMatchObject({ id: person, lastName: 'Outbox', consents: [] });
  });
});
