import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { snapshotData } from '../../../test/support/snapshot.ts';
import { createExtraTenant, type ExtraTenant } from '../../../test/support/tenant.ts';
import { asSystem } from '../../db/tenant.ts';
import { ROLES, type Role } from '../../domain/permissions/roles.ts';
import {
  customerGroupIds,
  insertCase,
  insertDeal,
  insertInvoice,
  insertOrganization,
  rebuildRevenueLedger,
  stageIds,
} from './reports.fixtures.ts';

const NOW = new Date('2026-07-15T12:00:00Z');
const HOUR = 3_600_000;
const ago = (hours: number) => new Date(NOW.getTime() - hours * HOUR);
const NIL = '00000000-0000-0000-0000-000000000000';

describe.each(testDatabaseKinds())('reports on %s', (kind) => {
  let t: TestApp;
  let b: ExtraTenant;
  let groups: Record<string, string>;
  let stages: Record<string, string>;
  const tokens = {} as Record<Role, string>;
  let salesVertrieb: string;
  let supportService: string;
  let ownerId: string;

  const get = (token: string, url: string, language = 'de') =>
    t.call(token, { method: 'GET', url: `/api/v1${url}`, headers: { 'accept-language': language } });

  beforeAll(async () => {
    t = await createTestApp(kind, { now: () => NOW });
    b = await createExtraTenant(t, { label: 'tenant-b' });
    for (const role of ROLES) tokens[role] = (await t.userWithToken({ role })).token;
    const sales = await t.userWithToken({ role: 'sales', departmentNames: ['Vertrieb'] });
    salesVertrieb = sales.token;
    ownerId = sales.user.id;
    supportService = (await t.userWithToken({ role: 'support', departmentNames: ['Kundenservice'] })).token;
    groups = await customerGroupIds(t.db, t.tenantId);
    stages = await stageIds(t.db, t.tenantId);
    const vertrieb = t.departmentId('Vertrieb');
    const service = t.departmentId('Kundenservice');

    await asSystem(t.db.kysely, async (tx) => {
      const tenantId = t.tenantId;
      const big = await insertOrganization(tx, tenantId, 'Großhandel Nord AG', groups.Großkunden!);
      const dealer = await insertOrganization(tx, tenantId, 'Fachhandel Süd KG', groups.Fachhandel!);
      const none = await insertOrganization(tx, tenantId, 'Ohne Gruppe GmbH', null);
      const inv = (organizationId: string, customerGroupId: string | null) => ({
        organizationId,
        customerGroupId,
      });
      await insertInvoice(tx, tenantId, {
        ...inv(big, groups.Großkunden!),
        issuedAt: '2025-12-31',
        lines: [{ product: 'Widget', net: '10.00' }],
      });
      await insertInvoice(tx, tenantId, {
        ...inv(big, groups.Großkunden!),
        issuedAt: '2026-02-10',
        status: 'paid',
        lines: [
          { product: 'Widget', net: '1000.00' },
          { product: 'Service', net: '250.50' },
        ],
      });
      await insertInvoice(tx, tenantId, {
        ...inv(big, groups.Großkunden!),
        issuedAt: '2026-05-03',
        lines: [{ product: 'Widget', net: '2000.00' }],
      });
      await insertInvoice(tx, tenantId, {
        ...inv(dealer, groups.Fachhandel!),
        issuedAt: '2026-04-01',
        lines: [
          { product: 'Widget', net: '99.99' },
          { product: 'Service', net: '0.01' },
        ],
      });
      await insertInvoice(tx, tenantId, {
        ...inv(none, null),
        issuedAt: '2026-06-30',
        lines: [{ product: 'Service', net: '500.00' }],
      });
      // cancelled: leaves the ledger; another currency: only in its own report
      await insertInvoice(tx, tenantId, {
        ...inv(dealer, groups.Fachhandel!),
        issuedAt: '2026-05-05',
        status: 'cancelled',
        lines: [{ product: 'Widget', net: '7777.00' }],
      });
      await insertInvoice(tx, tenantId, {
        ...inv(big, groups.Großkunden!),
        issuedAt: '2026-05-05',
        currency: 'USD',
        lines: [{ product: 'Widget', net: '300.00' }],
      });
      // outside the range asked for below
      await insertInvoice(tx, tenantId, {
        ...inv(big, groups.Großkunden!),
        issuedAt: '2026-07-01',
        lines: [{ product: 'Widget', net: '5.00' }],
      });
      await rebuildRevenueLedger(tx, tenantId);

      const deal = (stage: string, value: string, probability: number, extra: object = {}) =>
        insertDeal(tx, tenantId, {
          organizationId: big,
          stageId: stages[stage]!,
          value,
          probability,
          ownerId,
          ...extra,
        });
      await deal('Neu', '1000.00', 10);
      await deal('Angebot', '2000.00', 50, { departmentIds: [vertrieb] });
      await deal('Angebot', '333.33', 33, { departmentIds: [service] });
      await deal('Angebot', '500.00', 50, { currency: 'CHF', departmentIds: [vertrieb] });
      await deal('Verhandlung', '100.00', 75);
      await deal('Gewonnen', '9999.00', 100, { closedAt: ago(24) });
      await deal('Verloren', '8888.00', 0, { closedAt: ago(24) });

      const kase = (
        receivedHoursAgo: number,
        priority: 'low' | 'normal' | 'high' | 'urgent',
        extra: object = {},
      ) =>
        insertCase(tx, tenantId, {
          organizationId: big,
          receivedAt: ago(receivedHoursAgo),
          priority,
          firstResponseDueAt: ago(receivedHoursAgo - 4),
          resolutionDueAt: ago(-48),
          firstRespondedAt: ago(receivedHoursAgo - 1),
          assigneeId: ownerId,
          ...extra,
        });
      await kase(2, 'high', { firstRespondedAt: null, firstResponseDueAt: ago(-2) });
      await kase(48, 'normal', { firstRespondedAt: null, departmentIds: [vertrieb] }); // first response overdue
      await kase(48, 'urgent', { departmentIds: [service] });
      await kase(24, 'low'); // exactly one day old: 1–3 days
      await kase(5 * 24, 'low', { resolutionDueAt: ago(1) }); // resolution overdue
      await kase(10 * 24, 'normal', { status: 'waiting' });
      await kase(40 * 24, 'high', { resolutionDueAt: ago(20 * 24) });
      await kase(40 * 24, 'urgent', { status: 'resolved', resolutionDueAt: ago(30 * 24) });
      await kase(3 * 24, 'normal', { status: 'closed' });
    });

    // tenant B has revenue, deals and cases of its own that must never show in tenant A's reports
    const bGroups = await customerGroupIds(t.db, b.tenantId);
    const bStages = await stageIds(t.db, b.tenantId);
    await asSystem(t.db.kysely, async (tx) => {
      const org = await insertOrganization(tx, b.tenantId, 'B AG', bGroups.Großkunden!);
      await insertInvoice(tx, b.tenantId, {
        organizationId: org,
        customerGroupId: bGroups.Großkunden!,
        issuedAt: '2026-05-01',
        lines: [{ product: 'Widget', net: '123456.78' }],
      });
      await rebuildRevenueLedger(tx, b.tenantId);
      await insertDeal(tx, b.tenantId, {
        organizationId: org,
        stageId: bStages.Neu!,
        value: '4242.00',
        probability: 10,
      });
      await insertCase(tx, b.tenantId, {
        organizationId: org,
        receivedAt: ago(1),
        priority: 'urgent',
        firstResponseDueAt: ago(2),
        resolutionDueAt: ago(2),
      });
    });
  });
  afterAll(() => t?.close());

  describe('GET /reports/revenue', () => {
    const range = 'from=2025-Q4&to=2026-Q2';

    it('sums net revenue per quarter and customer group from the ledger, the group-less last', async () => {
      const res = await get(tokens.sales, `/reports/revenue?${range}&groupBy=customerGroup&currency=EUR`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        currency: 'EUR',
        groupBy: 'customerGroup',
        quarters: ['2025-Q4', '2026-Q1', '2026-Q2'],
        series: [
          {
            key: groups.Fachhandel,
            label: 'Fachhandel',
            noCustomerGroup: false,
            values: ['0.00', '0.00', '100.00'],
            total: '100.00',
          },
          {
            key: groups.Großkunden,
            label: 'Großkunden',
            noCustomerGroup: false,
            values: ['10.00', '1250.50', '2000.00'],
            total: '3260.50',
          },
          {
            key: groups.Privatkunden,
            label: 'Privatkunden',
            noCustomerGroup: false,
            values: ['0.00', '0.00', '0.00'],
            total: '0.00',
          },
          {
            key: NIL,
            label: 'ohne Kundengruppe',
            noCustomerGroup: true,
            values: ['0.00', '0.00', '500.00'],
            total: '500.00',
          },
        ],
        totals: ['10.00', '1250.50', '2600.00'],
        total: '3860.50',
      });
    });

    it('labels the group-less series in English for an English client', async () => {
      const res = await get(tokens.admin, `/reports/revenue?${range}`, 'en-GB,en;q=0.9');
      expect(res.json().series.at(-1)).toMatchObject({
        key: NIL,
        label: 'no customer group',
        noCustomerGroup: true,
      });
    });

    it('groups by product, highest revenue first', async () => {
      const res = await get(tokens.marketing, `/reports/revenue?${range}&groupBy=product`);
      expect(res.statusCode).toBe(200);
      expect(res.json().series).toEqual([
        {
          key: 'Widget',
          label: 'Widget',
          noCustomerGroup: false,
          values: ['10.00', '1000.00', '2099.99'],
          total: '3109.99',
        },
        {
          key: 'Service',
          label: 'Service',
          noCustomerGroup: false,
          values: ['0.00', '250.50', '500.01'],
          total: '750.51',
        },
      ]);
      expect(res.json().totals).toEqual(['10.00', '1250.50', '2600.00']);
    });

    it('counts only invoices of the currency asked for', async () => {
      const res = await get(tokens.accounting, `/reports/revenue?${range}&currency=USD`);
      expect(res.json().series.map((s: { label: string; total: string }) => [s.label, s.total])).toEqual([
        ['Fachhandel', '0.00'],
        ['Großkunden', '300.00'],
        ['Privatkunden', '0.00'],
      ]);
      expect(res.json().total).toBe('300.00');
    });

    it('defaults to the eight quarters up to the current one', async () => {
      const res = await get(tokens.admin, '/reports/revenue');
      expect(res.statusCode).toBe(200);
      expect(res.json().quarters).toEqual([
        '2024-Q4',
        '2025-Q1',
        '2025-Q2',
        '2025-Q3',
        '2025-Q4',
        '2026-Q1',
        '2026-Q2',
        '2026-Q3',
      ]);
      expect(res.json().totals.slice(4)).toEqual(['10.00', '1250.50', '2600.00', '5.00']);
    });

    it.each([
      ['from=2026-Q3&to=2026-Q1', 'invalid_date_range'],
      ['from=2026-Q5', 'invalid_date_range'],
      ['to=2026-3', 'invalid_date_range'],
      ['from=1989-Q4&to=1990-Q2', 'invalid_date_range'],
      ['from=2099-Q1&to=2100-Q1', 'invalid_date_range'],
      ['from=2000-Q1&to=2010-Q1', 'invalid_date_range'],
      ['currency=EURO', 'invalid_currency'],
      ['currency=XYZ', 'invalid_currency'],
      ['groupBy=employee', 'validation_failed'],
      ['owner=x', 'validation_failed'],
    ])('refuses %s with 422 %s', async (query, code) => {
      const res = await get(tokens.admin, `/reports/revenue?${query}`);
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe(code);
    });
  });

  describe('the revenue ledger as the invoices API keeps it', () => {
    it('follows invoices written and cancelled through the API (in a currency of their own)', async () => {
      const post = async (url: string, body?: object) => {
        const res = await t.call(t.adminToken, { method: 'POST', url: `/api/v1${url}`, body });
        expect(res.statusCode, res.body).toBeLessThan(300);
        return res.json();
      };
      const org = await post('/organizations', {
        name: 'Dänische Kunden A/S',
        customerGroupId: groups.Fachhandel,
      });
      const line = (product: string, quantity: string, unitPrice: string) => ({
        product,
        quantity,
        unitPrice,
        taxRate: '19',
      });
      await post('/invoices', {
        organizationId: org.id,
        issuedAt: '2026-02-01',
        dueAt: '2026-02-15',
        currency: 'DKK',
        lines: [line('Widget', '2', '10.50'), line('Service', '1', '99.99')],
      });
      const second = await post('/invoices', {
        organizationId: org.id,
        issuedAt: '2026-04-01',
        dueAt: '2026-04-15',
        currency: 'DKK',
        lines: [line('Widget', '3', '100')],
      });
      const report = async () =>
        (await get(tokens.sales, '/reports/revenue?from=2026-Q1&to=2026-Q2&currency=DKK')).json();
      expect((await report()).series.find((s: { key: string }) => s.key === groups.Fachhandel)).toMatchObject(
        {
          values: ['120.99', '300.00'],
          total: '420.99',
        },
      );
      await post(`/invoices/${second.id}/cancel`);
      expect((await report()).totals).toEqual(['120.99', '0.00']);
    });
  });

  describe('GET /reports/pipeline', () => {
    it('gives every open stage in order with count, value and weighted value per currency', async () => {
      const res = await get(tokens.admin, '/reports/pipeline');
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(
        body.stages.map((s: { nameDe: string; nameEn: string; count: number; amounts: unknown[] }) => [
          s.nameDe,
          s.nameEn,
          s.count,
          s.amounts,
        ]),
      ).toEqual([
        ['Neu', 'New', 1, [{ currency: 'EUR', count: 1, value: '1000.00', weighted: '100.00' }]],
        ['Qualifiziert', 'Qualified', 0, []],
        [
          'Angebot',
          'Proposal',
          3,
          [
            { currency: 'CHF', count: 1, value: '500.00', weighted: '250.00' },
            // (2000.00 × 50 + 333.33 × 33) / 100 = 1109.9989 → 1110.00
            { currency: 'EUR', count: 2, value: '2333.33', weighted: '1110.00' },
          ],
        ],
        [
          'Verhandlung',
          'Negotiation',
          1,
          [{ currency: 'EUR', count: 1, value: '100.00', weighted: '75.00' }],
        ],
      ]);
      expect(body.totals).toEqual([
        { currency: 'CHF', count: 1, value: '500.00', weighted: '250.00' },
        { currency: 'EUR', count: 4, value: '3433.33', weighted: '1285.00' },
      ]);
    });

    it('counts only the deals of the departments the actor sees', async () => {
      const sales = (await get(salesVertrieb, '/reports/pipeline')).json();
      expect(sales.stages.find((s: { nameDe: string }) => s.nameDe === 'Angebot')).toMatchObject({
        count: 2,
        amounts: [
          { currency: 'CHF', count: 1, value: '500.00', weighted: '250.00' },
          { currency: 'EUR', count: 1, value: '2000.00', weighted: '1000.00' },
        ],
      });
      const support = (await get(supportService, '/reports/pipeline')).json();
      expect(support.totals).toEqual([{ currency: 'EUR', count: 3, value: '1433.33', weighted: '285.00' }]);
    });
  });

  describe('GET /reports/cases-by-age', () => {
    it('buckets the open cases by age and priority and counts the SLA breaches', async () => {
      const res = await get(tokens.admin, '/reports/cases-by-age');
      expect(res.statusCode).toBe(200);
      const p = (low: number, normal: number, high: number, urgent: number) => ({
        low,
        normal,
        high,
        urgent,
      });
      expect(res.json()).toEqual({
        at: NOW.toISOString(),
        buckets: [
          { bucket: 'lt1d', total: 1, byPriority: p(0, 0, 1, 0), breached: 0 },
          { bucket: '1to3d', total: 3, byPriority: p(1, 1, 0, 1), breached: 1 },
          { bucket: '3to7d', total: 1, byPriority: p(1, 0, 0, 0), breached: 1 },
          { bucket: '7to30d', total: 1, byPriority: p(0, 1, 0, 0), breached: 0 },
          { bucket: 'gt30d', total: 1, byPriority: p(0, 0, 1, 0), breached: 1 },
        ],
        total: 7,
        breached: 3,
        byPriority: p(2, 2, 2, 1),
      });
    });

    it('counts only the cases of the departments the actor sees', async () => {
      const support = (await get(supportService, '/reports/cases-by-age')).json();
      expect(support.buckets[1]).toEqual({
        bucket: '1to3d',
        total: 2,
        byPriority: { low: 1, normal: 0, high: 0, urgent: 1 },
        breached: 0,
      });
      expect([support.total, support.breached]).toEqual([6, 2]);
      const sales = (await get(salesVertrieb, '/reports/cases-by-age')).json();
      expect([sales.total, sales.breached]).toEqual([6, 3]);
    });
  });

  describe('rights and employees', () => {
    const urls = ['/reports/revenue?from=2025-Q4&to=2026-Q2', '/reports/pipeline', '/reports/cases-by-age'];

    it.each(ROLES)(
      'answers %s as reports.read allows (readonly: 403 forbidden), changing nothing',
      async (role) => {
        const before = await snapshotData(t.db);
        for (const url of urls) {
          const res = await get(tokens[role], url);
          if (role === 'readonly') {
            expect(res.statusCode, url).toBe(403);
            expect(res.json().code).toBe('forbidden');
          } else expect(res.statusCode, url).toBe(200);
        }
        expect(await snapshotData(t.db)).toEqual(before);
      },
    );

    it('never names, counts or ranks an employee: no user id or name in any report', async () => {
      const users = await asSystem(t.db.kysely, (tx) =>
        tx.selectFrom('users').select(['id', 'display_name', 'email']).execute(),
      );
      expect(users.length).toBeGreaterThan(5);
      for (const url of [...urls, '/reports/revenue?from=2025-Q4&to=2026-Q2&groupBy=product']) {
        const res = await get(tokens.admin, url);
        expect(res.statusCode).toBe(200);
        for (const u of users) {
          expect(res.body, url).not.toContain(u.id);
          expect(res.body, url).not.toContain(u.display_name);
          expect(res.body, url).not.toContain(u.email);
        }
        expect(res.body).not.toMatch(/owner|assignee|employee|user/i);
      }
    });

    it('keeps tenants apart: tenant B sees only its own figures', async () => {
      const revenue = (await get(b.adminToken, '/reports/revenue?from=2025-Q4&to=2026-Q2')).json();
      expect(revenue.total).toBe('123456.78');
      const pipeline = (await get(b.adminToken, '/reports/pipeline')).json();
      expect(pipeline.totals).toEqual([{ currency: 'EUR', count: 1, value: '4242.00', weighted: '424.20' }]);
      const cases = (await get(b.adminToken, '/reports/cases-by-age')).json();
      expect([cases.total, cases.breached]).toEqual([1, 1]);
      const a = (await get(tokens.admin, '/reports/revenue?from=2025-Q4&to=2026-Q2')).json();
      expect(a.total).toBe('3860.50');
    });

    it('refuses a request without login with 401', async () => {
      const res = await t.call(null, { method: 'GET', url: '/api/v1/reports/pipeline' });
      expect(res.statusCode).toBe(401);
    });
  });
});
