import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AppContext } from '../../server/context.ts';
import {
  databaseCounter,
  expiredCounterPurge,
  type RateLimitCounter,
  rateLimitSecret,
} from './rate-limits.counters.ts';
import type { RateLimitCount } from './rate-limits.repository.ts';

/** What @fastify/rate-limit hands a store: its options, merged with a route's (`child`). */
type StoreOptions = {
  routeInfo?: { method?: string | string[]; url?: string };
  continueExceeding?: boolean;
  exponentialBackoff?: boolean;
};

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** The plugin's callback style over a counter's promise. */
const settle = (count: Promise<RateLimitCount>, callback: Callback) => {
  count.then(
    ({ hits, ttlMs }) => callback(null, { current: hits, ttl: ttlMs }),
    (error: Error) => callback(error),
  );
};

/**
 * A custom store for @fastify/rate-limit (its README, "Custom store"): the counters live in the
 * `rate_limits` table, so every instance on one database counts the same hits. Each route counts in
 * a namespace of its own (method and URL pattern), as the plugin's in-memory store keeps one cache per
 * route. Fixed windows only: `continueExceeding` and `exponentialBackoff` are refused. A database
 * error fails the request (`skipOnError` stays off): an unreachable database answers 503
 * `service_unavailable` (src/server/errors.ts), it does not lift the limit.
 */
export const databaseRateLimitStore = ({
  db,
  secret,
}: {
  db: Kysely<DB>;
  secret: Buffer;
}): FastifyRateLimitStoreCtor => {
  const purge = expiredCounterPurge({ db });
  class DatabaseRateLimitStore implements FastifyRateLimitStore {
    private readonly counter: RateLimitCounter;

    constructor(options: StoreOptions) {
      if (options.continueExceeding || options.exponentialBackoff)
        throw new Error('the database rate-limit store counts fixed windows only');
      const method = [options.routeInfo?.method ?? ''].flat().join(',');
      const namespace = `${method} ${options.routeInfo?.url ?? ''}`;
      this.counter = databaseCounter({ db, secret, namespace, purge });
    }

    incr(key: string, callback: Callback, timeWindow: number) {
      settle(this.counter.hit(key, timeWindow), callback);
    }

    /** The non-mutating peek of `createRateLimit(...)(request, { increment: false })`. */
    read(key: string, callback: Callback) {
      settle(this.counter.read(key), callback);
    }

    child(routeOptions: object) {
      return new DatabaseRateLimitStore(routeOptions as StoreOptions);
    }
  }
  return DatabaseRateLimitStore as unknown as FastifyRateLimitStoreCtor;
};

/** The store option for the plugin: the database store when configured, else the plugin's in-memory one. */
export const rateLimitStoreOption = (ctx: AppContext): { store?: FastifyRateLimitStoreCtor } =>
  ctx.config.rateLimitStore === 'database'
    ? { store: databaseRateLimitStore({ db: ctx.db.kysely, secret: rateLimitSecret(ctx.masterKey) }) }
    : {};
