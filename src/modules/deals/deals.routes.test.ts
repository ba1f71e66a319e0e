import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, personBody, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { snapshotData } from '../../../test/support/snapshot.ts';
import { createExtraTenant } from '../../../test/support/tenant.ts';

const API = '/api/v1';
type Stage = { id: string; nameEn: string; outcome: string; probability: number; archived: boolean };

describe.each(testDatabaseKinds())('deals API on %s', (kind) => {
  let t: TestApp;
  let stages: Stage[];
  let personId: string;
  let orgId: string;
  let otherTenantPerson: string;
  const stage = (name: string) => {
    const s = stages.find((x) => x.nameEn === name);
    if (!s) throw new Error(name);
    return s;
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    stages = (await t.call(t.adminToken, { method: 'GET', url: `${API}/pipeline/stages` })).json().items;
    personId = (
      await t.call(t.adminToken, { method: 'POST', url: `${API}/persons`, body: personBody() })
    ).json().id;
    orgId = (
      await t.call(t.adminToken, { method: 'POST', url: `${API}/organizations`, body: { name: 'Kunde AG' } })
    ).json().id;
    const b = await createExtraTenant(t, { label: 'deals-b' });
    otherTenantPerson = (
      await t.call(b.adminToken, { method: 'POST', url: `${API}/persons`, body: personBody() })
    ).json().id;
  });
  afterAll(() => t.close());

  const create = (body: object, token = t.adminToken) =>
    t.call(token, {
      method: 'POST',
      url: `${API}/deals`,
      body: { title: 'Wartungsvertrag', value: '1200', ...body },
    });
  const move = (deal: { id: string; version: number }, body: object, token = t.adminToken) =>
    t.call(token, {
      method: 'POST',
      url: `${API}/deals/${deal.id}/move`,
      body: { version: deal.version, ...body },
    });

  it('creates a deal in the first open stage with its probability, the caller as owner, and a history entry', async () => {
    const res = await create({ personId, value: '1234.5', expectedClose: '2026-06-30' });
    expect(res.statusCode).toBe(201);
    const deal = res.json();
    expect(deal).toMatchObject({
      title: 'Wartungsvertrag',
      person: { id: personId, name: 'Anna Müller' },
      organization: null,
      stage: { id: stage('New').id, outcome: 'open' },
      status: 'open',
      value: '1234.50',
      currency: 'EUR',
      probability: 10,
      expectedClose: '2026-06-30',
      owner: { id: t.adminId },
      closedAt: null,
      version: 1,
    });
    expect(deal.history).toHaveLength(1);
    expect(deal.history[0]).toMatchObject({ fromStage: null, toStage: { id: stage('New').id } });
    const read = await t.call(t.adminToken, { method: 'GET', url: `${API}/deals/${deal.id}` });
    expect(read.statusCode).toBe(200);
    expect(read.json().value).toBe('1234.50');
  });

  it.each([
    ['no customer', {}, 422, 'customer_required'],
    ['amount with a German format', { personId: 'PERSON', value: '1.234,56' }, 422, 'invalid_amount'],
    ['amount with a comma', { personId: 'PERSON', value: '12,50' }, 422, 'invalid_amount'],
    ['amount in exponent notation', { personId: 'PERSON', value: '1e3' }, 422, 'invalid_amount'],
    ['negative amount', { personId: 'PERSON', value: '-5' }, 422, 'invalid_amount'],
    ['amount as a number', { personId: 'PERSON', value: 12 }, 422, 'validation_failed'],
    ['unknown currency', { personId: 'PERSON', currency: 'XYZ' }, 422, 'invalid_currency'],
    ['lower-case currency', { personId: 'PERSON', currency: 'eur' }, 422, 'invalid_currency'],
    ['date out of range', { personId: 'PERSON', expectedClose: '2100-01-01' }, 422, 'invalid_date_range'],
    [
      'date that does not exist',
      { personId: 'PERSON', expectedClose: '2026-02-30' },
      422,
      'validation_failed',
    ],
    ['person of another tenant', { personId: 'OTHER' }, 422, 'unknown_person'],
    [
      'unknown organisation',
      { organizationId: '00000000-0000-4000-8000-000000000000' },
      422,
      'unknown_organization',
    ],
    [
      'unknown owner',
      { personId: 'PERSON', ownerId: '00000000-0000-4000-8000-000000000000' },
      422,
      'unknown_user',
    ],
    [
      'unknown stage',
      { personId: 'PERSON', stageId: '00000000-0000-4000-8000-000000000000' },
      422,
      'unknown_stage',
    ],
    ['probability above 100', { personId: 'PERSON', probability: 101 }, 422, 'validation_failed'],
    ['unknown field', { personId: 'PERSON', closedAt: '2026-01-01' }, 422, 'validation_failed'],
  ])('refuses a deal with %s and writes nothing', async (_label, body, status, code) => {
    const before = await snapshotData(t.db);
    const ids: Record<string, string> = { PERSON: personId, OTHER: otherTenantPerson };
    const given = body as { personId?: string };
    const fixed = given.personId ? { ...body, personId: ids[given.personId] } : body;
    const res = await create(fixed);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().code).toBe(code);
    if (code === 'invalid_amount') expect(res.json().message).toContain((body as { value: string }).value);
    expect(await snapshotData(t.db)).toEqual(before);
  });

  it('refuses to create a deal straight into won or lost', async () => {
    const before = await snapshotData(t.db);
    const res = await create({ personId, stageId: stage('Won').id });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('invalid_stage_move');
    expect(await snapshotData(t.db)).toEqual(before);
  });

  it('moves a deal through the pipeline under the rules, with history and audit', async () => {
    let deal = (await create({ organizationId: orgId, value: '0' })).json();
    const step = async (body: object) => {
      const res = await move(deal, body);
      expect(res.statusCode, res.body).toBe(200);
      deal = res.json();
      return deal;
    };
    expect(await step({ stageId: stage('Negotiation').id })).toMatchObject({
      probability: 75,
      status: 'open',
    });
    expect(await step({ stageId: stage('Qualified').id })).toMatchObject({ probability: 25 });

    const refusals: [object, string][] = [
      [{ stageId: stage('Qualified').id }, 'same_stage'],
      [{ stageId: stage('Won').id }, 'won_needs_value'],
      [{ stageId: stage('Lost').id }, 'lost_needs_reason'],
      [{ stageId: stage('Lost').id, lostReason: '   ' }, 'lost_needs_reason'],
      [{ stageId: stage('New').id, reopen: true }, 'reopen_not_closed'],
    ];
    for (const [body, reason] of refusals) {
      const before = await snapshotData(t.db);
      const res = await t.call(t.adminToken, {
        method: 'POST',
        url: `${API}/deals/${deal.id}/move`,
        body: { version: deal.version, ...body },
        headers: { 'accept-language': 'de' },
      });
      expect(res.statusCode, reason).toBe(409);
      expect(res.json()).toMatchObject({ code: 'invalid_stage_move', details: { reason } });
      expect(res.json().message).not.toContain(reason);
      expect(await snapshotData(t.db)).toEqual(before);
    }

    const valued = await t.call(t.adminToken, {
      method: 'PATCH',
      url: `${API}/deals/${deal.id}`,
      body: { version: deal.version, value: '5000' },
    });
    expect(valued.statusCode).toBe(200);
    deal = valued.json();
    const won = await step({ stageId: stage('Won').id });
    expect(won).toMatchObject({ status: 'won', probability: 100, lostReason: null });
    expect(won.closedAt).not.toBeNull();

    // out of won only by reopening into an open stage
    for (const [body, reason] of [
      [{ stageId: stage('Lost').id, lostReason: 'Preis' }, 'closed_needs_reopen'],
      [{ stageId: stage('New').id }, 'closed_needs_reopen'],
      [{ stageId: stage('Lost').id, reopen: true }, 'reopen_needs_open_stage'],
    ] as const) {
      const res = await move(deal, body);
      expect(res.statusCode).toBe(409);
      expect(res.json().details.reason).toBe(reason);
    }
    const zero = await t.call(t.adminToken, {
      method: 'PATCH',
      url: `${API}/deals/${deal.id}`,
      body: { version: deal.version, value: '0' },
    });
    expect(zero.json().details.reason).toBe('won_needs_value');

    expect(await step({ stageId: stage('Proposal').id, reopen: true })).toMatchObject({
      status: 'open',
      closedAt: null,
      probability: 50,
    });
    const lost = await step({ stageId: stage('Lost').id, lostReason: 'Preis zu hoch' });
    expect(lost).toMatchObject({ status: 'lost', probability: 0, lostReason: 'Preis zu hoch' });
    expect(await step({ stageId: stage('New').id, reopen: true })).toMatchObject({
      lostReason: null,
      closedAt: null,
    });

    expect(deal.history.map((h: { toStage: { nameEn: string } }) => h.toStage.nameEn)).toEqual([
      'New',
      'Negotiation',
      'Qualified',
      'Won',
      'Proposal',
      'Lost',
      'New',
    ]);
    const stale = await move({ ...deal, version: 1 }, { stageId: stage('Proposal').id });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('version_conflict');
    const audit = await t.call(t.adminToken, { method: 'GET', url: `${API}/audit?subjectId=${orgId}` });
    // only the DPO reads the audit trail; the entries exist for them
    expect(audit.statusCode).toBe(403);
  });

  it('refuses moves into archived or unknown stages', async () => {
    const deal = (await create({ personId })).json();
    const extra = (
      await t.call(t.adminToken, {
        method: 'POST',
        url: `${API}/pipeline/stages`,
        body: { nameDe: 'Alt', nameEn: 'Old', probability: 30 },
      })
    ).json();
    await t.call(t.adminToken, {
      method: 'PATCH',
      url: `${API}/pipeline/stages/${extra.id}`,
      body: { archived: true },
    });
    const archived = await move(deal, { stageId: extra.id });
    expect(archived.json().details.reason).toBe('stage_archived');
    const unknown = await move(deal, { stageId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().code).toBe('unknown_stage');
  });

  it('changes a deal with optimistic locking', async () => {
    const deal = (await create({ personId })).json();
    const ok = await t.call(t.adminToken, {
      method: 'PATCH',
      url: `${API}/deals/${deal.id}`,
      body: { version: 1, title: 'Neuer Titel', probability: 40, currency: 'CHF', expectedClose: null },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ title: 'Neuer Titel', probability: 40, currency: 'CHF', version: 2 });
    const before = await snapshotData(t.db);
    for (const [body, code] of [
      [{ version: 1, title: 'Alt' }, 'version_conflict'],
      [{ version: 2, value: '1.000,00' }, 'invalid_amount'],
      [{ version: 2, currency: 'ABC' }, 'invalid_currency'],
      [{ version: 2, expectedClose: '1989-12-31' }, 'invalid_date_range'],
      [{ version: 2, stageId: stage('Won').id }, 'validation_failed'],
    ] as const) {
      const res = await t.call(t.adminToken, { method: 'PATCH', url: `${API}/deals/${deal.id}`, body });
      expect(res.json().code, JSON.stringify(body)).toBe(code);
    }
    expect(await snapshotData(t.db)).toEqual(before);
  });

  it('lists with filters and sorts by expected close; the board sums per stage', async () => {
    const org = (
      await t.call(t.adminToken, {
        method: 'POST',
        url: `${API}/organizations`,
        body: { name: 'Board GmbH' },
      })
    ).json().id;
    const a = (
      await create({ organizationId: org, title: 'Alpha Board', value: '100', expectedClose: '2026-09-01' })
    ).json();
    const b = (
      await create({ organizationId: org, title: 'Beta Board', value: '50.25', expectedClose: '2026-03-01' })
    ).json();
    await create({ organizationId: org, title: 'Gamma Board', value: '10' });
    const list = await t.call(t.adminToken, { method: 'GET', url: `${API}/deals?organizationId=${org}` });
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe(3);
    expect(list.json().items.map((d: { title: string }) => d.title)).toEqual([
      'Beta Board',
      'Alpha Board',
      'Gamma Board',
    ]);
    const q = await t.call(t.adminToken, {
      method: 'GET',
      url: `${API}/deals?q=alpha%20b&organizationId=${org}`,
    });
    expect(q.json().items.map((d: { id: string }) => d.id)).toEqual([a.id]);
    await move(b, { stageId: stage('Won').id });
    const won = await t.call(t.adminToken, {
      method: 'GET',
      url: `${API}/deals?status=won&organizationId=${org}`,
    });
    expect(won.json().items.map((d: { id: string }) => d.id)).toEqual([b.id]);
    const byStage = await t.call(t.adminToken, {
      method: 'GET',
      url: `${API}/deals?stageId=${stage('New').id}&organizationId=${org}&pageSize=1`,
    });
    expect(byStage.json()).toMatchObject({ total: 2, pageSize: 1 });
    expect(byStage.json().items).toHaveLength(1);

    const board = (await t.call(t.adminToken, { method: 'GET', url: `${API}/deals/board` })).json();
    const column = (name: string) =>
      board.columns.find((c: { stage: { nameEn: string } }) => c.stage.nameEn === name);
    expect(board.columns.map((c: { stage: { nameEn: string } }) => c.stage.nameEn)).not.toContain('Old');
    const wonColumn = column('Won');
    expect(wonColumn.deals.map((d: { id: string }) => d.id)).toContain(b.id);
    const eur = wonColumn.totals.find((x: { currency: string }) => x.currency === 'EUR');
    const wonDeals = wonColumn.deals.filter((d: { currency: string }) => d.currency === 'EUR');
    const cents = wonDeals.reduce(
      (s: number, d: { value: string }) => s + Math.round(Number(d.value) * 100),
      0,
    );
    expect(eur.value).toBe((cents / 100).toFixed(2));
    expect(eur.weighted).toBe(eur.value);
    expect(wonColumn.count).toBe(wonColumn.deals.length);
    const newColumn = column('New');
    expect(newColumn.count).toBeGreaterThanOrEqual(2);
    for (const total of newColumn.totals) expect(total.value).toMatch(/^\d+\.\d{2}$/);
  });

  it('answers unknown ids with 404 and malformed ones with 422', async () => {
    const missing = await t.call(t.adminToken, {
      method: 'GET',
      url: `${API}/deals/00000000-0000-4000-8000-000000000000`,
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('not_found');
    expect((await t.call(t.adminToken, { method: 'GET', url: `${API}/deals/abc` })).statusCode).toBe(422);
  });

  describe('roles and departments', () => {
    it('keeps marketing out, lets support read but not write', async () => {
      const deal = (await create({ personId })).json();
      const marketing = await t.userWithToken({ role: 'marketing' });
      for (const url of [
        `${API}/deals`,
        `${API}/deals/board`,
        `${API}/deals/${deal.id}`,
        `${API}/pipeline/stages`,
      ]) {
        const res = await t.call(marketing.token, { method: 'GET', url });
        expect(res.statusCode, url).toBe(403);
        expect(res.json().code).toBe('field_not_readable');
      }
      const support = await t.userWithToken({ role: 'support' });
      expect(
        (await t.call(support.token, { method: 'GET', url: `${API}/deals/${deal.id}` })).statusCode,
      ).toBe(200);
      expect((await t.call(support.token, { method: 'GET', url: `${API}/deals/board` })).statusCode).toBe(
        200,
      );
      const before = await snapshotData(t.db);
      for (const res of [
        await create({ personId }, support.token),
        await move(deal, { stageId: stage('Qualified').id }, support.token),
        await t.call(support.token, {
          method: 'PATCH',
          url: `${API}/deals/${deal.id}`,
          body: { version: 1, title: 'X' },
        }),
      ]) {
        expect(res.statusCode).toBe(403);
        expect(res.json().code).toBe('field_not_writable');
      }
      expect(await snapshotData(t.db)).toEqual(before);
      const accounting = await t.userWithToken({ role: 'accounting' });
      expect((await move(deal, { stageId: stage('Qualified').id }, accounting.token)).statusCode).toBe(200);
    });

    it("inherits the customer's departments and hides deals from other departments", async () => {
      const service = t.departmentId('Kundenservice');
      const servicePerson = (
        await t.call(t.adminToken, {
          method: 'POST',
          url: `${API}/persons`,
          body: personBody({ lastName: 'Dienst', departmentIds: [service] }),
        })
      ).json().id;
      const deal = (await create({ personId: servicePerson, title: 'Nur Kundenservice' })).json();
      expect(deal.departmentIds).toEqual([service]);
      const sales = await t.userWithToken({ role: 'sales', departmentNames: ['Vertrieb'] });
      expect((await t.call(sales.token, { method: 'GET', url: `${API}/deals/${deal.id}` })).statusCode).toBe(
        404,
      );
      const list = await t.call(sales.token, { method: 'GET', url: `${API}/deals?q=Nur%20Kundenservice` });
      expect(list.json().items).toEqual([]);
      const board = (await t.call(sales.token, { method: 'GET', url: `${API}/deals/board` })).json();
      expect(JSON.stringify(board)).not.toContain(deal.id);
      const before = await snapshotData(t.db);
      expect((await move(deal, { stageId: stage('Qualified').id }, sales.token)).statusCode).toBe(404);
      // the person is invisible to them: a deal for it is refused like one for an unknown person
      const refused = await create({ personId: servicePerson }, sales.token);
      expect(refused.json().code).toBe('unknown_person');
      expect(await snapshotData(t.db)).toEqual(before);
      const colleague = await t.userWithToken({ role: 'sales', departmentNames: ['Kundenservice'] });
      expect(
        (await t.call(colleague.token, { method: 'GET', url: `${API}/deals/${deal.id}` })).statusCode,
      ).toBe(200);
    });

    it('accepts an active colleague as owner, not a disabled one', async () => {
      const colleague = await t.userWithToken({ role: 'sales' });
      const ok = await create({ personId, ownerId: colleague.user.id });
      expect(ok.json().owner.id).toBe(colleague.user.id);
      const off = await t.userWithToken({ role: 'sales' });
      await t.call(t.adminToken, {
        method: 'PATCH',
        url: `${API}/users/${off.user.id}`,
        body: { disabled: true },
      });
      const res = await create({ personId, ownerId: off.user.id });
      expect(res.json().code).toBe('unknown_user');
    });
  });
});
