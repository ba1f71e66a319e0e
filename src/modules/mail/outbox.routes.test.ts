import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { startSmtpServer } from '../../../test/support/smtp.ts';
import { sendMails } from './mail.service.ts';
import { closeSmtpTransports } from './mail.transport.ts';

vi.setConfig({ hookTimeout: 240_000, testTimeout: 120_000 });
const API = '/api/v1';

describe.each(testDatabaseKinds())('outbox on %s', (kind) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let marketing: string;
  let sales: string;

  const call = (token: string, url: string) => t.call(token, { method: 'GET', url: `${API}${url}` });

  beforeAll(async () => {
    smtp = await startSmtpServer({ rejectRecipient: (a) => a === 'weg@example.de' });
    t = await createTestApp(kind, { smtpUrl: smtp.url });
    marketing = (await t.userWithToken({ role: 'marketing' })).token;
    sales = (await t.userWithToken({ role: 'sales' })).token;
  });
  afterAll(async () => {
    await t?.close();
    closeSmtpTransports();
    await smtp?.close();
  });

  it('lists mails sent through SMTP, newest first, with filters, paging and detail', async () => {
    const results = await sendMails(t.ctx, {
      tenantId: t.tenantId,
      mails: [
        {
          kind: 'notice',
          to: 'anna@example.de',
          subject: 'Hinweis 1',
          text: 'Text eins',
          headers: { 'X-Custos': '1' },
        },
        { kind: 'portal_login', to: 'weg@example.de', subject: 'Login', text: 'Link' },
      ],
    });
    expect(results.map((r) => r.status)).toEqual(['sent', 'bounced']);
    await smtp.waitFor((m) => m.to.includes('anna@example.de'));
    await sendMails(t.ctx, {
      tenantId: t.tenantId,
      mails: [{ kind: 'notice', to: 'bert@example.de', subject: 'Hinweis 2', text: 'Text zwei' }],
    });

    const all = await call(marketing, '/outbox');
    expect(all.statusCode).toBe(200);
    expect(all.json().items).toHaveLength(3);
    expect(all.json().nextCursor).toBeNull();

    const bounced = (await call(marketing, '/outbox?status=bounced')).json().items;
    expect(bounced).toHaveLength(1);
    expect(bounced[0]).toMatchObject({ to: 'weg@example.de', kind: 'portal_login', status: 'bounced' });
    expect(bounced[0].error).toBeTruthy();

    const page1 = (await call(marketing, '/outbox?kind=notice&limit=1')).json();
    expect(page1.items).toHaveLength(1);
    expect(page1.nextCursor).toBeTruthy();
    const page2 = (await call(marketing, `/outbox?kind=notice&limit=1&cursor=${page1.nextCursor}`)).json();
    expect(page2.items).toHaveLength(1);
    expect(page2.nextCursor).toBeNull();
    expect(new Set([page1.items[0].subject, page2.items[0].subject])).toEqual(
      new Set(['Hinweis 1', 'Hinweis 2']),
    );

    const first = results[0] as { id: string; messageId: string };
    const detail = await call(marketing, `/outbox/${first.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({
      id: first.id,
      to: 'anna@example.de',
      status: 'sent',
      text: 'Text eins',
      headers: { 'X-Custos': '1' },
      messageId: first.messageId,
    });
    expect(detail.json().sentAt).toBeTruthy();
  });

  it('refuses roles without outbox.read, bad cursors and unknown mails', async () => {
    expect((await call(sales, '/outbox')).json().code).toBe('forbidden');
    expect((await call(marketing, '/outbox?cursor=kaputt')).statusCode).toBe(422);
    expect((await call(marketing, '/outbox?limit=1000')).statusCode).toBe(422);
    expect((await call(marketing, '/outbox/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});
