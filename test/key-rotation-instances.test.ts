import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { asSystem, inTenant } from '../src/db/tenant.ts';
import { keyFingerprint, newDataKey, unwrapDataKey, wrapDataKey } from '../src/domain/crypto/envelope.ts';
import { assertMasterKeyMatches, createSubjectKey } from '../src/modules/keys/keys.service.ts';
import { rotateMasterKey } from '../src/modules/keys/rotation.service.ts';
import { createTestApp, personBody, type TestApp } from './support/app.ts';
import { testDatabaseKinds } from './support/database.ts';
import { createSecondInstance } from './support/instances.ts';

/**
 * Master key rotation while two instances keep running on one database (docs/adr/0037): both were
 * restarted with the new key in their keyring (CUSTOS_MASTER_KEY_NEXT), A rotates while B keeps
 * creating persons; afterwards nothing is wrapped by the old key, everything opens on both
 * instances and on an instance restarted with only the new key, and an instance without the new
 * key refuses with `master_key_unavailable`.
 */
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

describe.each(testDatabaseKinds())('master key rotation across two instances on %s', (kind) => {
  let a: TestApp;
  let b: Awaited<ReturnType<typeof createSecondInstance>>;
  const stale: Awaited<ReturnType<typeof createSecondInstance>>[] = [];
  const newKey = randomBytes(32);
  let oldKey: Buffer;
  const persons = new Map<string, string>();
  let importId: string;

  beforeAll(async () => {
    a = await createTestApp(kind);
    b = await createSecondInstance(a);
    oldKey = a.ctx.masterKey;
    // step 1 of the procedure: every instance restarted with the new key in its keyring
    a.ctx.otherMasterKeys = [newKey];
    b.ctx.otherMasterKeys = [newKey];
  });
  afterAll(async () => {
    for (const s of stale) await s.close();
    await b?.close();
    await a?.close();
  });

  const createOn = async (instance: { call: TestApp['call'] }, name: string) => {
    const res = await instance.call(a.adminToken, {
      method: 'POST',
      url: '/api/v1/persons',
      body: personBody({ lastName: name, notes: `Notiz ${name}` }),
    });
    expect(res.statusCode, res.body).toBe(201);
    persons.set(res.json().id, `Notiz ${name}`);
    return res.json().id as string;
  };
  const notesOn = async (instance: { call: TestApp['call'] }, id: string) => {
    const res = await instance.call(a.adminToken, { method: 'GET', url: `/api/v1/persons/${id}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().notes as string;
  };
  const keyRows = () =>
    asSystem(a.db.kysely, (tx) =>
      tx
        .selectFrom('subject_keys')
        .select(['tenant_id', 'subject_id', 'wrapped_key', 'master_key_id'])
        .where('wrapped_key', 'is not', null)
        .execute(),
    );

  it('B keeps creating persons during the rotation run by A; afterwards nothing is wrapped by the old key', async () => {
    for (let i = 0; i < 3; i++) await createOn(b, `Vorher${i}`);
    // a staged import batch: its rows are sealed under a batch key wrapped by the master key
    const staged = await b.call(a.adminToken, {
      method: 'POST',
      url: '/api/v1/imports?fileName=kunden.csv',
      headers: { 'content-type': 'text/csv' },
      body: Buffer.from('Vorname;Nachname\nJürgen;Importiert\n', 'utf8'),
    });
    expect(staged.statusCode, staged.body).toBe(201);
    importId = staged.json().id;
    expect(new Set((await keyRows()).map((r) => r.master_key_id))).toEqual(new Set([keyFingerprint(oldKey)]));
    // more keys than one batch, so that the rotation runs for a while
    await asSystem(a.db.kysely, async (tx) => {
      const rows = Array.from({ length: 1200 }, () => {
        const subjectId = randomUUID();
        return {
          tenant_id: a.tenantId,
          subject_id: subjectId,
          subject_type: 'person' as const,
          wrapped_key: wrapDataKey({
            masterKey: oldKey,
            dataKey: newDataKey(),
            tenantId: a.tenantId,
            subjectId,
          }),
          master_key_id: keyFingerprint(oldKey),
        };
      });
      for (let i = 0; i < rows.length; i += 400)
        await tx
          .insertInto('subject_keys')
          .values(rows.slice(i, i + 400))
          .execute();
    });

    let done = false;
    const rotation = rotateMasterKey(a.ctx, { newKey }).finally(() => {
      done = true;
    });
    const during: string[] = [];
    while (!done || during.length === 0) during.push(await createOn(b, `Waehrend${during.length}`));
    const result = await rotation;
    for (let i = 0; i < 3; i++) await createOn(b, `Danach${i}`);

    expect(result).toMatchObject({ keyId: keyFingerprint(newKey), remaining: 0 });
    expect(result.rewrapped).toBeGreaterThanOrEqual(1203);
    const rows = await keyRows();
    expect(rows.length).toBe(1203 + during.length + 3);
    for (const r of rows) {
      expect(r.master_key_id).toBe(keyFingerprint(newKey));
      expect(() =>
        unwrapDataKey({
          masterKey: oldKey,
          wrapped: r.wrapped_key!,
          tenantId: r.tenant_id,
          subjectId: r.subject_id,
        }),
      ).toThrow();
    }
    const batch = await asSystem(a.db.kysely, (tx) =>
      tx
        .selectFrom('person_imports')
        .select('master_key_id')
        .where('id', '=', importId)
        .executeTakeFirstOrThrow(),
    );
    expect(batch.master_key_id).toBe(keyFingerprint(newKey));
    const tenants = await asSystem(a.db.kysely, (tx) =>
      tx.selectFrom('tenants').select('master_key_id').execute(),
    );
    expect(tenants.map((t) => t.master_key_id)).toEqual([keyFingerprint(newKey)]);
    for (const [id, notes] of persons) {
      expect(await notesOn(a, id)).toBe(notes);
      expect(await notesOn(b, id)).toBe(notes);
    }
  });

  it('a transaction that read the old key id holds the rotation back until it commits; its key is re-wrapped', async () => {
    const third = randomBytes(32);
    a.ctx.otherMasterKeys = [...(a.ctx.otherMasterKeys ?? []), third];
    b.ctx.otherMasterKeys = [...(b.ctx.otherMasterKeys ?? []), third];
    const subjectId = randomUUID();
    let started!: () => void;
    const open = new Promise<void>((resolve) => {
      started = resolve;
    });
    let finish!: () => void;
    const gate = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const lagging = inTenant(b.db.kysely, a.tenantId, async (tx) => {
      await createSubjectKey(tx, b.ctx, a.tenantId, subjectId);
      started();
      await gate;
    });
    await open;
    const rotation = rotateMasterKey(a.ctx, { newKey: third });
    await new Promise((resolve) => setTimeout(resolve, 300));
    finish();
    await lagging;
    expect(await rotation).toMatchObject({ keyId: keyFingerprint(third), remaining: 0 });
    const row = (await keyRows()).find((r) => r.subject_id === subjectId);
    expect(row?.master_key_id).toBe(keyFingerprint(third));
    for (const [id, notes] of persons) expect(await notesOn(b, id)).toBe(notes);
  });

  it('an instance without the current key refuses with master_key_unavailable; one with only it reads everything', async () => {
    const current = a.ctx.masterKey;
    const without = await createSecondInstance(a);
    stale.push(without);
    without.ctx.masterKey = oldKey;
    without.ctx.otherMasterKeys = [newKey];
    const refused = await without.call(a.adminToken, {
      method: 'POST',
      url: '/api/v1/persons',
      body: personBody({ lastName: 'Ohne' }),
    });
    expect(refused.statusCode).toBe(503);
    expect(refused.json()).toMatchObject({ code: 'master_key_unavailable' });
    const [someone] = persons.keys();
    const unreadable = await without.call(a.adminToken, { method: 'GET', url: `/api/v1/persons/${someone}` });
    expect(unreadable.statusCode).toBe(503);
    expect(unreadable.json()).toMatchObject({ code: 'master_key_unavailable' });
    expect(unreadable.body).not.toContain(current.toString('base64'));

    // step 5: restart with only the current key
    const restarted = await createSecondInstance(a);
    stale.push(restarted);
    restarted.ctx.masterKey = current;
    restarted.ctx.otherMasterKeys = [];
    await expect(assertMasterKeyMatches(restarted.ctx)).resolves.toBeUndefined();
    for (const [id, notes] of persons) expect(await notesOn(restarted, id)).toBe(notes);
    const batch = await restarted.call(a.adminToken, { method: 'GET', url: `/api/v1/imports/${importId}` });
    expect(batch.statusCode, batch.body).toBe(200);
    expect(batch.json().preview[0].values).toEqual({ Vorname: 'Jürgen', Nachname: 'Importiert' });
    await createOn(restarted, 'Neustart');
  });
});
