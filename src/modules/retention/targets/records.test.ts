import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, personBody, type TestApp } from '../../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../../test/support/database.ts';
import { asSystem, inTenant } from '../../../db/tenant.ts';
import { scopeOf } from '../sweep.runner.ts';
import { period, plant } from '../sweeps.fixtures.ts';
import { RECORD_TARGETS } from './records.ts';
import type { SweepRule } from './target.ts';

vi.setConfig({ hookTimeout: 240_000, testTimeout: 120_000 });

/**
 * The record targets on their own (the full preview-equals-sweep run is in sweeps.routes.test.ts):
 * `remove` re-checks due-ness in its own statement, organisation holds, paging in id order.
 */
describe.each(testDatabaseKinds())('record targets of the retention sweep on %s', (kind) => {
  const asOf = new Date('2026-03-02T09:00:00Z');
  const target = RECORD_TARGETS.find((x) => x.id === 'interactions')!;
  const rule: SweepRule = { dataTypeId: 't_interactions', target: 'interactions', period: period(6) };
  let t: TestApp;
  let personId: string;
  let organizationId: string;

  const within = <T>(fn: (scope: ReturnType<typeof scopeOf>) => Promise<T>) =>
    inTenant(t.db.kysely, t.tenantId, (tx) =>
      fn(scopeOf({ tx, ctx: t.ctx, tenantId: t.tenantId, rule, asOf })),
    );

  beforeAll(async () => {
    t = await createTestApp(kind, { now: () => asOf });
    const res = await t.call(t.adminToken, { method: 'POST', url: '/api/v1/persons', body: personBody() });
    personId = res.json().id;
    const org = await t.call(t.adminToken, {
      method: 'POST',
      url: '/api/v1/organizations',
      body: { name: 'Altkunde GmbH' },
    });
    expect(org.statusCode, org.body).toBe(201);
    organizationId = org.json().id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('knows every record target exactly once', () => {
    expect(RECORD_TARGETS.map((x) => x.id).sort()).toEqual(
      ['cases', 'deals', 'interactions', 'invoices', 'orders', 'quotes'].sort(),
    );
  });

  it('pages due records in id order and holds those of an organisation under a legal hold', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(await plant.interaction(t.db, t.tenantId, { personId, occurredAt: '2018-04-01T10:00:00Z' }));
    const ofOrg = await plant.interaction(t.db, t.tenantId, { personId, occurredAt: '2018-04-01T10:00:00Z' });
    await asSystem(t.db.kysely, (tx) =>
      sql`update interactions set organization_id = ${organizationId} where id = ${ofOrg}`.execute(tx),
    );
    await plant.hold(t.db, t.tenantId, { objectType: 'organization', objectId: organizationId });
    expect(await within((s) => target.count(s))).toEqual({ due: 5, held: 1 });
    const first = await within((s) => target.due({ ...s, afterId: null, limit: 3 }));
    const rest = await within((s) => target.due({ ...s, afterId: first.at(-1)!.id, limit: 3 }));
    expect([...first, ...rest].map((r) => r.id)).toEqual([...ids].sort());
    expect(first[0]?.start).toBe('2018-04-01');
  });

  it('removes only what is still due: a hold placed after the page was read protects the record', async () => {
    const page = await within((s) => target.due({ ...s, afterId: null, limit: 100 }));
    const protectedId = page[0]!.id;
    await plant.hold(t.db, t.tenantId, { objectType: 'interaction', objectId: protectedId });
    const removed = await within((s) => target.remove({ ...s, ids: page.map((r) => r.id) }));
    expect(removed).toBe(page.length - 1);
    expect(await within((s) => target.count(s))).toEqual({ due: 0, held: 2 });
    expect(await within((s) => target.remove({ ...s, ids: page.map((r) => r.id) }))).toBe(0);
  });

  it('keeps the records of a person whose processing is restricted (Art. 18) until it is lifted', async () => {
    const other = await t.call(t.adminToken, {
      method: 'POST',
      url: '/api/v1/persons',
      body: personBody({ lastName: 'Eingeschränkt', email: 'eingeschraenkt@example.de' }),
    });
    expect(other.statusCode, other.body).toBe(201);
    const restrictedId: string = other.json().id;
    const id = await plant.interaction(t.db, t.tenantId, {
      personId: restrictedId,
      occurredAt: '2018-04-01T10:00:00Z',
    });
    const restrict = (on: boolean) =>
      asSystem(t.db.kysely, (tx) =>
        sql`update persons set restricted_at = ${on ? asOf.toISOString() : null}::timestamptz
          where id = ${restrictedId}`.execute(tx),
      );
    await restrict(true);
    expect(await within((s) => target.count(s))).toEqual({ due: 0, held: 3 });
    expect(await within((s) => target.remove({ ...s, ids: [id] }))).toBe(0);
    await restrict(false);
    expect(await within((s) => target.count(s))).toEqual({ due: 1, held: 2 });
    expect(await within((s) => target.remove({ ...s, ids: [id] }))).toBe(1);
  });
});
