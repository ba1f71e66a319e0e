import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { snapshotData } from '../../../test/support/snapshot.ts';
import { createExtraTenant, type ExtraTenant } from '../../../test/support/tenant.ts';
import { inTenant } from '../../db/tenant.ts';

// Fixtures hash passwords and migrate fresh databases: slow on a busy machine, so generous hook limits.
vi.setConfig({ hookTimeout: 240_000, testTimeout: 120_000 });
const API = '/api/v1';
const HOUR = 3_600_000;

const ART33 = {
  nature: ['confidentiality'],
  dataCategories: ['contact', 'identity'],
  subjectCategories: 'Kunden',
  subjectsApprox: 250,
  recordsApprox: 400,
  contact: 'Datenschutzbeauftragte, dsb@example.de, +49 30 1234567',
  consequences: 'Phishing-Mails an die Betroffenen sind möglich.',
  measures: 'Zugang gesperrt, Passwörter zurückgesetzt, Kunden gewarnt.',
};
const ALL_MISSING = [
  'nature',
  'dataCategories',
  'subjectsApprox',
  'recordsApprox',
  'contact',
  'consequences',
  'measures',
];

describe.each(testDatabaseKinds())('breach register (Art. 33/34) on %s', (kind) => {
  let clock = new Date('2026-03-02T09:00:00Z');
  const hoursAgo = (h: number) => new Date(clock.getTime() - h * HOUR).toISOString();
  let t: TestApp;
  let b: ExtraTenant;
  let dpo: string;
  let sales: string;
  let readonly: string;
  let bDpo: string;
  let salesName: string;

  const call = (token: string, method: 'GET' | 'POST' | 'PATCH', url: string, body?: object) =>
    t.call(token, { method, url: `${API}${url}`, ...(body ? { body } : {}) });
  const report = async (body: object = {}, token = sales) => {
    const res = await call(token, 'POST', '/breaches', {
      title: 'Laptop mit Kundenliste verloren',
      description: 'Ein unverschlüsselter Laptop wurde im Zug vergessen.',
      ...body,
    });
    if (res.statusCode !== 201) throw new Error(`report: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  /** Calls that must be refused with `status`/`code` and change nothing. */
  const refusedUnchanged = async (
    token: string,
    method: 'POST' | 'PATCH',
    url: string,
    body: object | undefined,
    status: number,
    code: string,
  ) => {
    const before = await snapshotData(t.db);
    const res = await call(token, method, url, body);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().code).toBe(code);
    expect(await snapshotData(t.db)).toEqual(before);
    return res.json();
  };

  beforeAll(async () => {
    t = await createTestApp(kind, { now: () => clock });
    b = await createExtraTenant(t, { label: 'tenant-b' });
    bDpo = (await b.userWithToken({ role: 'dpo' })).token;
    dpo = (await t.userWithToken({ role: 'dpo' })).token;
    const s = await t.userWithToken({ role: 'sales' });
    sales = s.token;
    salesName = s.user.displayName;
    readonly = (await t.userWithToken({ role: 'readonly' })).token;
  });
  afterAll(() => t?.close());

  it('lets a sales user report a breach, numbered, with the 72-hour deadline running from awareness', async () => {
    const breach = await report({ occurredAt: hoursAgo(30) });
    expect(breach).toMatchObject({
      number: 'DP-2026-0001',
      awareAt: clock.toISOString(),
      occurredAt: hoursAgo(30),
      reportedBy: { name: salesName },
      status: 'open',
      risk: null,
      version: 1,
      deadline: { notifyBy: '2026-03-05T09:00:00.000Z', state: 'open', hoursLeft: 72 },
      missing: ALL_MISSING,
    });
    const detail = (await call(dpo, 'GET', `/breaches/${breach.id}`)).json();
    expect(detail.events).toEqual([
      { kind: 'reported', detail: null, actorName: salesName, at: clock.toISOString() },
    ]);
    const audit = await inTenant(t.db.kysely, t.tenantId, (tx) =>
      tx
        .selectFrom('audit_log')
        .select(['action', 'note', 'subject_type'])
        .where('note', 'like', '%DP-2026-0001%')
        .execute(),
    );
    expect(audit).toEqual([{ action: 'create', note: 'breach DP-2026-0001 reported', subject_type: null }]);
  });

  it('refuses reports by read-only users, from the future, or without a title, changing nothing', async () => {
    const body = { title: 'Fehlversand', description: 'Mail an falschen Verteiler' };
    await refusedUnchanged(readonly, 'POST', '/breaches', body, 403, 'forbidden');
    await refusedUnchanged(
      sales,
      'POST',
      '/breaches',
      { ...body, awareAt: new Date(clock.getTime() + HOUR).toISOString() },
      422,
      'invalid_date_range',
    );
    await refusedUnchanged(sales, 'POST', '/breaches', { ...body, title: '  ' }, 422, 'validation_failed');
    await refusedUnchanged(sales, 'POST', '/breaches', { ...body, personId: 'x' }, 422, 'validation_failed');
  });

  it('lets only the DPO read the register', async () => {
    expect((await call(sales, 'GET', '/breaches')).statusCode).toBe(403);
    expect((await call(readonly, 'GET', '/breaches')).statusCode).toBe(403);
    const list = (await call(dpo, 'GET', '/breaches?status=all')).json();
    expect(list.items.map((x: { number: string }) => x.number)).toContain('DP-2026-0001');
    expect((await call(bDpo, 'GET', '/breaches?status=all')).json().items).toEqual([]);
    const id = list.items[0].id;
    expect((await call(bDpo, 'GET', `/breaches/${id}`)).json().code).toBe('not_found');
  });

  it('shows the deadline state at 10 h, 60 h and 80 h after awareness', async () => {
    const at10 = await report({ awareAt: hoursAgo(10) });
    const at60 = await report({ awareAt: hoursAgo(60) });
    const at80 = await report({ awareAt: hoursAgo(80) });
    const items = (await call(dpo, 'GET', '/breaches')).json().items as { id: string; deadline: unknown }[];
    const deadline = (id: string) => items.find((x) => x.id === id)?.deadline;
    expect(deadline(at10.id)).toMatchObject({ state: 'open', hoursLeft: 62 });
    expect(deadline(at60.id)).toMatchObject({ state: 'due_soon', hoursLeft: 12 });
    expect(deadline(at80.id)).toMatchObject({ state: 'overdue', hoursLeft: -8 });
    // newest first
    expect(items.slice(0, 3).map((x) => x.id)).toEqual([at80.id, at60.id, at10.id]);
  });

  it('takes the DPO assessment with the version read, refusing stale versions and other roles', async () => {
    const breach = await report();
    const url = `/breaches/${breach.id}`;
    await refusedUnchanged(sales, 'PATCH', url, { version: 1, risk: 'risk' }, 403, 'forbidden');
    clock = new Date(clock.getTime() + HOUR);
    const res = await call(dpo, 'PATCH', url, {
      version: 1,
      ...ART33,
      risk: 'risk',
      riskReasoning: 'Kontaktdaten',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ version: 2, risk: 'risk', missing: [], subjectsApprox: 250 });
    await refusedUnchanged(dpo, 'PATCH', url, { version: 1, title: 'Neu' }, 409, 'version_conflict');
    await refusedUnchanged(dpo, 'PATCH', url, { version: 2, risk: 'severe' }, 422, 'validation_failed');
    await refusedUnchanged(dpo, 'PATCH', url, { version: 2, subjectsApprox: -1 }, 422, 'validation_failed');
    const detail = (await call(dpo, 'GET', url)).json();
    expect(detail.events.map((e: { kind: string }) => e.kind)).toEqual(['reported', 'assessed']);
  });

  it('refuses the notification while Art. 33(3) content is missing or when late without reasons', async () => {
    const breach = await report({ awareAt: hoursAgo(80) });
    const url = `/breaches/${breach.id}`;
    const notifiedAt = clock.toISOString();
    const err = await refusedUnchanged(
      dpo,
      'POST',
      `${url}/authority-notification`,
      { notifiedAt },
      422,
      'breach_incomplete',
    );
    expect(err.details.fields).toEqual(ALL_MISSING);
    expect(err.message).toContain('subjectsApprox');
    await call(dpo, 'PATCH', url, { version: 1, ...ART33, measures: null, risk: 'risk' });
    const err2 = await refusedUnchanged(
      dpo,
      'POST',
      `${url}/authority-notification`,
      { notifiedAt },
      422,
      'breach_incomplete',
    );
    expect(err2.details.fields).toEqual(['measures']);
    await call(dpo, 'PATCH', url, { version: 2, measures: ART33.measures });
    await refusedUnchanged(
      dpo,
      'POST',
      `${url}/authority-notification`,
      { notifiedAt },
      422,
      'breach_late_reason_required',
    );
    await refusedUnchanged(
      dpo,
      'POST',
      `${url}/authority-notification`,
      { notifiedAt: hoursAgo(90), lateReason: 'x' },
      422,
      'invalid_date_range',
    );
    const res = await call(dpo, 'POST', `${url}/authority-notification`, {
      notifiedAt,
      reference: 'LDI-2026-17',
      lateReason: 'Der Umfang war erst nach der forensischen Analyse bekannt.',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      authorityNotifiedAt: notifiedAt,
      authorityReference: 'LDI-2026-17',
      deadline: { state: 'notified', hoursLeft: null },
    });
    // in time, no reason needed
    const onTime = await report({ awareAt: hoursAgo(20) });
    await call(dpo, 'PATCH', `/breaches/${onTime.id}`, { version: 1, ...ART33 });
    const ok = await call(dpo, 'POST', `/breaches/${onTime.id}/authority-notification`, { notifiedAt });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().lateReason).toBeNull();
  });

  it('closes only when complete; a closed breach refuses changes until reopened', async () => {
    const breach = await report({ awareAt: hoursAgo(5) });
    const url = `/breaches/${breach.id}`;
    const e1 = await refusedUnchanged(dpo, 'POST', `${url}/close`, {}, 422, 'breach_incomplete');
    expect(e1.details.fields).toEqual(['risk']);
    await call(dpo, 'PATCH', url, { version: 1, ...ART33, risk: 'high_risk' });
    const e2 = await refusedUnchanged(dpo, 'POST', `${url}/close`, {}, 422, 'breach_incomplete');
    expect(e2.details.fields).toEqual(['authorityNotification', 'subjectsDecision']);
    clock = new Date(clock.getTime() + HOUR);
    await call(dpo, 'POST', `${url}/authority-notification`, { notifiedAt: clock.toISOString() });
    const e3 = await refusedUnchanged(dpo, 'POST', `${url}/close`, {}, 422, 'breach_incomplete');
    expect(e3.details.fields).toEqual(['subjectsDecision']);
    await refusedUnchanged(
      dpo,
      'POST',
      `${url}/subjects-decision`,
      { decision: 'inform', reason: 'zu kurz' },
      422,
      'validation_failed',
    );
    clock = new Date(clock.getTime() + HOUR);
    const decided = await call(dpo, 'POST', `${url}/subjects-decision`, {
      decision: 'inform',
      reason: 'Hohes Risiko: alle Betroffenen werden per E-Mail informiert.',
      informedAt: clock.toISOString(),
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({
      subjectsDecision: 'inform',
      subjectsInformedAt: clock.toISOString(),
    });
    clock = new Date(clock.getTime() + HOUR);
    const closed = await call(dpo, 'POST', `${url}/close`, { note: 'Abgeschlossen nach Prüfung' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', closedAt: clock.toISOString() });
    const version = closed.json().version;
    await refusedUnchanged(dpo, 'PATCH', url, { version, title: 'Neu' }, 409, 'breach_closed');
    await refusedUnchanged(
      dpo,
      'POST',
      `${url}/subjects-decision`,
      { decision: 'public_communication', reason: 'Öffentliche Bekanntmachung wegen Umfang' },
      409,
      'breach_closed',
    );
    await refusedUnchanged(dpo, 'POST', `${url}/close`, {}, 409, 'breach_closed');
    expect(
      (await call(dpo, 'GET', '/breaches?status=closed')).json().items.map((x: { id: string }) => x.id),
    ).toEqual([breach.id]);
    clock = new Date(clock.getTime() + HOUR);
    const reopened = await call(dpo, 'POST', `${url}/reopen`);
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json()).toMatchObject({ status: 'open', closedAt: null, version: version + 1 });
    clock = new Date(clock.getTime() + HOUR);
    const patched = await call(dpo, 'PATCH', url, { version: version + 1, title: 'Laptop gestohlen' });
    expect(patched.statusCode, patched.body).toBe(200);
    const detail = (await call(dpo, 'GET', url)).json();
    expect(detail.events.map((e: { kind: string }) => e.kind)).toEqual([
      'reported',
      'assessed',
      'authority_notified',
      'subjects_decided',
      'closed',
      'reopened',
      'assessed',
    ]);
    expect(detail.events[4]).toMatchObject({ detail: 'Abgeschlossen nach Prüfung' });
  });

  it('documents every breach for good: the app role can neither delete breaches nor change their history', async () => {
    const breach = await report();
    await expect(
      inTenant(t.db.kysely, t.tenantId, (tx) =>
        tx.deleteFrom('breaches').where('id', '=', breach.id).execute(),
      ),
    ).rejects.toThrow();
    await expect(
      inTenant(t.db.kysely, t.tenantId, (tx) =>
        tx.updateTable('breach_events').set({ detail: 'x' }).where('breach_id', '=', breach.id).execute(),
      ),
    ).rejects.toThrow();
    expect((await call(dpo, 'GET', `/breaches/${breach.id}`)).statusCode).toBe(200);
  });
});
