import fs from 'node:fs';
import path from 'node:path';
import type { Database } from './database.ts';

const MIGRATIONS_DIR = path.join(import.meta.dirname, 'migrations');
const LOCK_KEY = 74_657_301;

export type Migration = { version: number; name: string; sql: string };

/** Numbered, forward-only SQL migrations: `0001_name.sql`, applied in order, each in its own transaction. */
export const loadMigrations = (dir = MIGRATIONS_DIR): Migration[] =>
  fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 4)),
      name: file.slice(5, -4),
      sql: fs.readFileSync(path.join(dir, file), 'utf8'),
    }));

/**
 * Applies every migration not yet recorded in schema_migrations. Concurrent starts wait on an advisory
 * lock, so exactly one process migrates. Returns the versions it applied.
 */
export const migrate = async ({
  db,
  migrations = loadMigrations(),
}: {
  db: Database;
  migrations?: Migration[];
}) =>
  db.withRawConnection(async (exec) => {
    await exec(`select pg_advisory_lock(${LOCK_KEY})`);
    try {
      await exec(`create table if not exists schema_migrations (
        version integer primary key, name text not null, applied_at timestamptz not null default now())`);
      const rows = await exec('select version from schema_migrations');
      const applied = new Set(rows.map((r) => Number(r.version)));
      const done: number[] = [];
      for (const m of migrations) {
        if (applied.has(m.version)) continue;
        try {
          await exec('begin');
          await exec(m.sql);
          await exec(`insert into schema_migrations (version, name) values (${m.version}, '${m.name}')`);
          await exec('commit');
        } catch (error) {
          await exec('rollback');
          throw new Error(`migration ${m.version}_${m.name} failed: ${(error as Error).message}`, {
            cause: error,
          });
        }
        done.push(m.version);
      }
      return done;
    } finally {
      await exec(`select pg_advisory_unlock(${LOCK_KEY})`);
    }
  });
