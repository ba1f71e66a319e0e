import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, personBody, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { asSystem, inTenant } from '../../db/tenant.ts';
import { retentionFindings } from './retention.checks.ts';
import { lockKeyOf, withSweepLock } from './sweep-lock.ts';
import { period, plant, recordIds, setSweepRules } from './sweeps.fixtures.ts';

vi.setConfig({ hookTimeout: 240_000, testTimeout: 120_000 });
const API = '/api/v1';

/**
 * The retention sweep through the API on a fixed clock (2 Mar 2026, 10:00 in Berlin): the preview
 * lists exactly what the sweep then deletes, across every record target, at the year-end and
 * midnight boundaries, with legal holds (active, expired, released, on the person) and the
 * statutory retention of invoices; references are unlinked, never blocking.
 */
describe.each(testDatabaseKinds())('retention sweep preview and run on %s', (kind) => {
  let clock = new Date('2026-03-02T09:00:00Z');
  let t: TestApp;
  let dpo: string;
  let admin: string;
  let sales: string;
  const id: Record<string, string> = {};
  const expectedDue = new Set<string>();

  const call = (token: string, method: 'GET' | 'POST', url: string) =>
    t.call(token, { method, url: `${API}${url}` });
  const preview = async (limit = 1000) => {
    const res = await call(dpo, 'GET', `/retention/preview?limit=${limit}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as {
      today: string;
      dataTypes: {
        dataTypeId: string;
        target: string;
        cutoff: string;
        due: number;
        held: number;
        items: { objectType: string; id: string; start: string; end: string }[];
      }[];
    };
  };

  beforeAll(async () => {
    t = await createTestApp(kind, { now: () => clock });
    dpo = (await t.userWithToken({ role: 'dpo' })).token;
    admin = t.adminToken;
    sales = (await t.userWithToken({ role: 'sales', departmentNames: ['Vertrieb'] })).token;
    await setSweepRules(t.db, t.tenantId, [
      { target: 'interactions', period: period(6) },
      { target: 'invoices', period: period(8) },
      { target: 'quotes', period: period(6) },
      { target: 'orders', period: period(6), startType: 'end_of_process' },
      { target: 'deals', period: period(3), startType: 'end_of_process' },
      { target: 'cases', period: period(3), startType: 'end_of_process' },
    ]);
    const person = async (lastName: string) => {
      const created = await t.call(admin, {
        method: 'POST',
        url: `${API}/persons`,
        body: personBody({ lastName, email: `${lastName.toLowerCase()}@example.de` }),
      });
      expect(created.statusCode, created.body).toBe(201);
      return created.json().id as string;
    };
    const a = await person('Alt');
    const h = await person('Gesperrt');
    const { db, tenantId } = t;
    const due = (type: string, key: string) => expectedDue.add(`${type}:${id[key]}`);
    // interactions: 6 years from the end of the year → due when it happened in 2019 or before (Berlin)
    id.i1 = await plant.interaction(db, tenantId, { personId: a, occurredAt: '2019-12-31T22:30:00Z' });
    due('interaction', 'i1');
    id.i2 = await plant.interaction(db, tenantId, { personId: a, occurredAt: '2019-12-31T23:30:00Z' });
    id.i3 = await plant.interaction(db, tenantId, { personId: h, occurredAt: '2015-05-05T10:00:00Z' });
    id.i4 = await plant.interaction(db, tenantId, { personId: a, occurredAt: '2016-01-01T10:00:00Z' });
    await plant.hold(db, tenantId, { objectType: 'interaction', objectId: id.i4, released: true });
    due('interaction', 'i4');
    id.i5 = await plant.interaction(db, tenantId, { personId: a, occurredAt: '2016-01-02T10:00:00Z' });
    await plant.hold(db, tenantId, { objectType: 'interaction', objectId: id.i5, until: '2026-03-01' });
    due('interaction', 'i5');
    id.i6 = await plant.interaction(db, tenantId, { personId: a, occurredAt: '2016-01-03T10:00:00Z' });
    await plant.hold(db, tenantId, { objectType: 'interaction', objectId: id.i6, until: '2026-03-02' });
    await plant.hold(db, tenantId, { objectType: 'person', objectId: h });
    // orders: fulfilled or cancelled, from their last change
    id.o1 = await plant.order(db, tenantId, {
      personId: a,
      status: 'fulfilled',
      updatedAt: '2019-06-01T10:00:00Z',
    });
    due('order', 'o1');
    id.o2 = await plant.order(db, tenantId, {
      personId: a,
      status: 'cancelled',
      updatedAt: '2019-12-31T23:30:00Z',
    });
    // invoices: 8 years from the end of the year AND past their stored retain_until, no legal hold
    id.v1 = await plant.invoice(db, tenantId, {
      personId: a,
      issuedAt: '2017-12-31',
      retainUntil: '2025-12-31',
    });
    due('invoice', 'v1');
    id.v2 = await plant.invoice(db, tenantId, {
      personId: a,
      issuedAt: '2018-01-01',
      retainUntil: '2026-12-31',
      orderId: id.o1,
    });
    id.v3 = await plant.invoice(db, tenantId, {
      personId: a,
      issuedAt: '2017-06-01',
      retainUntil: '2025-12-31',
      legalHold: true,
    });
    id.v4 = await plant.invoice(db, tenantId, {
      personId: a,
      issuedAt: '2017-05-01',
      retainUntil: '2027-12-31',
    });
    id.v5 = await plant.invoice(db, tenantId, {
      personId: h,
      issuedAt: '2016-01-01',
      retainUntil: '2024-12-31',
    });
    // deals: won or lost, from their close
    id.d1 = await plant.deal(db, tenantId, { personId: a, outcome: 'won', closedAt: '2022-12-31T22:59:00Z' });
    due('deal', 'd1');
    id.d2 = await plant.deal(db, tenantId, {
      personId: a,
      outcome: 'lost',
      closedAt: '2022-12-31T23:30:00Z',
    });
    id.d3 = await plant.deal(db, tenantId, { personId: a, outcome: 'open', closedAt: null });
    // quotes: from their date; an open order keeps existing without its old quote
    id.q1 = await plant.quote(db, tenantId, { personId: a, issuedAt: '2019-12-31' });
    due('quote', 'q1');
    id.q2 = await plant.quote(db, tenantId, { personId: a, issuedAt: '2020-01-01', dealId: id.d1 });
    id.oOpen = await plant.order(db, tenantId, {
      personId: a,
      status: 'open',
      updatedAt: '2015-01-01T10:00:00Z',
      quoteId: id.q1,
    });
    // cases: resolved or closed, from the later of both
    id.c1 = await plant.case(db, tenantId, {
      personId: a,
      status: 'resolved',
      resolvedAt: '2022-06-01T10:00:00Z',
    });
    due('case', 'c1');
    id.c2 = await plant.case(db, tenantId, {
      personId: a,
      status: 'closed',
      resolvedAt: '2022-12-01T10:00:00Z',
      closedAt: '2023-01-10T10:00:00Z',
    });
    id.c3 = await plant.case(db, tenantId, { personId: a, status: 'open', invoiceId: id.v1 });
    id.c4 = await plant.case(db, tenantId, {
      personId: a,
      status: 'resolved',
      resolvedAt: '2021-01-01T10:00:00Z',
    });
    await plant.hold(db, tenantId, { objectType: 'case', objectId: id.c4 });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists what is due and why, with the cutoffs of the year-end rules', async () => {
    const p = await preview();
    expect(p.today).toBe('2026-03-02');
    const byTarget = Object.fromEntries(p.dataTypes.map((d) => [d.target, d]));
    expect(byTarget.interactions).toMatchObject({ cutoff: '2020-01-01', due: 3, held: 2 });
    expect(byTarget.invoices).toMatchObject({ cutoff: '2018-01-01', due: 1, held: 2 });
    expect(byTarget.quotes).toMatchObject({ due: 1, held: 0 });
    expect(byTarget.orders).toMatchObject({ due: 1, held: 0 });
    expect(byTarget.deals).toMatchObject({ cutoff: '2023-01-01', due: 1, held: 0 });
    expect(byTarget.cases).toMatchObject({ due: 1, held: 1 });
    const i1 = byTarget.interactions?.items.find((x) => x.id === id.i1);
    expect(i1).toEqual({ objectType: 'interaction', id: id.i1, start: '2019-12-31', end: '2025-12-31' });
    // the limit caps the list, never the counts
    const capped = await preview(1);
    expect(capped.dataTypes.find((d) => d.target === 'interactions')).toMatchObject({ due: 3 });
    expect(capped.dataTypes.find((d) => d.target === 'interactions')?.items).toHaveLength(1);
  });

  it('feeds the self-check: what is overdue per data type, and the targets without a rule', async () => {
    const findings = await inTenant(t.db.kysely, t.tenantId, (tx) =>
      retentionFindings(tx, t.ctx, { tenantId: t.tenantId, now: clock }),
    );
    const overdue = findings.find((f) => f.check === 'retention_overdue');
    expect(overdue).toMatchObject({ count: 8, detail: { t_interactions: 3, t_invoices: 1, t_cases: 1 } });
    expect(overdue?.refs).toContainEqual({ type: 'data_type', id: 't_interactions' });
    const missing = findings.find((f) => f.check === 'deletion_rule_missing');
    expect(missing?.refs.map((r) => r.id).sort()).toEqual(
      [
        'consent_proofs',
        'former_customers',
        'person_expiry',
        'person_photos',
        'phone_consent_proofs',
        'stale_prospects',
      ].sort(),
    );
  });

  it('is refused to roles without retention rights', async () => {
    expect((await call(sales, 'GET', '/retention/preview')).statusCode).toBe(403);
    expect((await call(sales, 'GET', '/retention/sweeps')).statusCode).toBe(403);
    expect((await call(admin, 'GET', '/retention/preview')).statusCode).toBe(200);
    const before = await recordIds(t.db, t.tenantId);
    const res = await call(admin, 'POST', '/retention/sweeps');
    expect(res.statusCode).toBe(403);
    expect(await recordIds(t.db, t.tenantId)).toEqual(before);
  });

  it('refuses a second sweep while one runs (409), in this process and from another connection', async () => {
    const before = await recordIds(t.db, t.tenantId);
    await withSweepLock(t.db, t.tenantId, async () => {
      const res = await call(dpo, 'POST', '/retention/sweeps');
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('retention_sweep_running');
    });
    if (kind === 'postgres') {
      await t.db.withRawConnection(async (exec) => {
        await exec(`select pg_advisory_lock(${0x5253_7770 | 0}, ${lockKeyOf(t.tenantId)})`);
        try {
          const res = await call(dpo, 'POST', '/retention/sweeps');
          expect(res.statusCode).toBe(409);
        } finally {
          await exec(`select pg_advisory_unlock(${0x5253_7770 | 0}, ${lockKeyOf(t.tenantId)})`);
        }
      });
    }
    expect(await recordIds(t.db, t.tenantId)).toEqual(before);
  });

  it('deletes exactly what the preview listed, reports counts only and unlinks references', async () => {
    const listed = new Set(
      (await preview()).dataTypes.flatMap((d) => d.items.map((x) => `${x.objectType}:${x.id}`)),
    );
    expect(listed).toEqual(expectedDue);
    const before = await recordIds(t.db, t.tenantId);
    const res = await call(dpo, 'POST', '/retention/sweeps');
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    const after = await recordIds(t.db, t.tenantId);
    const deleted = new Set([...before].filter((x) => !after.has(x)));
    expect(deleted).toEqual(listed);
    expect(report).toMatchObject({ status: 'completed', trigger: 'manual', today: '2026-03-02', total: 8 });
    const counts = Object.fromEntries(
      report.counts.map((c: { target: string; deleted: number; held: number }) => [c.target, c]),
    );
    expect(counts.interactions).toMatchObject({ deleted: 3, held: 2 });
    expect(counts.invoices).toMatchObject({ deleted: 1, held: 2 });
    expect(counts.cases).toMatchObject({ deleted: 1, held: 1 });
    // the report names no record
    for (const x of listed) expect(res.body).not.toContain(x.split(':')[1]);
    // references unlinked, the referring records kept
    const refs = await asSystem(t.db.kysely, async (tx) => ({
      order: await tx.selectFrom('orders').select('quote_id').where('id', '=', id.oOpen!).executeTakeFirst(),
      invoice: await tx.selectFrom('invoices').select('order_id').where('id', '=', id.v2!).executeTakeFirst(),
      quote: await tx.selectFrom('quotes').select('deal_id').where('id', '=', id.q2!).executeTakeFirst(),
      case: await tx.selectFrom('cases').select('invoice_id').where('id', '=', id.c3!).executeTakeFirst(),
      audit: await tx
        .selectFrom('audit_log')
        .select(['note', 'actor_user_id'])
        .where('tenant_id', '=', t.tenantId)
        .where('note', 'like', 'retention sweep%')
        .execute(),
    }));
    expect(refs).toMatchObject({
      order: { quote_id: null },
      invoice: { order_id: null },
      quote: { deal_id: null },
      case: { invoice_id: null },
    });
    expect(refs.audit).toHaveLength(1);
    expect(refs.audit[0]?.note).toContain('t_interactions: 3 deleted, 2 held');
    for (const x of listed) expect(refs.audit[0]?.note).not.toContain(x.split(':')[1]);
    // nothing left due; the held records stay
    const again = await preview();
    expect(again.dataTypes.every((d) => d.due === 0 && d.items.length === 0)).toBe(true);
    expect(again.dataTypes.find((d) => d.target === 'interactions')?.held).toBe(2);
  });

  it('lists the sweeps with their counts, and one by id', async () => {
    clock = new Date('2026-03-02T09:05:00Z');
    const second = await call(dpo, 'POST', '/retention/sweeps');
    expect(second.json()).toMatchObject({ status: 'completed', total: 0 });
    const list = await call(admin, 'GET', '/retention/sweeps');
    expect(list.statusCode).toBe(200);
    const items = list.json().items;
    expect(items).toHaveLength(2);
    expect(items[0].id).toBe(second.json().id);
    expect(items[1].total).toBe(8);
    const one = await call(dpo, 'GET', `/retention/sweeps/${items[1].id}`);
    expect(one.json()).toEqual(items[1]);
    expect((await call(dpo, 'GET', `/retention/sweeps/${crypto.randomUUID()}`)).statusCode).toBe(404);
  });
});
