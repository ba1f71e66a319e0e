import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, personBody, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { snapshotData } from '../../../test/support/snapshot.ts';
import { createExtraTenant } from '../../../test/support/tenant.ts';
import { asSystem } from '../../db/tenant.ts';

const MESSAGE = 'Die Lieferung kam beschädigt an, Karton eingedrückt.';

describe.each(testDatabaseKinds())('cases API on %s', (kind) => {
  let t: TestApp;
  // Monday 2 March 2026, 10:00 in Berlin (CET)
  let clock = new Date('2026-03-02T09:00:00Z');
  const users = {} as Record<
    'supportKs' | 'supportV' | 'sales' | 'marketing' | 'accounting' | 'readonly',
    { id: string; token: string }
  >;
  let personKs: string;
  let personV: string;
  let otherTenantPerson: string;
  let org: string;

  const call = (token: string, method: 'GET' | 'POST' | 'PATCH', url: string, body?: object) =>
    t.call(token, { method, url: `/api/v1${url}`, ...(body ? { body } : {}) });
  const caseBody = (overrides: Record<string, unknown> = {}) => ({
    personId: personKs,
    channel: 'phone',
    category: 'complaint',
    priority: 'normal',
    subject: 'Beschädigte Lieferung',
    message: MESSAGE,
    ...overrides,
  });
  const created = async (token: string, overrides: Record<string, unknown> = {}) => {
    const res = await call(token, 'POST', '/cases', caseBody(overrides));
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };

  beforeAll(async () => {
    t = await createTestApp(kind, { now: () => clock });
    const make = async (role: Parameters<TestApp['userWithToken']>[0]['role'], dept: string) => {
      const { user, token } = await t.userWithToken({ role, departmentNames: [dept] });
      return { id: user.id, token };
    };
    users.supportKs = await make('support', 'Kundenservice');
    users.supportV = await make('support', 'Vertrieb');
    users.sales = await make('sales', 'Kundenservice');
    users.marketing = await make('marketing', 'Kundenservice');
    users.accounting = await make('accounting', 'Kundenservice');
    users.readonly = await make('readonly', 'Kundenservice');
    const person = async (departmentName: string) =>
      (
        await call(
          t.adminToken,
          'POST',
          '/persons',
          personBody({ departmentIds: [t.departmentId(departmentName)], lastName: departmentName }),
        )
      ).json().id as string;
    personKs = await person('Kundenservice');
    personV = await person('Vertrieb');
    org = (await call(t.adminToken, 'POST', '/organizations', { name: 'Beispiel AG' })).json().id;
    const b = await createExtraTenant(t, { label: 'cases-b' });
    otherTenantPerson = (await call(b.adminToken, 'POST', '/persons', personBody())).json().id;
  });
  afterAll(() => t.close());

  it('opens a case with a running number, SLA due times and the sealed first message', async () => {
    clock = new Date('2026-03-02T09:00:00Z');
    const c = await created(users.supportKs.token);
    expect(c).toMatchObject({
      number: expect.stringMatching(/^F-2026-\d{4}$/),
      status: 'new',
      priority: 'normal',
      person: { id: personKs, name: 'Anna Kundenservice' },
      receivedAt: '2026-03-02T09:00:00.000Z',
      // one business day (10 h): Mon 10:00–18:00 and Tue 08:00–10:00 CET
      firstResponseDueAt: '2026-03-03T09:00:00.000Z',
      // one business week (50 h)
      resolutionDueAt: '2026-03-09T09:00:00.000Z',
      sla: {
        firstResponse: { dueAt: '2026-03-03T09:00:00.000Z', state: 'ok' },
        resolution: { dueAt: '2026-03-09T09:00:00.000Z', state: 'ok' },
      },
      slaState: 'ok',
      departmentIds: [t.departmentId('Kundenservice')],
      hiddenFields: [],
      version: 1,
    });
    expect(c.messages).toEqual([
      expect.objectContaining({
        direction: 'inbound',
        body: MESSAGE,
        author: expect.objectContaining({ id: users.supportKs.id }),
      }),
    ]);
    const next = await created(users.supportKs.token);
    expect(Number(next.number.slice(-4))).toBe(Number(c.number.slice(-4)) + 1);
    const stored = await asSystem(t.db.kysely, (tx) =>
      tx.selectFrom('case_messages').select('body').where('case_id', '=', c.id).executeTakeFirstOrThrow(),
    );
    expect(stored.body).not.toContain('beschädigt');
  });

  it('numbers cases without gaps or duplicates when they are opened at the same time', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        call(users.supportKs.token, 'POST', '/cases', caseBody({ message: undefined })),
      ),
    );
    const numbers = results.map((r) => r.json().number as string);
    expect(new Set(numbers).size).toBe(6);
  });

  it('sets the first response with the first outbound message; internal notes do not count', async () => {
    clock = new Date('2026-03-02T09:00:00Z');
    const c = await created(users.supportKs.token);
    clock = new Date('2026-03-02T10:00:00Z');
    const note = await call(users.supportKs.token, 'POST', `/cases/${c.id}/messages`, {
      direction: 'internal',
      body: 'Rückfrage beim Lager',
    });
    expect(note.statusCode).toBe(201);
    let read = (await call(users.supportKs.token, 'GET', `/cases/${c.id}`)).json();
    expect(read).toMatchObject({ status: 'new', firstRespondedAt: null, version: 1 });
    clock = new Date('2026-03-02T11:00:00Z');
    const answer = await call(users.supportKs.token, 'POST', `/cases/${c.id}/messages`, {
      direction: 'outbound',
      body: 'Wir senden Ersatz.',
    });
    expect(answer.statusCode).toBe(201);
    expect(answer.json()).toMatchObject({ direction: 'outbound', body: 'Wir senden Ersatz.' });
    read = (await call(users.supportKs.token, 'GET', `/cases/${c.id}`)).json();
    expect(read).toMatchObject({
      status: 'open',
      firstRespondedAt: '2026-03-02T11:00:00.000Z',
      sla: { firstResponse: { state: 'met' } },
    });
    expect(read.messages.map((m: { direction: string }) => m.direction)).toEqual([
      'inbound',
      'internal',
      'outbound',
    ]);
  });

  it('recomputes the due times from receivedAt when the priority changes', async () => {
    clock = new Date('2026-03-02T09:00:00Z');
    const c = await created(users.supportKs.token, { receivedAt: '2026-03-02T08:30:00Z' });
    clock = new Date('2026-03-02T12:00:00Z');
    const res = await call(users.supportKs.token, 'PATCH', `/cases/${c.id}`, {
      priority: 'urgent',
      version: 1,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      priority: 'urgent',
      firstResponseDueAt: '2026-03-02T09:30:00.000Z',
      resolutionDueAt: '2026-03-02T16:30:00.000Z',
      slaState: 'breached',
      version: 2,
    });
  });

  it('follows the status rules: closed is final (409) and a stale version is refused, both changing nothing', async () => {
    const c = await created(users.supportKs.token);
    const step = async (status: string, version: number) =>
      call(users.supportKs.token, 'PATCH', `/cases/${c.id}`, { status, version });
    expect((await step('resolved', 1)).json()).toMatchObject({
      status: 'resolved',
      resolvedAt: expect.any(String),
    });
    const reopened = (await step('open', 2)).json();
    expect(reopened).toMatchObject({ status: 'open', resolvedAt: null });
    await step('resolved', 3);
    const closed = (await step('closed', 4)).json();
    expect(closed).toMatchObject({ status: 'closed', closedAt: expect.any(String), version: 5 });

    const before = await snapshotData(t.db);
    for (const status of ['open', 'resolved', 'waiting', 'new']) {
      const res = await step(status, 5);
      expect(res.statusCode, status).toBe(409);
      expect(res.json()).toMatchObject({ code: 'invalid_status_change' });
    }
    const stale = await call(users.supportKs.token, 'PATCH', `/cases/${c.id}`, {
      subject: 'Neu',
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('version_conflict');
    expect(await snapshotData(t.db)).toEqual(before);
    const newToOpen = await created(users.supportKs.token);
    const skip = await call(users.supportKs.token, 'PATCH', `/cases/${newToOpen.id}`, {
      status: 'closed',
      version: 1,
    });
    expect(skip.statusCode).toBe(409);
  });

  it.each([
    ['no customer', { personId: undefined }, 422, 'customer_required'],
    ['an unknown assignee', { assigneeId: '00000000-0000-4000-8000-000000000001' }, 422, 'unknown_user'],
    ["another tenant's person", { personId: 'OTHER' }, 422, 'unknown_person'],
    ['a person of another department', { personId: 'VERTRIEB' }, 422, 'unknown_person'],
    [
      'an unknown organisation',
      { organizationId: '00000000-0000-4000-8000-000000000002' },
      422,
      'unknown_organization',
    ],
    ['an unknown order', { orderId: '00000000-0000-4000-8000-000000000003' }, 422, 'unknown_record'],
    ['an unknown invoice', { invoiceId: '00000000-0000-4000-8000-000000000004' }, 422, 'unknown_record'],
    ['a receipt before 1990', { receivedAt: '1989-12-31T10:00:00Z' }, 422, 'invalid_date_range'],
    ['a receipt in the future', { receivedAt: '2027-01-01T10:00:00Z' }, 422, 'invalid_date_range'],
    ['another department than the own', { departmentIds: ['VERTRIEB-DEPT'] }, 403, 'forbidden'],
    ['an unknown channel', { channel: 'pigeon' }, 422, 'validation_failed'],
    ['an empty subject', { subject: '  ' }, 422, 'validation_failed'],
    ['an unknown field', { secret: true }, 422, 'validation_failed'],
    ['a too long message', { message: 'x'.repeat(20_001) }, 422, 'validation_failed'],
  ])('refuses %s and writes nothing', async (_label, overrides, status, code) => {
    const resolved = Object.fromEntries(
      Object.entries(overrides).map(([k, v]) => [
        k,
        v === 'OTHER'
          ? otherTenantPerson
          : v === 'VERTRIEB'
            ? personV
            : Array.isArray(v)
              ? [t.departmentId('Vertrieb')]
              : v,
      ]),
    );
    const before = await snapshotData(t.db);
    const res = await call(users.supportKs.token, 'POST', '/cases', caseBody(resolved));
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().code).toBe(code);
    expect(await snapshotData(t.db)).toEqual(before);
  });

  it('refuses a disabled or unknown assignee on change, and a message to an unknown case', async () => {
    const c = await created(users.supportKs.token);
    const before = await snapshotData(t.db);
    const res = await call(users.supportKs.token, 'PATCH', `/cases/${c.id}`, {
      assigneeId: '00000000-0000-4000-8000-000000000009',
      version: 1,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'unknown_user' });
    const missing = await call(
      users.supportKs.token,
      'POST',
      '/cases/00000000-0000-4000-8000-000000000000/messages',
      {
        direction: 'outbound',
        body: 'x',
      },
    );
    expect(missing.statusCode).toBe(404);
    expect(await snapshotData(t.db)).toEqual(before);
  });

  it('support sees the cases of its own department only', async () => {
    const inVertrieb = await created(t.adminToken, { personId: personV, subject: 'Vertriebsfall' });
    expect(inVertrieb.departmentIds).toEqual([t.departmentId('Vertrieb')]);
    const ksCase = await created(users.supportKs.token, { subject: 'Kundenservicefall' });
    const get = await call(users.supportKs.token, 'GET', `/cases/${inVertrieb.id}`);
    expect(get.statusCode).toBe(404);
    expect(get.json().code).toBe('not_found');
    const list = (await call(users.supportKs.token, 'GET', '/cases?pageSize=200')).json();
    const ids = list.items.map((c: { id: string }) => c.id);
    expect(ids).not.toContain(inVertrieb.id);
    expect(ids).toContain(ksCase.id);
    const patch = await call(users.supportKs.token, 'PATCH', `/cases/${inVertrieb.id}`, {
      subject: 'x',
      version: 1,
    });
    expect(patch.statusCode).toBe(404);
    const message = await call(users.supportKs.token, 'POST', `/cases/${inVertrieb.id}/messages`, {
      direction: 'outbound',
      body: 'x',
    });
    expect(message.statusCode).toBe(404);
    // the colleague in Vertrieb sees it, and not the other one
    const other = (await call(users.supportV.token, 'GET', '/cases?pageSize=200')).json();
    expect(other.items.map((c: { id: string }) => c.id)).toContain(inVertrieb.id);
    expect(other.items.map((c: { id: string }) => c.id)).not.toContain(ksCase.id);
  });

  it('gives marketing no cases, accounting and readonly no messages, and lets only service writers change cases', async () => {
    const c = await created(users.supportKs.token);
    const marketingList = await call(users.marketing.token, 'GET', '/cases');
    expect(marketingList.statusCode).toBe(403);
    expect(marketingList.json()).toMatchObject({ code: 'field_not_readable' });
    const marketingGet = await call(users.marketing.token, 'GET', `/cases/${c.id}`);
    expect(marketingGet.statusCode).toBe(403);
    expect(marketingGet.body).not.toContain(MESSAGE);

    for (const role of ['accounting', 'readonly'] as const) {
      const read = await call(users[role].token, 'GET', `/cases/${c.id}`);
      expect(read.statusCode, role).toBe(200);
      expect(read.json().hiddenFields).toEqual(['messages']);
      expect('messages' in read.json()).toBe(false);
      expect(read.body).not.toContain(MESSAGE);
    }
    const before = await snapshotData(t.db);
    const write = await call(users.accounting.token, 'POST', '/cases', caseBody());
    expect(write.statusCode).toBe(403);
    expect(write.json().code).toBe('field_not_writable');
    const patch = await call(users.accounting.token, 'PATCH', `/cases/${c.id}`, {
      status: 'open',
      version: 1,
    });
    expect(patch.statusCode).toBe(403);
    const note = await call(users.accounting.token, 'POST', `/cases/${c.id}/messages`, {
      direction: 'internal',
      body: 'x',
    });
    expect(note.statusCode).toBe(403);
    expect(note.json()).toMatchObject({ code: 'field_not_writable' });
    expect(await snapshotData(t.db)).toEqual(before);

    // sales reads cases and their thread and may answer, but not change the case
    const salesRead = (await call(users.sales.token, 'GET', `/cases/${c.id}`)).json();
    expect(salesRead.messages[0].body).toBe(MESSAGE);
    expect(
      (await call(users.sales.token, 'PATCH', `/cases/${c.id}`, { status: 'open', version: 1 })).statusCode,
    ).toBe(403);
    expect(
      (
        await call(users.sales.token, 'POST', `/cases/${c.id}/messages`, {
          direction: 'outbound',
          body: 'Rückruf',
        })
      ).statusCode,
    ).toBe(201);
  });

  it('lists with filters, sorted by the next due time, and finds breached cases', async () => {
    clock = new Date('2026-03-02T09:00:00Z');
    const subject = `Filterfall ${kind}`;
    const low = await created(users.supportKs.token, { subject, priority: 'low' });
    const urgent = await created(users.supportKs.token, {
      subject,
      priority: 'urgent',
      assigneeId: users.supportKs.id,
    });
    const high = await created(users.supportKs.token, {
      subject,
      priority: 'high',
      organizationId: org,
      personId: undefined,
    });
    const list = async (query: string) =>
      (await call(users.supportKs.token, 'GET', `/cases?q=${encodeURIComponent(subject)}&${query}`)).json();
    expect((await list('')).items.map((c: { id: string }) => c.id)).toEqual([urgent.id, high.id, low.id]);
    expect((await list('priority=high')).items.map((c: { id: string }) => c.id)).toEqual([high.id]);
    expect((await list('assignee=me')).items.map((c: { id: string }) => c.id)).toEqual([urgent.id]);
    expect((await list(`organizationId=${org}`)).items.map((c: { id: string }) => c.id)).toEqual([high.id]);
    expect((await list('open=true')).total).toBe(3);
    expect((await list('status=closed')).total).toBe(0);
    expect((await list('slaBreached=true')).total).toBe(0);
    const byNumber = (await call(users.supportKs.token, 'GET', `/cases?q=${low.number}`)).json();
    expect(byNumber.items.map((c: { id: string }) => c.id)).toEqual([low.id]);
    // two hours later the urgent case has missed its first response
    clock = new Date('2026-03-02T11:00:00Z');
    const breached = await list('slaBreached=true');
    expect(breached.items.map((c: { id: string; slaState: string }) => [c.id, c.slaState])).toEqual([
      [urgent.id, 'breached'],
    ]);
    const paged = await list('pageSize=1&page=2');
    expect(paged).toMatchObject({ total: 3, page: 2, pageSize: 1 });
    expect(paged.items.map((c: { id: string }) => c.id)).toEqual([high.id]);
    const bad = await call(users.supportKs.token, 'GET', '/cases?status=lost');
    expect(bad.statusCode).toBe(422);
  });

  it('records case writes and the reading of the thread in the audit trail', async () => {
    const c = await created(users.supportKs.token);
    await call(users.supportKs.token, 'GET', `/cases/${c.id}`);
    const entries = await asSystem(t.db.kysely, (tx) =>
      tx
        .selectFrom('audit_log')
        .select(['action', 'subject_type', 'subject_id', 'fields'])
        .where('subject_id', '=', personKs)
        .where('actor_user_id', '=', users.supportKs.id)
        .execute(),
    );
    expect(entries).toEqual(
      expect.arrayContaining([
        { action: 'create', subject_type: 'person', subject_id: personKs, fields: ['case', 'caseMessage'] },
        { action: 'read', subject_type: 'person', subject_id: personKs, fields: ['case', 'caseMessages'] },
      ]),
    );
  });
});
