import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** One counter: the hits of its current window and the milliseconds until the window ends. */
export type RateLimitCount = { hits: number; ttlMs: number };

/** The database's clock decides the windows, so that instances with drifting clocks agree. */
const NOW = sql<Date>`statement_timestamp()`;
const TTL_MS = sql<number>`greatest(0, ceil(extract(epoch from expires_at - statement_timestamp()) * 1000))::float8`;

/**
 * Counts one hit in one atomic statement: a new key or an expired window starts at 1 with a fresh
 * window, otherwise the count goes up and the window stays. Runs as the owner role, outside any
 * tenant (the table is global, custos_app has no grant).
 */
export const hitRateLimit = async (
  db: Kysely<DB>,
  { keyHash, windowMs }: { keyHash: string; windowMs: number },
): Promise<RateLimitCount> => {
  const row = await db
    .insertInto('rate_limits')
    .values({
      key_hash: keyHash,
      hits: 1,
      expires_at: sql<Date>`${NOW} + ${windowMs}::float8 * interval '1 millisecond'`,
    })
    .onConflict((oc) =>
      oc.column('key_hash').doUpdateSet({
        hits: sql<number>`case when rate_limits.expires_at <= ${NOW} then 1 else rate_limits.hits + 1 end`,
        expires_at: sql<Date>`case when rate_limits.expires_at <= ${NOW} then excluded.expires_at
          else rate_limits.expires_at end`,
      }),
    )
    .returning(['hits', TTL_MS.as('ttl_ms')])
    .executeTakeFirstOrThrow();
  return { hits: row.hits, ttlMs: Number(row.ttl_ms) };
};

/** The counter as it stands, without counting; an unknown key or an expired window reads as 0 hits. */
export const readRateLimit = async (
  db: Kysely<DB>,
  { keyHash }: { keyHash: string },
): Promise<RateLimitCount> => {
  const row = await db
    .selectFrom('rate_limits')
    .select(['hits', TTL_MS.as('ttl_ms')])
    .where('key_hash', '=', keyHash)
    .where('expires_at', '>', NOW)
    .executeTakeFirst();
  return row ? { hits: row.hits, ttlMs: Number(row.ttl_ms) } : { hits: 0, ttlMs: 0 };
};

/**
 * Deletes at most `limit` counters whose window has ended. The outer condition is checked again on
 * each row, so a counter that a concurrent hit has just restarted stays.
 */
export const purgeExpiredRateLimits = async (
  db: Kysely<DB>,
  { limit }: { limit: number },
): Promise<number> => {
  const result = await db
    .deleteFrom('rate_limits')
    .where('expires_at', '<=', NOW)
    .where('key_hash', 'in', (eb) =>
      eb.selectFrom('rate_limits').select('key_hash').where('expires_at', '<=', NOW).limit(limit),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
};
