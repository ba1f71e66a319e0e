import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, personBody, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { snapshotData } from '../../../test/support/snapshot.ts';
import { createExtraTenant } from '../../../test/support/tenant.ts';
import { asSystem } from '../../db/tenant.ts';

const REQUESTER = {
  name: 'Rechtsanwältin Dr. Kühn',
  contact: 'kuehn@kanzlei.example',
  note: 'Vollmacht liegt vor',
};
const NOTE = 'Rückruf unter der bekannten Nummer bestätigt';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';

// 8 parallel sessions share two cores: generous limits, so a busy machine slows the run but cannot break it
vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

describe.each(testDatabaseKinds())('data subject requests API on %s', (kind) => {
  let t: TestApp;
  // Monday 4 May 2026, 14:00 in Berlin (CEST)
  let clock = new Date('2026-05-04T12:00:00Z');
  let dpo: { id: string; token: string };
  let support: { id: string; token: string };
  let readonly: string;
  let otherTenantPerson: string;
  let otherDepartmentPerson: string;

  const call = (token: string, method: Method, url: string, body?: object) =>
    t.call(token, { method, url: `/api/v1${url}`, ...(body ? { body } : {}) });
  let personCounter = 0;
  /** A person with an e-mail address and phone of their own (an erasure suppresses them). */
  const newPerson = async (overrides: Record<string, unknown> = {}) => {
    personCounter += 1;
    const res = await call(
      t.adminToken,
      'POST',
      '/persons',
      personBody({
        email: `person${personCounter}@example.de`,
        phone: `+49 30 555${String(personCounter).padStart(4, '0')}`,
        ...overrides,
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const intake = async (body: Record<string, unknown>, token = support.token) => {
    const res = await call(token, 'POST', '/requests', { channel: 'email', ...body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const stored = (id: string) =>
    asSystem(t.db.kysely, (tx) =>
      tx.selectFrom('dsr_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    );
  const personRow = (id: string) =>
    asSystem(t.db.kysely, (tx) =>
      tx.selectFrom('persons').selectAll().where('id', '=', id).executeTakeFirst(),
    );
  /** A refused call: the status and code, and not a single row changed. */
  const expectRefused = async (
    request: () => Promise<{ statusCode: number; json: () => { code: string }; body: string }>,
    status: number,
    code: string,
  ) => {
    const before = await snapshotData(t.db);
    const res = await request();
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().code).toBe(code);
    expect(await snapshotData(t.db)).toEqual(before);
  };
  const verified = async (id: string) => {
    const res = await call(dpo.token, 'POST', `/requests/${id}/verification`, {
      method: 'known_email',
      outcome: 'passed',
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const fulfil = (id: string, body: object = {}) => call(dpo.token, 'POST', `/requests/${id}/fulfil`, body);

  beforeAll(async () => {
    t = await createTestApp(kind, { now: () => clock });
    const d = await t.userWithToken({ role: 'dpo' });
    dpo = { id: d.user.id, token: d.token };
    const s = await t.userWithToken({ role: 'support', departmentNames: ['Kundenservice'] });
    support = { id: s.user.id, token: s.token };
    readonly = (await t.userWithToken({ role: 'readonly', departmentNames: ['Kundenservice'] })).token;
    otherDepartmentPerson = await newPerson({
      departmentIds: [t.departmentId('Vertrieb')],
      lastName: 'Vertrieb',
    });
    const b = await createExtraTenant(t, { label: 'requests-b' });
    otherTenantPerson = (await call(b.adminToken, 'POST', '/persons', personBody())).json().id;
  });
  afterAll(() => t.close());

  describe('settings', () => {
    it('uses nationwide holidays until the DPO sets a Bundesland, stored in tenants.settings', async () => {
      expect((await call(dpo.token, 'GET', '/requests/settings')).json()).toEqual({ state: null });
      const put = await call(dpo.token, 'PUT', '/requests/settings', { state: 'BY' });
      expect(put.statusCode, put.body).toBe(200);
      expect(put.json()).toEqual({ state: 'BY' });
      expect((await call(dpo.token, 'GET', '/requests/settings')).json()).toEqual({ state: 'BY' });
      const tenant = await asSystem(t.db.kysely, (tx) =>
        tx.selectFrom('tenants').select('settings').where('id', '=', t.tenantId).executeTakeFirstOrThrow(),
      );
      expect(tenant.settings.requests).toEqual({ state: 'BY' });
    });

    it('refuses other roles and unknown states, changing nothing', async () => {
      await expectRefused(
        () => call(support.token, 'PUT', '/requests/settings', { state: 'HH' }),
        403,
        'forbidden',
      );
      await expectRefused(
        () => call(t.adminToken, 'PUT', '/requests/settings', { state: 'HH' }),
        403,
        'forbidden',
      );
      await expectRefused(
        () => call(dpo.token, 'PUT', '/requests/settings', { state: 'XX' }),
        422,
        'validation_failed',
      );
      expect((await call(support.token, 'GET', '/requests/settings')).statusCode).toBe(403);
    });
  });

  describe('intake', () => {
    it('records a request with number, due date (Fronleichnam in Bavaria), sealed requester and history', async () => {
      clock = new Date('2026-05-04T12:00:00Z');
      const person = await newPerson({ lastName: 'Auskunft' });
      const r = await intake({
        type: 'access',
        personId: person,
        receivedAt: '2026-05-04T08:00:00Z',
        requester: REQUESTER,
        details: { reason: 'Bitte alles zu meiner Person' },
      });
      expect(r).toMatchObject({
        number: expect.stringMatching(/^DSR-2026-\d{4}$/),
        type: 'access',
        channel: 'email',
        status: 'open',
        personId: person,
        personName: 'Anna Auskunft',
        receivedAt: '2026-05-04T08:00:00.000Z',
        // 4 Jun 2026 is Fronleichnam, a holiday in Bavaria (the configured state) → Friday 5 Jun
        dueAt: '2026-06-05',
        extendedDueAt: null,
        effectiveDueAt: '2026-06-05',
        daysLeft: 32,
        warning: null,
        identityStatus: 'pending',
        assignee: null,
        requester: REQUESTER,
        details: { corrections: null, reason: 'Bitte alles zu meiner Person' },
        verificationSteps: [],
        version: 1,
      });
      expect(r.events).toEqual([
        expect.objectContaining({
          kind: 'received',
          detail: 'access via email',
          actor: expect.objectContaining({ id: support.id }),
        }),
      ]);
      const row = await stored(r.id);
      for (const value of [REQUESTER.name, REQUESTER.contact, 'Bitte alles'])
        expect(JSON.stringify(row)).not.toContain(value);
      const audit = await asSystem(t.db.kysely, (tx) =>
        tx
          .selectFrom('audit_log')
          .select(['action', 'fields', 'subject_type'])
          .where('subject_id', '=', person)
          .where('action', '=', 'create')
          .execute(),
      );
      expect(audit.filter((a) => a.fields.includes('dataSubjectRequest'))).toEqual([
        { action: 'create', fields: ['dataSubjectRequest'], subject_type: 'person' },
      ]);
      const next = await intake({ type: 'objection', personId: person });
      expect(Number(next.number.slice(-4))).toBe(Number(r.number.slice(-4)) + 1);
    });

    it('refuses a person of another tenant, of an unseen department or made up (422 unknown_person), changing nothing', async () => {
      for (const personId of [
        otherTenantPerson,
        otherDepartmentPerson,
        '00000000-0000-4000-8000-000000000000',
      ])
        await expectRefused(
          () => call(support.token, 'POST', '/requests', { type: 'access', personId, channel: 'phone' }),
          422,
          'unknown_person',
        );
      // the DPO sees every department, but never another tenant
      await intake({ type: 'access', personId: otherDepartmentPerson }, dpo.token);
      await expectRefused(
        () =>
          call(dpo.token, 'POST', '/requests', {
            type: 'access',
            personId: otherTenantPerson,
            channel: 'phone',
          }),
        422,
        'unknown_person',
      );
    });

    it('refuses read-only users, a future or pre-GDPR receipt, an unknown assignee', async () => {
      const personId = await newPerson();
      await expectRefused(
        () => call(readonly, 'POST', '/requests', { type: 'access', personId, channel: 'phone' }),
        403,
        'forbidden',
      );
      for (const receivedAt of ['2026-05-05T12:00:00Z', '2018-05-24T12:00:00Z'])
        await expectRefused(
          () =>
            call(support.token, 'POST', '/requests', {
              type: 'access',
              personId,
              channel: 'phone',
              receivedAt,
            }),
          422,
          'invalid_date_range',
        );
      await expectRefused(
        () =>
          call(support.token, 'POST', '/requests', {
            type: 'access',
            personId,
            channel: 'phone',
            assigneeId: '00000000-0000-4000-8000-000000000000',
          }),
        422,
        'unknown_user',
      );
      // the inbox and the request itself are the DPO's
      const r = await intake({ type: 'access', personId });
      expect((await call(support.token, 'GET', '/requests')).statusCode).toBe(403);
      expect((await call(support.token, 'GET', `/requests/${r.id}`)).statusCode).toBe(403);
    });
  });

  describe('inbox', () => {
    it('lists open requests by effective due date with days left and warnings', async () => {
      clock = new Date('2026-05-04T12:00:00Z');
      const personId = await newPerson({ lastName: 'Inbox' });
      const late = await intake({ type: 'objection', personId, receivedAt: '2026-04-01T10:00:00Z' }); // due 4 May
      const soon = await intake({ type: 'objection', personId, receivedAt: '2026-04-08T10:00:00Z' }); // due 8 May
      const overdue = await intake({ type: 'objection', personId, receivedAt: '2026-03-20T10:00:00Z' }); // due 20 Apr
      const fresh = await intake({ type: 'objection', personId, receivedAt: '2026-05-04T10:00:00Z' }); // due 5 Jun (BY)
      const res = await call(dpo.token, 'GET', `/requests?personId=${personId}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().items.map((i: { id: string }) => i.id)).toEqual([
        overdue.id,
        late.id,
        soon.id,
        fresh.id,
      ]);
      expect(
        res.json().items.map((i: { daysLeft: number; warning: string | null }) => [i.daysLeft, i.warning]),
      ).toEqual([
        [-14, 'overdue'],
        [0, 'due_soon'],
        [4, 'due_soon'],
        [32, null],
      ]);
      // refused ones leave the open inbox; status=closed and all show them
      const refused = await call(dpo.token, 'POST', `/requests/${late.id}/refuse`, {
        reason: 'manifestly_unfounded',
        details: 'Wiederholter Antrag ohne neue Umstände',
      });
      expect(refused.statusCode, refused.body).toBe(200);
      const ids = async (q: string) =>
        (await call(dpo.token, 'GET', `/requests?personId=${personId}${q}`))
          .json()
          .items.map((i: { id: string }) => i.id);
      expect(await ids('')).toEqual([overdue.id, soon.id, fresh.id]);
      expect(await ids('&status=closed')).toEqual([late.id]);
      expect(await ids('&status=all&type=objection')).toHaveLength(4);
      expect(await ids('&type=access')).toEqual([]);
      const closed = (await call(dpo.token, 'GET', `/requests/${late.id}`)).json();
      expect(closed).toMatchObject({
        status: 'refused',
        daysLeft: null,
        warning: null,
        refusalReason: 'manifestly_unfounded',
      });
    });
  });

  describe('verification, assignment, extension, refusal', () => {
    it('records identity checks with a sealed note; the latest step decides', async () => {
      const personId = await newPerson();
      const r = await intake({ type: 'access', personId });
      const asked = await call(dpo.token, 'POST', `/requests/${r.id}/verification`, {
        method: 'callback',
        outcome: 'requested',
        note: NOTE,
      });
      expect(asked.statusCode, asked.body).toBe(200);
      expect(asked.json()).toMatchObject({ identityStatus: 'pending' });
      const passed = await call(dpo.token, 'POST', `/requests/${r.id}/verification`, {
        method: 'callback',
        outcome: 'passed',
      });
      expect(passed.json()).toMatchObject({
        identityStatus: 'verified',
        verificationSteps: [
          { method: 'callback', outcome: 'requested', note: NOTE, performedBy: { id: dpo.id } },
          { method: 'callback', outcome: 'passed', note: null },
        ],
      });
      expect(passed.json().events.map((e: { kind: string; detail: string }) => [e.kind, e.detail])).toEqual([
        ['received', 'access via email'],
        ['verification', 'callback: requested'],
        ['verification', 'callback: passed'],
      ]);
      const steps = await asSystem(t.db.kysely, (tx) =>
        tx.selectFrom('dsr_verification_steps').select('note').where('request_id', '=', r.id).execute(),
      );
      expect(JSON.stringify(steps)).not.toContain('Rückruf');
      await expectRefused(
        () =>
          call(support.token, 'POST', `/requests/${r.id}/verification`, {
            method: 'callback',
            outcome: 'passed',
          }),
        403,
        'forbidden',
      );
    });

    it('assigns with optimistic locking', async () => {
      const r = await intake({ type: 'access', personId: await newPerson() });
      const res = await call(dpo.token, 'PATCH', `/requests/${r.id}`, { version: 1, assigneeId: dpo.id });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ assignee: { id: dpo.id }, version: 2 });
      await expectRefused(
        () => call(dpo.token, 'PATCH', `/requests/${r.id}`, { version: 1, assigneeId: null }),
        409,
        'version_conflict',
      );
      await expectRefused(
        () =>
          call(dpo.token, 'PATCH', `/requests/${r.id}`, {
            version: 2,
            assigneeId: '00000000-0000-4000-8000-000000000000',
          }),
        422,
        'unknown_user',
      );
    });

    it('extends once, within the first month, by one or two months; later or twice is refused', async () => {
      clock = new Date('2026-05-04T12:00:00Z');
      const personId = await newPerson();
      const r = await intake({ type: 'access', personId, receivedAt: '2026-04-30T10:00:00Z' });
      expect(r.dueAt).toBe('2026-06-01'); // 30 May is a Saturday
      const ext = await call(dpo.token, 'POST', `/requests/${r.id}/extend`, {
        reason: 'Umfangreiche Datenbestände in drei Systemen',
        months: 2,
      });
      expect(ext.statusCode, ext.body).toBe(200);
      expect(ext.json()).toMatchObject({
        dueAt: '2026-06-01',
        extendedDueAt: '2026-07-30',
        effectiveDueAt: '2026-07-30',
        extensionReason: 'Umfangreiche Datenbestände in drei Systemen',
        extensionNotifiedAt: clock.toISOString(),
      });
      expect(ext.json().events.at(-1)).toMatchObject({
        kind: 'extended',
        detail: '+2 month(s), due 2026-07-30',
      });
      await expectRefused(
        () => call(dpo.token, 'POST', `/requests/${r.id}/extend`, { reason: 'Noch einmal', months: 1 }),
        409,
        'request_already_extended',
      );

      // the first month ends with the due date (1 Jun, Berlin calendar)
      const other = await intake({ type: 'access', personId, receivedAt: '2026-04-30T10:00:00Z' });
      clock = new Date('2026-06-01T21:59:59Z'); // 23:59:59 CEST on the due day
      const onTime = await call(dpo.token, 'POST', `/requests/${other.id}/extend`, {
        reason: 'Komplex',
        months: 1,
      });
      expect(onTime.json()).toMatchObject({ extendedDueAt: '2026-06-30' });
      clock = new Date('2026-05-04T12:00:00Z');
      const third = await intake({ type: 'access', personId, receivedAt: '2026-04-30T10:00:00Z' });
      clock = new Date('2026-06-01T22:00:00Z'); // midnight: 2 Jun in Berlin
      await expectRefused(
        () => call(dpo.token, 'POST', `/requests/${third.id}/extend`, { reason: 'Zu spät', months: 1 }),
        409,
        'extension_too_late',
      );
      await expectRefused(
        () => call(dpo.token, 'POST', `/requests/${third.id}/extend`, { reason: 'Drei', months: 3 }),
        422,
        'validation_failed',
      );
      clock = new Date('2026-05-04T12:00:00Z');
    });
  });

  describe('fulfil', () => {
    it('refuses an unverified request (409 request_not_verified), changing nothing', async () => {
      const personId = await newPerson();
      for (const type of ['access', 'erasure']) {
        const r = await intake({ type, personId });
        await expectRefused(() => fulfil(r.id), 409, 'request_not_verified');
        await call(dpo.token, 'POST', `/requests/${r.id}/verification`, {
          method: 'callback',
          outcome: 'failed',
        });
        await expectRefused(() => fulfil(r.id), 409, 'request_not_verified');
      }
      expect(await personRow(personId)).toBeDefined();
    });

    it('refuses a refused request and is forbidden to others', async () => {
      const r = await intake({
        type: 'objection',
        personId: await newPerson(),
        identityStatus: 'not_required',
      });
      await expectRefused(
        () => call(support.token, 'POST', `/requests/${r.id}/fulfil`, {}),
        403,
        'forbidden',
      );
      await call(dpo.token, 'POST', `/requests/${r.id}/refuse`, {
        reason: 'excessive',
        details: 'Fünfter Antrag',
      });
      await expectRefused(() => fulfil(r.id), 409, 'request_closed');
      await expectRefused(
        () => call(dpo.token, 'POST', `/requests/${r.id}/extend`, { reason: 'x', months: 1 }),
        409,
        'request_closed',
      );
    });

    it('objection: recorded on the person, request completed; a second fulfil is 409 request_closed', async () => {
      const personId = await newPerson();
      const r = await intake({ type: 'objection', personId, identityStatus: 'not_required' });
      expect(r.events.map((e: { kind: string }) => e.kind)).toEqual(['received', 'verification']);
      // no body at all is fine: nothing to add for an objection
      const res = await t.call(dpo.token, { method: 'POST', url: `/api/v1/requests/${r.id}/fulfil` });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        status: 'completed',
        closedAt: clock.toISOString(),
        outcome: 'objection to direct marketing recorded',
        daysLeft: null,
        warning: null,
      });
      expect(res.json().events.at(-1)).toMatchObject({ kind: 'fulfilled' });
      expect((await personRow(personId))?.marketing_objection_at).not.toBeNull();
      await expectRefused(() => fulfil(r.id), 409, 'request_closed');
    });

    it('restriction: the person is restricted with the recorded reason', async () => {
      const personId = await newPerson();
      const r = await intake({
        type: 'restriction',
        personId,
        details: { reason: 'Richtigkeit der Anschrift bestritten' },
      });
      await verified(r.id);
      const res = await fulfil(r.id);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        status: 'completed',
        outcome: expect.stringMatching(/^restricted; \d+ recipient/),
      });
      const person = await personRow(personId);
      expect(person?.restricted_at).not.toBeNull();
    });

    it('rectification: corrections from intake applied; without any it is 422 nothing_to_rectify', async () => {
      const personId = await newPerson({ lastName: 'Mueller' });
      const empty = await intake({ type: 'rectification', personId });
      await verified(empty.id);
      await expectRefused(() => fulfil(empty.id), 422, 'nothing_to_rectify');
      await expectRefused(() => fulfil(empty.id, { corrections: {} }), 422, 'nothing_to_rectify');

      const r = await intake({
        type: 'rectification',
        personId,
        details: { corrections: { lastName: 'Müller' } },
      });
      expect(JSON.stringify(await stored(r.id))).not.toContain('Müller');
      await verified(r.id);
      const res = await fulfil(r.id);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'completed', outcome: expect.stringContaining('lastName') });
      const person = await call(dpo.token, 'GET', `/persons/${personId}`);
      expect(person.json().lastName).toBe('Müller');

      // corrections given at fulfil win
      await verified(empty.id);
      const later = await fulfil(empty.id, { corrections: { firstName: 'Anne' } });
      expect(later.statusCode, later.body).toBe(200);
      expect((await call(dpo.token, 'GET', `/persons/${personId}`)).json().firstName).toBe('Anne');
    });

    it('rectification: a corrected phone number is stored in E.164; one that is no number is 422 phone_invalid', async () => {
      const personId = await newPerson({ lastName: 'Telefon' });
      const bad = await intake({ type: 'rectification', personId });
      await verified(bad.id);
      await expectRefused(() => fulfil(bad.id, { corrections: { phone: '0301' } }), 422, 'phone_invalid');
      const r = await intake({ type: 'rectification', personId });
      await verified(r.id);
      const res = await fulfil(r.id, { corrections: { phone: '030 1234 5678' } });
      expect(res.statusCode, res.body).toBe(200);
      expect((await call(dpo.token, 'GET', `/persons/${personId}`)).json().phone).toBe('+493012345678');
    });

    it('erasure: the person is erased, the request stays as proof without name or requester', async () => {
      const personId = await newPerson({ lastName: 'Loeschung' });
      const r = await intake({ type: 'erasure', personId, requester: REQUESTER });
      await verified(r.id);
      const res = await fulfil(r.id);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        status: 'completed',
        personId,
        personName: null,
        requester: null,
        outcome: expect.stringMatching(/^erased; /),
      });
      expect((await call(dpo.token, 'GET', `/persons/${personId}`)).statusCode).toBe(404);
      expect(await personRow(personId)).toBeUndefined();
      const inbox = await call(dpo.token, 'GET', `/requests?status=closed&personId=${personId}`);
      expect(inbox.json().items).toEqual([expect.objectContaining({ id: r.id, personName: null })]);
      // a new request for the erased person is refused: the person no longer exists
      await expectRefused(
        () => call(support.token, 'POST', '/requests', { type: 'access', personId, channel: 'email' }),
        422,
        'unknown_person',
      );
    });

    it('access and portability: the export is compiled and sealed under the person’s key', async () => {
      const personId = await newPerson({ lastName: 'Exportperson' });
      for (const type of ['portability', 'access'] as const) {
        const r = await intake({ type, personId });
        await verified(r.id);
        const res = await fulfil(r.id);
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json()).toMatchObject({
          status: 'completed',
          exportAvailable: true,
          outcome: `${type} export compiled`,
        });
        const row = await stored(r.id);
        expect(row.export_enc).not.toBeNull();
        expect(row.export_enc).not.toContain('Exportperson');
      }
    });
  });
});
