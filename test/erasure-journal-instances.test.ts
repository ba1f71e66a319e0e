import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Database, openDatabase } from '../src/db/database.ts';
import { asSystem, inTenant } from '../src/db/tenant.ts';
import { restoreBackup, writeBackup } from '../src/modules/backup/backup.service.ts';
import { erasePerson } from '../src/modules/erasure/erasure.service.ts';
import { readJournal } from '../src/modules/erasure/erasure-journal-file.ts';
import type { AppContext } from '../src/server/context.ts';
import { createTestApp, personBody, type TestApp } from './support/app.ts';
import { testDatabaseKinds } from './support/database.ts';
import { createSecondInstance } from './support/instances.ts';

/**
 * Two instances append to one erasure journal directory (CUSTOS_ERASURE_JOURNAL=<dir>/); a restore of
 * a backup taken before both erasures reads the directory as one journal and re-applies both, while
 * an erasure whose transaction was rolled back is not carried out.
 */
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

describe.each(testDatabaseKinds())('erasure journal directory of two instances on %s', (kind) => {
  let a: TestApp;
  let b: Awaited<ReturnType<typeof createSecondInstance>> | undefined;
  let dir: string;
  let restoreDb: Database | undefined;

  beforeAll(async () => {
    a = await createTestApp(kind);
    b = await createSecondInstance(a);
    dir = `${await mkdtemp(path.join(os.tmpdir(), 'custos-journal-dir-'))}/journal/`;
    a.ctx.config.erasureJournalPath = dir;
    b.ctx.config.erasureJournalPath = dir;
  });
  afterAll(async () => {
    await b?.close();
    await restoreDb?.close();
    await a?.close();
    await rm(path.dirname(dir), { recursive: true, force: true });
  });

  /** pg_dump and the restore need this test's own database URL. */
  const databaseUrl = async () => {
    const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(a.db.kysely);
    const url = new URL(process.env.TEST_DATABASE_URL ?? '');
    url.pathname = `/${rows[0]?.name}`;
    return url.toString();
  };
  const create = async (name: string) => {
    const res = await a.call(a.adminToken, {
      method: 'POST',
      url: '/api/v1/persons',
      body: personBody({ lastName: name, email: `${name.toLowerCase()}@example.de` }),
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const eraseOn = (ctx: AppContext, personId: string, fail = false) =>
    inTenant(ctx.db.kysely, a.tenantId, async (tx) => {
      await erasePerson(tx, ctx, { actor: null, tenantId: a.tenantId, personId, requestId: null });
      if (fail) throw new Error('failed after the erasure');
    });

  it('a restore of a backup from before both erasures re-applies both; the rolled-back one is skipped', async () => {
    const onA = await create('Erstens');
    const onB = await create('Zweitens');
    const undone = await create('Bleibt');
    const backupFile = path.join(path.dirname(dir), 'before.sql');
    const dumpCtx: AppContext =
      kind === 'postgres'
        ? { ...a.ctx, config: { ...a.ctx.config, databaseUrl: await databaseUrl() } }
        : a.ctx;
    await writeBackup(dumpCtx, { out: backupFile });

    await eraseOn(a.ctx, onA);
    await eraseOn(b!.ctx, onB);
    await expect(eraseOn(b!.ctx, undone, true)).rejects.toThrow('failed after the erasure');
    const journal = await readJournal(dir);
    expect(journal.map((e) => [e.personId, e.outcome])).toEqual([
      [onA, 'committed'],
      [onB, 'committed'],
      [undone, 'rolledBack'],
    ]);
    expect((await readdir(dir)).filter((f) => f.endsWith('.jsonl')).length).toBeGreaterThanOrEqual(1);

    // the restore: on PostgreSQL every other session must be gone (B stopped, A's pool idle)
    let ctx: AppContext = a.ctx;
    if (kind === 'postgres') {
      await b!.close();
      b = undefined;
      const url = await databaseUrl();
      restoreDb = await openDatabase({ url, poolSize: 1 });
      await restoreDb.withRawConnection((exec) =>
        exec(`select pg_terminate_backend(pid) from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`),
      );
      ctx = { ...a.ctx, db: restoreDb, config: { ...a.ctx.config, databaseUrl: url } };
    }
    const result = await restoreBackup(ctx, { in: backupFile });
    expect(result).toMatchObject({ entries: 3, reapplied: 2, rolledBack: 1, unresolved: [] });

    const persons = await asSystem(ctx.db.kysely, (tx) =>
      tx.selectFrom('persons').select('id').where('id', 'in', [onA, onB, undone]).execute(),
    );
    expect(persons.map((p) => p.id)).toEqual([undone]);
    const erasures = await asSystem(ctx.db.kysely, (tx) =>
      tx.selectFrom('erasures').select('person_id').execute(),
    );
    expect(erasures.map((e) => e.person_id).sort()).toEqual([onA, onB].sort());
    const keys = await asSystem(ctx.db.kysely, (tx) =>
      tx
        .selectFrom('subject_keys')
        .select(['subject_id', 'wrapped_key'])
        .where('subject_id', 'in', [onA, onB, undone])
        .execute(),
    );
    expect(Object.fromEntries(keys.map((k) => [k.subject_id, k.wrapped_key !== null]))).toEqual({
      [onA]: false,
      [onB]: false,
      [undone]: true,
    });
  });
});
