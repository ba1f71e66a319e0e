import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, personBody, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { snapshotData } from '../../../test/support/snapshot.ts';
import { createExtraTenant, type ExtraTenant } from '../../../test/support/tenant.ts';
import { asSystem, inTenant } from '../../db/tenant.ts';
import { notifyRecipients } from './notifications.service.ts';

// Fixtures hash passwords and migrate fresh databases: slow on a busy machine, so generous hook limits.
vi.setConfig({ hookTimeout: 240_000, testTimeout: 120_000 });
const API = '/api/v1';
const DAY = 86_400_000;

describe.each(testDatabaseKinds())('recipients, disclosure log and Art. 19 notifications on %s', (kind) => {
  let clock = new Date('2026-03-02T09:00:00Z');
  let t: TestApp;
  let b: ExtraTenant;
  let dpo: string;
  let sales: string;
  let marketing: string;
  let readonly: string;
  let bDpo: string;
  let personId: string;
  let bPersonId: string;
  let bRecipient: string;
  const recipients = {} as Record<'shipping' | 'tax' | 'archived', string>;

  const call = (token: string, method: 'GET' | 'POST' | 'PATCH', url: string, body?: object) =>
    t.call(token, { method, url: `${API}${url}`, ...(body ? { body } : {}) });
  const created = async (token: string, url: string, body: object) => {
    const res = await call(token, 'POST', url, body);
    if (res.statusCode !== 201) throw new Error(`fixture ${url}: ${res.statusCode} ${res.body}`);
    return res.json().id as string;
  };
  /** A data subject request row, as requests-core would write it (as the app role, under RLS). */
  const insertRequest = (type: string, number: string) =>
    inTenant(t.db.kysely, t.tenantId, async (tx) => {
      const id = randomUUID();
      await tx
        .insertInto('dsr_requests')
        .values({
          id,
          tenant_id: t.tenantId,
          number,
          type,
          channel: 'letter',
          person_id: personId,
          received_at: clock,
          due_at: '2026-04-02',
          updated_at: clock,
        })
        .execute();
      return id;
    });
  const notify = (
    requestId: string,
    action: 'erasure' | 'rectification' | 'restriction',
    person = personId,
  ) =>
    inTenant(t.db.kysely, t.tenantId, (tx) =>
      notifyRecipients(tx, t.ctx, { tenantId: t.tenantId, personId: person, requestId, action }),
    );
  const notificationRows = () =>
    asSystem(t.db.kysely, (tx) => tx.selectFrom('recipient_notifications').selectAll().execute());

  beforeAll(async () => {
    t = await createTestApp(kind, { now: () => clock });
    b = await createExtraTenant(t, { label: 'tenant-b' });
    bDpo = (await b.userWithToken({ role: 'dpo' })).token;
    dpo = (await t.userWithToken({ role: 'dpo' })).token;
    sales = (await t.userWithToken({ role: 'sales' })).token;
    marketing = (await t.userWithToken({ role: 'marketing' })).token;
    readonly = (await t.userWithToken({ role: 'readonly' })).token;
    personId = await created(t.adminToken, '/persons', personBody());
    bPersonId = await created(b.adminToken, '/persons', personBody({ lastName: 'Fremd' }));
    bRecipient = await created(b.adminToken, '/recipients', { name: 'Fremder Empfänger', kind: 'processor' });
  });
  afterAll(() => t?.close());

  it('the register: admin and DPO keep it, every role reads it; names are unique ignoring case', async () => {
    const res = await call(t.adminToken, 'POST', '/recipients', {
      name: ' Versand Schnell GmbH ',
      kind: 'processor',
      country: 'de',
      contact: 'datenschutz@versand.example',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      name: 'Versand Schnell GmbH',
      kind: 'processor',
      country: 'DE',
      contact: 'datenschutz@versand.example',
      notes: null,
      archivedAt: null,
    });
    recipients.shipping = res.json().id;
    recipients.tax = await created(dpo, '/recipients', { name: 'Steuerkanzlei Berg', kind: 'controller' });
    recipients.archived = await created(dpo, '/recipients', { name: 'Altes ERP', kind: 'internal_system' });

    const before = await snapshotData(t.db);
    const dup = await call(dpo, 'POST', '/recipients', { name: 'versand schnell gmbh', kind: 'other' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('recipient_exists');
    const rename = await call(dpo, 'PATCH', `/recipients/${recipients.tax}`, {
      name: 'VERSAND SCHNELL GMBH',
    });
    expect(rename.statusCode).toBe(409);
    for (const body of [
      { name: '', kind: 'processor' },
      { name: 'X', kind: 'supplier' },
      { name: 'X', kind: 'processor', country: 'Deutschland' },
      { name: 'X', kind: 'processor', extra: 1 },
    ])
      expect((await call(dpo, 'POST', '/recipients', body)).statusCode).toBe(422);
    for (const token of [sales, marketing, readonly]) {
      const denied = await call(token, 'POST', '/recipients', { name: 'Neu', kind: 'other' });
      expect(denied.statusCode).toBe(403);
      expect(denied.json().code).toBe('forbidden');
      expect((await call(token, 'PATCH', `/recipients/${recipients.tax}`, { notes: 'x' })).statusCode).toBe(
        403,
      );
    }
    // another tenant's recipient is invisible
    expect((await call(dpo, 'PATCH', `/recipients/${bRecipient}`, { notes: 'x' })).statusCode).toBe(404);
    expect(await snapshotData(t.db)).toEqual(before);

    const archived = await call(t.adminToken, 'PATCH', `/recipients/${recipients.archived}`, {
      archived: true,
    });
    expect(archived.statusCode).toBe(200);
    expect(archived.json().archivedAt).toBe(clock.toISOString());
    const names = async (query = '') =>
      (await call(readonly, 'GET', `/recipients${query}`)).json().items.map((r: { name: string }) => r.name);
    expect(await names()).toEqual(['Steuerkanzlei Berg', 'Versand Schnell GmbH']);
    expect(await names('?includeArchived=true')).toEqual([
      'Altes ERP',
      'Steuerkanzlei Berg',
      'Versand Schnell GmbH',
    ]);
    const patched = await call(dpo, 'PATCH', `/recipients/${recipients.tax}`, {
      notes: 'Vertrag vom 1.1.2026',
      country: null,
    });
    expect(patched.json()).toMatchObject({ name: 'Steuerkanzlei Berg', notes: 'Vertrag vom 1.1.2026' });
  });

  it('logs disclosures with the categories and a sealed note; lists them with the recipient name', async () => {
    const first = await call(sales, 'POST', `/persons/${personId}/disclosures`, {
      recipientId: recipients.shipping,
      categories: ['contact', 'address', 'contact'],
      purpose: 'Versand der Bestellung',
      disclosedAt: '2026-02-20T10:00:00Z',
      note: 'Lieferadresse abweichend: Gartenhaus hinten',
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      personId,
      recipient: { id: recipients.shipping, name: 'Versand Schnell GmbH', kind: 'processor' },
      categories: ['contact', 'address'],
      purpose: 'Versand der Bestellung',
      disclosedAt: '2026-02-20T10:00:00.000Z',
      note: 'Lieferadresse abweichend: Gartenhaus hinten',
    });
    await created(sales, `/persons/${personId}/disclosures`, {
      recipientId: recipients.shipping,
      categories: ['contract'],
      disclosedAt: '2026-02-25T10:00:00Z',
    });
    // marketing may log a disclosure, but not write a note (communication content)
    await created(marketing, `/persons/${personId}/disclosures`, {
      recipientId: recipients.tax,
      categories: ['identity', 'billing'],
    });

    const list = await call(sales, 'GET', `/persons/${personId}/disclosures`);
    expect(list.statusCode).toBe(200);
    expect(list.json().hiddenFields).toEqual([]);
    expect(
      list
        .json()
        .items.map((d: { recipient: { name: string }; categories: string[]; note: string | null }) => [
          d.recipient.name,
          d.categories,
          d.note,
        ]),
    ).toEqual([
      ['Steuerkanzlei Berg', ['identity', 'billing'], null],
      ['Versand Schnell GmbH', ['contract'], null],
      ['Versand Schnell GmbH', ['contact', 'address'], 'Lieferadresse abweichend: Gartenhaus hinten'],
    ]);
    // a role without communication content sees the log, not the notes
    const hidden = await call(marketing, 'GET', `/persons/${personId}/disclosures`);
    expect(hidden.json().hiddenFields).toEqual(['note']);
    expect(hidden.body).not.toContain('Gartenhaus');
    expect(hidden.json().items).toHaveLength(3);

    // the note is stored only sealed; the audit trail has the entries
    const stored = await asSystem(t.db.kysely, async (tx) => ({
      notes: await tx.selectFrom('disclosures').select('note').where('person_id', '=', personId).execute(),
      audit: await tx
        .selectFrom('audit_log')
        .select(['action', 'fields'])
        .where('subject_id', '=', personId)
        .where('action', 'in', ['create', 'read'])
        .execute(),
    }));
    expect(JSON.stringify(stored.notes)).not.toContain('Gartenhaus');
    expect(stored.audit.filter((a) => a.action === 'create' && a.fields.includes('disclosure'))).toHaveLength(
      3,
    );
    expect(stored.audit.some((a) => a.action === 'read' && a.fields.includes('disclosures'))).toBe(true);
  });

  it('refuses bad disclosures with a clear code and changes nothing', async () => {
    const before = await snapshotData(t.db);
    const post = (token: string, body: object, person = personId) =>
      call(token, 'POST', `/persons/${person}/disclosures`, body);
    const cases: [string, () => ReturnType<typeof post>, number, string][] = [
      [
        'unknown recipient',
        () => post(sales, { recipientId: randomUUID(), categories: ['contact'] }),
        422,
        'unknown_recipient',
      ],
      [
        "another tenant's recipient",
        () => post(sales, { recipientId: bRecipient, categories: ['contact'] }),
        422,
        'unknown_recipient',
      ],
      [
        'archived recipient',
        () => post(sales, { recipientId: recipients.archived, categories: ['contact'] }),
        422,
        'unknown_recipient',
      ],
      [
        'no categories',
        () => post(sales, { recipientId: recipients.shipping, categories: [] }),
        422,
        'validation_failed',
      ],
      [
        'unknown category',
        () => post(sales, { recipientId: recipients.shipping, categories: ['hobbies'] }),
        422,
        'validation_failed',
      ],
      [
        'in the future',
        () =>
          post(sales, {
            recipientId: recipients.shipping,
            categories: ['contact'],
            disclosedAt: new Date(clock.getTime() + DAY).toISOString(),
          }),
        422,
        'invalid_date_range',
      ],
      [
        "another tenant's person",
        () => post(sales, { recipientId: recipients.shipping, categories: ['contact'] }, bPersonId),
        404,
        'not_found',
      ],
      [
        'readonly role',
        () => post(readonly, { recipientId: recipients.shipping, categories: ['contact'] }),
        403,
        'forbidden',
      ],
      [
        'note without communication rights',
        () => post(marketing, { recipientId: recipients.shipping, categories: ['contact'], note: 'x' }),
        403,
        'field_not_writable',
      ],
    ];
    for (const [label, run, status, code] of cases) {
      const res = await run();
      expect(res.statusCode, label).toBe(status);
      expect(res.json().code, label).toBe(code);
    }
    expect((await call(sales, 'GET', `/persons/${bPersonId}/disclosures`)).statusCode).toBe(404);
    expect(await snapshotData(t.db)).toEqual(before);
  });

  it('notifyRecipients creates one open task per recipient, idempotently; the DPO resolves them', async () => {
    const requestId = await insertRequest('erasure', 'DSR-2026-0001');
    expect(await notify(requestId, 'erasure')).toBe(2);
    expect(await notify(requestId, 'erasure')).toBe(2);
    expect(await notificationRows()).toHaveLength(2);
    // no disclosures, no tasks
    const other = await created(t.adminToken, '/persons', personBody({ lastName: 'Ohne' }));
    const otherRequest = await insertRequest('restriction', 'DSR-2026-0002');
    expect(await notify(otherRequest, 'restriction', other)).toBe(0);

    clock = new Date(clock.getTime() + 3 * DAY + 3_600_000);
    const ofRequest = await call(dpo, 'GET', `/requests/${requestId}/notifications`);
    expect(ofRequest.statusCode, ofRequest.body).toBe(200);
    const items = ofRequest.json().items as {
      id: string;
      recipient: { name: string };
      categories: string[];
      status: string;
      action: string;
      requestNumber: string;
      ageDays: number;
    }[];
    expect(
      items
        .map((n) => [n.recipient.name, n.categories, n.status, n.action, n.requestNumber, n.ageDays])
        .sort(),
    ).toEqual([
      ['Steuerkanzlei Berg', ['billing', 'identity'], 'open', 'erasure', 'DSR-2026-0001', 3],
      ['Versand Schnell GmbH', ['address', 'contact', 'contract'], 'open', 'erasure', 'DSR-2026-0001', 3],
    ]);
    const byName = (name: string) => items.find((n) => n.recipient.name === name)!.id;
    const shipping = byName('Versand Schnell GmbH');
    const tax = byName('Steuerkanzlei Berg');

    const worklist = async (status = 'open') =>
      (await call(dpo, 'GET', `/recipient-notifications?status=${status}`)).json().items as {
        id: string;
        status: string;
        requestNumber: string;
      }[];
    expect((await worklist()).map((n) => n.id).sort()).toEqual([shipping, tax].sort());

    // only the DPO; bad input changes nothing
    const before = await snapshotData(t.db);
    for (const token of [t.adminToken, sales, readonly]) {
      expect((await call(token, 'GET', '/recipient-notifications')).statusCode).toBe(403);
      expect((await call(token, 'GET', `/requests/${requestId}/notifications`)).statusCode).toBe(403);
      expect(
        (await call(token, 'PATCH', `/recipient-notifications/${shipping}`, { status: 'sent' })).statusCode,
      ).toBe(403);
    }
    const noNote = await call(dpo, 'PATCH', `/recipient-notifications/${tax}`, { status: 'impossible' });
    expect(noNote.statusCode).toBe(422);
    expect(noNote.json().code).toBe('validation_failed');
    const blankNote = await call(dpo, 'PATCH', `/recipient-notifications/${tax}`, {
      status: 'impossible',
      note: '  ',
    });
    expect(blankNote.statusCode).toBe(422);
    expect((await call(dpo, 'PATCH', `/recipient-notifications/${tax}`, { status: 'open' })).statusCode).toBe(
      422,
    );
    expect((await call(dpo, 'GET', `/requests/${randomUUID()}/notifications`)).statusCode).toBe(404);
    expect(
      (await call(dpo, 'PATCH', `/recipient-notifications/${randomUUID()}`, { status: 'sent' })).statusCode,
    ).toBe(404);
    // another tenant's DPO sees none of it
    expect((await call(bDpo, 'GET', `/requests/${requestId}/notifications`)).statusCode).toBe(404);
    expect((await call(bDpo, 'GET', '/recipient-notifications?status=all')).json().items).toEqual([]);
    expect(
      (await call(bDpo, 'PATCH', `/recipient-notifications/${shipping}`, { status: 'sent' })).statusCode,
    ).toBe(404);
    expect(await snapshotData(t.db)).toEqual(before);

    const sent = await call(dpo, 'PATCH', `/recipient-notifications/${shipping}`, {
      status: 'sent',
      note: 'E-Mail an datenschutz@versand.example am 5.3.',
    });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toMatchObject({ status: 'sent', resolvedAt: null, resolvedBy: null });
    expect((await worklist()).map((n) => n.id)).toContain(shipping);

    const confirmed = await call(dpo, 'PATCH', `/recipient-notifications/${shipping}`, {
      status: 'confirmed',
    });
    expect(confirmed.json()).toMatchObject({
      status: 'confirmed',
      note: 'E-Mail an datenschutz@versand.example am 5.3.',
      resolvedAt: clock.toISOString(),
    });
    expect(confirmed.json().resolvedBy).not.toBeNull();
    const impossible = await call(dpo, 'PATCH', `/recipient-notifications/${tax}`, {
      status: 'impossible',
      note: 'Kanzlei aufgelöst, kein Nachfolger',
    });
    expect(impossible.json()).toMatchObject({
      status: 'impossible',
      note: 'Kanzlei aufgelöst, kein Nachfolger',
    });

    expect(await worklist()).toEqual([]);
    expect((await worklist('all')).map((n) => n.status).sort()).toEqual(['confirmed', 'impossible']);

    // final states stay final
    const frozen = await snapshotData(t.db);
    for (const [id, status] of [
      [shipping, 'sent'],
      [shipping, 'impossible'],
      [tax, 'confirmed'],
    ] as const) {
      const res = await call(dpo, 'PATCH', `/recipient-notifications/${id}`, { status, note: 'nochmal' });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('invalid_status_change');
    }
    expect(await snapshotData(t.db)).toEqual(frozen);

    // a later request of another kind gets tasks of its own
    const rectification = await insertRequest('rectification', 'DSR-2026-0003');
    expect(await notify(rectification, 'rectification')).toBe(2);
    expect((await worklist()).map((n) => n.requestNumber)).toEqual(['DSR-2026-0003', 'DSR-2026-0003']);
  });
});
