import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, personBody, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { linkIn, type ReceivedMail, startSmtpServer } from '../../../test/support/smtp.ts';
import { snapshotData } from '../../../test/support/snapshot.ts';
import { asSystem } from '../../db/tenant.ts';
import { closeSmtpTransports } from '../mail/mail.transport.ts';
import { runDueCampaigns } from './campaigns.scheduler.ts';

vi.setConfig({ hookTimeout: 240_000, testTimeout: 120_000 });
const API = '/api/v1';
const PUBLIC = 'http://custos.test';
const BOUNCING = 'emil.bounce@example.de';

describe.each(testDatabaseKinds())('campaigns on %s', (kind) => {
  let clock = new Date('2026-03-02T09:00:00Z');
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let marketing: string;
  let sales: string;
  let support: string;
  let readonly: string;
  let dpo: string;
  let tag: string;
  let letterTag: string;
  let segment: string;
  let noBasisSegment: string;
  let letterSegment: string;
  const groups = {} as Record<'gold' | 'silver', string>;
  const p = {} as Record<'anna' | 'bernd' | 'clara' | 'dieter' | 'emil' | 'fritz' | 'greta', string>;
  const consents = {} as Record<string, string>;
  let wordingId: string;
  let firstCampaign: string;

  const call = (token: string | null, method: 'GET' | 'POST' | 'PATCH', url: string, body?: object) =>
    t.call(token, { method, url: `${API}${url}`, ...(body !== undefined ? { body } : {}) });
  const created = async (token: string, url: string, body: object) => {
    const res = await call(token, 'POST', url, body);
    if (res.statusCode !== 201) throw new Error(`fixture ${url}: ${res.statusCode} ${res.body}`);
    return res.json().id as string;
  };
  const person = async (first: string, last: string, extra: object = {}) =>
    created(
      t.adminToken,
      '/persons',
      personBody({
        firstName: first,
        lastName: last,
        email: `${first}.${last}@example.de`.toLowerCase().replace(/ü/g, 'ue'),
        phone: null,
        tagIds: [tag],
        ...extra,
      }),
    );
  const consent = async (personId: string, channel: 'email' | 'letter' = 'email') => {
    const id = await created(t.adminToken, `/persons/${personId}/consents`, {
      purposeId: 'newsletter',
      channel,
      wordingId,
      method: 'in_person',
      givenAt: '2026-01-10T10:00:00Z',
      proof: { note: 'Messestand, Formular unterschrieben' },
    });
    consents[personId] = id;
    return id;
  };
  const campaignBody = (overrides: object = {}) => ({
    name: 'Frühjahrsangebot',
    kind: 'email',
    occasion: 'offer',
    segmentId: segment,
    purposeId: 'newsletter',
    language: 'de',
    subject: 'Frühling bei Muster, {{firstName}}',
    body: '{{salutation}},\n\nunser Frühjahrsangebot: {{link}}\n\nViele Grüße',
    linkUrl: 'https://shop.example/fruehling',
    ...overrides,
  });
  const recipients = async (campaignId: string) =>
    (await call(marketing, 'GET', `/campaigns/${campaignId}/recipients`)).json().items as {
      personId: string;
      status: string;
      skipReason: string | null;
      basis: string | null;
    }[];
  const statusOf = async (campaignId: string, personId: string) =>
    (await recipients(campaignId)).filter((r) => r.personId === personId).map((r) => r.status);

  beforeAll(async () => {
    smtp = await startSmtpServer({ rejectRecipient: (a) => a === BOUNCING });
    t = await createTestApp(kind, { now: () => clock, smtpUrl: smtp.url });
    marketing = (await t.userWithToken({ role: 'marketing' })).token;
    sales = (await t.userWithToken({ role: 'sales' })).token;
    support = (await t.userWithToken({ role: 'support' })).token;
    readonly = (await t.userWithToken({ role: 'readonly' })).token;
    dpo = (await t.userWithToken({ role: 'dpo' })).token;
    tag = await created(t.adminToken, '/tags', { name: 'Frühjahr', color: 'green' });
    letterTag = await created(t.adminToken, '/tags', { name: 'Briefe', color: 'blue' });
    groups.gold = await created(t.adminToken, '/customer-groups', { name: 'Gold' });
    groups.silver = await created(t.adminToken, '/customer-groups', { name: 'Silber' });
    const goldOrg = await created(t.adminToken, '/organizations', {
      name: 'Goldkunde AG',
      customerGroupId: groups.gold,
    });
    const silverOrg = await created(t.adminToken, '/organizations', {
      name: 'Silberkunde GmbH',
      customerGroupId: groups.silver,
    });
    wordingId = await created(t.adminToken, '/consent-wordings', {
      purposeId: 'newsletter',
      channel: 'email',
      language: 'de',
      text: 'Ja, ich möchte den Newsletter der Muster GmbH per E-Mail erhalten.',
      advertiser: 'Muster GmbH',
    });
    p.anna = await person('Anna', 'Müller', { organizationId: goldOrg });
    p.bernd = await person('Bernd', 'Schulz', { organizationId: silverOrg });
    p.clara = await person('Clara', 'Weber');
    const noConsentTag = await created(t.adminToken, '/tags', { name: 'Ohne', color: 'red' });
    p.dieter = await person('Dieter', 'Kein', { tagIds: [tag, noConsentTag] }); // no consent
    p.emil = await person('Emil', 'Bounce');
    p.fritz = await person('Fritz', 'Fremd', { tagIds: [] }); // consent, but not in the segment
    for (const id of [p.anna, p.bernd, p.clara, p.emil, p.fritz]) await consent(id);
    const segmentBody = (name: string, tagId: string, purposeId = 'newsletter', channel = 'email') => ({
      name,
      definition: { match: 'all', conditions: [{ field: 'tag', op: 'has', tagId }] },
      purposeId,
      channel,
    });
    segment = await created(marketing, '/segments', segmentBody('Frühjahrskunden', tag));
    noBasisSegment = await created(marketing, '/segments', segmentBody('Ohne Einwilligung', noConsentTag));
    letterSegment = await created(
      marketing,
      '/segments',
      segmentBody('Briefkunden', letterTag, 'marketing', 'letter'),
    );
  });
  afterAll(async () => {
    await t?.close();
    closeSmtpTransports();
    await smtp?.close();
  });

  it('sends to exactly the eligible persons over SMTP, with footer, one-click headers and a tracked link', async () => {
    const create = await call(marketing, 'POST', '/campaigns', campaignBody());
    expect(create.statusCode, create.body).toBe(201);
    expect(create.json()).toMatchObject({
      status: 'draft',
      version: 1,
      recurrence: 'none',
      stats: { recipients: 0 },
    });
    firstCampaign = create.json().id;

    const sent = await call(marketing, 'POST', `/campaigns/${firstCampaign}/send`);
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toMatchObject({
      status: 'sent',
      sentAt: clock.toISOString(),
      stats: { recipients: 4, sent: 3, skipped: 0, bounced: 1, failed: 0 },
    });
    // Anna, Bernd, Clara received it; Emil's address bounced; Dieter (no consent) and Fritz (not in the segment) not
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual([
      'anna.mueller@example.de',
      'bernd.schulz@example.de',
      'clara.weber@example.de',
    ]);
    const rows = await recipients(firstCampaign);
    expect(rows.map((r) => [r.personId, r.status, r.basis]).sort()).toEqual(
      [
        [p.anna, 'sent', 'consent'],
        [p.bernd, 'sent', 'consent'],
        [p.clara, 'sent', 'consent'],
        [p.emil, 'bounced', 'consent'],
      ].sort(),
    );

    const anna = smtp.mailsTo('anna.mueller@example.de')[0] as ReceivedMail;
    expect(anna.parsed.subject).toBe('Frühling bei Muster, Anna');
    const text = anna.parsed.text ?? '';
    expect(text).toContain('Guten Tag Anna Müller,');
    expect(text).toContain('Sie können der Verwendung Ihrer Daten für Werbung jederzeit widersprechen');
    const unsubscribe = linkIn(anna, `${PUBLIC}/api/v1/public/unsubscribe/`);
    expect(text).toContain(`${PUBLIC}/preferences?token=`);
    const headers = anna.raw.split(/\r?\n\r?\n/)[0]?.replace(/\r?\n[ \t]+/g, ' ') ?? '';
    expect(headers).toContain(`List-Unsubscribe: <${unsubscribe}>`);
    expect(headers).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    // the personal token is in the mail only; the database holds its hash
    const token = unsubscribe.split('/').pop() as string;
    const stored = await asSystem(t.db.kysely, (tx) =>
      tx.selectFrom('campaign_recipients').select('token_hash').where('person_id', '=', p.anna).execute(),
    );
    expect(stored.map((s) => s.token_hash)).not.toContain(token);

    // the tracked link redirects and counts once
    const tracked = linkIn(anna, `${PUBLIC}/api/v1/public/c/`);
    for (let i = 0; i < 2; i++) {
      const click = await t.call(null, { method: 'GET', url: tracked.replace(PUBLIC, '') });
      expect(click.statusCode, click.body).toBe(302);
      expect(click.headers.location).toBe('https://shop.example/fruehling');
    }
    const forged = await t.call(null, { method: 'GET', url: `${API}/public/c/l_${'x'.repeat(43)}` });
    expect(forged.statusCode).toBe(404);
    expect(forged.json().code).toBe('link_invalid');

    // sending again, editing or scheduling the sent campaign: refused
    for (const [method, url, body] of [
      ['POST', `/campaigns/${firstCampaign}/send`, undefined],
      ['PATCH', `/campaigns/${firstCampaign}`, { version: 3, name: 'x' }],
      ['POST', `/campaigns/${firstCampaign}/schedule`, { at: '2026-04-01T08:00:00Z' }],
    ] as const) {
      const res = await call(marketing, method, url, body);
      expect(res.statusCode, url).toBe(409);
      expect(res.json().code).toBe('campaign_not_editable');
    }
    expect(smtp.received).toHaveLength(3);
  });

  it('excludes a bounced address the next time', async () => {
    const id = await created(marketing, '/campaigns', campaignBody({ name: 'Zweite Runde', linkUrl: null }));
    const before = smtp.received.length;
    const sent = await call(marketing, 'POST', `/campaigns/${id}/send`);
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json().stats).toMatchObject({ recipients: 3, sent: 3, bounced: 0 });
    expect(smtp.received.length - before).toBe(3);
    expect(await statusOf(id, p.emil)).toEqual([]);
    // no link set: {{link}} renders empty, no tracked link in the mail
    const latest = smtp.received.at(-1) as ReceivedMail;
    expect(latest.parsed.text).not.toContain('/api/v1/public/c/');
  });

  it('refuses a segment without a legal basis with 409 and sends and records nothing', async () => {
    const id = await created(marketing, '/campaigns', campaignBody({ segmentId: noBasisSegment }));
    const before = await snapshotData(t.db);
    const mails = smtp.received.length;
    const res = await call(marketing, 'POST', `/campaigns/${id}/send`);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().code).toBe('campaign_no_legal_basis');
    const schedule = await call(marketing, 'POST', `/campaigns/${id}/schedule`, {
      at: '2026-03-03T08:00:00Z',
    });
    expect(schedule.statusCode).toBe(409);
    expect(schedule.json().code).toBe('campaign_no_legal_basis');
    expect(await snapshotData(t.db)).toEqual(before);
    expect(smtp.received.length).toBe(mails);
    expect((await call(marketing, 'GET', `/campaigns/${id}`)).json()).toMatchObject({
      status: 'draft',
      stats: { recipients: 0 },
    });
  });

  it('stops a scheduled campaign for a person who withdraws before it runs', async () => {
    const id = await created(marketing, '/campaigns', campaignBody({ name: 'Geplant' }));
    const at = new Date(clock.getTime() + 3_600_000);
    const past = await call(marketing, 'POST', `/campaigns/${id}/schedule`, { at: '2026-03-01T08:00:00Z' });
    expect(past.statusCode).toBe(422);
    const scheduled = await call(marketing, 'POST', `/campaigns/${id}/schedule`, { at: at.toISOString() });
    expect(scheduled.statusCode, scheduled.body).toBe(200);
    expect(scheduled.json()).toMatchObject({ status: 'scheduled', scheduledAt: at.toISOString() });
    expect((await recipients(id)).map((r) => r.status)).toEqual(['pending', 'pending', 'pending']);

    // not yet due: nothing happens
    expect(await runDueCampaigns(t.ctx, { now: clock })).toEqual([]);

    // Bernd withdraws with one click from the earlier campaign's mail (RFC 8058)
    const bernd = smtp.mailsTo('bernd.schulz@example.de')[0] as ReceivedMail;
    const unsubscribe = linkIn(bernd, `${PUBLIC}/api/v1/public/unsubscribe/`);
    const withdrawn = await t.app.inject({
      method: 'POST',
      url: unsubscribe.replace(PUBLIC, ''),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);

    clock = new Date(at.getTime() + 30_000);
    const before = smtp.received.length;
    const ran = await runDueCampaigns(t.ctx, { now: clock });
    expect(ran.map((r) => r.campaignId)).toEqual([id]);
    expect(smtp.received.length - before).toBe(2);
    expect(
      smtp.received
        .slice(before)
        .map((m) => m.to[0])
        .sort(),
    ).toEqual(['anna.mueller@example.de', 'clara.weber@example.de']);
    const rows = await recipients(id);
    expect(rows.find((r) => r.personId === p.bernd)).toMatchObject({
      status: 'skipped',
      skipReason: 'withdrawn',
    });
    expect((await call(marketing, 'GET', `/campaigns/${id}`)).json()).toMatchObject({
      status: 'sent',
      stats: { recipients: 3, sent: 2, skipped: 1 },
    });
    // a second run sends nothing more
    expect(await runDueCampaigns(t.ctx, { now: new Date(clock.getTime() + 60_000) })).toEqual([]);
    expect(smtp.received.length - before).toBe(2);
  });

  it('resumes a run interrupted mid-send: the pending recipients get it, nobody twice', async () => {
    const id = await created(marketing, '/campaigns', campaignBody({ name: 'Unterbrochen' }));
    const at = new Date(clock.getTime() + 3_600_000);
    expect(
      (await call(marketing, 'POST', `/campaigns/${id}/schedule`, { at: at.toISOString() })).statusCode,
    ).toBe(200);
    // the process ended while sending: Anna's mail had gone out, Clara's had not
    clock = new Date(at.getTime() + 10_000);
    await asSystem(t.db.kysely, async (tx) => {
      await tx
        .updateTable('campaigns')
        .set({ status: 'sending', last_run_key: 'once', updated_at: clock })
        .where('id', '=', id)
        .execute();
      await tx
        .updateTable('campaign_recipients')
        .set({ status: 'sent', sent_at: clock })
        .where('campaign_id', '=', id)
        .where('person_id', '=', p.anna)
        .execute();
    });
    const before = smtp.received.length;
    // still within the run's time: nobody takes it over
    expect(await runDueCampaigns(t.ctx, { now: new Date(clock.getTime() + 5 * 60_000) })).toEqual([]);
    const later = new Date(clock.getTime() + 16 * 60_000);
    const ran = await runDueCampaigns(t.ctx, { now: later });
    expect(ran).toEqual([{ campaignId: id, runKey: 'once', recipients: 1 }]);
    expect(smtp.received.slice(before).map((m) => m.to[0])).toEqual(['clara.weber@example.de']);
    const rows = await recipients(id);
    expect(rows.find((r) => r.personId === p.clara)?.status).toBe('sent');
    expect(rows.find((r) => r.personId === p.anna)?.status).toBe('sent');
    expect((await call(marketing, 'GET', `/campaigns/${id}`)).json().status).toBe('sent');
    // finished: a further run resumes nothing
    expect(await runDueCampaigns(t.ctx, { now: new Date(later.getTime() + 20 * 60_000) })).toEqual([]);
    expect(smtp.received.length - before).toBe(1);
  });

  it('resumes a run killed between handing a batch to SMTP and recording it: nobody gets it twice', async () => {
    const id = await created(marketing, '/campaigns', campaignBody({ name: 'Abgebrochen' }));
    const at = new Date(clock.getTime() + 3_600_000);
    expect(
      (await call(marketing, 'POST', `/campaigns/${id}/schedule`, { at: at.toISOString() })).statusCode,
    ).toBe(200);
    // the process died mid-batch: the batch's mails were in the outbox table, Anna's delivered, Clara's
    // still 'queued' (it may have reached the SMTP server), neither recipient row recorded yet
    clock = new Date(at.getTime() + 10_000);
    const mail = (personId: string, to: string, status: 'sent' | 'queued') => ({
      tenant_id: t.tenantId,
      kind: 'campaign' as const,
      person_id: personId,
      campaign_id: id,
      to_address: to,
      from_address: 'info@muster.example',
      subject: 'Frühling',
      body_text: 'Hallo',
      message_id: `<${status}-${personId}@muster.example>`,
      status,
      created_at: clock,
      sent_at: status === 'sent' ? clock : null,
    });
    await asSystem(t.db.kysely, async (tx) => {
      await tx
        .updateTable('campaigns')
        .set({ status: 'sending', last_run_key: 'once', updated_at: clock })
        .where('id', '=', id)
        .execute();
      await tx
        .insertInto('outbound_mails')
        .values([
          mail(p.anna, 'anna.mueller@example.de', 'sent'),
          mail(p.clara, 'clara.weber@example.de', 'queued'),
        ])
        .execute();
    });
    expect(await statusOf(id, p.anna)).toEqual(['pending']);
    const before = smtp.received.length;
    const ran = await runDueCampaigns(t.ctx, { now: new Date(clock.getTime() + 16 * 60_000) });
    expect(ran).toEqual([{ campaignId: id, runKey: 'once', recipients: 0 }]);
    expect(smtp.received.length - before).toBe(0);
    const rows = await recipients(id);
    expect(rows.find((r) => r.personId === p.anna)?.status).toBe('sent');
    expect(rows.find((r) => r.personId === p.clara)).toMatchObject({
      status: 'failed',
      skipReason: 'interrupted',
    });
    const outbox = await asSystem(t.db.kysely, (tx) =>
      tx.selectFrom('outbound_mails').select(['person_id', 'status']).where('campaign_id', '=', id).execute(),
    );
    expect(outbox.find((m) => m.person_id === p.clara)?.status).toBe('failed');
    expect((await call(marketing, 'GET', `/campaigns/${id}`)).json().status).toBe('sent');
  });

  it('greets on the birthday once (a second run the same day sends nothing)', async () => {
    // Greta's birthday is on 3 March; the clock moves to 3 March 2026 in Berlin
    p.greta = await person('Greta', 'Geburtstag', { birthDate: '1985-03-03' });
    await consent(p.greta);
    const id = await created(
      marketing,
      '/campaigns',
      campaignBody({
        name: 'Geburtstagsgruß',
        occasion: 'birthday',
        recurrence: 'birthday',
        subject: 'Alles Gute, {{firstName}}!',
        linkUrl: null,
      }),
    );
    const scheduled = await call(marketing, 'POST', `/campaigns/${id}/schedule`, {
      at: new Date(clock.getTime() + 60_000).toISOString(),
    });
    expect(scheduled.statusCode, scheduled.body).toBe(200);
    expect(scheduled.json().stats.recipients).toBe(0);

    const before = smtp.received.length;
    // still 2 March: nobody has a birthday, nothing is sent
    const sameDay = new Date('2026-03-02T20:00:00Z');
    expect(await runDueCampaigns(t.ctx, { now: sameDay })).toEqual([]);
    // 3 March, 00:30 in Berlin
    clock = new Date('2026-03-02T23:30:00Z');
    const ran = await runDueCampaigns(t.ctx, { now: clock });
    expect(ran).toEqual([{ campaignId: id, runKey: '2026-03-03', recipients: 1 }]);
    expect(smtp.received.slice(before).map((m) => [m.to[0], m.parsed.subject])).toEqual([
      ['greta.geburtstag@example.de', 'Alles Gute, Greta!'],
    ]);
    clock = new Date('2026-03-03T15:00:00Z');
    expect(await runDueCampaigns(t.ctx, { now: clock })).toEqual([]);
    expect(smtp.received.length - before).toBe(1);
    expect((await call(marketing, 'GET', `/campaigns/${id}`)).json()).toMatchObject({
      status: 'scheduled',
      stats: { recipients: 1, sent: 1 },
    });
    // cancelling ends it
    const cancel = await call(marketing, 'POST', `/campaigns/${id}/cancel`);
    expect(cancel.json().status).toBe('cancelled');
    expect(await runDueCampaigns(t.ctx, { now: new Date('2027-03-03T10:00:00Z') })).toEqual([]);
  });

  it('reports responses by customer group after clicks, replies and an order', async () => {
    const orderId = await created(t.adminToken, '/orders', {
      personId: p.clara,
      lines: [{ product: 'Frühjahrspaket', quantity: '1', unitPrice: '49.00', taxRate: '19' }],
    });
    const otherOrder = await created(t.adminToken, '/orders', {
      personId: p.anna,
      lines: [{ product: 'X', quantity: '1', unitPrice: '1.00', taxRate: '19' }],
    });
    const respond = (token: string, body: object) =>
      call(token, 'POST', `/campaigns/${firstCampaign}/responses`, body);
    const occurredAt = '2026-03-02T12:00:00Z';
    const replied = await respond(sales, { personId: p.bernd, kind: 'replied', occurredAt });
    expect(replied.statusCode, replied.body).toBe(201);
    expect(replied.json()).toMatchObject({ personId: p.bernd, kind: 'replied', orderId: null });
    const ordered = await respond(support, { personId: p.clara, kind: 'ordered', occurredAt, orderId });
    expect(ordered.statusCode, ordered.body).toBe(201);

    const before = await snapshotData(t.db);
    for (const [token, body, status, code] of [
      [sales, { personId: p.dieter, kind: 'replied', occurredAt }, 422, 'unknown_record'],
      [sales, { personId: p.clara, kind: 'ordered', occurredAt, orderId: otherOrder }, 422, 'unknown_record'],
      [
        sales,
        { personId: p.clara, kind: 'replied', occurredAt: '2027-01-01T00:00:00Z' },
        422,
        'invalid_date_range',
      ],
      [sales, { personId: p.clara, kind: 'clicked', occurredAt }, 422, 'validation_failed'],
      [readonly, { personId: p.clara, kind: 'replied', occurredAt }, 403, 'forbidden'],
      [dpo, { personId: p.clara, kind: 'replied', occurredAt }, 403, 'forbidden'],
    ] as const) {
      const res = await respond(token, body);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().code).toBe(code);
    }
    expect(await snapshotData(t.db)).toEqual(before);

    const report = await call(dpo, 'GET', `/campaigns/${firstCampaign}/report`);
    expect(report.statusCode, report.body).toBe(200);
    expect(report.json()).toEqual({
      campaignId: firstCampaign,
      totals: {
        recipients: 4,
        sent: 3,
        skipped: 0,
        bounced: 1,
        clicked: 1,
        replied: 1,
        ordered: 1,
        unsubscribed: expect.any(Number),
      },
      byCustomerGroup: [
        {
          customerGroupId: groups.gold,
          name: 'Gold',
          recipients: 1,
          responded: 1,
          clicked: 1,
          replied: 0,
          ordered: 0,
          responseRate: 1,
        },
        {
          customerGroupId: groups.silver,
          name: 'Silber',
          recipients: 1,
          responded: 1,
          clicked: 0,
          replied: 1,
          ordered: 0,
          responseRate: 1,
        },
        {
          customerGroupId: null,
          name: 'no group',
          recipients: 1,
          responded: 1,
          clicked: 0,
          replied: 0,
          ordered: 1,
          responseRate: 1,
        },
      ],
    });
  });

  it('prints a letter campaign as one PDF with a letter per eligible recipient and marks them printed', async () => {
    const hans = await person('Hans', 'Brief', {
      tagIds: [letterTag],
      purposes: ['sales', 'marketing'],
      legalBasis: 'legitimate_interest',
      address: { street: 'Königstraße 12', postalCode: '70173', city: 'Stuttgart', country: 'DE' },
    });
    await person('Ida', 'Ohneadresse', {
      tagIds: [letterTag],
      purposes: ['sales', 'marketing'],
      legalBasis: 'legitimate_interest',
    });
    const id = await created(
      marketing,
      '/campaigns',
      campaignBody({
        name: 'Weihnachtskarte',
        kind: 'letter',
        occasion: 'seasonal',
        segmentId: letterSegment,
        purposeId: 'marketing',
        subject: 'Frohe Weihnachten',
        body: '{{salutation}},\n\nwir wünschen Ihnen frohe Festtage.',
        linkUrl: null,
      }),
    );
    expect((await call(marketing, 'POST', `/campaigns/${id}/send`)).statusCode).toBe(404);
    const res = await call(marketing, 'GET', `/campaigns/${id}/letters.pdf`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = await getDocumentProxy(new Uint8Array(res.rawPayload));
    expect(pdf.numPages).toBe(1);
    const { text } = await extractText(pdf, { mergePages: true });
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Guten Tag Hans Brief');
    expect(flat).toContain('Königstraße 12');
    expect(flat).toContain('widersprechen');
    expect(await statusOf(id, hans)).toEqual(['printed']);
    expect((await call(marketing, 'GET', `/campaigns/${id}`)).json().status).toBe('sent');
    // a reprint prints the same letter again
    const again = await call(marketing, 'GET', `/campaigns/${id}/letters.pdf`);
    expect(again.statusCode).toBe(200);
    expect(await statusOf(id, hans)).toEqual(['printed']);
    // the e-mail letters route does not apply to e-mail campaigns
    expect((await call(marketing, 'GET', `/campaigns/${firstCampaign}/letters.pdf`)).statusCode).toBe(404);
  });

  it('checks rights and input: marketing.read reads, marketing.manage writes', async () => {
    for (const token of [sales, dpo]) {
      expect((await call(token, 'GET', '/campaigns')).statusCode).toBe(200);
      expect((await call(token, 'GET', `/campaigns/${firstCampaign}/recipients`)).statusCode).toBe(200);
    }
    for (const token of [support, readonly]) {
      expect((await call(token, 'GET', '/campaigns')).statusCode).toBe(403);
      expect((await call(token, 'GET', `/campaigns/${firstCampaign}/report`)).statusCode).toBe(403);
    }
    const before = await snapshotData(t.db);
    for (const token of [sales, dpo, support, readonly]) {
      const res = await call(token, 'POST', '/campaigns', campaignBody());
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('forbidden');
    }
    for (const [body, status, code] of [
      [campaignBody({ purposeId: 'billing' }), 422, 'campaign_not_marketing'],
      [campaignBody({ purposeId: 'nope' }), 422, 'unknown_purpose'],
      [campaignBody({ segmentId: '00000000-0000-4000-8000-000000000000' }), 404, 'not_found'],
      [campaignBody({ body: 'Hallo {{vorname}}' }), 422, 'invalid_template'],
      [campaignBody({ recurrence: 'yearly' }), 422, 'validation_failed'],
      [campaignBody({ recurrence: 'yearly', recurrenceDate: '02-30' }), 422, 'validation_failed'],
      [campaignBody({ linkUrl: 'javascript:alert(1)' }), 422, 'validation_failed'],
      [campaignBody({ extra: true }), 422, 'validation_failed'],
    ] as const) {
      const res = await call(marketing, 'POST', '/campaigns', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.json().code).toBe(code);
    }
    expect(await snapshotData(t.db)).toEqual(before);

    const id = await created(
      marketing,
      '/campaigns',
      campaignBody({ name: 'Entwurf', recurrence: 'yearly', recurrenceDate: '02-29' }),
    );
    const stale = await call(marketing, 'PATCH', `/campaigns/${id}`, { version: 9, name: 'x' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('version_conflict');
    const patched = await call(marketing, 'PATCH', `/campaigns/${id}`, { version: 1, name: 'Schaltjahr' });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ name: 'Schaltjahr', version: 2, recurrenceDate: '02-29' });
    expect(
      (await call(marketing, 'GET', '/campaigns')).json().items.map((c: { id: string }) => c.id),
    ).toContain(id);
  });

  it('reaches only the persons its creator may see (departments), also when sent later', async () => {
    const hanna = await person('Hanna', 'Abteilung', { departmentIds: [t.departmentId('Vertrieb')] });
    await consent(hanna);
    const inSales = (await t.userWithToken({ role: 'marketing', departmentNames: ['Vertrieb'] })).token;
    const sendAs = async (token: string, name: string) => {
      const id = await created(token, '/campaigns', campaignBody({ name }));
      const sent = await call(token, 'POST', `/campaigns/${id}/send`);
      expect(sent.statusCode, sent.body).toBe(200);
      // as the admin, who sees every department
      const list = await call(t.adminToken, 'GET', `/campaigns/${id}/recipients`);
      return (list.json().items as { personId: string }[]).map((r) => r.personId);
    };
    // marketing without a department sees only persons without one: Hanna is not reached
    expect(await sendAs(marketing, 'Ohne Abteilung')).not.toContain(hanna);
    // marketing in Vertrieb sees Vertrieb and the unscoped persons
    const reached = await sendAs(inSales, 'Vertrieb');
    expect(reached).toContain(hanna);
    expect(reached).toContain(p.anna);
  });
});
