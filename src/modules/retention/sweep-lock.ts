import { createHash } from 'node:crypto';
import type { Database } from '../../db/database.ts';
import { AppError } from '../../domain/errors.ts';

/**
 * One retention sweep per tenant at a time. On PostgreSQL a session-level advisory lock on a
 * connection of its own, held for the whole sweep: every instance of the server (and the CLI) asks
 * the same lock, and it goes away with the connection when a process dies, so a killed sweep never
 * blocks the next one. PGlite is one database in one process: a mutex in the process does the same.
 * A second sweep while one runs is refused (409 retention_sweep_running), never queued.
 */

/** The advisory lock's first key: the sweep's own name space ('RS' + 'wp'). */
const LOCK_CLASS = 0x5253_7770 | 0;

/** The tenant's advisory lock key: 32 bits of its id's hash (a collision only serialises two tenants). */
export const lockKeyOf = (tenantId: string): number =>
  createHash('sha256').update(tenantId).digest().readInt32BE(0);

const held = new WeakMap<Database, Set<string>>();

const inProcess = async <T>(db: Database, tenantId: string, fn: () => Promise<T>): Promise<T> => {
  let tenants = held.get(db);
  if (!tenants) {
    tenants = new Set();
    held.set(db, tenants);
  }
  if (tenants.has(tenantId)) throw new AppError('retention_sweep_running');
  tenants.add(tenantId);
  try {
    return await fn();
  } finally {
    tenants.delete(tenantId);
  }
};

/** Runs `fn` holding the tenant's sweep lock; 409 retention_sweep_running when another holds it. */
export const withSweepLock = <T>(db: Database, tenantId: string, fn: () => Promise<T>): Promise<T> =>
  // the in-process mutex also spares a second pooled connection for a sweep this process already runs
  inProcess(db, tenantId, async () => {
    if (db.kind !== 'postgres') return fn();
    const key = lockKeyOf(tenantId);
    return db.withRawConnection(async (exec) => {
      const [row] = await exec(`select pg_try_advisory_lock(${LOCK_CLASS}, ${key}) as ok`);
      if (row?.ok !== true) throw new AppError('retention_sweep_running');
      try {
        return await fn();
      } finally {
        await exec(`select pg_advisory_unlock(${LOCK_CLASS}, ${key})`).catch(() => {});
      }
    });
  });
