import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, personBody, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { snapshotData } from '../../../test/support/snapshot.ts';
import { createExtraTenant } from '../../../test/support/tenant.ts';
import { asSystem } from '../../db/tenant.ts';

describe.each(testDatabaseKinds())('tasks and my day on %s', (kind) => {
  let t: TestApp;
  // Monday 2 March 2026, 10:00 in Berlin
  let clock = new Date('2026-03-02T09:00:00Z');
  type U = { id: string; token: string };
  let me: U;
  let colleague: U;
  let stranger: U;
  let marketing: U;
  let otherTenantUser: string;
  let otherTenantPerson: string;
  let person: string;
  let personV: string;

  const call = (token: string, method: 'GET' | 'POST' | 'PATCH', url: string, body?: object) =>
    t.call(token, { method, url: `/api/v1${url}`, ...(body ? { body } : {}) });
  const task = async (token: string, body: Record<string, unknown>) => {
    const res = await call(token, 'POST', '/tasks', { dueAt: '2026-03-02T15:00:00Z', ...body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };

  beforeAll(async () => {
    t = await createTestApp(kind, { now: () => clock });
    const make = async (role: 'support' | 'sales' | 'marketing', dept: string) => {
      const { user, token } = await t.userWithToken({ role, departmentNames: [dept] });
      return { id: user.id, token };
    };
    me = await make('sales', 'Kundenservice');
    colleague = await make('support', 'Kundenservice');
    stranger = await make('sales', 'Kundenservice');
    marketing = await make('marketing', 'Kundenservice');
    person = (
      await call(
        t.adminToken,
        'POST',
        '/persons',
        personBody({ departmentIds: [t.departmentId('Kundenservice')] }),
      )
    ).json().id;
    personV = (
      await call(
        t.adminToken,
        'POST',
        '/persons',
        personBody({ departmentIds: [t.departmentId('Vertrieb')] }),
      )
    ).json().id;
    const b = await createExtraTenant(t, { label: 'tasks-b' });
    otherTenantUser = (await b.userWithToken({ role: 'sales' })).user.id;
    otherTenantPerson = (await call(b.adminToken, 'POST', '/persons', personBody())).json().id;
  });
  afterAll(() => t.close());

  it('creates a task for me, lists it and ticks it done with optimistic locking', async () => {
    clock = new Date('2026-03-02T09:00:00Z');
    const created = await task(me.token, { title: 'Angebot nachfassen', personId: person });
    expect(created).toMatchObject({
      title: 'Angebot nachfassen',
      status: 'open',
      doneAt: null,
      overdue: false,
      assignee: { id: me.id },
      createdBy: { id: me.id },
      person: { id: person, label: 'Anna Müller' },
      case: null,
      version: 1,
    });
    const list = (await call(me.token, 'GET', '/tasks?status=open')).json();
    expect(list.items.map((x: { id: string }) => x.id)).toContain(created.id);
    clock = new Date('2026-03-02T10:00:00Z');
    const done = await call(me.token, 'PATCH', `/tasks/${created.id}`, { status: 'done', version: 1 });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', doneAt: '2026-03-02T10:00:00.000Z', version: 2 });
    const before = await snapshotData(t.db);
    const stale = await call(me.token, 'PATCH', `/tasks/${created.id}`, { status: 'open', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('version_conflict');
    expect(await snapshotData(t.db)).toEqual(before);
    const reopened = await call(me.token, 'PATCH', `/tasks/${created.id}`, { status: 'open', version: 2 });
    expect(reopened.json()).toMatchObject({ status: 'open', doneAt: null, version: 3 });
    const filtered = (
      await call(me.token, 'GET', `/tasks?personId=${person}&dueBefore=2026-03-03T00:00:00Z`)
    ).json();
    expect(filtered.items.map((x: { id: string }) => x.id)).toEqual([created.id]);
  });

  it.each([
    ['an unknown assignee', { assigneeId: '00000000-0000-4000-8000-000000000001' }, 'unknown_user'],
    ["another tenant's user", { assigneeId: 'OTHER_USER' }, 'unknown_user'],
    ["another tenant's person", { personId: 'OTHER_PERSON' }, 'unknown_person'],
    ['a person of another department', { personId: 'PERSON_V' }, 'unknown_person'],
    [
      'an unknown organisation',
      { organizationId: '00000000-0000-4000-8000-000000000002' },
      'unknown_organization',
    ],
    ['an unknown deal', { dealId: '00000000-0000-4000-8000-000000000003' }, 'unknown_record'],
    ['an unknown case', { caseId: '00000000-0000-4000-8000-000000000004' }, 'unknown_record'],
    ['an unknown invoice', { invoiceId: '00000000-0000-4000-8000-000000000005' }, 'unknown_record'],
    ['a due date in 2100', { dueAt: '2100-01-01T00:00:00Z' }, 'invalid_date_range'],
    ['a reminder after the due time', { remindAt: '2026-03-03T00:00:00Z' }, 'invalid_date_range'],
    ['an empty title', { title: ' ' }, 'validation_failed'],
    ['a note (tasks hold no free text)', { notes: 'Kunde ist verärgert' }, 'validation_failed'],
    ['a malformed due date', { dueAt: 'morgen' }, 'validation_failed'],
  ])('refuses %s with 422 and writes nothing', async (_label, overrides, code) => {
    const values: Record<string, string> = {
      OTHER_USER: otherTenantUser,
      OTHER_PERSON: otherTenantPerson,
      PERSON_V: personV,
    };
    const body = Object.fromEntries(
      Object.entries({ title: 'Rückruf', ...overrides }).map(([k, v]) => [k, values[v as string] ?? v]),
    );
    const before = await snapshotData(t.db);
    const res = await call(me.token, 'POST', '/tasks', { dueAt: '2026-03-02T15:00:00Z', ...body });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().code).toBe(code);
    expect(await snapshotData(t.db)).toEqual(before);
  });

  it('a task is visible to its assignee, its creator, admin and DPO only', async () => {
    const handed = await task(me.token, { title: 'Rücksendung prüfen', assigneeId: colleague.id });
    expect(handed.assignee.id).toBe(colleague.id);
    for (const [who, token] of [
      ['creator', me.token],
      ['assignee', colleague.token],
      ['admin', t.adminToken],
    ] as const) {
      expect((await call(token, 'GET', `/tasks/${handed.id}`)).statusCode, who).toBe(200);
    }
    const hidden = await call(stranger.token, 'GET', `/tasks/${handed.id}`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json()).toMatchObject({ code: 'not_found' });
    expect(
      (await call(stranger.token, 'PATCH', `/tasks/${handed.id}`, { status: 'done', version: 1 })).statusCode,
    ).toBe(404);
    const strangerAll = (await call(stranger.token, 'GET', '/tasks?assignee=all&pageSize=200')).json();
    expect(strangerAll.items.map((x: { id: string }) => x.id)).not.toContain(handed.id);
    // "me" lists what is assigned to me; "all" adds what I handed to others
    const mine = (await call(me.token, 'GET', '/tasks?pageSize=200')).json();
    expect(mine.items.map((x: { id: string }) => x.id)).not.toContain(handed.id);
    const all = (await call(me.token, 'GET', '/tasks?assignee=all&pageSize=200')).json();
    expect(all.items.map((x: { id: string }) => x.id)).toContain(handed.id);
    const adminAll = (await call(t.adminToken, 'GET', '/tasks?assignee=all&pageSize=200')).json();
    expect(adminAll.items.map((x: { id: string }) => x.id)).toContain(handed.id);
    // the assignee ticks it done
    const done = await call(colleague.token, 'PATCH', `/tasks/${handed.id}`, { status: 'done', version: 1 });
    expect(done.json().status).toBe('done');
  });

  it('refuses a link to a case for a role that may not read cases', async () => {
    const c = await call(colleague.token, 'POST', '/cases', {
      personId: person,
      channel: 'phone',
      category: 'question',
      subject: 'Frage',
    });
    expect(c.statusCode).toBe(201);
    const res = await call(marketing.token, 'POST', '/tasks', {
      title: 'x',
      dueAt: '2026-03-02T15:00:00Z',
      caseId: c.json().id,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'unknown_record' });
    const ok = await task(colleague.token, { title: 'Kunde zurückrufen', caseId: c.json().id });
    expect(ok.case).toEqual({ id: c.json().id, label: c.json().number });
  });

  it('shows my day in Europe/Berlin: overdue and today’s tasks, due reminders, my cases by SLA, deals closing soon', async () => {
    const { user, token } = await t.userWithToken({ role: 'support', departmentNames: ['Kundenservice'] });
    const u = { id: user.id, token };
    clock = new Date('2026-03-02T09:00:00Z'); // Mon 10:00 CET
    const overdue = await task(u.token, { title: 'Gestern fällig', dueAt: '2026-03-01T15:00:00Z' });
    const earlierToday = await task(u.token, { title: 'Heute früh', dueAt: '2026-03-02T07:30:00Z' });
    const today = await task(u.token, { title: 'Heute Nachmittag', dueAt: '2026-03-02T15:00:00Z' });
    const lateToday = await task(u.token, { title: 'Heute spät', dueAt: '2026-03-02T22:30:00Z' }); // 23:30 CET
    const reminder = await task(u.token, {
      title: 'Morgen, Erinnerung heute',
      dueAt: '2026-03-04T09:00:00Z',
      remindAt: '2026-03-02T08:00:00Z',
    });
    const later = await task(u.token, {
      title: 'Nächste Woche',
      dueAt: '2026-03-09T09:00:00Z',
      remindAt: '2026-03-06T08:00:00Z',
    });
    const done = await task(u.token, { title: 'Erledigt', dueAt: '2026-03-02T10:00:00Z' });
    await call(u.token, 'PATCH', `/tasks/${done.id}`, { status: 'done', version: 1 });
    const tomorrowEarly = await task(u.token, { title: 'Morgen 00:30', dueAt: '2026-03-02T23:30:00Z' });

    const caseBody = { personId: person, channel: 'email', category: 'complaint', assigneeId: u.id };
    const okCase = (
      await call(u.token, 'POST', '/cases', { ...caseBody, subject: 'Neu', priority: 'low' })
    ).json();
    const breachedCase = (
      await call(u.token, 'POST', '/cases', {
        ...caseBody,
        subject: 'Alt',
        priority: 'high',
        receivedAt: '2026-02-20T09:00:00Z',
      })
    ).json();
    const resolved = (await call(u.token, 'POST', '/cases', { ...caseBody, subject: 'Fertig' })).json();
    await call(u.token, 'PATCH', `/cases/${resolved.id}`, { status: 'resolved', version: 1 });

    const stages = await asSystem(t.db.kysely, (tx) =>
      tx
        .selectFrom('pipeline_stages')
        .select(['id', 'outcome'])
        .where('tenant_id', '=', t.tenantId)
        .execute(),
    );
    const stage = (outcome: string) => stages.find((s) => s.outcome === outcome)?.id as string;
    const deal = (title: string, expectedClose: string, outcome = 'open', owner = u.id) =>
      asSystem(t.db.kysely, (tx) =>
        tx
          .insertInto('deals')
          .values({
            tenant_id: t.tenantId,
            title,
            person_id: person,
            stage_id: stage(outcome),
            value: '12500.00',
            probability: 50,
            expected_close: expectedClose,
            owner_id: owner,
            department_ids: [t.departmentId('Kundenservice')],
            updated_at: clock,
          })
          .returning('id')
          .executeTakeFirstOrThrow(),
      );
    const soon = await deal('Rahmenvertrag', '2026-03-05');
    await deal('Später', '2026-03-12');
    await deal('Gewonnen', '2026-03-04', 'won');
    await deal('Fremder Deal', '2026-03-04', 'open', me.id);

    clock = new Date('2026-03-02T12:00:00Z'); // Mon 13:00 CET
    const res = await call(u.token, 'GET', '/my-day');
    expect(res.statusCode).toBe(200);
    const day = res.json();
    const ids = (list: { id: string }[]) => list.map((x) => x.id);
    expect(day.date).toBe('2026-03-02');
    expect(ids(day.overdueTasks)).toEqual([overdue.id, earlierToday.id]);
    expect(ids(day.todayTasks)).toEqual([today.id, lateToday.id]);
    expect(ids(day.reminders)).toEqual([reminder.id]);
    for (const list of [day.overdueTasks, day.todayTasks, day.reminders])
      expect(ids(list)).not.toEqual(expect.arrayContaining([later.id, done.id, tomorrowEarly.id]));
    expect(day.cases.map((c: { id: string; slaState: string }) => [c.id, c.slaState])).toEqual([
      [breachedCase.id, 'breached'],
      [okCase.id, 'ok'],
    ]);
    expect(day.deals).toEqual([
      expect.objectContaining({
        id: soon.id,
        title: 'Rahmenvertrag',
        value: '12500.00',
        currency: 'EUR',
        expectedClose: '2026-03-05',
        customer: 'Anna Müller',
      }),
    ]);
    expect(day.hiddenFields).toEqual([]);

    // half past midnight in Berlin is already the next day, though still the day before in UTC
    clock = new Date('2026-03-02T23:40:00Z');
    const night = (await call(u.token, 'GET', '/my-day')).json();
    expect(night.date).toBe('2026-03-03');
    expect(ids(night.overdueTasks)).toContain(tomorrowEarly.id);
  });

  it('hides cases and deals from my day for a role that may not read them', async () => {
    const day = (await call(marketing.token, 'GET', '/my-day')).json();
    expect(day).toMatchObject({ cases: [], deals: [], hiddenFields: ['cases', 'deals'] });
  });
});
