import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from './schema.ts';

export type Tx = Transaction<DB>;

/**
 * Runs `fn` in one transaction as the application role `custos_app` with the tenant set, so that
 * PostgreSQL row-level security confines every statement to that tenant. Everything `fn` writes
 * commits together or not at all.
 */
export const inTenant = <T>(db: Kysely<DB>, tenantId: string, fn: (tx: Tx) => Promise<T>): Promise<T> =>
  db.transaction().execute(async (tx) => {
    // One round trip for both: set_config('role', …, true) is SET LOCAL ROLE.
    await sql`select set_config('role', 'custos_app', true), set_config('app.tenant_id', ${tenantId}, true)`.execute(
      tx,
    );
    return fn(tx);
  });

/**
 * Runs `fn` in one transaction as the owner role, outside any tenant. Only for what precedes a tenant:
 * installation set-up, login, session and token lookup, migrations.
 */
export const asSystem = <T>(db: Kysely<DB>, fn: (tx: Tx) => Promise<T>): Promise<T> =>
  db.transaction().execute(fn);
