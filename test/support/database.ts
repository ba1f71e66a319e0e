import { randomBytes } from 'node:crypto';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';

export type DatabaseKind = 'pglite' | 'postgres';

/** PGlite always; PostgreSQL as well when TEST_DATABASE_URL points at a server (CI sets it). */
export const testDatabaseKinds = (): DatabaseKind[] =>
  process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

const withDatabase = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

/**
 * A fresh, migrated database for one test file: an in-memory PGlite, or a new database on the
 * PostgreSQL server that `drop()` removes again, so runs never collide or leave debris.
 */
export const createTestDatabase = async (
  kind: DatabaseKind,
): Promise<{ db: Database; drop: () => Promise<void> }> => {
  if (kind === 'pglite') {
    const db = await openDatabase({ dataDir: 'memory://' });
    await migrate({ db });
    return { db, drop: () => db.close() };
  }
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `custos_test_${randomBytes(6).toString('hex')}`;
  const admin = await openDatabase({ url: serverUrl, poolSize: 1 });
  await admin.withRawConnection((exec) => exec(`create database ${name}`));
  const db = await openDatabase({ url: withDatabase(serverUrl, name), poolSize: 5 });
  await migrate({ db });
  return {
    db,
    drop: async () => {
      await db.close();
      await admin.withRawConnection((exec) => exec(`drop database if exists ${name} with (force)`));
      await admin.close();
    },
  };
};
