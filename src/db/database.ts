import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';

type RawExec = (sqlText: string) => Promise<Record<string, unknown>[]>;

/** One interface over the embedded PGlite database and a PostgreSQL server. */
export type Database = {
  kind: 'pglite' | 'postgres';
  kysely: Kysely<DB>;
  /** Runs multi-statement SQL scripts (migrations) on one dedicated connection. */
  withRawConnection: <T>(fn: (exec: RawExec) => Promise<T>) => Promise<T>;
  close: () => Promise<void>;
  /** The embedded instance (PGlite only), for tools that speak to it directly (`custos backup`). */
  pglite?: PGlite;
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

/** Distinct statements a process keeps prepared (per connection); further ones run unprepared. */
const MAX_PREPARED = 500;

/**
 * Statements with parameters run as named prepared statements from their second execution on, so
 * that each connection parses and plans them once instead of on every request: planning was most of
 * the database's work for a request. Statements without parameters (BEGIN, COMMIT, migrations) and
 * those beyond MAX_PREPARED distinct texts run as before. PostgreSQL re-plans a prepared statement
 * when a table it uses changes or the role it ran as differs (row-level security).
 */
const prepareRepeatedStatements = (pool: pg.Pool) => {
  const seen = new Set<string>();
  const names = new Map<string, string>();
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    Object.assign(client, {
      query: (text: unknown, values?: unknown, ...rest: unknown[]) => {
        if (typeof text === 'string' && Array.isArray(values) && values.length > 0 && rest.length === 0) {
          let name = names.get(text);
          if (!name && names.size < MAX_PREPARED) {
            if (seen.has(text)) {
              name = `custos_${names.size + 1}`;
              names.set(text, name);
            } else if (seen.size < 10 * MAX_PREPARED) seen.add(text);
          }
          if (name) return query({ name, text, values });
        }
        return query(text, values, ...rest);
      },
    });
  });
  return pool;
};

export const openDatabase = async (options: OpenDatabaseOptions): Promise<Database> => {
  if ('url' in options) {
    const pool = prepareRepeatedStatements(
      new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 }),
    );
    // An idle client losing its server must not crash the process; the next query reports it.
    pool.on('error', () => {});
    // Nor a checked-out one (inside a transaction, between its statements): pg-pool listens only to
    // idle clients, and an 'error' event nobody listens to ends the process (PostgreSQL stopped:
    // 57P01 terminating connection due to administrator command). The pending or next query rejects.
    pool.on('connect', (client) => {
      client.on('error', () => {});
    });
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
      close: async () => {
        await kysely.destroy();
        // Kysely ends the pool only once it ran a query itself; raw connections alone leave it open.
        if (!pool.ended) await pool.end();
      },
    };
  }

  if (options.dataDir !== 'memory://') fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const pglite = await PGlite.create({
    dataDir: options.dataDir === 'memory://' ? undefined : options.dataDir,
    extensions: { pg_trgm },
    parsers: { [INT8]: (v: string) => Number(v), [DATE]: (v: string) => v, [NUMERIC]: (v: string) => v },
  });
  // node-postgres over PGlite's single connection (its own adapter): one client at a time, so a
  // transaction holds it from BEGIN to COMMIT and nobody else's statements interleave.
  const pool = prepareRepeatedStatements(
    new pg.Pool({ ...createPgConfig(pglite), max: 1, idleTimeoutMillis: 0 } as pg.PoolConfig),
  );
  const kysely = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: 'pglite',
    kysely,
    pglite,
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
