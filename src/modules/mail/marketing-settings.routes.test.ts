import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { snapshotData } from '../../../test/support/snapshot.ts';
import { inTenant } from '../../db/tenant.ts';
import { renderMailTemplate } from './mail-templates.ts';

vi.setConfig({ hookTimeout: 240_000, testTimeout: 120_000 });
const API = '/api/v1';

describe.each(testDatabaseKinds())('marketing settings and mail templates on %s', (kind) => {
  const clock = new Date('2026-03-02T09:00:00Z');
  let t: TestApp;
  let marketing: string;
  let sales: string;
  let support: string;

  const call = (token: string, method: 'GET' | 'POST' | 'PUT', url: string, body?: object) =>
    t.call(token, { method, url: `${API}${url}`, ...(body ? { body } : {}) });
  const render = (
    key: 'double_opt_in' | 'portal_login' | 'marketing_footer',
    language: 'de' | 'en',
    vars: Record<string, string>,
  ) =>
    inTenant(t.db.kysely, t.tenantId, (tx) =>
      renderMailTemplate(tx, t.ctx, { tenantId: t.tenantId, key, language, vars }),
    );

  beforeAll(async () => {
    t = await createTestApp(kind, { now: () => clock });
    marketing = (await t.userWithToken({ role: 'marketing' })).token;
    sales = (await t.userWithToken({ role: 'sales' })).token;
    support = (await t.userWithToken({ role: 'support' })).token;
  });
  afterAll(() => t?.close());

  it('reads defaults and saves the sender identity', async () => {
    const defaults = await call(sales, 'GET', '/marketing/settings');
    expect(defaults.statusCode).toBe(200);
    expect(defaults.json()).toMatchObject({
      senderName: 'Muster GmbH',
      publicUrl: 'http://custos.test',
      replyTo: null,
      smtpConfigured: false,
    });
    const body = {
      senderName: 'Muster Newsletter',
      senderEmail: 'news@muster.example',
      replyTo: 'antwort@muster.example',
      postalAddress: 'Musterstraße 1, 30159 Hannover',
      publicUrl: 'https://crm.muster.example/',
    };
    const saved = await call(marketing, 'PUT', '/marketing/settings', body);
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toEqual({ ...body, publicUrl: 'https://crm.muster.example', smtpConfigured: false });
    expect((await call(sales, 'GET', '/marketing/settings')).json().senderName).toBe('Muster Newsletter');

    const before = await snapshotData(t.db);
    expect((await call(sales, 'PUT', '/marketing/settings', body)).json().code).toBe('forbidden');
    expect((await call(support, 'GET', '/marketing/settings')).json().code).toBe('forbidden');
    const bad = await call(marketing, 'PUT', '/marketing/settings', { ...body, senderEmail: 'kein-mail' });
    expect(bad.statusCode).toBe(422);
    const js = await call(marketing, 'PUT', '/marketing/settings', {
      ...body,
      publicUrl: 'javascript:alert(1)',
    });
    expect(js.statusCode).toBe(422);
    expect(await snapshotData(t.db)).toEqual(before);
  });

  it('lists the built-in templates and renders them', async () => {
    const list = await call(sales, 'GET', '/mail-templates');
    expect(list.statusCode).toBe(200);
    // four keys (double opt-in, portal login, marketing footer, redaction notice) in two languages
    expect(list.json().items).toHaveLength(8);
    expect(
      list.json().items.every((i: { builtIn: boolean; version: number }) => i.builtIn && i.version === 0),
    ).toBe(true);
    const footer = await render('marketing_footer', 'de', {
      unsubscribeLink: 'https://x/u',
      preferencesLink: 'https://x/p',
      postalAddress: 'Musterstraße 1',
      senderName: 'Muster',
    });
    expect(footer.text).toContain(
      'Sie können der Verwendung Ihrer Daten für Werbung jederzeit widersprechen',
    );
    expect(footer.text).toContain('https://x/u');
    expect(footer).toMatchObject({ templateId: null, version: 0 });
    const doi = await render('double_opt_in', 'en', {
      link: 'https://x/c?token=abc',
      purpose: 'Newsletter',
      senderName: 'Muster',
    });
    expect(doi.subject).toBe('Please confirm your sign-up');
    expect(doi.text).toContain('https://x/c?token=abc');
    expect(doi.text).not.toContain('{{');
  });

  it('saves template versions, refuses unknown placeholders, and renders the newest', async () => {
    const body = {
      key: 'double_opt_in',
      language: 'de',
      subject: 'Bestätigen Sie Ihre Anmeldung bei {{senderName}}',
      body: 'Hallo {{firstName}},\n\nbitte bestätigen: {{link}}\n\nZweck: {{purpose}}',
    };
    const v1 = await call(marketing, 'POST', '/mail-templates', body);
    expect(v1.statusCode).toBe(201);
    expect(v1.json()).toMatchObject({ version: 1, builtIn: false, key: 'double_opt_in', language: 'de' });
    const v2 = await call(marketing, 'POST', '/mail-templates', { ...body, subject: 'Bitte bestätigen' });
    expect(v2.json().version).toBe(2);

    const before = await snapshotData(t.db);
    const unknown = await call(marketing, 'POST', '/mail-templates', {
      ...body,
      body: '{{link}} {{gutschein}}',
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json()).toMatchObject({ code: 'invalid_template' });
    expect(unknown.json().message).toContain('{{gutschein}}');
    const noLink = await call(marketing, 'POST', '/mail-templates', { ...body, body: 'Hallo {{firstName}}' });
    expect(noLink.json().code).toBe('invalid_template');
    expect((await call(sales, 'POST', '/mail-templates', body)).json().code).toBe('forbidden');
    expect((await call(marketing, 'POST', '/mail-templates', { ...body, key: 'other' })).statusCode).toBe(
      422,
    );
    expect(await snapshotData(t.db)).toEqual(before);

    const versions = await call(sales, 'GET', '/mail-templates/double_opt_in/de/versions');
    expect(versions.json().items.map((i: { version: number }) => i.version)).toEqual([2, 1, 0]);
    const list = (await call(sales, 'GET', '/mail-templates')).json().items;
    expect(
      list.find((i: { key: string; language: string }) => i.key === 'double_opt_in' && i.language === 'de'),
    ).toMatchObject({
      version: 2,
      subject: 'Bitte bestätigen',
    });
    const rendered = await render('double_opt_in', 'de', {
      firstName: 'Anna',
      link: 'https://x/c',
      purpose: 'Newsletter',
    });
    expect(rendered).toMatchObject({ subject: 'Bitte bestätigen', version: 2, templateId: v2.json().id });
    expect(rendered.text).toBe('Hallo Anna,\n\nbitte bestätigen: https://x/c\n\nZweck: Newsletter');
  });
});
