import { asSystem } from '../../db/tenant.ts';
import type { AppContext } from '../../server/context.ts';
import { fillMissingMatchKeys, scanTenant } from './duplicates.service.ts';

const lastDay = new WeakMap<AppContext, string>();
const running = new WeakSet<AppContext>();

/**
 * The daily duplicate scan of every tenant (called by the scheduler every minute; runs once per UTC
 * day and process, beside the other work, never holding it up). Nothing is merged, only suggested.
 */
export const tickDuplicateScans = (ctx: AppContext) => {
  const day = ctx.now().toISOString().slice(0, 10);
  if (running.has(ctx) || lastDay.get(ctx) === day) return;
  running.add(ctx);
  void (async () => {
    const tenants = await asSystem(ctx.db.kysely, (tx) => tx.selectFrom('tenants').select('id').execute());
    for (const t of tenants) await scanTenant(ctx, t.id);
    lastDay.set(ctx, day);
  })()
    .catch((error) => console.error(`duplicate scan: ${(error as Error)?.name ?? 'Error'}`))
    .finally(() => running.delete(ctx));
};

const filling = new WeakSet<AppContext>();
/** Persons per tenant and minute: 2,000 keep each tick short even on PGlite, where it blocks all else. */
const FILL_PER_TICK = 2000;

/**
 * Blocking keys for persons written in bulk (imports), every minute beside the other work, 2,000
 * persons per tenant and tick: a small import has its keys within a minute, 100,000 rows within the hour
 * (the daily scan refreshes every person's keys anyway).
 */
export const tickMatchKeys = (ctx: AppContext) => {
  if (filling.has(ctx)) return;
  filling.add(ctx);
  void (async () => {
    const tenants = await asSystem(ctx.db.kysely, (tx) => tx.selectFrom('tenants').select('id').execute());
    for (const t of tenants) await fillMissingMatchKeys(ctx, t.id, { maxPersons: FILL_PER_TICK });
  })()
    .catch((error) => console.error(`match keys: ${(error as Error)?.name ?? 'Error'}`))
    .finally(() => filling.delete(ctx));
};
