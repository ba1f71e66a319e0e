/**
 * The database a benchmark runs on: PGlite in memory, or a fresh PostgreSQL database created on the
 * server at `postgresUrl` and dropped (with force) by `drop()`. Shared by the in-process benches.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/database.ts';

export type BenchDatabaseKind = 'pglite' | 'postgres';

export const withDatabaseName = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

export const openBenchDatabase = async (options: { kind: BenchDatabaseKind; postgresUrl: string }) => {
  if (options.kind === 'pglite') {
    const db = await openDatabase({ dataDir: 'memory://' });
    return { db, label: 'PGlite (in memory)', drop: () => db.close() };
  }
  const name = `custos_bench_${randomBytes(5).toString('hex')}`;
  const admin = await openDatabase({ url: options.postgresUrl, poolSize: 1 });
  await admin.withRawConnection((exec) => exec(`create database ${name}`));
  const db = await openDatabase({ url: withDatabaseName(options.postgresUrl, name), poolSize: 5 });
  const version = (await sql<{ v: string }>`select current_setting('server_version') as v`.execute(db.kysely))
    .rows[0]?.v;
  return {
    db,
    label: `PostgreSQL ${version}`,
    drop: async () => {
      await db.close();
      await admin.withRawConnection((exec) => exec(`drop database if exists ${name} with (force)`));
      await admin.close();
    },
  };
};
