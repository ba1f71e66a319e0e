import { sql } from 'kysely';
import type { Database } from '../../src/db/database.ts';
import { asSystem, type Tx } from '../../src/db/tenant.ts';

/**
 * Tables left out of a data snapshot: what a refused request may legitimately write (sessions, the
 * audit trail, which may record the refused attempt) or touch in passing (token use).
 */
const VOLATILE_TABLES = new Set(['sessions', 'audit_log', 'audit_heads']);
const VOLATILE_COLUMNS = new Set(['last_used_at', 'last_seen_at']);

/** Every tenant table (a `tenant_id` column, found in the catalogue) except the volatile ones. */
const snapshotTables = async (tx: Tx) =>
  (
    await sql<{ table_name: string }>`
      select table_name from information_schema.columns
      where table_schema = current_schema() and column_name = 'tenant_id'
      order by table_name`.execute(tx)
  ).rows
    .map((r) => r.table_name)
    .filter((name) => !VOLATILE_TABLES.has(name));

/**
 * Every row of every tenant table (all tables with a `tenant_id` column, found in the catalogue so
 * tables added later are included), read as the owner across all tenants. Two equal snapshots mean a
 * request changed nothing.
 */
export const snapshotData = async (db: Database): Promise<Record<string, unknown[]>> =>
  asSystem(db.kysely, async (tx) => {
    const tables = await snapshotTables(tx);
    if (tables.length === 0) return {};
    const parts = tables.map(
      (name) =>
        sql`select ${sql.lit(name)}::text as name, (select coalesce(json_agg(t order by t::text), '[]'::json) from ${sql.table(name)} t) as data`,
    );
    const { rows } = await sql<{
      name: string;
      data: Record<string, unknown>[];
    }>`${sql.join(parts, sql` union all `)}`.execute(tx);
    const data = Object.fromEntries(rows.map((r) => [r.name, r.data]));
    return Object.fromEntries(
      Object.entries(data).map(([table, list]) => [
        table,
        list.map((row) => Object.fromEntries(Object.entries(row).filter(([c]) => !VOLATILE_COLUMNS.has(c)))),
      ]),
    );
  });

/**
 * A digest per tenant table of the same rows `snapshotData` reads (volatile tables and columns left
 * out), computed in the database: two equal digests mean a request changed nothing, without carrying
 * every row into the test. Used where a run compares hundreds of times (the authorization matrix).
 */
export const snapshotDigest = async (db: Database): Promise<Record<string, string>> =>
  asSystem(db.kysely, async (tx) => {
    const tables = await snapshotTables(tx);
    if (tables.length === 0) return {};
    const dropped = sql.join(
      [...VOLATILE_COLUMNS].map((c) => sql`- ${sql.lit(c)}`),
      sql` `,
    );
    const parts = tables.map(
      (name) =>
        sql`select ${sql.lit(name)}::text as name,
          (select md5(coalesce(string_agg(r, E'\n' order by r), '')) || ':' || count(*)
             from (select (to_jsonb(t) ${dropped})::text as r from ${sql.table(name)} t) s) as digest`,
    );
    const { rows } = await sql<{
      name: string;
      digest: string;
    }>`${sql.join(parts, sql` union all `)}`.execute(tx);
    return Object.fromEntries(rows.map((r) => [r.name, r.digest]));
  });
