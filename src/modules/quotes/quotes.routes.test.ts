import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, personBody, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { snapshotData } from '../../../test/support/snapshot.ts';
import { createExtraTenant } from '../../../test/support/tenant.ts';

const API = '/api/v1';
const LINES = [
  { product: 'Wartung', quantity: '3', unitPrice: '19.99', taxRate: '19' },
  { product: 'Handbuch', description: 'gedruckt', quantity: '1.5', unitPrice: '10', taxRate: '7' },
  { product: 'Schulung', quantity: '1', unitPrice: '100.01', taxRate: '19' },
];

describe.each(testDatabaseKinds())('quotes and orders API on %s', (kind) => {
  let t: TestApp;
  let personId: string;
  let orgId: string;
  let dealId: string;
  let otherTenantPerson: string;
  let otherTenantDeal: string;
  beforeAll(async () => {
    t = await createTestApp(kind, { now: () => new Date('2026-03-10T09:00:00Z') });
    personId = (
      await t.call(t.adminToken, { method: 'POST', url: `${API}/persons`, body: personBody() })
    ).json().id;
    orgId = (
      await t.call(t.adminToken, { method: 'POST', url: `${API}/organizations`, body: { name: 'Kunde AG' } })
    ).json().id;
    dealId = (
      await t.call(t.adminToken, {
        method: 'POST',
        url: `${API}/deals`,
        body: { title: 'Großauftrag', organizationId: orgId, value: '500' },
      })
    ).json().id;
    const b = await createExtraTenant(t, { label: 'quotes-b' });
    otherTenantPerson = (
      await t.call(b.adminToken, { method: 'POST', url: `${API}/persons`, body: personBody() })
    ).json().id;
    otherTenantDeal = (
      await t.call(b.adminToken, {
        method: 'POST',
        url: `${API}/deals`,
        body: { title: 'B', personId: otherTenantPerson, value: '1' },
      })
    ).json().id;
  });
  afterAll(() => t.close());

  const createQuote = (body: object, token = t.adminToken) =>
    t.call(token, {
      method: 'POST',
      url: `${API}/quotes`,
      body: { personId, currency: 'EUR', lines: LINES, ...body },
    });
  const patchQuote = (q: { id: string; version: number }, body: object) =>
    t.call(t.adminToken, {
      method: 'PATCH',
      url: `${API}/quotes/${q.id}`,
      body: { version: q.version, ...body },
    });

  it('computes line nets, VAT per rate and totals on the server and numbers the quote', async () => {
    const res = await createQuote({ issuedAt: '2026-03-01', validUntil: '2026-03-31' });
    expect(res.statusCode, res.body).toBe(201);
    const q = res.json();
    expect(q).toMatchObject({
      number: 'AN-2026-0001',
      status: 'draft',
      person: { id: personId, name: 'Anna Müller' },
      issuedAt: '2026-03-01',
      validUntil: '2026-03-31',
      currency: 'EUR',
      // 59.97 + 15.00 + 100.01 = 174.98; VAT 19 % of 159.98 = 30.40 (30.3962), 7 % of 15.00 = 1.05
      netTotal: '174.98',
      taxTotal: '31.45',
      grossTotal: '206.43',
      orderId: null,
      version: 1,
    });
    expect(q.lines.map((l: { net: string }) => l.net)).toEqual(['59.97', '15.00', '100.01']);
    expect(q.lines[1]).toMatchObject({
      quantity: '1.5',
      unitPrice: '10.00',
      taxRate: '7.00',
      description: 'gedruckt',
    });
    expect(q.vatByRate).toEqual([
      { rate: '7.00', net: '15.00', tax: '1.05' },
      { rate: '19.00', net: '159.98', tax: '30.40' },
    ]);
    const second = (await createQuote({})).json();
    expect(second).toMatchObject({ number: 'AN-2026-0002', issuedAt: '2026-03-10' });
    const read = await t.call(t.adminToken, { method: 'GET', url: `${API}/quotes/${q.id}` });
    expect(read.json().grossTotal).toBe('206.43');
  });

  it('gives concurrent quotes distinct running numbers', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, () => createQuote({ issuedAt: '2027-01-15' })),
    );
    const numbers = results.map((r) => r.json().number).sort();
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6].map((n) => `AN-2027-000${n}`));
  });

  it('takes the customer from the deal and lists quotes by deal', async () => {
    const res = await t.call(t.adminToken, {
      method: 'POST',
      url: `${API}/quotes`,
      body: { dealId, lines: LINES.slice(0, 1) },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ dealId, organization: { id: orgId }, person: null });
    const list = await t.call(t.adminToken, { method: 'GET', url: `${API}/quotes?dealId=${dealId}` });
    expect(list.json().items.map((q: { id: string }) => q.id)).toEqual([res.json().id]);
    const deal = await t.call(t.adminToken, { method: 'GET', url: `${API}/deals/${dealId}` });
    expect(deal.json().quotes.map((q: { id: string }) => q.id)).toEqual([res.json().id]);
  });

  it.each([
    ['no lines', { lines: [] }, 'validation_failed'],
    ['201 lines', { lines: Array.from({ length: 201 }, () => LINES[0]) }, 'validation_failed'],
    ['a German unit price', { lines: [{ ...LINES[0], unitPrice: '1.234,56' }] }, 'invalid_amount'],
    ['a quantity of zero', { lines: [{ ...LINES[0], quantity: '0' }] }, 'validation_failed'],
    ['a tax rate above 100', { lines: [{ ...LINES[0], taxRate: '120' }] }, 'validation_failed'],
    ['client totals', { grossTotal: '1.00' }, 'validation_failed'],
    ['an unknown currency', { currency: 'EURO' }, 'invalid_currency'],
    ['an issue date before 1990', { issuedAt: '1989-12-31' }, 'invalid_date_range'],
    ['valid until before issue', { issuedAt: '2026-03-10', validUntil: '2026-03-09' }, 'invalid_date_range'],
    ['another tenant’s person', { personId: 'OTHER_PERSON' }, 'unknown_person'],
    ['another tenant’s deal', { dealId: 'OTHER_DEAL' }, 'unknown_deal'],
    ['no customer', { personId: null }, 'customer_required'],
  ])('refuses a quote with %s and writes nothing', async (_label, body, code) => {
    const ids: Record<string, string> = { OTHER_PERSON: otherTenantPerson, OTHER_DEAL: otherTenantDeal };
    const fixed = Object.fromEntries(
      Object.entries(body).map(([k, v]) => [k, typeof v === 'string' && ids[v] ? ids[v] : v]),
    );
    const before = await snapshotData(t.db);
    const res = await createQuote(fixed);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().code).toBe(code);
    expect(await snapshotData(t.db)).toEqual(before);
  });

  it('walks the quote status rules and makes one order of an accepted quote', async () => {
    let q = (await createQuote({ dealId, personId: null, organizationId: orgId })).json();
    const expectRefused = async (body: object, from: string, to: string) => {
      const before = await snapshotData(t.db);
      const res = await patchQuote(q, body);
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('invalid_status_change');
      expect(res.json().message).toContain(from);
      expect(res.json().message).toContain(to);
      expect(await snapshotData(t.db)).toEqual(before);
    };
    await expectRefused({ status: 'accepted' }, 'draft', 'accepted');
    const early = await t.call(t.adminToken, { method: 'POST', url: `${API}/quotes/${q.id}/order` });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('invalid_status_change');
    q = (await patchQuote(q, { status: 'sent' })).json();
    expect(q.status).toBe('sent');
    await expectRefused({ status: 'draft' }, 'sent', 'draft');
    q = (await patchQuote(q, { status: 'accepted', validUntil: '2026-04-30' })).json();
    expect(q).toMatchObject({ status: 'accepted', validUntil: '2026-04-30', version: 3 });
    await expectRefused({ status: 'rejected' }, 'accepted', 'rejected');
    const stale = await patchQuote({ ...q, version: 1 }, { validUntil: '2026-05-31' });
    expect(stale.json().code).toBe('version_conflict');

    const order = await t.call(t.adminToken, { method: 'POST', url: `${API}/quotes/${q.id}/order` });
    expect(order.statusCode, order.body).toBe(201);
    expect(order.json()).toMatchObject({
      number: 'AU-2026-0001',
      status: 'open',
      quoteId: q.id,
      dealId,
      organization: { id: orgId },
      orderedAt: '2026-03-10',
      netTotal: q.netTotal,
      grossTotal: q.grossTotal,
    });
    expect(order.json().lines).toEqual(q.lines);
    const again = await t.call(t.adminToken, { method: 'POST', url: `${API}/quotes/${q.id}/order` });
    expect(again.statusCode).toBe(409);
    expect((await t.call(t.adminToken, { method: 'GET', url: `${API}/quotes/${q.id}` })).json().orderId).toBe(
      order.json().id,
    );
    const deal = (await t.call(t.adminToken, { method: 'GET', url: `${API}/deals/${dealId}` })).json();
    expect(deal.orders.map((o: { id: string }) => o.id)).toContain(order.json().id);
  });

  it('rejects a draft directly and lets a sent quote expire', async () => {
    const draft = (await createQuote({})).json();
    expect((await patchQuote(draft, { status: 'rejected' })).json().status).toBe('rejected');
    let sent = (await patchQuote((await createQuote({})).json(), { status: 'sent' })).json();
    sent = (await patchQuote(sent, { status: 'expired' })).json();
    expect(sent.status).toBe('expired');
    const list = await t.call(t.adminToken, {
      method: 'GET',
      url: `${API}/quotes?status=expired&personId=${personId}`,
    });
    expect(list.json().items.map((q: { id: string }) => q.id)).toEqual([sent.id]);
  });

  it('records orders directly and walks their status', async () => {
    const res = await t.call(t.adminToken, {
      method: 'POST',
      url: `${API}/orders`,
      body: { organizationId: orgId, orderedAt: '2026-02-01', externalRef: 'ERP-42', lines: LINES },
    });
    expect(res.statusCode, res.body).toBe(201);
    let order = res.json();
    expect(order).toMatchObject({
      status: 'open',
      externalRef: 'ERP-42',
      grossTotal: '206.43',
      quoteId: null,
    });
    expect(order.number).toMatch(/^AU-2026-\d{4}$/);
    const before = await snapshotData(t.db);
    for (const body of [
      { organizationId: orgId, orderedAt: '2100-01-01', lines: LINES },
      { organizationId: orgId, currency: 'ABC', lines: LINES },
      { personId: otherTenantPerson, lines: LINES },
      { organizationId: orgId, lines: [{ ...LINES[0], unitPrice: '12,50' }] },
    ]) {
      const bad = await t.call(t.adminToken, { method: 'POST', url: `${API}/orders`, body });
      expect(bad.statusCode, JSON.stringify(body)).toBe(422);
    }
    expect(await snapshotData(t.db)).toEqual(before);
    const patch = (body: object) =>
      t.call(t.adminToken, {
        method: 'PATCH',
        url: `${API}/orders/${order.id}`,
        body: { version: order.version, ...body },
      });
    order = (await patch({ status: 'fulfilled', externalRef: 'ERP-43' })).json();
    expect(order).toMatchObject({ status: 'fulfilled', externalRef: 'ERP-43', version: 2 });
    const refused = await patch({ status: 'cancelled' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('invalid_status_change');
    const list = await t.call(t.adminToken, {
      method: 'GET',
      url: `${API}/orders?organizationId=${orgId}&status=fulfilled`,
    });
    expect(list.json().items.map((o: { id: string }) => o.id)).toEqual([order.id]);
    const read = await t.call(t.adminToken, { method: 'GET', url: `${API}/orders/${order.id}` });
    expect(read.json().vatByRate).toHaveLength(2);
  });

  it('applies the contract rights: marketing none, support reads, accounting writes', async () => {
    const q = (await createQuote({})).json();
    const marketing = await t.userWithToken({ role: 'marketing' });
    for (const url of [`${API}/quotes`, `${API}/quotes/${q.id}`, `${API}/orders`])
      expect((await t.call(marketing.token, { method: 'GET', url })).statusCode, url).toBe(403);
    const support = await t.userWithToken({ role: 'support' });
    expect((await t.call(support.token, { method: 'GET', url: `${API}/quotes/${q.id}` })).statusCode).toBe(
      200,
    );
    const before = await snapshotData(t.db);
    expect((await createQuote({}, support.token)).json().code).toBe('field_not_writable');
    const supportPatch = await t.call(support.token, {
      method: 'PATCH',
      url: `${API}/quotes/${q.id}`,
      body: { version: 1, status: 'sent' },
    });
    expect(supportPatch.statusCode).toBe(403);
    expect(await snapshotData(t.db)).toEqual(before);
    const accounting = await t.userWithToken({ role: 'accounting' });
    expect((await createQuote({}, accounting.token)).statusCode).toBe(201);
  });
});
