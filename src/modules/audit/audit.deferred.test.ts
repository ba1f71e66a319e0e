import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, personBody, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { asSystem, inTenant, type Tx } from '../../db/tenant.ts';
import { createSubjectKey, shredSubjectKey } from '../keys/keys.service.ts';
import { flushAudits, listAudit, recordAudit, verifyAudit } from './audit.service.ts';

/**
 * Entries recorded in a transaction join the chain at its end, right before the commit (so the chain
 * head's lock is held only for the append and the commit): they must still exist exactly when the
 * change does, in the order recorded, and be readable in the same transaction once flushed.
 */
describe.each(testDatabaseKinds())('audit entries appended at commit on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  const entryCount = (tx: Tx) =>
    tx
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));
  const countNow = () => asSystem(t.db.kysely, entryCount);
  const actor = () => ({ userId: t.adminId });

  it('appends at commit, in the order recorded, and the chain verifies', async () => {
    const before = await countNow();
    const notes = ['first', 'second', 'third'];
    const seen = await inTenant(t.db.kysely, t.tenantId, async (tx) => {
      for (const note of notes)
        await recordAudit(tx, t.ctx, t.tenantId, { actor: actor(), action: 'read', note });
      return entryCount(tx);
    });
    expect(seen).toBe(before);
    expect(await countNow()).toBe(before + 3);
    const latest = await listAudit(t.ctx, t.tenantId, { limit: 3 });
    expect(latest.map((e) => e.note)).toEqual(['third', 'second', 'first']);
    expect(latest[0]!.seq - latest[2]!.seq).toBe(2);
    expect((await verifyAudit(t.ctx, { tenantId: t.tenantId })).ok).toBe(true);
  });

  it('leaves no entry and the head unmoved when the transaction rolls back', async () => {
    const before = await countNow();
    const head = () =>
      asSystem(t.db.kysely, (tx) =>
        tx.selectFrom('audit_heads').select(['last_seq', 'last_hash']).executeTakeFirst(),
      );
    const headBefore = await head();
    await expect(
      inTenant(t.db.kysely, t.tenantId, async (tx) => {
        await recordAudit(tx, t.ctx, t.tenantId, { actor: actor(), action: 'update', note: 'rolled back' });
        await flushAudits(tx, t.ctx);
        throw new Error('the change fails after its entry was appended');
      }),
    ).rejects.toThrow('the change fails');
    expect(await countNow()).toBe(before);
    expect(await head()).toEqual(headBefore);
    expect((await verifyAudit(t.ctx, { tenantId: t.tenantId })).ok).toBe(true);
  });

  it('makes the entries visible inside the transaction once flushed, and appends later ones at commit', async () => {
    const before = await countNow();
    const counts = await inTenant(t.db.kysely, t.tenantId, async (tx) => {
      await recordAudit(tx, t.ctx, t.tenantId, { actor: actor(), action: 'read', note: 'a' });
      await flushAudits(tx, t.ctx);
      const afterFlush = await entryCount(tx);
      await recordAudit(tx, t.ctx, t.tenantId, { actor: actor(), action: 'read', note: 'b' });
      return { afterFlush, beforeCommit: await entryCount(tx) };
    });
    expect(counts).toEqual({ afterFlush: before + 1, beforeCommit: before + 1 });
    expect(await countNow()).toBe(before + 2);
    expect((await verifyAudit(t.ctx, { tenantId: t.tenantId })).ok).toBe(true);
  });

  it('seals values under the key the person had when recorded, even if it is shredded later in the transaction', async () => {
    const kept = randomUUID();
    const shredded = randomUUID();
    await inTenant(t.db.kysely, t.tenantId, async (tx) => {
      for (const id of [kept, shredded]) {
        await createSubjectKey(tx, t.ctx, t.tenantId, id);
        await recordAudit(tx, t.ctx, t.tenantId, {
          actor: actor(),
          action: 'update',
          subject: { type: 'person', id },
          fields: ['notes'],
          values: { new: { notes: `Notiz ${id}` } },
        });
      }
      await shredSubjectKey(tx, t.ctx, shredded);
    });
    const [keptEntry] = await listAudit(t.ctx, t.tenantId, { subjectId: kept, limit: 5 });
    const [shreddedEntry] = await listAudit(t.ctx, t.tenantId, { subjectId: shredded, limit: 5 });
    expect(keptEntry).toMatchObject({
      valuesState: 'available',
      values: { new: { notes: `Notiz ${kept}` } },
    });
    // the entry was sealed (it commits to the values' digest), but the key to open it is gone
    expect(shreddedEntry).toMatchObject({ valuesState: 'erased', values: null });
  });

  it('keeps the chain whole under concurrent writes and reads through the API', async () => {
    const before = await countNow();
    const creates = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        t.call(t.adminToken, {
          method: 'POST',
          url: '/api/v1/persons',
          body: personBody({ lastName: `Parallel${i}` }),
        }),
      ),
    );
    expect(creates.map((r) => r.statusCode)).toEqual(Array(12).fill(201));
    const ids = creates.map((r) => r.json().id as string);
    const reads = await Promise.all(
      ids.map((id) => t.call(t.adminToken, { method: 'GET', url: `/api/v1/persons/${id}` })),
    );
    expect(reads.map((r) => r.statusCode)).toEqual(Array(12).fill(200));
    expect(await countNow()).toBeGreaterThanOrEqual(before + 24);
    expect((await verifyAudit(t.ctx, { tenantId: t.tenantId })).ok).toBe(true);
    for (const id of ids) {
      const entries = await listAudit(t.ctx, t.tenantId, { subjectId: id, limit: 10 });
      expect(entries.map((e) => e.action).sort()).toEqual(['create', 'read']);
      expect(entries.find((e) => e.action === 'create')?.valuesState).toBe('available');
    }
  });
});
