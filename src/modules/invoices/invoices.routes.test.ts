import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, personBody, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { snapshotData } from '../../../test/support/snapshot.ts';
import { createExtraTenant, type ExtraTenant } from '../../../test/support/tenant.ts';
import { asSystem } from '../../db/tenant.ts';

// Fixtures hash passwords and migrate fresh databases: slow on a busy machine, so generous hook limits.
vi.setConfig({ hookTimeout: 240_000, testTimeout: 120_000 });
const API = '/api/v1';
/** A fixed clock: today is 2 Dec 2026. */
const NOW = new Date('2026-12-02T09:00:00Z');

describe.each(testDatabaseKinds())('invoices API on %s', (kind) => {
  let t: TestApp;
  let b: ExtraTenant;
  let org: string;
  let groupId: string;
  let person: string;
  let bOrg: string;
  let bPerson: string;
  const tokens = {} as Record<'accounting' | 'marketing' | 'sales' | 'support' | 'readonly', string>;

  const created = async (token: string, url: string, body: object) => {
    const res = await t.call(token, { method: 'POST', url: `${API}${url}`, body });
    if (res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const invoiceBody = (overrides: Record<string, unknown> = {}) => ({
    organizationId: org,
    issuedAt: '2026-03-10',
    dueAt: '2026-03-24',
    currency: 'EUR',
    lines: [
      { product: 'Beratung', quantity: '2', unitPrice: '1234.56', taxRate: '19' },
      { product: 'Buch', description: 'Fachbuch', quantity: '3', unitPrice: '12.5', taxRate: '7' },
    ],
    ...overrides,
  });

  beforeAll(async () => {
    t = await createTestApp(kind, { now: () => NOW });
    b = await createExtraTenant(t, { label: 'tenant-b' });
    const groups = (await t.call(t.adminToken, { method: 'GET', url: `${API}/customer-groups` })).json()
      .items;
    groupId = groups.find((g: { name: string }) => g.name === 'Großkunden').id;
    org = (
      await created(t.adminToken, '/organizations', {
        name: 'Muster Handel GmbH',
        email: 'buchhaltung@muster.example',
        address: { street: 'Marktplatz 1', postalCode: '30159', city: 'Hannover', country: 'DE' },
        customerGroupId: groupId,
        customerNumber: 'K-100',
      })
    ).id;
    person = (
      await created(
        t.adminToken,
        '/persons',
        personBody({
          address: { street: 'Lindenweg 2', postalCode: '10115', city: 'Berlin', country: 'DE' },
        }),
      )
    ).id;
    const bRes = await t.call(b.adminToken, {
      method: 'POST',
      url: `${API}/organizations`,
      body: { name: 'Fremd AG' },
    });
    bOrg = bRes.json().id;
    bPerson = (
      await t.call(b.adminToken, { method: 'POST', url: `${API}/persons`, body: personBody() })
    ).json().id;
    for (const role of ['accounting', 'marketing', 'sales', 'support', 'readonly'] as const)
      tokens[role] = (await t.userWithToken({ role })).token;
  });
  afterAll(() => t.close());

  it('issues an invoice: running number, totals and VAT per rate computed, billing snapshot, group, retention', async () => {
    const res = await t.call(tokens.accounting, {
      method: 'POST',
      url: `${API}/invoices`,
      body: invoiceBody(),
    });
    expect(res.statusCode, res.body).toBe(201);
    const invoice = res.json();
    expect(invoice).toMatchObject({
      number: 'RE-2026-0001',
      status: 'open',
      overdue: true,
      issuedAt: '2026-03-10',
      dueAt: '2026-03-24',
      paidAt: null,
      currency: 'EUR',
      // 2 × 1234.56 = 2469.12 at 19 % (469.13), 3 × 12.50 = 37.50 at 7 % (2.63)
      netTotal: '2506.62',
      taxTotal: '471.76',
      grossTotal: '2978.38',
      billingName: 'Muster Handel GmbH',
      organization: { id: org, name: 'Muster Handel GmbH' },
      person: null,
      customerGroup: { id: groupId, name: 'Großkunden' },
      billing: {
        name: 'Muster Handel GmbH',
        street: 'Marktplatz 1',
        postalCode: '30159',
        city: 'Hannover',
        country: 'DE',
        email: 'buchhaltung@muster.example',
      },
      vatByRate: [
        { rate: '7', net: '37.50', tax: '2.63' },
        { rate: '19', net: '2469.12', tax: '469.13' },
      ],
      retention: {
        rule: 'DE.voucher.8y',
        retainUntil: '2034-12-31',
        deletableFrom: '2035-01-01',
        legalHold: false,
        restricted: false,
      },
      version: 1,
    });
    expect(invoice.lines).toEqual([
      {
        position: 1,
        product: 'Beratung',
        description: null,
        quantity: '2',
        unitPrice: '1234.56',
        taxRate: '19',
        net: '2469.12',
      },
      {
        position: 2,
        product: 'Buch',
        description: 'Fachbuch',
        quantity: '3',
        unitPrice: '12.50',
        taxRate: '7',
        net: '37.50',
      },
    ]);
    expect(invoice.retention.basis).toContain('§ 147');
    const second = await t.call(tokens.accounting, {
      method: 'POST',
      url: `${API}/invoices`,
      body: invoiceBody(),
    });
    expect(second.json().number).toBe('RE-2026-0002');
    const read = await t.call(tokens.accounting, { method: 'GET', url: `${API}/invoices/${invoice.id}` });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(invoice);
  });

  it("snapshots a person's name and address; the snapshot stays when the person changes later", async () => {
    const res = await t.call(tokens.accounting, {
      method: 'POST',
      url: `${API}/invoices`,
      body: invoiceBody({ organizationId: undefined, personId: person, number: 'P-1' }),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      number: 'P-1',
      person: { id: person, name: 'Anna Müller' },
      customerGroup: null,
      billing: {
        name: 'Anna Müller',
        street: 'Lindenweg 2',
        city: 'Berlin',
        email: 'anna.mueller@example.de',
      },
    });
    const current = (await t.call(t.adminToken, { method: 'GET', url: `${API}/persons/${person}` })).json();
    const moved = await t.call(t.adminToken, {
      method: 'PATCH',
      url: `${API}/persons/${person}`,
      body: {
        version: current.version,
        lastName: 'Schmidt',
        address: { street: 'Neue Straße 9', city: 'Köln' },
      },
    });
    expect(moved.statusCode).toBe(200);
    const after = (
      await t.call(tokens.accounting, { method: 'GET', url: `${API}/invoices/${res.json().id}` })
    ).json();
    expect(after.billing).toMatchObject({ name: 'Anna Müller', street: 'Lindenweg 2', city: 'Berlin' });
    expect(after.person.name).toBe('Anna Schmidt');
  });

  it('takes an explicit billing address and customer group (or none)', async () => {
    const res = await t.call(tokens.accounting, {
      method: 'POST',
      url: `${API}/invoices`,
      body: invoiceBody({
        number: 'X-1',
        customerGroupId: null,
        billing: { name: 'Muster Handel GmbH, Filiale Süd', city: 'München', country: 'de' },
      }),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      customerGroup: null,
      billing: {
        name: 'Muster Handel GmbH, Filiale Süd',
        street: null,
        city: 'München',
        country: 'DE',
        email: null,
      },
    });
  });

  it.each([
    [
      'a German amount "12,50"',
      { lines: [{ product: 'A', quantity: '1', unitPrice: '12,50', taxRate: '19' }] },
      'invalid_amount',
    ],
    [
      '"1.234,56"',
      { lines: [{ product: 'A', quantity: '1', unitPrice: '1.234,56', taxRate: '19' }] },
      'invalid_amount',
    ],
    [
      'a negative amount',
      { lines: [{ product: 'A', quantity: '1', unitPrice: '-5', taxRate: '19' }] },
      'invalid_amount',
    ],
    [
      'an amount as a number',
      { lines: [{ product: 'A', quantity: '1', unitPrice: 12.5, taxRate: '19' }] },
      'validation_failed',
    ],
    ['a due date before the issue date', { dueAt: '2026-03-01' }, 'invalid_date_range'],
    ['the year 1850', { issuedAt: '1850-03-10', dueAt: '1850-03-24' }, 'invalid_date_range'],
    ['the year 2100', { issuedAt: '2100-01-10', dueAt: '2100-01-24' }, 'invalid_date_range'],
    ['no calendar date', { issuedAt: '2026-02-30' }, 'validation_failed'],
    ['an unknown currency', { currency: 'EUX' }, 'invalid_currency'],
    ['no customer', { organizationId: undefined }, 'customer_required'],
    ['no lines', { lines: [] }, 'validation_failed'],
    ['totals from the client', { netTotal: '1.00' }, 'validation_failed'],
    [
      'an unknown customer group',
      { customerGroupId: '00000000-0000-4000-8000-000000000001' },
      'unknown_customer_group',
    ],
  ])('refuses %s (422) and writes nothing', async (_label, override, code) => {
    const before = await snapshotData(t.db);
    const res = await t.call(tokens.accounting, {
      method: 'POST',
      url: `${API}/invoices`,
      body: invoiceBody(override),
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().code).toBe(code);
    expect(await snapshotData(t.db)).toEqual(before);
  });

  it("refuses another tenant's customer as unknown (422) and writes nothing", async () => {
    const before = await snapshotData(t.db);
    const o = await t.call(tokens.accounting, {
      method: 'POST',
      url: `${API}/invoices`,
      body: invoiceBody({ organizationId: bOrg }),
    });
    expect(o.statusCode).toBe(422);
    expect(o.json().code).toBe('unknown_organization');
    const p = await t.call(tokens.accounting, {
      method: 'POST',
      url: `${API}/invoices`,
      body: invoiceBody({ organizationId: undefined, personId: bPerson }),
    });
    expect(p.statusCode).toBe(422);
    expect(p.json().code).toBe('unknown_person');
    const bGroup = (await t.call(b.adminToken, { method: 'GET', url: `${API}/customer-groups` })).json()
      .items[0].id;
    const g = await t.call(tokens.accounting, {
      method: 'POST',
      url: `${API}/invoices`,
      body: invoiceBody({ customerGroupId: bGroup }),
    });
    expect(g.json().code).toBe('unknown_customer_group');
    expect(await snapshotData(t.db)).toEqual(before);
  });

  it('refuses a number that is taken (409 number_taken) and writes nothing', async () => {
    await created(tokens.accounting, '/invoices', invoiceBody({ number: 'RE-DUP-1' }));
    const before = await snapshotData(t.db);
    const res = await t.call(tokens.accounting, {
      method: 'POST',
      url: `${API}/invoices`,
      body: invoiceBody({ number: 'RE-DUP-1' }),
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'number_taken' });
    expect(res.json().message).toContain('RE-DUP-1');
    expect(await snapshotData(t.db)).toEqual(before);
  });

  it('skips numbers that are taken when counting on', async () => {
    await created(
      tokens.accounting,
      '/invoices',
      invoiceBody({ number: 'RE-2025-0001', issuedAt: '2025-05-01', dueAt: '2025-05-15' }),
    );
    const next = await created(
      tokens.accounting,
      '/invoices',
      invoiceBody({ issuedAt: '2025-06-01', dueAt: '2025-06-15' }),
    );
    expect(next.number).toBe('RE-2025-0002');
  });

  it('records payment (open → paid); a paid invoice cannot be cancelled or paid again (409)', async () => {
    const invoice = await created(tokens.accounting, '/invoices', invoiceBody({ number: 'PAY-1' }));
    const early = await t.call(tokens.accounting, {
      method: 'POST',
      url: `${API}/invoices/${invoice.id}/payment`,
      body: { paidAt: '2026-03-01' },
    });
    expect(early.statusCode).toBe(422);
    expect(early.json().code).toBe('invalid_date_range');
    const paid = await t.call(tokens.accounting, {
      method: 'POST',
      url: `${API}/invoices/${invoice.id}/payment`,
      body: { paidAt: '2026-03-20' },
    });
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json()).toMatchObject({ status: 'paid', paidAt: '2026-03-20', overdue: false, version: 2 });
    const before = await snapshotData(t.db);
    const cancel = await t.call(tokens.accounting, {
      method: 'POST',
      url: `${API}/invoices/${invoice.id}/cancel`,
    });
    expect(cancel.statusCode).toBe(409);
    expect(cancel.json().code).toBe('invalid_status_change');
    const again = await t.call(tokens.accounting, {
      method: 'POST',
      url: `${API}/invoices/${invoice.id}/payment`,
      body: { paidAt: '2026-03-21' },
    });
    expect(again.statusCode).toBe(409);
    expect(await snapshotData(t.db)).toEqual(before);
  });

  it('cancels an open invoice; it stays as a voucher, and cannot be paid afterwards', async () => {
    const invoice = await created(tokens.accounting, '/invoices', invoiceBody({ number: 'CAN-1' }));
    const res = await t.call(tokens.accounting, {
      method: 'POST',
      url: `${API}/invoices/${invoice.id}/cancel`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'cancelled', overdue: false, grossTotal: invoice.grossTotal });
    const pay = await t.call(tokens.accounting, {
      method: 'POST',
      url: `${API}/invoices/${invoice.id}/payment`,
      body: { paidAt: '2026-03-20' },
    });
    expect(pay.statusCode).toBe(409);
    expect(pay.json().code).toBe('invalid_status_change');
  });

  it('changes the due date and the legal hold with optimistic locking; amounts stay immutable', async () => {
    const invoice = await created(tokens.accounting, '/invoices', invoiceBody({ number: 'PATCH-1' }));
    const url = `${API}/invoices/${invoice.id}`;
    const res = await t.call(tokens.accounting, {
      method: 'PATCH',
      url,
      body: { version: 1, dueAt: '2026-04-30', legalHold: true },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ dueAt: '2026-04-30', version: 2, retention: { legalHold: true } });
    const stale = await t.call(tokens.accounting, {
      method: 'PATCH',
      url,
      body: { version: 1, legalHold: false },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('version_conflict');
    const before = await snapshotData(t.db);
    for (const body of [
      { version: 2, grossTotal: '1.00' },
      { version: 2, billing: { name: 'Other' } },
      { version: 2, lines: [] },
    ]) {
      const refused = await t.call(tokens.accounting, { method: 'PATCH', url, body });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().code).toBe('validation_failed');
    }
    const early = await t.call(tokens.accounting, {
      method: 'PATCH',
      url,
      body: { version: 2, dueAt: '2026-01-01' },
    });
    expect(early.json().code).toBe('invalid_date_range');
    expect(await snapshotData(t.db)).toEqual(before);
  });

  it('lists with filters (status, overdue by the clock, customer, search), totals per currency, pages', async () => {
    await created(
      tokens.accounting,
      '/invoices',
      invoiceBody({ number: 'LIST-FUTURE', issuedAt: '2026-11-20', dueAt: '2026-12-20' }),
    );
    await created(tokens.accounting, '/invoices', invoiceBody({ number: 'LIST-CHF', currency: 'CHF' }));
    const list = async (query: string) => {
      const res = await t.call(tokens.accounting, { method: 'GET', url: `${API}/invoices?${query}` });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const overdue = await list('overdue=true&pageSize=200');
    expect(overdue.items.length).toBeGreaterThan(0);
    expect(
      overdue.items.every(
        (i: { status: string; dueAt: string; overdue: boolean }) =>
          i.status === 'open' && i.dueAt < '2026-12-02' && i.overdue,
      ),
    ).toBe(true);
    expect(overdue.items.map((i: { number: string }) => i.number)).not.toContain('LIST-FUTURE');
    const open = await list('status=open&pageSize=200');
    expect(open.items.map((i: { number: string }) => i.number)).toContain('LIST-FUTURE');
    expect(open.items.find((i: { number: string }) => i.number === 'LIST-FUTURE').overdue).toBe(false);
    const paid = await list('status=paid');
    expect(paid.items.map((i: { number: string }) => i.number)).toEqual(['PAY-1']);
    const search = await list('q=list-chf');
    expect(search.items.map((i: { number: string }) => i.number)).toEqual(['LIST-CHF']);
    expect(search.totals).toEqual([{ currency: 'CHF', gross: '2978.38', open: '2978.38' }]);
    const byName = await list('q=filiale%20s%C3%BCd');
    expect(byName.items.map((i: { number: string }) => i.number)).toEqual(['X-1']);
    const byPerson = await list(`personId=${person}`);
    expect(byPerson.items.map((i: { number: string }) => i.number)).toEqual(['P-1']);
    const byOrg = await list(`organizationId=${org}&pageSize=2&page=1`);
    expect(byOrg.items).toHaveLength(2);
    expect(byOrg.total).toBeGreaterThan(5);
    const all = await list('pageSize=200');
    const eur = all.totals.find((x: { currency: string }) => x.currency === 'EUR');
    const cents = (s: string) => Math.round(Number(s) * 100);
    const eurItems = all.items.filter((i: { currency: string }) => i.currency === 'EUR');
    expect(cents(eur.gross)).toBe(
      eurItems
        .filter((i: { status: string }) => i.status !== 'cancelled')
        .reduce((a: number, i: { grossTotal: string }) => a + cents(i.grossTotal), 0),
    );
    expect(cents(eur.open)).toBe(
      eurItems
        .filter((i: { status: string }) => i.status === 'open')
        .reduce((a: number, i: { grossTotal: string }) => a + cents(i.grossTotal), 0),
    );
    const bad = await t.call(tokens.accounting, { method: 'GET', url: `${API}/invoices?status=unpaid` });
    expect(bad.statusCode).toBe(422);
  });

  it('uses the Austrian retention rule (7 years) for a tenant in AT', async () => {
    await asSystem(t.db.kysely, (tx) =>
      tx
        .updateTable('tenants')
        .set({ settings: JSON.stringify({ jurisdiction: 'AT' }) })
        .where('id', '=', t.tenantId)
        .execute(),
    );
    try {
      const invoice = await created(
        tokens.accounting,
        '/invoices',
        invoiceBody({ number: 'AT-1', issuedAt: '2025-03-10', dueAt: '2025-03-24' }),
      );
      expect(invoice.retention).toMatchObject({
        rule: 'AT.voucher.7y',
        retainUntil: '2032-12-31',
        deletableFrom: '2033-01-01',
      });
    } finally {
      await asSystem(t.db.kysely, (tx) =>
        tx
          .updateTable('tenants')
          .set({ settings: JSON.stringify({}) })
          .where('id', '=', t.tenantId)
          .execute(),
      );
    }
    const de = await created(
      tokens.accounting,
      '/invoices',
      invoiceBody({ number: 'DE-1', issuedAt: '2025-03-10', dueAt: '2025-03-24' }),
    );
    expect(de.retention).toMatchObject({
      rule: 'DE.voucher.8y',
      retainUntil: '2033-12-31',
      deletableFrom: '2034-01-01',
    });
  });

  describe('rights', () => {
    it('accounting sees invoices, marketing does not (403 field_not_readable, on list and detail)', async () => {
      const invoice = await created(tokens.accounting, '/invoices', invoiceBody({ number: 'ROLE-1' }));
      expect((await t.call(tokens.accounting, { method: 'GET', url: `${API}/invoices` })).statusCode).toBe(
        200,
      );
      for (const url of [`${API}/invoices`, `${API}/invoices/${invoice.id}`]) {
        const res = await t.call(tokens.marketing, { method: 'GET', url });
        expect(res.statusCode).toBe(403);
        expect(res.json()).toMatchObject({ code: 'field_not_readable' });
        expect(res.body).not.toContain('ROLE-1');
        expect((await t.call(tokens.readonly, { method: 'GET', url })).statusCode).toBe(403);
      }
    });

    it('sales and support read invoices but may not issue, pay or cancel them (403 field_not_writable)', async () => {
      const invoice = await created(tokens.accounting, '/invoices', invoiceBody({ number: 'ROLE-2' }));
      for (const token of [tokens.sales, tokens.support]) {
        expect(
          (await t.call(token, { method: 'GET', url: `${API}/invoices/${invoice.id}` })).statusCode,
        ).toBe(200);
        const before = await snapshotData(t.db);
        for (const req of [
          { method: 'POST' as const, url: `${API}/invoices`, body: invoiceBody() },
          {
            method: 'POST' as const,
            url: `${API}/invoices/${invoice.id}/payment`,
            body: { paidAt: '2026-03-20' },
          },
          { method: 'POST' as const, url: `${API}/invoices/${invoice.id}/cancel` },
          {
            method: 'PATCH' as const,
            url: `${API}/invoices/${invoice.id}`,
            body: { version: 1, legalHold: true },
          },
        ]) {
          const res = await t.call(token, req);
          expect(res.statusCode, req.url).toBe(403);
          expect(res.json().code).toBe('field_not_writable');
        }
        expect(await snapshotData(t.db)).toEqual(before);
      }
    });

    it('hides invoices of a department the user is not in (404, not listed)', async () => {
      const service = await created(
        t.adminToken,
        '/persons',
        personBody({
          lastName: 'Kundendienst',
          email: 'kd@example.de',
          departmentIds: [t.departmentId('Kundenservice')],
        }),
      );
      const invoice = await created(
        t.adminToken,
        '/invoices',
        invoiceBody({ organizationId: undefined, personId: service.id, number: 'DEPT-1' }),
      );
      expect(invoice.departmentIds).toEqual([t.departmentId('Kundenservice')]);
      const { token } = await t.userWithToken({ role: 'accounting', departmentNames: ['Vertrieb'] });
      const read = await t.call(token, { method: 'GET', url: `${API}/invoices/${invoice.id}` });
      expect(read.statusCode).toBe(404);
      const list = await t.call(token, { method: 'GET', url: `${API}/invoices?q=DEPT-1` });
      expect(list.json().items).toEqual([]);
      const create = await t.call(token, {
        method: 'POST',
        url: `${API}/invoices`,
        body: invoiceBody({ organizationId: undefined, personId: service.id }),
      });
      expect(create.json().code).toBe('unknown_person');
    });

    it('records issue and reads in the audit trail under the person', async () => {
      const invoice = await created(
        tokens.accounting,
        '/invoices',
        invoiceBody({ organizationId: undefined, personId: person, number: 'AUD-1' }),
      );
      await t.call(tokens.accounting, { method: 'GET', url: `${API}/invoices/${invoice.id}` });
      const entries = await asSystem(t.db.kysely, (tx) =>
        tx
          .selectFrom('audit_log')
          .select(['action', 'fields', 'subject_type'])
          .where('subject_id', '=', person)
          .where(sql<boolean>`'invoice' = any(fields)`, '=', true)
          .execute(),
      );
      expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['create', 'read']));
      expect(entries.every((e) => e.subject_type === 'person')).toBe(true);
    });
  });
});
