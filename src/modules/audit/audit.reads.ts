import { inTenant, type Tx } from '../../db/tenant.ts';
import type { AppContext } from '../../server/context.ts';
import { type AuditRecord, recordAudits } from './audit.service.ts';

type Waiting = { record: AuditRecord; resolve: () => void; reject: (error: unknown) => void };
type Queue = { waiting: Waiting[]; running: boolean };

const queues = new WeakMap<AppContext, Map<string, Queue>>();
const MAX_BATCH = 500;

const appendAll = async (ctx: AppContext, tenantId: string, queue: Queue) => {
  queue.running = true;
  try {
    while (queue.waiting.length > 0) {
      let batch: Waiting[] = [];
      try {
        await inTenant(ctx.db.kysely, tenantId, (tx) => {
          // taken once the connection is ours: every read that finished while we waited for it joins
          batch = queue.waiting.splice(0, MAX_BATCH);
          return recordAudits(
            tx,
            ctx,
            tenantId,
            batch.map((w) => w.record),
          );
        });
        for (const w of batch) w.resolve();
      } catch (error) {
        // no connection at all: fail everyone waiting rather than retry forever
        if (batch.length === 0) batch = queue.waiting.splice(0);
        for (const w of batch) w.reject(error);
      }
    }
  } finally {
    queue.running = false;
  }
};

/**
 * Appends an entry in a transaction of its own and resolves once it is committed. Entries that arrive
 * while the tenant's previous append is committing share the next transaction (group commit).
 */
const appendShared = (ctx: AppContext, tenantId: string, record: AuditRecord) =>
  new Promise<void>((resolve, reject) => {
    const byTenant = queues.get(ctx) ?? new Map<string, Queue>();
    queues.set(ctx, byTenant);
    const queue = byTenant.get(tenantId) ?? { waiting: [], running: false };
    byTenant.set(tenantId, queue);
    queue.waiting.push({ record, resolve, reject });
    if (!queue.running) {
      // one turn of the event loop first: reads whose results are already in flight join this batch
      queue.running = true;
      setImmediate(() => void appendAll(ctx, tenantId, queue));
    }
  });

/**
 * Runs a read in the tenant's transaction and records it in the audit trail; the result is returned
 * only once the entry is committed, and a failed append fails the read.
 *
 * Every append holds the chain head's row lock until it commits, so appending in each reader's
 * transaction would let concurrent reads through one at a time (PostgreSQL) or add an append per read
 * to the single connection (PGlite). Reads are therefore appended right after their transaction, and
 * those that finish while an append is committing share the next one (group commit).
 */
export const readAudited = async <T>(
  ctx: AppContext,
  tenantId: string,
  read: (tx: Tx) => Promise<T>,
  recordOf: (result: T) => AuditRecord,
): Promise<T> => {
  const result = await inTenant(ctx.db.kysely, tenantId, read);
  if (!ctx.config.benchBaseline) await appendShared(ctx, tenantId, recordOf(result));
  return result;
};
