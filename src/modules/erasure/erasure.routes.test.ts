import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, personBody, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { snapshotData } from '../../../test/support/snapshot.ts';
import { asSystem, inTenant } from '../../db/tenant.ts';
import { erasePerson } from './erasure.service.ts';

/** The suppression list and the erasure journal over HTTP: who may do what, and that no value leaks. */

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const API = '/api/v1';
const EMAIL = 'Erika.Erased@Example.de';
const PHONE = '+49 89 7654321';

describe.each(testDatabaseKinds())('suppressions and erasures API on %s', (kind) => {
  let t: TestApp;
  let dpo: string;
  let sales: string;
  let marketing: string;
  let personId: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    dpo = (await t.userWithToken({ role: 'dpo' })).token;
    sales = (await t.userWithToken({ role: 'sales' })).token;
    marketing = (await t.userWithToken({ role: 'marketing' })).token;
    const res = await t.call(dpo, {
      method: 'POST',
      url: `${API}/persons`,
      body: personBody({ email: EMAIL, phone: PHONE }),
    });
    expect(res.statusCode, res.body).toBe(201);
    personId = res.json().id;
    await inTenant(t.db.kysely, t.tenantId, (tx) =>
      erasePerson(tx, t.ctx, { actor: null, tenantId: t.tenantId, personId, requestId: null }),
    );
  });
  afterAll(() => t?.close());

  it('GET /suppressions (DPO) lists kind and reason, never the value or its hash', async () => {
    const res = await t.call(dpo, { method: 'GET', url: `${API}/suppressions` });
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items.map((i: { kind: string }) => i.kind).sort()).toEqual(['email', 'phone']);
    for (const item of items) {
      expect(Object.keys(item).sort()).toEqual(['createdAt', 'id', 'kind', 'reason', 'requestId']);
      expect(item.reason).toBe('erasure');
    }
    const hashes = await asSystem(t.db.kysely, (tx) =>
      tx.selectFrom('suppressions').select('hash').execute(),
    );
    for (const { hash } of hashes) expect(res.body).not.toContain(hash);
    expect(res.body.toLowerCase()).not.toContain(EMAIL.toLowerCase());
    expect(res.body).not.toContain('7654321');
    for (const token of [sales, marketing, t.adminToken])
      expect((await t.call(token, { method: 'GET', url: `${API}/suppressions` })).statusCode).toBe(403);
  });

  it('POST /suppressions/check tells whether an e-mail or number is suppressed, however it is written', async () => {
    const check = (token: string, body: object) =>
      t.call(token, { method: 'POST', url: `${API}/suppressions/check`, body });
    expect((await check(sales, { email: ` ${EMAIL.toUpperCase()}` })).json()).toEqual({
      suppressed: true,
      kinds: ['email'],
    });
    expect((await check(sales, { phone: '089 765 43 21' })).json()).toEqual({
      suppressed: true,
      kinds: ['phone'],
    });
    expect((await check(sales, { phone: '0049 89 7654321', email: 'x@example.de' })).json()).toEqual({
      suppressed: true,
      kinds: ['phone'],
    });
    expect((await check(sales, { email: 'someone@example.de' })).json()).toEqual({
      suppressed: false,
      kinds: [],
    });
    expect((await check(sales, {})).json()).toEqual({ suppressed: false, kinds: [] });
    const bad = await check(sales, { email: 'x@example.de', name: 'Erika' });
    expect(bad.statusCode).toBeGreaterThanOrEqual(400);
    expect(bad.statusCode).toBeLessThan(500);
    const denied = await check(marketing, { email: EMAIL });
    expect(denied.statusCode).toBe(403);
  });

  it('GET /erasures (DPO) lists the erasure with counts and no values', async () => {
    const res = await t.call(dpo, { method: 'GET', url: `${API}/erasures` });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      expect.objectContaining({
        personId,
        requestId: null,
        erasedBy: null,
        summary: expect.objectContaining({
          retainedInvoices: 0,
          suppressions: 2,
          deleted: expect.any(Object),
        }),
      }),
    ]);
    expect(res.body).not.toContain('Müller');
    expect((await t.call(sales, { method: 'GET', url: `${API}/erasures` })).statusCode).toBe(403);
  });

  it('DELETE /suppressions/:id: only the DPO, 404 for an unknown id, audited; then the value is free again', async () => {
    const list = (await t.call(dpo, { method: 'GET', url: `${API}/suppressions` })).json().items;
    const email = list.find((i: { kind: string }) => i.kind === 'email');
    const before = await snapshotData(t.db);
    const denied = await t.call(sales, { method: 'DELETE', url: `${API}/suppressions/${email.id}` });
    expect(denied.statusCode).toBe(403);
    const unknown = await t.call(dpo, {
      method: 'DELETE',
      url: `${API}/suppressions/00000000-0000-4000-8000-000000000000`,
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('not_found');
    expect(await snapshotData(t.db)).toEqual(before);

    const create = () =>
      t.call(sales, {
        method: 'POST',
        url: `${API}/persons`,
        body: personBody({ email: EMAIL, phone: null }),
      });
    const refused = await create();
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('subject_suppressed');

    const lifted = await t.call(dpo, {
      method: 'DELETE',
      url: `${API}/suppressions/${email.id}`,
    });
    expect(lifted.statusCode, lifted.body).toBe(204);
    const audit = (await t.call(dpo, { method: 'GET', url: `${API}/audit?action=settings_change` })).json()
      .items;
    expect(audit[0].note).toContain(`suppression ${email.id} (email, erasure) lifted`);
    expect((await create()).statusCode).toBe(201);

    const phone = list.find((i: { kind: string }) => i.kind === 'phone');
    expect((await t.call(dpo, { method: 'DELETE', url: `${API}/suppressions/${phone.id}` })).statusCode).toBe(
      204,
    );
    expect((await t.call(dpo, { method: 'GET', url: `${API}/suppressions` })).json().items).toEqual([]);
  });
});
