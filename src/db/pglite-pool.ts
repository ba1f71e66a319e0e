import type { PGlite } from '@electric-sql/pglite';

type QueryResult = { command: string; rowCount: number; rows: unknown[] };
type PooledClient = {
  query: (sql: string, params?: readonly unknown[]) => Promise<QueryResult>;
  release: () => void;
};

/**
 * Presents one PGlite instance as a `pg.Pool` to Kysely's PostgresDialect.
 * PGlite has a single connection, so a client is handed out to one caller at a time: a transaction
 * holds it from BEGIN to COMMIT and nobody else's statements can interleave.
 */
export const createPglitePool = (pglite: PGlite) => {
  let tail: Promise<void> = Promise.resolve();

  const connect = async (): Promise<PooledClient> => {
    let release!: () => void;
    const turn = new Promise<void>((resolve) => {
      release = resolve;
    });
    const previous = tail;
    tail = previous.then(() => turn);
    await previous;
    let released = false;
    return {
      query: async (sql, params) => {
        const result = await pglite.query(sql, params as unknown[] | undefined);
        const command = sql.trimStart().split(/\s/, 1)[0]?.toUpperCase() ?? '';
        return { command, rowCount: result.affectedRows ?? result.rows.length, rows: result.rows };
      },
      release: () => {
        if (released) return;
        released = true;
        release();
      },
    };
  };

  return { connect, end: async () => {} };
};
