import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from './schema.ts';

export type Tx = Transaction<DB>;

type CommitHook = () => Promise<void>;
const commitHooks = new WeakMap<Tx, Map<string, CommitHook>>();

/**
 * Registers work to run at the end of the transaction, after the caller's function and right before
 * the commit, once per `key` (a later registration under the same key is ignored). Returns false when
 * the transaction was not opened by `inTenant`/`asSystem`, so the caller does the work at once.
 */
export const beforeCommit = (tx: Tx, key: string, hook: CommitHook): boolean => {
  const hooks = commitHooks.get(tx);
  if (!hooks) return false;
  if (!hooks.has(key)) hooks.set(key, hook);
  return true;
};

/** Runs the registered hooks (hooks may register more) and then returns the function's result. */
const withCommitHooks =
  <T>(fn: (tx: Tx) => Promise<T>) =>
  async (tx: Tx): Promise<T> => {
    const hooks = new Map<string, CommitHook>();
    commitHooks.set(tx, hooks);
    const result = await fn(tx);
    while (hooks.size > 0) {
      const [key, hook] = hooks.entries().next().value as [string, CommitHook];
      hooks.delete(key);
      await hook();
    }
    commitHooks.delete(tx);
    return result;
  };

/** How a transaction ended: `unknown` when the connection broke during COMMIT. */
export type TxOutcome = 'committed' | 'rolledBack' | 'unknown';
type OutcomeHook = (outcome: TxOutcome) => Promise<void>;
const outcomeHooks = new WeakMap<Tx, OutcomeHook[]>();

/**
 * Registers work to run once the transaction has ended, with its outcome (the erasure journal's
 * outcome line). Returns false when the transaction was not opened by `inTenant`/`asSystem`. A hook's
 * own failure is swallowed: the transaction's result stands.
 */
export const afterTransaction = (tx: Tx, hook: OutcomeHook): boolean => {
  const hooks = outcomeHooks.get(tx);
  if (!hooks) return false;
  hooks.push(hook);
  return true;
};

/** An error of the COMMIT itself: rolled back if the server answered it, unknown if the connection went. */
const commitOutcome = (error: unknown): TxOutcome => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && !/^(08|57P)/.test(code)
    ? 'rolledBack'
    : 'unknown';
};

const withOutcomeHooks = async <T>(db: Kysely<DB>, fn: (tx: Tx) => Promise<T>): Promise<T> => {
  const hooks: OutcomeHook[] = [];
  let bodyDone = false;
  const settle = async (outcome: TxOutcome) => {
    for (const hook of hooks) await hook(outcome).catch(() => {});
  };
  try {
    const result = await db.transaction().execute(async (tx) => {
      outcomeHooks.set(tx, hooks);
      const r = await fn(tx);
      bodyDone = true;
      return r;
    });
    await settle('committed');
    return result;
  } catch (error) {
    await settle(bodyDone ? commitOutcome(error) : 'rolledBack');
    throw error;
  }
};

/**
 * Runs `fn` in one transaction as the application role `custos_app` with the tenant set, so that
 * PostgreSQL row-level security confines every statement to that tenant. Everything `fn` writes
 * commits together or not at all.
 */
export const inTenant = <T>(db: Kysely<DB>, tenantId: string, fn: (tx: Tx) => Promise<T>): Promise<T> =>
  withOutcomeHooks(
    db,
    withCommitHooks(async (tx) => {
      // One round trip for both: set_config('role', …, true) is SET LOCAL ROLE.
      await sql`select set_config('role', 'custos_app', true), set_config('app.tenant_id', ${tenantId}, true)`.execute(
        tx,
      );
      return fn(tx);
    }),
  );

/**
 * Runs `fn` in one transaction as the owner role, outside any tenant. Only for what precedes a tenant:
 * installation set-up, login, session and token lookup, migrations.
 */
export const asSystem = <T>(db: Kysely<DB>, fn: (tx: Tx) => Promise<T>): Promise<T> =>
  withOutcomeHooks(db, withCommitHooks(fn));
