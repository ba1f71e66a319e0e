import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, personBody, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { createExtraTenant, type ExtraTenant } from '../../../test/support/tenant.ts';
import { asSystem, inTenant, type Tx } from '../../db/tenant.ts';

/**
 * The view person_search (migrations 0004, 0006) is read without row-level security, so that searches can
 * use the trigram index; it must confine the app role to the current tenant by itself.
 */
describe.each(testDatabaseKinds())('person search view on %s', (kind) => {
  let t: TestApp;
  let b: ExtraTenant;
  const matches = (tx: Tx) =>
    sql<{ n: number }>`select count(*)::int as n from person_search where search_text like '%zuckermann%'`
      .execute(tx)
      .then((r) => r.rows[0]?.n);

  beforeAll(async () => {
    t = await createTestApp(kind);
    b = await createExtraTenant(t, { label: 'andere' });
    for (const [token, email] of [
      [t.adminToken, 'eva.zuckermann@a.example'],
      [b.adminToken, 'eva.zuckermann@b.example'],
    ] as const) {
      const res = await t.call(token, {
        method: 'POST',
        url: '/api/v1/persons',
        body: personBody({ firstName: 'Eva', lastName: 'Zuckermann', email }),
      });
      expect(res.statusCode).toBe(201);
    }
  });
  afterAll(() => t.close());

  it("shows the app role the current tenant's persons only, and none without a tenant", async () => {
    expect(await inTenant(t.db.kysely, t.tenantId, matches)).toBe(1);
    expect(await inTenant(t.db.kysely, b.tenantId, matches)).toBe(1);
    const withoutTenant = await asSystem(t.db.kysely, async (tx) => {
      await sql`set local role custos_app`.execute(tx);
      return matches(tx);
    });
    expect(withoutTenant).toBe(0);
  });

  it("shows the app role the current tenant's e-mail addresses only (column added by migration 0006)", async () => {
    const byEmail = (tx: Tx) =>
      sql<{ n: number }>`select count(*)::int as n from person_search where lower(email) like '%zuckermann@%'`
        .execute(tx)
        .then((r) => r.rows[0]?.n);
    expect(await inTenant(t.db.kysely, t.tenantId, byEmail)).toBe(1);
    expect(await inTenant(t.db.kysely, b.tenantId, byEmail)).toBe(1);
    const withoutTenant = await asSystem(t.db.kysely, async (tx) => {
      await sql`set local role custos_app`.execute(tx);
      return byEmail(tx);
    });
    expect(withoutTenant).toBe(0);
  });

  it("finds through the API only the tenant's own persons", async () => {
    for (const q of ['Zuckermann', 'Eva Zucker', 'zuckermann@']) {
      const res = await t.call(t.adminToken, {
        method: 'GET',
        url: `/api/v1/persons?q=${encodeURIComponent(q)}`,
      });
      expect(res.json(), q).toMatchObject({
        total: 1,
        totalCapped: false,
        items: [{ email: 'eva.zuckermann@a.example' }],
      });
    }
  });

  it('is read-only for the app role', async () => {
    const update = await inTenant(t.db.kysely, t.tenantId, (tx) =>
      sql`update person_search set first_name = 'X'`.execute(tx),
    ).then(
      () => null,
      (e: { code?: string }) => e,
    );
    expect(update?.code).toBe('42501');
  });
});
