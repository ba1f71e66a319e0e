import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, personBody, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { asSystem } from '../../db/tenant.ts';
import { quarterStartOf } from './revenue-ledger.ts';

// Fixtures hash passwords and migrate fresh databases: slow on a busy machine, so generous hook limits.
vi.setConfig({ hookTimeout: 240_000, testTimeout: 120_000 });
const API = '/api/v1';
const FIXTURES = path.resolve(import.meta.dirname, '../../../test/fixtures');

describe('quarterStartOf', () => {
  it.each([
    ['2025-01-01', '2025-01-01'],
    ['2025-03-31', '2025-01-01'],
    ['2025-04-01', '2025-04-01'],
    ['2025-08-15', '2025-07-01'],
    ['2025-12-31', '2025-10-01'],
  ])('%s → %s', (date, quarter) => {
    expect(quarterStartOf(date)).toBe(quarter);
  });
});

type LedgerRow = {
  quarter: string;
  key: string;
  product: string;
  currency: string;
  net: string;
  count: number;
};

describe.each(testDatabaseKinds())('revenue ledger on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  const ledger = () =>
    asSystem(
      t.db.kysely,
      async (tx) =>
        (
          await sql<LedgerRow>`
          select to_char(quarter, 'YYYY-MM-DD') as quarter, customer_group_key::text as key, product, currency,
                 net::numeric(16, 2)::text as net, line_count as count
          from revenue_quarterly where tenant_id = ${t.tenantId} order by 1, 2, 3, 4`.execute(tx)
        ).rows,
    );
  /** The same figures computed afresh from the invoice lines of every invoice that is not cancelled. */
  const aggregate = () =>
    asSystem(
      t.db.kysely,
      async (tx) =>
        (
          await sql<LedgerRow>`
          select to_char(date_trunc('quarter', i.issued_at)::date, 'YYYY-MM-DD') as quarter,
                 coalesce(i.customer_group_id, '00000000-0000-0000-0000-000000000000')::text as key,
                 l.product, i.currency, sum(l.net)::numeric(16, 2)::text as net, count(*)::int as count
          from invoice_lines l join invoices i on i.id = l.invoice_id
          where i.tenant_id = ${t.tenantId} and i.status <> 'cancelled'
          group by 1, 2, 3, 4 order by 1, 2, 3, 4`.execute(tx)
        ).rows,
    );

  it('equals a fresh aggregate of the invoice lines after creates, payments, cancellations and an import', async () => {
    const groups = (await t.call(t.adminToken, { method: 'GET', url: `${API}/customer-groups` })).json()
      .items;
    const group = (name: string) => groups.find((g: { name: string }) => g.name === name).id;
    const orgA = (
      await t.call(t.adminToken, {
        method: 'POST',
        url: `${API}/organizations`,
        body: { name: 'Muster Handel GmbH', customerNumber: 'K-100', customerGroupId: group('Großkunden') },
      })
    ).json().id;
    const orgB = (
      await t.call(t.adminToken, {
        method: 'POST',
        url: `${API}/organizations`,
        body: { name: 'Ohne Gruppe KG' },
      })
    ).json().id;
    await t.call(t.adminToken, { method: 'POST', url: `${API}/persons`, body: personBody() });

    const issue = async (body: Record<string, unknown>) => {
      const res = await t.call(t.adminToken, {
        method: 'POST',
        url: `${API}/invoices`,
        body: { dueAt: '2025-12-31', currency: 'EUR', ...body },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const ids: string[] = [];
    const products = ['Beratung', 'Wartung', 'Fachbuch'];
    for (let n = 0; n < 12; n++) {
      ids.push(
        await issue({
          organizationId: n % 3 === 0 ? orgB : orgA,
          issuedAt: `2025-${String((n % 12) + 1).padStart(2, '0')}-10`,
          currency: n % 5 === 0 ? 'CHF' : 'EUR',
          ...(n % 4 === 0 ? { customerGroupId: group('Fachhandel') } : {}),
          lines: [
            { product: products[n % 3], quantity: '1.5', unitPrice: `${100 + n}.33`, taxRate: '19' },
            { product: products[(n + 1) % 3], quantity: '2', unitPrice: '9.99', taxRate: '7' },
            { product: products[n % 3], quantity: '1', unitPrice: '0.01', taxRate: '0' },
          ],
        }),
      );
    }
    for (const id of [ids[1], ids[4], ids[7]])
      expect(
        (await t.call(t.adminToken, { method: 'POST', url: `${API}/invoices/${id}/cancel` })).statusCode,
      ).toBe(200);
    await t.call(t.adminToken, {
      method: 'POST',
      url: `${API}/invoices/${ids[2]}/payment`,
      body: { paidAt: '2025-12-01' },
    });
    const imported = await t.call(t.adminToken, {
      method: 'POST',
      url: `${API}/invoices/import`,
      body: {
        fileName: 'erp.csv',
        csv: fs.readFileSync(path.join(FIXTURES, 'erp-invoices-de.csv'), 'utf8'),
        mapping: JSON.parse(fs.readFileSync(path.join(FIXTURES, 'erp-invoices-de.map.json'), 'utf8')),
      },
    });
    expect(imported.statusCode, imported.body).toBe(200);
    const importedId = (
      await t.call(t.adminToken, { method: 'GET', url: `${API}/invoices?q=RE-ERP-1003` })
    ).json().items[0].id;
    await t.call(t.adminToken, { method: 'POST', url: `${API}/invoices/${importedId}/cancel` });
    // refused writes leave it alone too
    await t.call(t.adminToken, { method: 'POST', url: `${API}/invoices/${ids[1]}/cancel` });
    await t.call(t.adminToken, {
      method: 'POST',
      url: `${API}/invoices`,
      body: {
        organizationId: orgA,
        issuedAt: '2025-01-01',
        dueAt: '2025-01-02',
        lines: [{ product: 'X', quantity: '1', unitPrice: '12,50', taxRate: '19' }],
      },
    });

    const rows = await ledger();
    expect(rows.length).toBeGreaterThan(10);
    expect(rows).toEqual(await aggregate());
    expect(rows.every((r) => r.count > 0)).toBe(true);
  });
});
