import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { createPglitePool } from './pglite-pool.ts';
import type { DB } from './schema.ts';

type RawExec = (sqlText: string) => Promise<Record<string, unknown>[]>;

/** One interface over the embedded PGlite database and a PostgreSQL server. */
export type Database = {
  kind: 'pglite' | 'postgres';
  kysely: Kysely<DB>;
  /** Runs multi-statement SQL scripts (migrations) on one dedicated connection. */
  withRawConnection: <T>(fn: (exec: RawExec) => Promise<T>) => Promise<T>;
  close: () => Promise<void>;
};

const INT8 = 20;
const DATE = 1082;
const NUMERIC = 1700;

pg.types.setTypeParser(INT8, (v) => Number(v));
pg.types.setTypeParser(DATE, (v) => v);

export type OpenDatabaseOptions =
  /** PostgreSQL server. */
  | { url: string; poolSize?: number }
  /** PGlite with data in this folder; `memory://` for a throwaway in-memory database. */
  | { dataDir: string };

export const openDatabase = async (options: OpenDatabaseOptions): Promise<Database> => {
  if ('url' in options) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    // An idle client losing its server must not crash the process; the next query reports it.
    pool.on('error', () => {});
    const kysely = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return {
      kind: 'postgres',
      kysely,
      withRawConnection: async (fn) => {
        const client = await pool.connect();
        try {
          return await fn(async (text) => (await client.query(text)).rows ?? []);
        } finally {
          client.release();
        }
      },
      close: () => kysely.destroy(),
    };
  }

  if (options.dataDir !== 'memory://') fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const pglite = await PGlite.create({
    dataDir: options.dataDir === 'memory://' ? undefined : options.dataDir,
    extensions: { pg_trgm },
    parsers: { [INT8]: (v: string) => Number(v), [DATE]: (v: string) => v, [NUMERIC]: (v: string) => v },
  });
  const pool = createPglitePool(pglite);
  const kysely = new Kysely<DB>({ dialect: new PostgresDialect({ pool: pool as never }) });
  return {
    kind: 'pglite',
    kysely,
    withRawConnection: async (fn) => {
      const client = await pool.connect();
      try {
        return await fn(async (text) => {
          const results = await pglite.exec(text);
          return (results.at(-1)?.rows ?? []) as Record<string, unknown>[];
        });
      } finally {
        client.release();
      }
    },
    close: async () => {
      await kysely.destroy();
      await pglite.close();
    },
  };
};
