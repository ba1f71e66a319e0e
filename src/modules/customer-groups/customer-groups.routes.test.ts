import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { snapshotData } from '../../../test/support/snapshot.ts';
import { createExtraTenant, type ExtraTenant } from '../../../test/support/tenant.ts';

// Fixtures hash passwords and migrate fresh databases: slow on a busy machine, so generous hook limits.
vi.setConfig({ hookTimeout: 240_000, testTimeout: 120_000 });
const API = '/api/v1';

describe.each(testDatabaseKinds())('customer groups and the organisation billing fields on %s', (kind) => {
  let t: TestApp;
  let b: ExtraTenant;
  let accounting: string;
  let sales: string;
  let marketing: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    b = await createExtraTenant(t, { label: 'tenant-b' });
    accounting = (await t.userWithToken({ role: 'accounting' })).token;
    sales = (await t.userWithToken({ role: 'sales' })).token;
    marketing = (await t.userWithToken({ role: 'marketing' })).token;
  });
  afterAll(() => t.close());

  const list = async (token: string) => {
    const res = await t.call(token, { method: 'GET', url: `${API}/customer-groups` });
    expect(res.statusCode).toBe(200);
    return res.json().items as { id: string; name: string; organizationCount: number }[];
  };

  it('every tenant starts with the default groups; every role may read them', async () => {
    for (const token of [t.adminToken, accounting, sales, marketing])
      expect((await list(token)).map((g) => g.name)).toEqual(['Fachhandel', 'Großkunden', 'Privatkunden']);
  });

  it('accounting adds and renames groups; names are unique per tenant, ignoring case (409)', async () => {
    const created = await t.call(accounting, {
      method: 'POST',
      url: `${API}/customer-groups`,
      body: { name: ' Behörden ' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: 'Behörden', organizationCount: 0 });
    const id = created.json().id;
    const before = await snapshotData(t.db);
    const dup = await t.call(accounting, {
      method: 'POST',
      url: `${API}/customer-groups`,
      body: { name: 'behörden' },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('customer_group_exists');
    const clash = await t.call(accounting, {
      method: 'PATCH',
      url: `${API}/customer-groups/${id}`,
      body: { name: 'Fachhandel' },
    });
    expect(clash.statusCode).toBe(409);
    const empty = await t.call(accounting, {
      method: 'POST',
      url: `${API}/customer-groups`,
      body: { name: '' },
    });
    expect(empty.statusCode).toBe(422);
    expect(await snapshotData(t.db)).toEqual(before);
    const renamed = await t.call(accounting, {
      method: 'PATCH',
      url: `${API}/customer-groups/${id}`,
      body: { name: 'Öffentliche Hand' },
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().name).toBe('Öffentliche Hand');
    // the same name in another tenant is no clash
    expect(
      (
        await t.call(b.adminToken, {
          method: 'POST',
          url: `${API}/customer-groups`,
          body: { name: 'Öffentliche Hand' },
        })
      ).statusCode,
    ).toBe(201);
  });

  it('refuses sales and marketing (403) and unknown or foreign ids (404)', async () => {
    const before = await snapshotData(t.db);
    for (const token of [sales, marketing]) {
      const res = await t.call(token, {
        method: 'POST',
        url: `${API}/customer-groups`,
        body: { name: 'Neu' },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('forbidden');
    }
    const foreign = (await list(b.adminToken))[0]!.id;
    for (const id of [foreign, '00000000-0000-4000-8000-000000000009']) {
      const res = await t.call(accounting, {
        method: 'PATCH',
        url: `${API}/customer-groups/${id}`,
        body: { name: 'X' },
      });
      expect(res.statusCode).toBe(404);
    }
    expect(await snapshotData(t.db)).toEqual(before);
  });

  it('organisations carry a customer group and a customer number unique per tenant (409)', async () => {
    const groups = await list(t.adminToken);
    const gross = groups.find((g) => g.name === 'Großkunden')!;
    const created = await t.call(t.adminToken, {
      method: 'POST',
      url: `${API}/organizations`,
      body: { name: 'Muster AG', customerGroupId: gross.id, customerNumber: 'K-1' },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      customerGroup: { id: gross.id, name: 'Großkunden' },
      customerNumber: 'K-1',
    });
    const id = created.json().id;
    expect((await list(t.adminToken)).find((g) => g.id === gross.id)?.organizationCount).toBe(1);

    const before = await snapshotData(t.db);
    const dup = await t.call(t.adminToken, {
      method: 'POST',
      url: `${API}/organizations`,
      body: { name: 'Zweite AG', customerNumber: 'K-1' },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('customer_number_taken');
    const foreignGroup = (await list(b.adminToken))[0]!.id;
    const unknown = await t.call(t.adminToken, {
      method: 'POST',
      url: `${API}/organizations`,
      body: { name: 'Dritte AG', customerGroupId: foreignGroup },
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().code).toBe('unknown_customer_group');
    expect(await snapshotData(t.db)).toEqual(before);
    // another tenant may use the same number
    expect(
      (
        await t.call(b.adminToken, {
          method: 'POST',
          url: `${API}/organizations`,
          body: { name: 'B', customerNumber: 'K-1' },
        })
      ).statusCode,
    ).toBe(201);

    const other = (
      await t.call(t.adminToken, {
        method: 'POST',
        url: `${API}/organizations`,
        body: { name: 'Andere GmbH', customerNumber: 'K-2' },
      })
    ).json();
    const taken = await t.call(t.adminToken, {
      method: 'PATCH',
      url: `${API}/organizations/${other.id}`,
      body: { version: 1, customerNumber: 'K-1' },
    });
    expect(taken.statusCode).toBe(409);
    const same = await t.call(t.adminToken, {
      method: 'PATCH',
      url: `${API}/organizations/${id}`,
      body: { version: 1, customerNumber: 'K-1', customerGroupId: null },
    });
    expect(same.statusCode, same.body).toBe(200);
    expect(same.json()).toMatchObject({ customerNumber: 'K-1', customerGroup: null });
    const cleared = await t.call(t.adminToken, {
      method: 'PATCH',
      url: `${API}/organizations/${id}`,
      body: { version: 2, customerNumber: '' },
    });
    expect(cleared.json().customerNumber).toBeNull();
    const read = await t.call(t.adminToken, { method: 'GET', url: `${API}/organizations/${id}` });
    expect(read.json()).toMatchObject({ customerNumber: null, customerGroup: null });
  });
});
