import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSystem } from '../../src/db/tenant.ts';
import { createTestApp, personBody, type TestApp } from './app.ts';
import { testDatabaseKinds } from './database.ts';
import { snapshotData, snapshotDigest } from './snapshot.ts';

describe.each(testDatabaseKinds())('data snapshots on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t?.close());

  it('the digest changes with a new row and a changed value, and not with token use', async () => {
    const first = await snapshotDigest(t.db);
    expect(Object.keys(first)).toEqual(Object.keys(await snapshotData(t.db)));
    expect(await snapshotDigest(t.db)).toEqual(first);

    await asSystem(t.db.kysely, (tx) => sql`update api_tokens set last_used_at = now()`.execute(tx));
    expect(await snapshotDigest(t.db)).toEqual(first);

    const res = await t.call(t.adminToken, { method: 'POST', url: '/api/v1/persons', body: personBody() });
    expect(res.statusCode).toBe(201);
    const added = await snapshotDigest(t.db);
    expect(added.persons).not.toBe(first.persons);
    expect(added.departments).toBe(first.departments);

    await asSystem(t.db.kysely, (tx) =>
      sql`update persons set city = 'Kassel' where id = ${res.json().id}`.execute(tx),
    );
    expect((await snapshotDigest(t.db)).persons).not.toBe(added.persons);
  });
});
