import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { startSmtpServer } from '../../../test/support/smtp.ts';
import { inTenant } from '../../db/tenant.ts';
import { bouncedAddresses, sendMails } from './mail.service.ts';
import { closeSmtpTransports } from './mail.transport.ts';

const mailRows = (t: TestApp) =>
  inTenant(t.db.kysely, t.tenantId, (tx) =>
    tx.selectFrom('outbound_mails').selectAll().orderBy('to_address').execute(),
  );

describe.each(testDatabaseKinds())('sending mail on %s', (kind) => {
  describe('through a real SMTP server', () => {
    let t: TestApp;
    let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
    beforeAll(async () => {
      smtp = await startSmtpServer({ rejectRecipient: (a) => a === 'gone@example.de' });
      t = await createTestApp(kind, { smtpUrl: smtp.url });
    });
    afterAll(async () => {
      closeSmtpTransports();
      await t.close();
      await smtp.close();
    });

    it('delivers with the tenant sender and the given headers, records sent and bounced mails', async () => {
      const results = await sendMails(t.ctx, {
        tenantId: t.tenantId,
        mails: [
          {
            kind: 'notice',
            to: 'anna@example.de',
            subject: 'Hallo Anna',
            text: 'Grüße aus Köln',
            headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
          },
          { kind: 'notice', to: 'gone@example.de', subject: 'Hallo', text: 'Niemand da' },
        ],
      });
      expect(results.map((r) => r.status)).toEqual(['sent', 'bounced']);
      const mail = await smtp.waitFor((m) => m.to.includes('anna@example.de'));
      expect(mail.parsed.subject).toBe('Hallo Anna');
      expect(mail.parsed.text?.trim()).toBe('Grüße aus Köln');
      expect(mail.parsed.from?.value[0]).toMatchObject({ name: 'Muster GmbH', address: 'custos@localhost' });
      expect(mail.raw).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
      expect(mail.parsed.messageId).toBe(results[0]?.messageId);
      expect(smtp.mailsTo('gone@example.de')).toEqual([]);

      const rows = await mailRows(t);
      expect(rows.map((r) => [r.to_address, r.status])).toEqual([
        ['anna@example.de', 'sent'],
        ['gone@example.de', 'bounced'],
      ]);
      expect(rows[0]?.sent_at).toBeInstanceOf(Date);
      expect(rows[1]?.error).toMatch(/550/);
      const bounced = await inTenant(t.db.kysely, t.tenantId, (tx) =>
        bouncedAddresses(tx, ['GONE@example.de', 'anna@example.de']),
      );
      expect([...bounced]).toEqual(['gone@example.de']);
    });
  });

  describe('without SMTP', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(kind);
    });
    afterAll(() => t.close());

    it('keeps the mail in the outbox table and as an .eml file in the data directory', async () => {
      const [result] = await sendMails(t.ctx, {
        tenantId: t.tenantId,
        mails: [{ kind: 'notice', to: 'ben@example.de', subject: 'Bestätigung', text: 'Bitte klicken' }],
      });
      expect(result?.status).toBe('outbox');
      const [row] = await mailRows(t);
      expect(row).toMatchObject({ status: 'outbox', to_address: 'ben@example.de', sent_at: null });
      const eml = await fs.readFile(
        path.join(t.ctx.config.dataDir, 'outbox', t.tenantId, `${result?.id}.eml`),
        'utf8',
      );
      expect(eml).toContain('Subject: =?UTF-8?Q?Best=C3=A4tigung?=');
      expect(eml).toContain('To: ben@example.de');
    });
  });
});
