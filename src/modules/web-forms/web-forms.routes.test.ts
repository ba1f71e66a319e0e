import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { startSmtpServer } from '../../../test/support/smtp.ts';
import { asSystem, inTenant, type Tx } from '../../db/tenant.ts';
import { closeSmtpTransports } from '../mail/mail.transport.ts';
import { purgeWebFormSubmissions } from './web-forms.housekeeping.ts';

const API = '/api/v1';
const DAY = 86_400_000;
const label = (de: string, en = de) => ({ de, en });
const CONTACT_FIELDS = [
  {
    key: 'first_name',
    label: label('Vorname', 'First name'),
    type: 'text',
    maps: 'firstName',
    category: 'identity',
  },
  {
    key: 'last_name',
    label: label('Nachname', 'Last name'),
    type: 'text',
    required: true,
    maps: 'lastName',
    category: 'identity',
  },
  {
    key: 'email',
    label: label('E-Mail', 'E-mail'),
    type: 'email',
    required: true,
    maps: 'email',
    category: 'contact',
  },
  {
    key: 'message',
    label: label('Nachricht', 'Message'),
    type: 'textarea',
    required: true,
    maps: 'message',
    category: 'communication',
  },
  {
    key: 'topic',
    label: label('Thema', 'Topic'),
    type: 'select',
    options: [
      { value: 'order', label: label('Bestellung', 'Order') },
      { value: 'other', label: label('Sonstiges', 'Other') },
    ],
    category: 'communication',
  },
];

describe.each(testDatabaseKinds())('public web forms on %s', (kind) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  const now = new Date('2026-03-02T10:00:00Z');
  let marketing: string;
  let sales: string;
  let form: { id: string; publicToken: string; name: string };
  let ip = 0;
  const nextIp = () => `198.51.100.${(ip++ % 250) + 1}`;

  const db = <T>(fn: (tx: Tx) => Promise<T>) => inTenant(t.db.kysely, t.tenantId, fn);
  const submissions = () => db((tx) => tx.selectFrom('web_form_submissions').selectAll().execute());
  const submit = (
    token: string,
    payload: Record<string, unknown>,
    options: { ip?: string; lang?: string } = {},
  ) =>
    t.app.inject({
      method: 'POST',
      url: `${API}/public/web-forms/${token}`,
      payload,
      remoteAddress: options.ip ?? nextIp(),
      headers: {
        'user-agent': 'Mozilla/5.0 (Testbrowser WF)',
        referer: 'https://shop.example.de/kontakt',
        'accept-language': options.lang ?? 'de',
      },
    });
  const contact = (over: Record<string, unknown> = {}) => ({
    first_name: 'Jana',
    last_name: 'Körner',
    email: 'jana.koerner@example.de',
    message: 'Bitte rufen Sie mich wegen der Lieferung an.',
    ...over,
  });

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await createTestApp(kind, { smtpUrl: smtp.url, now: () => now });
    marketing = (await t.userWithToken({ role: 'marketing' })).token;
    sales = (await t.userWithToken({ role: 'sales' })).token;
    const res = await t.call(marketing, {
      method: 'POST',
      url: `${API}/web-forms`,
      body: {
        kind: 'contact',
        name: 'Kontakt Website',
        purposeId: 'customer_service',
        legalBasis: 'legitimate_interest',
        fields: CONTACT_FIELDS,
        successText: { de: 'Danke, wir melden uns.', en: 'Thanks, we will be in touch.' },
        retentionDays: 30,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    form = res.json();
    expect(form).toMatchObject({ kind: 'contact', metadata: [], publicToken: expect.stringMatching(/^wf_/) });
  });
  afterAll(async () => {
    await t.close();
    closeSmtpTransports();
    await smtp.close();
  });

  it('refuses a field without a data category, and a role without webforms.manage', async () => {
    const body = {
      kind: 'contact',
      name: 'Ohne Kategorie',
      purposeId: 'customer_service',
      legalBasis: 'legitimate_interest',
      retentionDays: 30,
      fields: [...CONTACT_FIELDS, { key: 'hobby', label: label('Hobby'), type: 'text' }],
    };
    const res = await t.call(marketing, { method: 'POST', url: `${API}/web-forms`, body });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'web_form_invalid', details: [{ path: 'fields.5.category' }] });
    const denied = await t.call(sales, {
      method: 'POST',
      url: `${API}/web-forms`,
      body: { ...body, fields: CONTACT_FIELDS },
    });
    expect(denied.statusCode).toBe(403);
  });

  it('serves the definition to render without a login', async () => {
    const res = await t.app.inject({ method: 'GET', url: `${API}/public/web-forms/${form.publicToken}` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      kind: 'contact',
      purpose: { id: 'customer_service' },
      honeypot: 'custos_hp',
      fields: expect.arrayContaining([expect.objectContaining({ key: 'message', maxLength: 5000 })]),
    });
  });

  it('refuses an undeclared field naming it, and stores nothing', async () => {
    const before = (await submissions()).length;
    const res = await submit(form.publicToken, contact({ ip_address: '1.2.3.4' }));
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'form_field_not_declared', details: [{ path: 'ip_address' }] });
    expect(res.json().message).toContain('ip_address');
    expect((await submissions()).length).toBe(before);
  });

  it('answers invalid values with one issue per field', async () => {
    const res = await submit(form.publicToken, contact({ email: 'kein-at', topic: 'spam', last_name: '' }));
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      code: 'validation_failed',
      details: [
        { path: 'last_name', message: 'required' },
        { path: 'email', message: 'invalid_email' },
        { path: 'topic', message: 'invalid_option' },
      ],
    });
  });

  it('stores only the declared fields, sealed, and the day: no IP address, user agent or referrer anywhere', async () => {
    const before = (await submissions()).length;
    const res = await submit(form.publicToken, contact({ topic: 'order' }), { ip: '203.0.113.77' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ status: 'received', message: 'Danke, wir melden uns.' });
    const rows = await submissions();
    expect(rows.length).toBe(before + 1);
    const row = rows.at(-1);
    expect(row?.received_on).toBe('2026-03-02');
    const raw = JSON.stringify(rows);
    for (const leak of ['203.0.113.77', 'Testbrowser', 'shop.example.de', 'Lieferung', 'Körner'])
      expect(raw).not.toContain(leak);
    expect(Object.keys(row ?? {}).sort()).toEqual(
      [
        'decided_at',
        'decided_by',
        'form_id',
        'id',
        'person_id',
        'purge_on',
        'received_on',
        'status',
        'tenant_id',
        'values_enc',
      ].sort(),
    );
    // nothing else in the database holds the address or the browser either
    const audit = await asSystem(t.db.kysely, (tx) =>
      tx.selectFrom('audit_log').select(['note', 'fields']).execute(),
    );
    expect(JSON.stringify(audit)).not.toContain('203.0.113.77');
    // the inbox shows the values
    const inbox = await t.call(t.adminToken, {
      method: 'GET',
      url: `${API}/web-forms/${form.id}/submissions`,
    });
    const item = inbox.json().items.find((s: { id: string }) => s.id === row?.id);
    expect(item).toMatchObject({
      status: 'new',
      preview: 'Jana Körner',
      receivedOn: '2026-03-02',
      purgeOn: '2026-04-01',
    });
    const one = await t.call(t.adminToken, { method: 'GET', url: `${API}/web-forms/submissions/${row?.id}` });
    expect(one.json().values).toEqual([
      { key: 'first_name', label: label('Vorname', 'First name'), value: 'Jana' },
      { key: 'last_name', label: label('Nachname', 'Last name'), value: 'Körner' },
      { key: 'email', label: label('E-Mail', 'E-mail'), value: 'jana.koerner@example.de' },
      {
        key: 'message',
        label: label('Nachricht', 'Message'),
        value: 'Bitte rufen Sie mich wegen der Lieferung an.',
      },
      { key: 'topic', label: label('Thema', 'Topic'), value: 'order' },
    ]);
    // marketing may not read communication content: the message is left out
    const asMarketing = await t.call(marketing, {
      method: 'GET',
      url: `${API}/web-forms/submissions/${row?.id}`,
    });
    expect(asMarketing.json().values.map((v: { key: string }) => v.key)).toEqual([
      'first_name',
      'last_name',
      'email',
    ]);
  });

  it('takes HTML form posts (303 to the hosted page) and answers a filled honeypot without storing it', async () => {
    const before = (await submissions()).length;
    const res = await t.app.inject({
      method: 'POST',
      url: `${API}/public/web-forms/${form.publicToken}`,
      payload: new URLSearchParams({ ...contact(), lang: 'en', custos_hp: '' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      remoteAddress: nextIp(),
    });
    expect(res.statusCode, res.body).toBe(303);
    expect(res.headers.location).toBe(`/forms/${form.publicToken}?sent=1&lang=en`);
    const bot = await submit(form.publicToken, contact({ custos_hp: 'http://spam.example' }));
    expect(bot.statusCode).toBe(201);
    expect((await submissions()).length).toBe(before + 1);
    const invalid = await t.app.inject({
      method: 'POST',
      url: `${API}/public/web-forms/${form.publicToken}`,
      payload: new URLSearchParams({ ...contact({ email: 'x' }), lang: 'de' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      remoteAddress: nextIp(),
    });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.headers['content-type']).toContain('text/html');
    expect(invalid.body).toContain('Bitte eine gültige E-Mail-Adresse angeben.');
    expect(invalid.body).toContain('value="Jana"');
  });

  it('rate limits submissions per client address (429)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push((await submit(form.publicToken, { email: 'x' }, { ip: '192.0.2.200' })).statusCode);
    expect(statuses.slice(0, 10).every((s) => s === 422)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it('serves the hosted page in the visitor language, without scripts and embeddable', async () => {
    const de = await t.app.inject({
      method: 'GET',
      url: `/forms/${form.publicToken}`,
      headers: { 'accept-language': 'de-DE' },
    });
    expect(de.statusCode).toBe(200);
    expect(de.headers['content-security-policy']).toContain("default-src 'none'");
    expect(de.headers['x-frame-options']).toBeUndefined();
    expect(de.body).toContain('<html lang="de">');
    expect(de.body).toContain('<label for="f_message">Nachricht');
    expect(de.body).not.toContain('<script');
    const en = await t.app.inject({
      method: 'GET',
      url: `/forms/${form.publicToken}?sent=1`,
      headers: { 'accept-language': 'en' },
    });
    expect(en.body).toContain('Thanks, we will be in touch.');
    const snippet = await t.call(marketing, { method: 'GET', url: `${API}/web-forms/${form.id}/snippet` });
    expect(snippet.json().iframe).toContain(`/forms/${form.publicToken}`);
    expect(snippet.json().html).toContain(`/api/v1/public/web-forms/${form.publicToken}`);
  });

  it('accepts a submission into a new prospect with provenance; the message becomes an interaction', async () => {
    const res = await submit(form.publicToken, contact({ email: 'neu@example.de', last_name: 'Neumann' }));
    expect(res.statusCode).toBe(201);
    const [row] = (await submissions()).filter((s) => s.status === 'new').slice(-1);
    const accepted = await t.call(sales, {
      method: 'POST',
      url: `${API}/web-forms/submissions/${row?.id}/accept`,
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const personId = accepted.json().personId;
    const person = await t.call(t.adminToken, { method: 'GET', url: `${API}/persons/${personId}` });
    expect(person.json()).toMatchObject({
      kind: 'prospect',
      lastName: 'Neumann',
      email: 'neu@example.de',
      legalBasis: 'legitimate_interest',
      purposes: ['customer_service'],
      source: { kind: 'web_form', detail: 'Kontakt Website' },
    });
    const interactions = await t.call(t.adminToken, {
      method: 'GET',
      url: `${API}/persons/${personId}/interactions`,
    });
    expect(interactions.json().items).toEqual([
      expect.objectContaining({ direction: 'inbound', body: expect.stringContaining('wegen der Lieferung') }),
    ]);
    const again = await t.call(sales, {
      method: 'POST',
      url: `${API}/web-forms/submissions/${row?.id}/accept`,
    });
    expect(again.statusCode).toBe(409);
    // the submission's own key went: it is sealed under the person's now
    const keys = await db((tx) =>
      tx
        .selectFrom('subject_keys')
        .select('subject_id')
        .where('subject_id', '=', row?.id as string)
        .where('wrapped_key', 'is not', null)
        .execute(),
    );
    expect(keys).toEqual([]);
  });

  it('queues special-category free text for the redaction check', async () => {
    const res = await submit(
      form.publicToken,
      contact({ message: 'Ich habe Diabetes und brauche einen Termin.' }),
    );
    expect(res.statusCode).toBe(201);
    const [row] = (await submissions()).slice(-1);
    const findings = await db((tx) =>
      tx
        .selectFrom('redaction_findings')
        .selectAll()
        .where('source_id', '=', row?.id as string)
        .execute(),
    );
    expect(findings).toEqual([
      expect.objectContaining({
        source_kind: 'form_submission',
        field: 'message',
        origin: 'form',
        person_id: null,
      }),
    ]);
    expect(findings[0]?.categories).toContain('special_health');
    // discarding deletes the submission, its key and its finding at once
    const discard = await t.call(sales, {
      method: 'POST',
      url: `${API}/web-forms/submissions/${row?.id}/discard`,
    });
    expect(discard.statusCode).toBe(204);
    expect((await submissions()).some((s) => s.id === row?.id)).toBe(false);
    const left = await db((tx) =>
      tx
        .selectFrom('redaction_findings')
        .select('id')
        .where('source_id', '=', row?.id as string)
        .execute(),
    );
    expect(left).toEqual([]);
  });

  it('purges submissions nobody accepted after the retention days; accepted ones stay with their person', async () => {
    const before = await submissions();
    expect(before.some((s) => s.status === 'new')).toBe(true);
    expect(await purgeWebFormSubmissions(t.ctx, { now: new Date(now.getTime() + 29 * DAY) })).toBe(0);
    const purged = await purgeWebFormSubmissions(t.ctx, { now: new Date(now.getTime() + 30 * DAY) });
    expect(purged).toBe(before.filter((s) => s.status === 'new').length);
    const after = await submissions();
    expect(after.map((s) => s.status)).toEqual(['accepted']);
    const keys = await db((tx) =>
      tx
        .selectFrom('subject_keys')
        .select('subject_id')
        .where(
          'subject_id',
          'in',
          before.map((s) => s.id),
        )
        .where('wrapped_key', 'is not', null)
        .execute(),
    );
    expect(keys).toEqual([]);
  });

  it('a deactivated form takes no submissions; a changed field list is checked again', async () => {
    const off = await t.call(marketing, {
      method: 'PATCH',
      url: `${API}/web-forms/${form.id}`,
      body: { active: false },
    });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ active: false, name: 'Kontakt Website' });
    const refused = await submit(form.publicToken, contact());
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'form_inactive' });
    const bad = await t.call(marketing, {
      method: 'PATCH',
      url: `${API}/web-forms/${form.id}`,
      body: { fields: [CONTACT_FIELDS[3]] },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ code: 'web_form_invalid' });
    const on = await t.call(marketing, {
      method: 'PATCH',
      url: `${API}/web-forms/${form.id}`,
      body: { active: true },
    });
    expect(on.json()).toMatchObject({ active: true });
  });

  it('a newsletter form hands the address to the double opt-in of its sign-up form', async () => {
    const wording = await t.call(t.adminToken, {
      method: 'POST',
      url: `${API}/consent-wordings`,
      body: {
        purposeId: 'newsletter',
        channel: 'email',
        language: 'de',
        text: 'Ja, ich möchte den Newsletter.',
        advertiser: 'Muster GmbH',
      },
    });
    expect(wording.statusCode, wording.body).toBe(201);
    const consentForm = await t.call(marketing, {
      method: 'POST',
      url: `${API}/consent-forms`,
      body: { name: 'Newsletter', purposeId: 'newsletter', language: 'de' },
    });
    expect(consentForm.statusCode, consentForm.body).toBe(201);
    const created = await t.call(marketing, {
      method: 'POST',
      url: `${API}/web-forms`,
      body: {
        kind: 'newsletter',
        name: 'Newsletter Footer',
        purposeId: 'newsletter',
        legalBasis: 'consent',
        consentFormId: consentForm.json().id,
        retentionDays: 7,
        fields: [CONTACT_FIELDS[0], { ...CONTACT_FIELDS[2] }],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().metadata.map((m: { metadata: string }) => m.metadata)).toContain('ip_address');
    const before = (await submissions()).length;
    const res = await submit(created.json().publicToken, {
      first_name: 'Nina',
      email: 'nina@example.de',
      consent: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    const mail = await smtp.waitFor((m) => m.to.includes('nina@example.de'));
    expect(mail.parsed.text).toContain('/consent/confirm?token=');
    expect((await submissions()).length).toBe(before);
    const signups = await db((tx) =>
      tx.selectFrom('consent_signups').selectAll().where('email', '=', 'nina@example.de').execute(),
    );
    expect(signups).toHaveLength(1);
    const unticked = await submit(created.json().publicToken, { email: 'ohne@example.de' });
    expect(unticked.json()).toMatchObject({ code: 'consent_not_given' });
  });
});
