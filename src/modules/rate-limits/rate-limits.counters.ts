import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { deriveKey } from '../../domain/crypto/envelope.ts';
import type { AppContext } from '../../server/context.ts';
import {
  hitRateLimit,
  purgeExpiredRateLimits,
  type RateLimitCount,
  readRateLimit,
} from './rate-limits.repository.ts';

/** A fixed-window counter per key: in this process's memory, or shared by all instances in the database. */
export type RateLimitCounter = {
  /** Counts one hit of `key`; a new window of `windowMs` starts when there is none. */
  hit: (key: string, windowMs: number) => Promise<RateLimitCount>;
  /** The count of `key` as it stands, without counting. */
  read: (key: string) => Promise<RateLimitCount>;
};

/** The key of the keyed hashes, derived from the master key, so every instance computes the same hash. */
export const rateLimitSecret = (masterKey: Buffer): Buffer => deriveKey(masterKey, 'rate-limit-keys');

/**
 * What the database stores for a rate-limit key (a client address, address and e-mail, a cookie's
 * hash): HMAC-SHA256 of the namespace (the route) and the key. Without the master key nobody can test
 * a guessed address against the table.
 */
export const rateLimitKeyHash = ({
  secret,
  namespace,
  key,
}: {
  secret: Buffer;
  namespace: string;
  key: string;
}): string => createHmac('sha256', secret).update(`${namespace}\n`).update(key).digest('hex');

/** Expired counters are deleted by the store itself, at most `limit` rows every `everyMs` per process. */
export const expiredCounterPurge = ({
  db,
  everyMs = 60_000,
  limit = 1000,
  now = Date.now,
}: {
  db: Kysely<DB>;
  everyMs?: number;
  limit?: number;
  now?: () => number;
}) => {
  let last = now();
  return async (): Promise<void> => {
    if (now() - last < everyMs) return;
    last = now();
    await purgeExpiredRateLimits(db, { limit });
  };
};

/** Counters in the `rate_limits` table: one atomic upsert per hit, keyed by the HMAC of the key. */
export const databaseCounter = ({
  db,
  secret,
  namespace,
  purge,
}: {
  db: Kysely<DB>;
  secret: Buffer;
  namespace: string;
  purge: () => Promise<void>;
}): RateLimitCounter => {
  const keyHash = (key: string) => rateLimitKeyHash({ secret, namespace, key });
  return {
    hit: async (key, windowMs) => {
      const count = await hitRateLimit(db, { keyHash: keyHash(key), windowMs });
      await purge();
      return count;
    },
    read: (key) => readRateLimit(db, { keyHash: keyHash(key) }),
  };
};

/** Counters in this process's memory (one instance, or the embedded database); never stored. */
export const memoryCounter = ({
  now = Date.now,
  maxKeys = 10_000,
}: {
  now?: () => number;
  maxKeys?: number;
} = {}): RateLimitCounter => {
  const windows = new Map<string, { hits: number; resetAt: number }>();
  const current = (key: string) => {
    const w = windows.get(key);
    if (w && w.resetAt > now()) return w;
    windows.delete(key);
    return null;
  };
  return {
    hit: async (key, windowMs) => {
      if (windows.size > maxKeys) for (const [k, w] of windows) if (w.resetAt <= now()) windows.delete(k);
      const w = current(key) ?? { hits: 0, resetAt: now() + windowMs };
      w.hits += 1;
      windows.set(key, w);
      return { hits: w.hits, ttlMs: w.resetAt - now() };
    },
    read: async (key) => {
      const w = current(key);
      return w ? { hits: w.hits, ttlMs: w.resetAt - now() } : { hits: 0, ttlMs: 0 };
    },
  };
};

/** A counter of the configured store (CUSTOS_RATE_LIMIT_STORE) for one namespace. */
export const rateLimitCounter = (ctx: AppContext, namespace: string): RateLimitCounter =>
  ctx.config.rateLimitStore === 'database'
    ? databaseCounter({
        db: ctx.db.kysely,
        secret: rateLimitSecret(ctx.masterKey),
        namespace,
        purge: expiredCounterPurge({ db: ctx.db.kysely }),
      })
    : memoryCounter();
