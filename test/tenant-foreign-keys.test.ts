import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSystem } from '../src/db/tenant.ts';
import { createTestApp, personBody, type TestApp } from './support/app.ts';
import { testDatabaseKinds } from './support/database.ts';
import { createExtraTenant } from './support/tenant.ts';

describe.each(testDatabaseKinds())('foreign keys include the tenant on %s', (kind) => {
  let t: TestApp;
  let other: Awaited<ReturnType<typeof createExtraTenant>>;
  let personA: string;
  let tagB: string;
  let orgB: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    other = await createExtraTenant(t, { label: 'tenantb' });
    personA = (
      await t.call(t.adminToken, { method: 'POST', url: '/api/v1/persons', body: personBody() })
    ).json().id;
    tagB = (
      await t.call(other.adminToken, { method: 'POST', url: '/api/v1/tags', body: { name: 'Fremd' } })
    ).json().id;
    orgB = (
      await t.call(other.adminToken, {
        method: 'POST',
        url: '/api/v1/organizations',
        body: { name: 'Fremd GmbH' },
      })
    ).json().id;
  });
  afterAll(() => t.close());

  // even the owner role, which row-level security does not restrict, cannot link across tenants
  it('refuses a tag link from a person of tenant A to a tag of tenant B', async () => {
    await expect(
      asSystem(t.db.kysely, (tx) =>
        sql`insert into person_tags (tenant_id, person_id, tag_id) values (${t.tenantId}, ${personA}, ${tagB})`.execute(
          tx,
        ),
      ),
    ).rejects.toThrow(/foreign key/);
  });

  it("refuses pointing a person of tenant A at tenant B's organisation", async () => {
    await expect(
      asSystem(t.db.kysely, (tx) =>
        sql`update persons set organization_id = ${orgB} where id = ${personA}`.execute(tx),
      ),
    ).rejects.toThrow(/foreign key/);
  });
});
