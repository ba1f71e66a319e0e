import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKinds } from '../../test/support/database.ts';
import { isDatabaseUnavailable } from '../server/errors.ts';
import { openDatabase } from './database.ts';

/**
 * A lost PostgreSQL (issue 9, docs/faults.md): the server process must survive it, the request must
 * fail as "database unavailable" (503), and the pool must work again once the database is back.
 */
describe('a lost PostgreSQL connection', () => {
  it('rejects a query to a server that is not there, without crashing', async () => {
    const db = await openDatabase({ url: 'postgres://postgres@127.0.0.1:1/none', poolSize: 1 });
    try {
      const error = await sql`select 1`.execute(db.kysely).then(
        () => null,
        (e: Error) => e,
      );
      expect(error).toBeInstanceOf(Error);
      expect(isDatabaseUnavailable(error as Error)).toBe(true);
    } finally {
      await db.close();
    }
  });

  it.each(testDatabaseKinds().filter((k) => k === 'postgres'))(
    'on %s: a backend terminated inside a transaction fails that transaction only; the next one works',
    async (kind) => {
      const { db, drop } = await createTestDatabase(kind);
      const admin = await openDatabase({ url: process.env.TEST_DATABASE_URL as string, poolSize: 1 });
      try {
        const error = await db.kysely
          .transaction()
          .execute(async (tx) => {
            const pid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(tx)).rows[0]?.pid;
            // as when the cluster stops: the server ends the session between two statements
            await admin.withRawConnection((exec) => exec(`select pg_terminate_backend(${Number(pid)})`));
            await new Promise((r) => setTimeout(r, 200)); // the 57P01 'error' event arrives meanwhile
            await sql`select 1`.execute(tx);
          })
          .then(
            () => null,
            (e: Error) => e,
          );
        expect(error).toBeInstanceOf(Error);
        expect(isDatabaseUnavailable(error as Error)).toBe(true);
        const again = await sql<{ n: number }>`select 1 as n`.execute(db.kysely);
        expect(again.rows[0]?.n).toBe(1);
      } finally {
        await admin.close();
        await drop();
      }
    },
  );
});
