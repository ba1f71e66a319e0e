import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, personBody, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { asSystem } from '../../db/tenant.ts';
import { purgeExpired } from './housekeeping.ts';

const API = '/api/v1';
const DAY = 86_400_000;

describe.each(testDatabaseKinds())('housekeeping of short-lived data on %s', (kind) => {
  let clock = new Date('2026-05-04T09:00:00Z');
  let t: TestApp;
  let formId: string;
  let wordingId: string;

  const rows = () =>
    asSystem(t.db.kysely, async (tx) => ({
      signups: await tx
        .selectFrom('consent_signups')
        .select(['email', 'confirmed_at'])
        .orderBy('email')
        .execute(),
      mails: await tx
        .selectFrom('outbound_mails')
        .select(['id', 'kind', 'to_address'])
        .orderBy('to_address')
        .execute(),
      tokens: await tx.selectFrom('portal_login_tokens').select('id').execute(),
    }));
  const signUp = (email: string) =>
    t.app.inject({
      method: 'POST',
      url: `${API}/public/forms/${formId}/signups`,
      payload: { email, wordingId, consent: true },
    });
  const emlOf = (mailId: string) => path.join(t.ctx.config.dataDir, 'outbox', t.tenantId, `${mailId}.eml`);

  beforeAll(async () => {
    t = await createTestApp(kind, { now: () => clock });
    const wording = await t.call(t.adminToken, {
      method: 'POST',
      url: `${API}/consent-wordings`,
      body: {
        purposeId: 'newsletter',
        channel: 'email',
        language: 'de',
        text: 'Ja, ich möchte den Newsletter der Muster GmbH per E-Mail erhalten.',
        advertiser: 'Muster GmbH',
      },
    });
    wordingId = wording.json().id;
    const form = await t.call(t.adminToken, {
      method: 'POST',
      url: `${API}/consent-forms`,
      body: { name: 'Website', purposeId: 'newsletter', language: 'de' },
    });
    formId = form.json().id;
  });
  afterAll(() => t.close());

  it('removes sign-ups nobody confirmed a week after their link expired, with their mail; keeps the confirmed', async () => {
    expect((await signUp('vergessen@example.de')).statusCode).toBe(202);
    expect((await signUp('bestaetigt@example.de')).statusCode).toBe(202);
    const before = await rows();
    expect(before.signups.map((s) => s.email)).toEqual(['bestaetigt@example.de', 'vergessen@example.de']);
    const forgottenMail = before.mails.find((m) => m.to_address === 'vergessen@example.de')?.id as string;
    expect(fs.existsSync(emlOf(forgottenMail))).toBe(true);
    // the second one confirms (the link from the outbox mail)
    const text = await asSystem(t.db.kysely, (tx) =>
      tx
        .selectFrom('outbound_mails')
        .select('body_text')
        .where('to_address', '=', 'bestaetigt@example.de')
        .executeTakeFirstOrThrow(),
    );
    const token = /token=([^\s&]+)/.exec(text.body_text)?.[1] as string;
    const confirmed = await t.app.inject({
      method: 'POST',
      url: `${API}/public/consent/confirm`,
      payload: { token: decodeURIComponent(token) },
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);

    // link expired (48 h) but within the week after: nothing goes
    clock = new Date(clock.getTime() + 5 * DAY);
    expect(await purgeExpired(t.ctx)).toEqual({ signups: 0, loginTokens: 0, sessions: 0, mails: 0 });

    clock = new Date(clock.getTime() + 5 * DAY);
    expect(await purgeExpired(t.ctx)).toEqual({ signups: 1, loginTokens: 0, sessions: 0, mails: 1 });
    const after = await rows();
    expect(after.signups.map((s) => s.email)).toEqual(['bestaetigt@example.de']);
    expect(after.mails.map((m) => m.to_address)).toEqual(['bestaetigt@example.de']);
    expect(fs.existsSync(emlOf(forgottenMail))).toBe(false);
  });

  it('removes magic links a day after they expired, and their mails after 30 days', async () => {
    const created = await t.call(t.adminToken, {
      method: 'POST',
      url: `${API}/persons`,
      body: personBody({ email: 'portal@example.de', phone: null }),
    });
    expect(created.statusCode, created.body).toBe(201);
    const login = await t.app.inject({
      method: 'POST',
      url: `${API}/portal/login`,
      payload: { email: 'portal@example.de', language: 'de' },
    });
    expect(login.statusCode).toBe(202);
    expect((await rows()).tokens).toHaveLength(1);
    clock = new Date(clock.getTime() + 2 * DAY);
    expect(await purgeExpired(t.ctx)).toMatchObject({ loginTokens: 1, mails: 0 });
    expect((await rows()).tokens).toHaveLength(0);
    clock = new Date(clock.getTime() + 30 * DAY);
    expect(await purgeExpired(t.ctx)).toMatchObject({ mails: 1 });
    expect((await rows()).mails.map((m) => m.kind)).not.toContain('portal_login');
  });
});
