import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, personBody, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { startSmtpServer } from '../../../test/support/smtp.ts';
import { snapshotData } from '../../../test/support/snapshot.ts';
import { closeSmtpTransports } from '../mail/mail.transport.ts';

const API = '/api/v1';

describe.each(testDatabaseKinds())('e-mailing a request letter on %s', (kind) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let dpo: string;

  const call = (token: string, method: 'GET' | 'POST', url: string, body?: object) =>
    t.call(token, { method, url: `${API}${url}`, ...(body ? { body } : {}) });
  const letterFor = async (person: Record<string, unknown>) => {
    const created = await call(dpo, 'POST', '/persons', personBody(person));
    expect(created.statusCode, created.body).toBe(201);
    const request = await call(dpo, 'POST', '/requests', {
      type: 'access',
      personId: created.json().id,
      channel: 'email',
    });
    expect(request.statusCode, request.body).toBe(201);
    const letter = await call(dpo, 'POST', `/requests/${request.json().id}/letters`, {
      kind: 'acknowledgement',
    });
    expect(letter.statusCode, letter.body).toBe(201);
    return {
      letter: letter.json() as { id: string; subject: string },
      requestId: request.json().id as string,
    };
  };

  beforeAll(async () => {
    smtp = await startSmtpServer({ rejectRecipient: (a) => a === 'weg@example.de' });
    t = await createTestApp(kind, { smtpUrl: smtp.url });
    dpo = (await t.userWithToken({ role: 'dpo' })).token;
  });
  afterAll(async () => {
    await t?.close();
    closeSmtpTransports();
    await smtp?.close();
  });

  it('sends the letter to the address on record and marks it sent', async () => {
    const { letter, requestId } = await letterFor({
      firstName: 'Jana',
      lastName: 'Brief',
      email: 'jana@example.de',
    });
    const res = await call(dpo, 'POST', `/letters/${letter.id}/email`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().sentAt).not.toBeNull();
    const mail = await smtp.waitFor((m) => m.to.includes('jana@example.de'));
    expect(mail.parsed.subject).toBe(letter.subject);
    expect(mail.parsed.text).toContain('Jana');
    const history = await call(dpo, 'GET', `/requests/${requestId}`);
    expect(JSON.stringify(history.json())).toContain('letter_sent');
  });

  it('refuses without an address, on a bounce and for roles other than the DPO, sending nothing', async () => {
    const noAddress = await letterFor({
      firstName: 'Otto',
      lastName: 'Ohne',
      email: null,
      phone: '+49 30 555',
    });
    const before = await snapshotData(t.db);
    const received = smtp.received.length;
    const res = await call(dpo, 'POST', `/letters/${noAddress.letter.id}/email`);
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('no_email_address');
    expect(await snapshotData(t.db)).toEqual(before);
    const sales = (await t.userWithToken({ role: 'sales' })).token;
    expect((await call(sales, 'POST', `/letters/${noAddress.letter.id}/email`)).statusCode).toBe(403);

    const bouncing = await letterFor({ firstName: 'Wera', lastName: 'Weg', email: 'weg@example.de' });
    const bounced = await call(dpo, 'POST', `/letters/${bouncing.letter.id}/email`);
    expect(bounced.statusCode).toBe(422);
    expect(bounced.json().code).toBe('email_undeliverable');
    const letters = await call(dpo, 'GET', `/requests/${bouncing.requestId}/letters`);
    expect(letters.json().items[0].sentAt).toBeNull();
    expect(smtp.received.length).toBe(received);
  });
});
