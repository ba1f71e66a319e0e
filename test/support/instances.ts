import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { loadConfig } from '../../src/config.ts';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import type { TestApp } from './app.ts';

/**
 * A second server instance beside `createTestApp`'s: its own Fastify app, context and data folder,
 * the same database, master key and rate-limit store — what a second process behind a load balancer has. On
 * PostgreSQL it opens a pool of its own on the same database; PGlite is one database in one
 * process, so there the second app shares the first one's `Database`.
 */
export const createSecondInstance = async (t: TestApp, options: { now?: () => Date } = {}) => {
  let db: Database = t.db;
  let ownDb = false;
  if (t.db.kind === 'postgres') {
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set');
    const [row] = await t.db.withRawConnection((exec) => exec('select current_database() as name'));
    const url = new URL(serverUrl);
    url.pathname = `/${String(row?.name)}`;
    db = await openDatabase({ url: url.toString(), poolSize: 5 });
    ownDb = true;
  }
  const config = loadConfig({
    CUSTOS_DATA_DIR: path.join(os.tmpdir(), `custos-test-${randomBytes(4).toString('hex')}`),
    CUSTOS_PUBLIC_URL: t.ctx.config.publicUrl,
    CUSTOS_SCHEDULER: '0',
    CUSTOS_RATE_LIMIT_STORE: t.ctx.config.rateLimitStore,
  });
  const ctx: AppContext = { db, config, masterKey: t.ctx.masterKey, now: options.now ?? t.ctx.now };
  const app: FastifyInstance = await buildApp({ ctx, logger: false });
  const call = (token: string | null, o: InjectOptions & { body?: unknown }) =>
    app.inject({
      ...o,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...o.headers },
      ...(o.body !== undefined ? { payload: o.body as never } : {}),
    });
  return {
    app,
    ctx,
    db,
    call,
    /** Close before the first instance's `close()`, which drops the database. */
    close: async () => {
      await app.close();
      if (ownDb) await db.close();
    },
  };
};
