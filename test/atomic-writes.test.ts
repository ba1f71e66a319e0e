import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { asSystem } from '../src/db/tenant.ts';
import { ADMIN_PASSWORD, createTestApp, personBody, type TestApp } from './support/app.ts';
import { testDatabaseKinds } from './support/database.ts';
import { snapshotData } from './support/snapshot.ts';

/**
 * Nothing is half-written: a write that fails, whether a check refuses it before the first INSERT or
 * the database fails after it, leaves no row behind (one transaction per request).
 */
// Hundreds of requests per test: generous limits, so a busy machine slows the run but cannot break it.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

describe.each(testDatabaseKinds())('atomic writes on %s', (kind) => {
  let t: TestApp;
  let tagId: string;

  const count = (table: 'persons' | 'organizations' | 'person_tags' | 'organization_tags') =>
    asSystem(t.db.kysely, async (tx) =>
      Number(
        (await tx.selectFrom(table).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n,
      ),
    );

  /** Makes every INSERT into `table` fail, as a database failure after the record's own row would. */
  const failingInserts = async <T>(table: 'person_tags' | 'organization_tags', fn: () => Promise<T>) => {
    await t.db.withRawConnection((exec) =>
      exec(`
        create or replace function test_fail_insert() returns trigger language plpgsql as $$
        begin raise exception 'simulated failure after the first insert'; end $$;
        create trigger test_fail_insert before insert on ${table} for each row execute function test_fail_insert();`),
    );
    try {
      return await fn();
    } finally {
      await t.db.withRawConnection((exec) =>
        exec(`drop trigger test_fail_insert on ${table}; drop function test_fail_insert();`),
      );
    }
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    const tag = await t.call(t.adminToken, {
      method: 'POST',
      url: '/api/v1/tags',
      body: { name: 'Bestand' },
    });
    tagId = tag.json().id;
  });
  afterAll(() => t?.close());

  it('writes no person when a tag is unknown (422 unknown_tag)', async () => {
    const before = await count('persons');
    const snapshot = await snapshotData(t.db);
    const res = await t.call(t.adminToken, {
      method: 'POST',
      url: '/api/v1/persons',
      body: personBody({ tagIds: [tagId, randomUUID()] }),
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('unknown_tag');
    expect(await count('persons')).toBe(before);
    expect(await snapshotData(t.db)).toEqual(snapshot);
  });

  it('writes no organisation when a tag is unknown (422 unknown_tag)', async () => {
    const before = await count('organizations');
    const snapshot = await snapshotData(t.db);
    const res = await t.call(t.adminToken, {
      method: 'POST',
      url: '/api/v1/organizations',
      body: { name: 'Halb GmbH', tagIds: [tagId, randomUUID()] },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('unknown_tag');
    expect(await count('organizations')).toBe(before);
    expect(await snapshotData(t.db)).toEqual(snapshot);
  });

  it('rolls the person back when the database fails after inserting it', async () => {
    const before = await count('persons');
    const snapshot = await snapshotData(t.db);
    const res = await failingInserts('person_tags', () =>
      t.call(t.adminToken, { method: 'POST', url: '/api/v1/persons', body: personBody({ tagIds: [tagId] }) }),
    );
    expect(res.statusCode).toBe(500);
    expect(res.json().code).toBe('internal_error');
    expect(res.body).not.toContain('simulated failure');
    expect(await count('persons')).toBe(before);
    // nor its data key, audit entry or anything else
    expect(await snapshotData(t.db)).toEqual(snapshot);
  });

  it('rolls the organisation back when the database fails after inserting it', async () => {
    const before = await count('organizations');
    const snapshot = await snapshotData(t.db);
    const res = await failingInserts('organization_tags', () =>
      t.call(t.adminToken, {
        method: 'POST',
        url: '/api/v1/organizations',
        body: { name: 'Halb AG', tagIds: [tagId] },
      }),
    );
    expect(res.statusCode).toBe(500);
    expect(await count('organizations')).toBe(before);
    expect(await snapshotData(t.db)).toEqual(snapshot);
  });

  it('rolls a change of a person back as a whole when its tags fail', async () => {
    const person = (
      await t.call(t.adminToken, { method: 'POST', url: '/api/v1/persons', body: personBody() })
    ).json();
    const snapshot = await snapshotData(t.db);
    const res = await failingInserts('person_tags', () =>
      t.call(t.adminToken, {
        method: 'PATCH',
        url: `/api/v1/persons/${person.id}`,
        body: { version: person.version, lastName: 'Halbgeändert', tagIds: [tagId] },
      }),
    );
    expect(res.statusCode).toBe(500);
    expect(await snapshotData(t.db)).toEqual(snapshot);
    const read = await t.call(t.adminToken, { method: 'GET', url: `/api/v1/persons/${person.id}` });
    expect(read.json()).toMatchObject({ lastName: person.lastName, version: person.version });
  });

  it('takes a tag named twice once, instead of failing half-way with 500', async () => {
    const person = await t.call(t.adminToken, {
      method: 'POST',
      url: '/api/v1/persons',
      body: personBody({ tagIds: [tagId, tagId] }),
    });
    expect(person.statusCode, person.body).toBe(201);
    expect(person.json().tags.map((x: { id: string }) => x.id)).toEqual([tagId]);
    const org = await t.call(t.adminToken, {
      method: 'POST',
      url: '/api/v1/organizations',
      body: { name: 'Doppelt GmbH', tagIds: [tagId, tagId] },
    });
    expect(org.statusCode, org.body).toBe(201);
    expect(org.json().tags.map((x: { id: string }) => x.id)).toEqual([tagId]);
  });

  it('takes a department named twice once when creating a user (not 409 email_taken)', async () => {
    const department = t.departmentId('Vertrieb');
    const res = await t.call(t.adminToken, {
      method: 'POST',
      url: '/api/v1/users',
      body: {
        email: 'doppelt@example.de',
        displayName: 'Doppelt',
        password: ADMIN_PASSWORD,
        role: 'sales',
        departmentIds: [department, department],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().departments.map((d: { id: string }) => d.id)).toEqual([department]);
  });
});
