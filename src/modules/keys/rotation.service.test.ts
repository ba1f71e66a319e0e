import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, personBody, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { asSystem } from '../../db/tenant.ts';
import { keyFingerprint, unwrapDataKey, wrapDataKey } from '../../domain/crypto/envelope.ts';
import type { AppContext } from '../../server/context.ts';
import { loadMasterKey, loadOtherMasterKeys, MasterKeyError, nextKeyFile } from '../../server/master-key.ts';
import { verifyAudit } from '../audit/audit.service.ts';
import { assertMasterKeyMatches } from './keys.service.ts';
import { rotateMasterKey } from './rotation.service.ts';

describe.each(testDatabaseKinds())('master key rotation on %s', (kind) => {
  let t: TestApp;
  const ids: string[] = [];
  beforeAll(async () => {
    t = await createTestApp(kind);
    fs.mkdirSync(t.ctx.config.dataDir, { recursive: true });
    fs.writeFileSync(
      path.join(t.ctx.config.dataDir, 'master.key'),
      `${t.ctx.masterKey.toString('base64')}\n`,
      { mode: 0o600 },
    );
    for (let i = 0; i < 5; i++) {
      const res = await t.call(t.adminToken, {
        method: 'POST',
        url: '/api/v1/persons',
        body: personBody({ lastName: `Rot${i}`, notes: `Notiz ${i}` }),
      });
      ids.push(res.json().id);
    }
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(t.ctx.config.dataDir, { recursive: true, force: true });
  });

  const notesOf = async (id: string) =>
    (await t.call(t.adminToken, { method: 'GET', url: `/api/v1/persons/${id}` })).json().notes;
  const subjectKeys = () =>
    asSystem(t.db.kysely, (tx) =>
      tx
        .selectFrom('subject_keys')
        .select(['tenant_id', 'subject_id', 'wrapped_key', 'master_key_id'])
        .execute(),
    );

  it('refuses to rotate an environment key without a new key given', async () => {
    const envCtx: AppContext = {
      ...t.ctx,
      config: { ...t.ctx.config, masterKeyBase64: t.ctx.masterKey.toString('base64') },
    };
    await expect(rotateMasterKey(envCtx)).rejects.toThrow(MasterKeyError);
  });

  it('resumes an interrupted rotation: keys wrapped by either key stay readable, and it completes', async () => {
    const oldKey = t.ctx.masterKey;
    // an interrupted run left the next key file and re-wrapped two of the data keys
    const nextKey = randomBytes(32);
    fs.writeFileSync(nextKeyFile(t.ctx.config.dataDir), `${nextKey.toString('base64')}\n`, { mode: 0o600 });
    const rows = await subjectKeys();
    await asSystem(t.db.kysely, async (tx) => {
      for (const r of rows.slice(0, 2)) {
        const dataKey = unwrapDataKey({
          masterKey: oldKey,
          wrapped: r.wrapped_key!,
          tenantId: r.tenant_id,
          subjectId: r.subject_id,
        });
        const wrapped = wrapDataKey({
          masterKey: nextKey,
          dataKey,
          tenantId: r.tenant_id,
          subjectId: r.subject_id,
        });
        await tx
          .updateTable('subject_keys')
          .set({ wrapped_key: wrapped, master_key_id: keyFingerprint(nextKey) })
          .where('subject_id', '=', r.subject_id)
          .execute();
      }
    });
    // a restarted server loads both key files
    t.ctx.otherMasterKeys = loadOtherMasterKeys(t.ctx.config);
    for (const [i, id] of ids.entries()) expect(await notesOf(id)).toBe(`Notiz ${i}`);

    const result = await rotateMasterKey(t.ctx);
    expect(result.keyId).toBe(keyFingerprint(nextKey));
    expect(result.rewrapped).toBe(rows.length - 2);
    expect(fs.existsSync(nextKeyFile(t.ctx.config.dataDir))).toBe(false);
    expect(loadMasterKey({ dataDir: t.ctx.config.dataDir }).equals(nextKey)).toBe(true);

    for (const r of await subjectKeys()) {
      expect(r.master_key_id).toBe(keyFingerprint(nextKey));
      expect(() =>
        unwrapDataKey({
          masterKey: oldKey,
          wrapped: r.wrapped_key!,
          tenantId: r.tenant_id,
          subjectId: r.subject_id,
        }),
      ).toThrow();
    }
    // a fresh start with only the new key file: the key check passes, data and audit chain intact
    const fresh: AppContext = {
      ...t.ctx,
      masterKey: loadMasterKey({ dataDir: t.ctx.config.dataDir }),
      otherMasterKeys: [],
    };
    await expect(assertMasterKeyMatches(fresh)).resolves.toBeUndefined();
    t.ctx.masterKey = fresh.masterKey;
    t.ctx.otherMasterKeys = [];
    for (const [i, id] of ids.entries()) expect(await notesOf(id)).toBe(`Notiz ${i}`);
    expect(await verifyAudit(t.ctx)).toMatchObject({ ok: true });
  });

  it('refuses to start with a master key that does not belong to the data, changing nothing', async () => {
    const before = await asSystem(t.db.kysely, (tx) =>
      tx.selectFrom('tenants').select(['key_check', 'master_key_id']).execute(),
    );
    const wrong: AppContext = { ...t.ctx, masterKey: randomBytes(32), otherMasterKeys: [] };
    await expect(assertMasterKeyMatches(wrong)).rejects.toThrow(/does not match this database/);
    const after = await asSystem(t.db.kysely, (tx) =>
      tx.selectFrom('tenants').select(['key_check', 'master_key_id']).execute(),
    );
    expect(after).toEqual(before);
  });
});
