import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, personBody, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { linkIn, startSmtpServer } from '../../../test/support/smtp.ts';
import { inTenant, type Tx } from '../../db/tenant.ts';
import { newLinkToken } from '../consent/links.ts';
import { recordSuppressions } from '../erasure/suppressions.service.ts';
import { closeSmtpTransports } from '../mail/mail.transport.ts';

const API = '/api/v1';
const HOUR = 3_600_000;
const CONFIRM_PREFIX = 'http://custos.test/consent/confirm?token=';
const WORDING =
  'Ja, ich möchte den Newsletter der Muster GmbH per E-Mail erhalten. Widerruf jederzeit möglich.';

describe.each(testDatabaseKinds())('sign-up forms and the double opt-in on %s', (kind) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  const START = new Date();
  let now = START;
  let formId: string;
  let wordingId: string;
  let ipCounter = 0;
  const nextIp = () => `10.20.${Math.floor(ipCounter / 200)}.${(ipCounter++ % 200) + 1}`;

  const db = <T>(fn: (tx: Tx) => Promise<T>) => inTenant(t.db.kysely, t.tenantId, fn);
  const consentsOf = (email: string) =>
    db((tx) => tx.selectFrom('consents').selectAll().where('address', '=', email).execute());
  const personsOf = (email: string) =>
    db((tx) => tx.selectFrom('persons').selectAll().where('email', '=', email).execute());
  const mailRowsTo = (email: string) =>
    db((tx) => tx.selectFrom('outbound_mails').selectAll().where('to_address', '=', email).execute());

  const signUp = (body: Record<string, unknown>, options: { ip?: string; form?: string } = {}) =>
    t.app.inject({
      method: 'POST',
      url: `${API}/public/forms/${options.form ?? formId}/signups`,
      payload: body,
      remoteAddress: options.ip ?? nextIp(),
      headers: { 'user-agent': 'Mozilla/5.0 (Testbrowser)' },
    });
  const confirm = (token: string) =>
    t.app.inject({
      method: 'POST',
      url: `${API}/public/consent/confirm`,
      payload: { token },
      remoteAddress: '192.0.2.77',
      headers: { 'user-agent': 'Mozilla/5.0 (Bestätiger)' },
    });
  const tokenOf = (link: string) => new URL(link).searchParams.get('token') ?? '';

  /** Signs up and confirms; returns the consent and person. */
  const doubleOptIn = async (email: string, firstName = 'Lena') => {
    const res = await signUp({ email, firstName, lastName: 'Neumann', wordingId, consent: true });
    expect(res.statusCode, res.body).toBe(202);
    const mail = await smtp.waitFor((m) => m.to.includes(email));
    const ok = await confirm(tokenOf(linkIn(mail, CONFIRM_PREFIX)));
    expect(ok.statusCode, ok.body).toBe(200);
    const [consent] = await consentsOf(email);
    if (!consent) throw new Error('no consent');
    return { consent, personId: consent.person_id, mail };
  };

  beforeAll(async () => {
    smtp = await startSmtpServer({ rejectRecipient: (a) => a.startsWith('bounce') });
    t = await createTestApp(kind, { smtpUrl: smtp.url, now: () => now });
    const wording = await t.call(t.adminToken, {
      method: 'POST',
      url: `${API}/consent-wordings`,
      body: {
        purposeId: 'newsletter',
        channel: 'email',
        language: 'de',
        text: WORDING,
        advertiser: 'Muster GmbH',
        productScope: 'Gartenbedarf',
      },
    });
    expect(wording.statusCode, wording.body).toBe(201);
    wordingId = wording.json().id;
    const form = await t.call(t.adminToken, {
      method: 'POST',
      url: `${API}/consent-forms`,
      body: { name: 'Newsletter Website', purposeId: 'newsletter', language: 'de' },
    });
    expect(form.statusCode, form.body).toBe(201);
    formId = form.json().id;
  });

  afterAll(async () => {
    closeSmtpTransports();
    await t?.close();
    await smtp?.close();
  });

  describe('staff form management', () => {
    it('lists the form with its public address and counts', async () => {
      const res = await t.call(t.adminToken, { method: 'GET', url: `${API}/consent-forms` });
      expect(res.statusCode).toBe(200);
      expect(res.json().items).toContainEqual(
        expect.objectContaining({
          id: formId,
          name: 'Newsletter Website',
          purposeId: 'newsletter',
          channel: 'email',
          language: 'de',
          active: true,
          publicUrl: `http://custos.test/signup/${formId}`,
          signups: { pending: 0, confirmed: 0 },
        }),
      );
    });

    it('refuses a purpose without consent, an unknown purpose and one without a wording', async () => {
      const create = (purposeId: string, language = 'de') =>
        t.call(t.adminToken, {
          method: 'POST',
          url: `${API}/consent-forms`,
          body: { name: 'X', purposeId, language },
        });
      expect((await create('billing')).json().code).toBe('legal_basis_not_allowed');
      expect((await create('no_such_purpose')).json().code).toBe('unknown_purpose');
      const noWording = await create('newsletter', 'en');
      expect(noWording.statusCode).toBe(422);
      expect(noWording.json().code).toBe('consent_wording_mismatch');
      expect(JSON.stringify(noWording.json().details)).toContain('no consent wording');
    });

    it('deactivates and reactivates a form; an inactive form shows and takes nothing', async () => {
      const form = await t.call(t.adminToken, {
        method: 'POST',
        url: `${API}/consent-forms`,
        body: {
          name: 'Messe',
          purposeId: 'newsletter',
          language: 'de',
          redirectUrl: 'https://example.de/danke',
        },
      });
      const id = form.json().id;
      const off = await t.call(t.adminToken, {
        method: 'PATCH',
        url: `${API}/consent-forms/${id}`,
        body: { active: false },
      });
      expect(off.statusCode).toBe(200);
      expect(off.json().active).toBe(false);
      const show = await t.app.inject({ method: 'GET', url: `${API}/public/forms/${id}` });
      expect(show.statusCode).toBe(409);
      expect(show.json().code).toBe('form_inactive');
      const take = await signUp({ email: 'inactive@example.de', wordingId, consent: true }, { form: id });
      expect(take.statusCode).toBe(409);
      expect(await mailRowsTo('inactive@example.de')).toEqual([]);
      const on = await t.call(t.adminToken, {
        method: 'PATCH',
        url: `${API}/consent-forms/${id}`,
        body: { active: true, name: 'Messe 2026' },
      });
      expect(on.json()).toMatchObject({
        active: true,
        name: 'Messe 2026',
        redirectUrl: 'https://example.de/danke',
      });
      // an HTML form post goes to the form's redirect
      const html = await t.app.inject({
        method: 'POST',
        url: `${API}/public/forms/${id}/signups`,
        payload: `email=html.redirect%40example.de&wordingId=${wordingId}&consent=on`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        remoteAddress: nextIp(),
      });
      expect(html.statusCode, html.body).toBe(303);
      expect(html.headers.location).toBe('https://example.de/danke');
    });
  });

  describe('the public form', () => {
    it('shows the current wording', async () => {
      const res = await t.app.inject({ method: 'GET', url: `${API}/public/forms/${formId}` });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({
        formId,
        name: 'Newsletter Website',
        language: 'de',
        purpose: { id: 'newsletter', label: 'Newsletter' },
        wording: {
          id: wordingId,
          version: 1,
          text: WORDING,
          advertiser: 'Muster GmbH',
          productScope: 'Gartenbedarf',
        },
      });
    });

    it('answers an unknown form with 404', async () => {
      const res = await t.app.inject({ method: 'GET', url: `${API}/public/forms/${randomUUID()}` });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('not_found');
    });
  });

  describe('the double opt-in over real SMTP', () => {
    it('sends the mail, records nothing as consent before the click, and the click records the consent with its proof', async () => {
      const email = 'lena.neumann@example.de';
      const res = await signUp({
        email: 'Lena.Neumann@Example.de',
        firstName: 'Lena',
        lastName: 'Neumann',
        wordingId,
        consent: true,
      });
      expect(res.statusCode, res.body).toBe(202);
      expect(res.json()).toEqual({ status: 'confirmation_sent' });

      const mail = await smtp.waitFor((m) => m.to.includes(email));
      const link = linkIn(mail, CONFIRM_PREFIX);
      const token = tokenOf(link);
      expect(token).toMatch(/^s_/);
      expect(mail.parsed.subject).toBeTruthy();
      // nothing is consent yet, no person exists, and the token is only stored hashed
      expect(await consentsOf(email)).toEqual([]);
      expect(await personsOf(email)).toEqual([]);
      const [signup] = await db((tx) =>
        tx.selectFrom('consent_signups').selectAll().where('email', '=', email).execute(),
      );
      expect(signup).toMatchObject({ confirmed_at: null, request_ip: expect.stringMatching(/^10\.20\./) });
      expect(signup?.request_user_agent).toContain('Testbrowser');
      expect(JSON.stringify(signup)).not.toContain(token);
      expect(signup?.expires_at.getTime()).toBe(START.getTime() + 48 * HOUR);
      const list = await t.call(t.adminToken, { method: 'GET', url: `${API}/consent-forms` });
      expect(list.json().items.find((f: { id: string }) => f.id === formId).signups.pending).toBeGreaterThan(
        0,
      );

      now = new Date(START.getTime() + 2 * HOUR);
      const confirmed = await confirm(token);
      expect(confirmed.statusCode, confirmed.body).toBe(200);
      expect(confirmed.json()).toEqual({
        status: 'confirmed',
        purpose: { id: 'newsletter', label: 'Newsletter' },
        redirectUrl: null,
      });

      const [person] = await personsOf(email);
      expect(person).toMatchObject({
        kind: 'prospect',
        first_name: 'Lena',
        last_name: 'Neumann',
        legal_basis: 'consent',
        purposes: ['newsletter'],
        source_kind: 'web_form',
        source_detail: 'Newsletter Website',
      });
      const [consent] = await consentsOf(email);
      expect(consent).toMatchObject({
        person_id: person?.id,
        purpose_id: 'newsletter',
        channel: 'email',
        method: 'double_opt_in',
        wording_id: wordingId,
        signup_id: signup?.id,
        recorded_by: null,
        withdrawn_at: null,
      });
      // the proof is sealed under the person's data key in the table, and readable through the ledger
      expect(JSON.stringify(consent?.proof)).not.toContain('192.0.2.77');
      const ledger = await t.call(t.adminToken, {
        method: 'GET',
        url: `${API}/persons/${person?.id}/consents`,
      });
      expect(ledger.statusCode, ledger.body).toBe(200);
      expect(ledger.json().items[0].proof).toMatchObject({
        formId,
        formName: 'Newsletter Website',
        doiMessageId: mail.parsed.messageId,
        doiMailId: signup?.mail_id,
        confirmedAt: now.toISOString(),
        confirmIp: '192.0.2.77',
        confirmUserAgent: 'Mozilla/5.0 (Bestätiger)',
        signupRequestedAt: START.toISOString(),
        signupUserAgent: 'Mozilla/5.0 (Testbrowser)',
        templateVersion: 0,
      });
      const [after] = await db((tx) =>
        tx
          .selectFrom('consent_signups')
          .selectAll()
          .where('id', '=', signup?.id ?? '')
          .execute(),
      );
      expect(after).toMatchObject({
        person_id: person?.id,
        consent_id: consent?.id,
        confirm_ip: '192.0.2.77',
      });
      expect((await mailRowsTo(email))[0]?.person_id).toBe(person?.id);
      // the staff ledger shows it
      expect(ledger.json().items[0]).toMatchObject({ method: 'double_opt_in', state: 'valid' });

      // single use
      const again = await confirm(token);
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('link_used');
      expect(await consentsOf(email)).toHaveLength(1);

      // signing up again reveals nothing and sends nothing
      const mailsBefore = (await mailRowsTo(email)).length;
      const repeat = await signUp({ email, wordingId, consent: true });
      expect(repeat.statusCode).toBe(202);
      expect(await mailRowsTo(email)).toHaveLength(mailsBefore);
      now = START;
    });

    it('finds an existing person by address instead of creating a second one', async () => {
      const created = await t.call(t.adminToken, {
        method: 'POST',
        url: `${API}/persons`,
        body: personBody({ email: 'kunde@example.de', phone: null }),
      });
      expect(created.statusCode, created.body).toBe(201);
      const { personId } = await doubleOptIn('kunde@example.de');
      expect(personId).toBe(created.json().id);
      expect(await personsOf('kunde@example.de')).toHaveLength(1);
      expect((await personsOf('kunde@example.de'))[0]?.purposes).toContain('newsletter');
    });

    it('answers an expired link with 410 and records nothing', async () => {
      const email = 'spaet@example.de';
      expect((await signUp({ email, wordingId, consent: true })).statusCode).toBe(202);
      const token = tokenOf(linkIn(await smtp.waitFor((m) => m.to.includes(email)), CONFIRM_PREFIX));
      now = new Date(START.getTime() + 49 * HOUR);
      try {
        const res = await confirm(token);
        expect(res.statusCode).toBe(410);
        expect(res.json().code).toBe('link_expired');
      } finally {
        now = START;
      }
      expect(await consentsOf(email)).toEqual([]);
      expect(await personsOf(email)).toEqual([]);
    });

    it('answers forged tokens with 404', async () => {
      for (const token of [`s_${'A'.repeat(43)}`, 'nonsense', `l_${'B'.repeat(43)}`]) {
        const res = await confirm(token);
        expect(res.statusCode).toBe(404);
        expect(res.json().code).toBe('link_invalid');
      }
    });

    it('answers a bounced address with 422 email_undeliverable and records nothing', async () => {
      const email = 'bounce.me@example.de';
      const res = await signUp({ email, wordingId, consent: true });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().code).toBe('email_undeliverable');
      expect(await consentsOf(email)).toEqual([]);
      expect(await personsOf(email)).toEqual([]);
      const [signup] = await db((tx) =>
        tx.selectFrom('consent_signups').selectAll().where('email', '=', email).execute(),
      );
      // the link can never be confirmed
      expect(signup?.expires_at.getTime()).toBeLessThanOrEqual(START.getTime());
      expect(signup?.confirmed_at).toBeNull();
      expect((await mailRowsTo(email))[0]?.status).toBe('bounced');
    });

    it('sends at most 3 confirmation mails to one address in 24 hours (429 too_many_mails)', async () => {
      const email = 'flood@example.de';
      for (let i = 0; i < 3; i++)
        expect((await signUp({ email, wordingId, consent: true })).statusCode).toBe(202);
      const fourth = await signUp({ email, wordingId, consent: true });
      expect(fourth.statusCode).toBe(429);
      expect(fourth.json().code).toBe('too_many_mails');
      expect(smtp.mailsTo(email)).toHaveLength(3);
    });

    it('refuses a sign-up without the box ticked (422 consent_not_given) and sends nothing', async () => {
      const email = 'unticked@example.de';
      for (const consent of [false, undefined, 'on']) {
        const res = await signUp({ email, wordingId, ...(consent === undefined ? {} : { consent }) });
        expect(res.statusCode, res.body).toBe(422);
        expect(res.json().code).toBe('consent_not_given');
      }
      const html = await t.app.inject({
        method: 'POST',
        url: `${API}/public/forms/${formId}/signups`,
        payload: `email=${encodeURIComponent(email)}&wordingId=${wordingId}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        remoteAddress: nextIp(),
      });
      expect(html.statusCode).toBe(422);
      expect(await mailRowsTo(email)).toEqual([]);
      expect(smtp.mailsTo(email)).toEqual([]);
    });

    it('refuses a wording of another purpose and unknown fields', async () => {
      const res = await signUp({ email: 'x@example.de', wordingId: randomUUID(), consent: true });
      expect(res.json().code).toBe('consent_wording_mismatch');
      const strict = await signUp({ email: 'x@example.de', wordingId, consent: true, preTicked: true });
      expect(strict.statusCode).toBe(422);
      expect(strict.json().code).toBe('validation_failed');
    });

    it('accepts an HTML form post and answers it with 303 to the hosted form', async () => {
      const email = 'html@example.de';
      const res = await t.app.inject({
        method: 'POST',
        url: `${API}/public/forms/${formId}/signups`,
        payload: `email=${encodeURIComponent(email)}&firstName=Hanna&wordingId=${wordingId}&consent=on`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        remoteAddress: nextIp(),
      });
      expect(res.statusCode, res.body).toBe(303);
      expect(res.headers.location).toBe(`/signup/${formId}?sent=1`);
      expect(smtp.mailsTo(email)).toHaveLength(1);
    });

    it('reveals nothing for a suppressed (erased) address: 202, no mail', async () => {
      const email = 'geloescht@example.de';
      await db((tx) =>
        recordSuppressions(tx, t.ctx, { tenantId: t.tenantId, email, reason: 'erasure', requestId: null }),
      );
      const res = await signUp({ email, wordingId, consent: true });
      expect(res.statusCode).toBe(202);
      expect(await mailRowsTo(email)).toEqual([]);
    });

    it('limits sign-ups per client address (429 rate_limited)', async () => {
      const ip = '198.51.100.9';
      const codes: number[] = [];
      for (let i = 0; i < 11; i++)
        codes.push((await signUp({ email: 'rate@example.de', wordingId }, { ip })).statusCode);
      expect(codes.slice(0, 10).every((c) => c === 422)).toBe(true);
      expect(codes[10]).toBe(429);
    });
  });

  describe('withdrawal: one click and the preference page', () => {
    /** A sent campaign with one recipient and their personal link, written directly (campaigns is another module). */
    const seedRecipient = async (
      personId: string,
      basis: 'consent' | 'legitimate_interest',
      consentId: string | null,
    ) => {
      const link = newLinkToken();
      const ids = await db(async (tx) => {
        const segment = await tx
          .insertInto('segments')
          .values({
            tenant_id: t.tenantId,
            name: `Segment ${randomUUID()}`,
            definition: JSON.stringify({ match: 'all', conditions: [] }),
            purpose_id: basis === 'consent' ? 'newsletter' : 'marketing',
            channel: 'email',
            updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const campaign = await tx
          .insertInto('campaigns')
          .values({
            tenant_id: t.tenantId,
            name: 'Frühjahr',
            kind: 'email',
            occasion: 'newsletter',
            segment_id: segment.id,
            purpose_id: basis === 'consent' ? 'newsletter' : 'marketing',
            language: 'de',
            subject: 'Neu im Frühjahr',
            body: 'Hallo {{firstName}}',
            status: 'sent',
            updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const recipient = await tx
          .insertInto('campaign_recipients')
          .values({
            tenant_id: t.tenantId,
            campaign_id: campaign.id,
            person_id: personId,
            basis,
            consent_id: consentId,
            status: 'sent',
            token_hash: link.hash,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return { campaignId: campaign.id, recipientId: recipient.id };
      });
      return { token: link.token, ...ids };
    };
    const responsesOf = (recipientId: string) =>
      db((tx) =>
        tx.selectFrom('campaign_responses').selectAll().where('recipient_id', '=', recipientId).execute(),
      );
    const consentRow = (id: string) =>
      db((tx) => tx.selectFrom('consents').selectAll().where('id', '=', id).executeTakeFirstOrThrow());

    it('withdraws a consent at once with the RFC 8058 one-click body, idempotently', async () => {
      const { consent, personId } = await doubleOptIn('einklick@example.de');
      const { token, recipientId } = await seedRecipient(personId, 'consent', consent.id);
      const res = await t.app.inject({
        method: 'POST',
        url: `${API}/public/unsubscribe/${token}`,
        payload: 'List-Unsubscribe=One-Click',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ status: 'withdrawn' });
      expect(await consentRow(consent.id)).toMatchObject({ withdrawal_method: 'one_click' });
      expect((await consentRow(consent.id)).withdrawn_at).not.toBeNull();
      // a second click (empty body), and one with JSON, answer the same and change nothing
      const second = await t.app.inject({ method: 'POST', url: `${API}/public/unsubscribe/${token}` });
      expect(second.statusCode, second.body).toBe(200);
      expect(second.json()).toEqual({ status: 'withdrawn' });
      const json = await t.app.inject({
        method: 'POST',
        url: `${API}/public/unsubscribe/${token}`,
        payload: {},
      });
      expect(json.statusCode, json.body).toBe(200);
      const responses = await responsesOf(recipientId);
      expect(responses.map((r) => r.kind)).toEqual(['unsubscribed']);
    });

    it('records an objection for a mail sent on legitimate interest', async () => {
      const created = await t.call(t.adminToken, {
        method: 'POST',
        url: `${API}/persons`,
        body: personBody({
          email: 'bestand@example.de',
          phone: null,
          legalBasis: 'legitimate_interest',
          purposes: ['sales', 'marketing'],
        }),
      });
      expect(created.statusCode, created.body).toBe(201);
      const personId = created.json().id;
      const { token } = await seedRecipient(personId, 'legitimate_interest', null);
      const res = await t.app.inject({
        method: 'POST',
        url: `${API}/public/unsubscribe/${token}`,
        payload: 'List-Unsubscribe=One-Click',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ status: 'objected' });
      const person = await t.call(t.adminToken, { method: 'GET', url: `${API}/persons/${personId}` });
      expect(person.json().purposes).toEqual(['sales']);
      const [row] = await personsOf('bestand@example.de');
      expect(row?.marketing_objection_at).not.toBeNull();
      const again = await t.app.inject({ method: 'POST', url: `${API}/public/unsubscribe/${token}` });
      expect(again.json()).toEqual({ status: 'objected' });
    });

    it('answers an unknown link with 404', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: `${API}/public/unsubscribe/l_${'x'.repeat(43)}`,
      });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('link_invalid');
      const prefs = await t.app.inject({ method: 'GET', url: `${API}/public/preferences/forged` });
      expect(prefs.statusCode).toBe(404);
    });

    it('shows the preference page, withdraws one consent and objects to all marketing', async () => {
      const { consent, personId } = await doubleOptIn('praeferenz@example.de', 'Paula');
      const { token } = await seedRecipient(personId, 'consent', consent.id);
      const page = await t.app.inject({ method: 'GET', url: `${API}/public/preferences/${token}` });
      expect(page.statusCode, page.body).toBe(200);
      expect(page.json()).toEqual({
        firstName: 'Paula',
        language: 'de',
        consents: [
          {
            id: consent.id,
            purpose: { id: 'newsletter', label: 'Newsletter' },
            channel: 'email',
            givenAt: expect.any(String),
            state: 'valid',
          },
        ],
        marketingObjection: false,
      });
      const withdraw = await t.app.inject({
        method: 'POST',
        url: `${API}/public/preferences/${token}/withdraw`,
        payload: { consentId: consent.id },
      });
      expect(withdraw.statusCode, withdraw.body).toBe(200);
      expect(withdraw.json().consents[0].state).toBe('withdrawn');
      expect(await consentRow(consent.id)).toMatchObject({ withdrawal_method: 'preference_page' });
      const twice = await t.app.inject({
        method: 'POST',
        url: `${API}/public/preferences/${token}/withdraw`,
        payload: { consentId: consent.id },
      });
      expect(twice.statusCode).toBe(409);
      expect(twice.json().code).toBe('consent_already_withdrawn');
      const foreign = await t.app.inject({
        method: 'POST',
        url: `${API}/public/preferences/${token}/withdraw`,
        payload: { consentId: randomUUID() },
      });
      expect(foreign.statusCode).toBe(404);

      const object = await t.app.inject({ method: 'POST', url: `${API}/public/preferences/${token}/object` });
      expect(object.statusCode, object.body).toBe(200);
      expect(object.json().marketingObjection).toBe(true);
      const [row] = await personsOf('praeferenz@example.de');
      expect(row?.marketing_objection_at).not.toBeNull();
      // an objector signing up again gets the same answer and no mail
      const before = (await mailRowsTo('praeferenz@example.de')).length;
      expect((await signUp({ email: 'praeferenz@example.de', wordingId, consent: true })).statusCode).toBe(
        202,
      );
      expect(await mailRowsTo('praeferenz@example.de')).toHaveLength(before);
    });
  });
});
