import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { pgDump } from '@electric-sql/pglite-tools/pg_dump';
import { loadMigrations, migrate } from '../../db/migrate.ts';
import { AppError } from '../../domain/errors.ts';
import type { AppContext } from '../../server/context.ts';
import { MasterKeyError } from '../../server/master-key.ts';
import { reapplyErasures, type UnresolvedEntry } from '../erasure/erasure-journal.ts';
import { assertMasterKeyMatches, keyCheckOpens } from '../keys/keys.service.ts';

/**
 * A Custos backup is a plain-SQL dump exactly as `pg_dump --inserts --no-owner` writes it (grants to
 * `custos_app` and the row-level security policies included), preceded by a header of SQL comments:
 *
 *   -- Custos backup: plain SQL written by pg_dump; restore with `custos restore --in FILE`
 *   -- format: custos-backup/1
 *   -- custos-version: 0.1.0
 *   -- migration: 9
 *   -- source: pglite | postgres
 *   -- created-at: 2026-05-04T10:00:00.000Z
 *   -- sha256: <hex SHA-256 of every byte after the header>
 *   -- end of header
 *
 * The header lines are comments, so the file stays valid SQL; the checksum lets `custos restore`
 * refuse a damaged or truncated file before it touches the database.
 */
export const BACKUP_FORMAT = 'custos-backup/1';
const FIRST_LINE = '-- Custos backup: plain SQL written by pg_dump; restore with `custos restore --in FILE`';
const HEADER_END = '-- end of header\n';
/** The largest header we look for; anything longer is not ours. */
const MAX_HEADER = 4096;

export type BackupHeader = {
  format: string;
  custosVersion: string;
  migration: number;
  source: 'pglite' | 'postgres';
  createdAt: string;
  sha256: string;
};

const custosVersion = (): string => {
  try {
    const file = path.join(import.meta.dirname, '..', '..', '..', 'package.json');
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
};

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** The migration level the dump carries: the highest version in its schema_migrations rows. */
const migrationOf = (body: string): number => {
  let max = 0;
  for (const m of body.matchAll(/^INSERT INTO public\.schema_migrations VALUES \((\d+),/gm))
    max = Math.max(max, Number(m[1]));
  return max;
};

/** psql's `\restrict` / `\unrestrict` guard lines (pg_dump ≥ 15.14): meta-commands, not SQL. */
const withoutPsqlMetaCommands = (text: string) => text.replace(/^\\(?:un)?restrict\b.*\r?\n?/gm, '');

/**
 * pg_dump over PGlite's one session. pglite-tools ends a dump with `DEALLOCATE ALL`, which would
 * also drop the statements node-postgres keeps prepared on that session (`custos_N`, see
 * database.ts) and break every later query of a running server; so only pg_dump's own statements
 * are deallocated. Runs while holding the connection: no request interleaves with the dump.
 */
const dumpPglite = async (ctx: AppContext): Promise<string> => {
  const pglite = ctx.db.pglite;
  if (!pglite) throw new Error('backup: the embedded database instance is not available');
  const forDump = new Proxy(pglite, {
    get(target, prop) {
      if (prop === 'exec')
        return async (query: string) => {
          if (query.trim().toUpperCase() !== 'DEALLOCATE ALL') return target.exec(query);
          const own = await target.query<{ name: string }>(
            "select name from pg_prepared_statements where name not like 'custos\\_%'",
          );
          for (const { name } of own.rows) await target.exec(`deallocate "${name.replaceAll('"', '""')}"`);
          return [];
        };
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as PGlite;
  return ctx.db.withRawConnection(async (exec) => {
    try {
      const file = await pgDump({ pg: forDump, args: ['--no-owner'] });
      return await file.text();
    } finally {
      // pg_dump leaves its read-only snapshot transaction open and its session settings
      // (row_security = off, search_path = '', …) on the one shared session: undo both.
      await exec('rollback');
      await exec('reset all');
    }
  });
};

/** The `pg_dump` binary against DATABASE_URL (it must be of the server's major version or newer). */
const dumpPostgres = (ctx: AppContext): Promise<string> =>
  new Promise((resolve, reject) => {
    const url = ctx.config.databaseUrl;
    if (!url) return reject(new Error('backup: DATABASE_URL is not set'));
    const child = spawn('pg_dump', ['--inserts', '--no-owner', '--no-password', '--dbname', url], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
    });
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new Error(
              'pg_dump was not found on PATH. Install the PostgreSQL client tools (the major version of the server or newer), e.g. apt-get install postgresql-client.',
            )
          : error,
      ),
    );
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else reject(new Error(`pg_dump failed (exit code ${code}): ${err.trim()}`));
    });
  });

/** Writes `data` to `file` through a temporary file in the same folder and a rename, mode 0600. */
const writeAtomically = (file: string, data: Buffer) => {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = fs.openSync(tmp, 'wx', 0o600);
  try {
    fs.writeSync(fd, data);
    fs.fsyncSync(fd);
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw error;
  }
  fs.closeSync(fd);
  try {
    fs.renameSync(tmp, file);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  }
};

/** `custos backup --out FILE`: a complete plain-SQL dump (pg_dump format) of the database. Owner: backup. */
export const writeBackup = async (
  ctx: AppContext,
  input: { out: string },
): Promise<{ bytes: number; file: string; migration: number; createdAt: string }> => {
  const file = path.resolve(input.out);
  if (!fs.existsSync(path.dirname(file)))
    throw new Error(`backup: the folder ${path.dirname(file)} does not exist`);
  const createdAt = ctx.now().toISOString();
  const dump = withoutPsqlMetaCommands(
    ctx.db.kind === 'pglite' ? await dumpPglite(ctx) : await dumpPostgres(ctx),
  );
  const body = Buffer.from(dump, 'utf8');
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    custosVersion: custosVersion(),
    migration: migrationOf(dump),
    source: ctx.db.kind,
    createdAt,
    sha256: sha256(body),
  };
  const head = Buffer.from(
    [
      FIRST_LINE,
      `-- format: ${header.format}`,
      `-- custos-version: ${header.custosVersion}`,
      `-- migration: ${header.migration}`,
      `-- source: ${header.source}`,
      `-- created-at: ${header.createdAt}`,
      `-- sha256: ${header.sha256}`,
      HEADER_END,
    ].join('\n'),
    'utf8',
  );
  const data = Buffer.concat([head, body]);
  writeAtomically(file, data);
  return { bytes: data.length, file, migration: header.migration, createdAt };
};

const invalid = (reason: string) => new AppError('backup_invalid', { params: { reason } });

/** Reads and checks a backup file: header, format and checksum. Throws `backup_invalid`. */
export const readBackup = (file: string): { header: BackupHeader; body: string } => {
  let data: Buffer;
  try {
    data = fs.readFileSync(path.resolve(file));
  } catch (error) {
    throw invalid(`cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const end = data.subarray(0, MAX_HEADER).indexOf(HEADER_END);
  const headText = end < 0 ? '' : data.subarray(0, end).toString('utf8');
  const lines = headText.split('\n');
  if (lines[0] !== FIRST_LINE) throw invalid('no Custos backup header');
  const fields = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const m = /^-- ([a-z0-9-]+): (.*)$/.exec(line);
    if (m) fields.set(m[1]!, m[2]!);
  }
  if (fields.get('format') !== BACKUP_FORMAT)
    throw invalid(`unknown format ${JSON.stringify(fields.get('format') ?? '')}`);
  const migration = Number(fields.get('migration'));
  const source = fields.get('source');
  const createdAt = fields.get('created-at') ?? '';
  const expected = fields.get('sha256') ?? '';
  if (
    !Number.isInteger(migration) ||
    (source !== 'pglite' && source !== 'postgres') ||
    Number.isNaN(Date.parse(createdAt)) ||
    !/^[0-9a-f]{64}$/.test(expected)
  )
    throw invalid('incomplete header');
  const bodyBytes = data.subarray(end + HEADER_END.length);
  if (sha256(bodyBytes) !== expected) throw invalid('checksum mismatch: the file was changed or truncated');
  return {
    header: {
      format: BACKUP_FORMAT,
      custosVersion: fields.get('custos-version') ?? 'unknown',
      migration,
      source,
      createdAt,
      sha256: expected,
    },
    body: bodyBytes.toString('utf8'),
  };
};

/** As migration 0001: the cluster-wide role exists and the restoring user may SET ROLE to it. */
const ENSURE_APP_ROLE = `
do $$ begin
  if not exists (select from pg_roles where rolname = 'custos_app') then
    create role custos_app nologin;
  end if;
exception when duplicate_object or unique_violation then null;
end $$;
do $$ begin
  if not pg_has_role(current_user, 'custos_app', 'member') then
    execute format('grant custos_app to %I', current_user);
  end if;
end $$;`;

/** A restore refuses while other sessions use the PostgreSQL database (a running Custos server). */
export class DatabaseInUseError extends Error {}

/** The restore committed, but the erasure journal could not be re-applied: the data is not fit to serve. */
export class RestoreIncompleteError extends Error {}

/** `custos restore --in FILE`: restores a dump, then re-applies every erasure of the journal. Owner: backup. */
export const restoreBackup = async (
  ctx: AppContext,
  input: { in: string },
): Promise<{
  reapplied: number;
  entries: number;
  rolledBack: number;
  unresolved: UnresolvedEntry[];
  createdAt: string;
  migration: number;
  migrationsApplied: number[];
}> => {
  const { header, body } = readBackup(input.in);
  const known = Math.max(0, ...loadMigrations().map((m) => m.version));
  if (header.migration > known)
    throw invalid(
      `written by a newer Custos (${header.custosVersion}, migration ${header.migration}; this one knows up to ${known})`,
    );

  // the erasures the database being replaced records: they settle journal lines left without outcome
  const erasedBefore = new Set<string>();
  await ctx.db.withRawConnection(async (exec) => {
    if (ctx.db.kind === 'postgres') {
      // A client that just disconnected stays listed for a moment: look again for up to 5 s.
      let n = 0;
      for (let attempt = 0; attempt < 10; attempt++) {
        const [row] = await exec(`select count(*)::int as n from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`);
        n = Number(row?.n ?? 0);
        if (n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      if (n > 0)
        throw new DatabaseInUseError(
          `${n} other session(s) are connected to this database. Stop every Custos server (and other clients) using it, then run the restore again; nothing was changed.`,
        );
    }
    const [table] = await exec(`select to_regclass('public.erasures') is not null as present`);
    if (table?.present)
      for (const e of await exec('select tenant_id::text as t, person_id::text as p from public.erasures'))
        erasedBefore.add(`${String(e.t)}:${String(e.p)}`);
    await exec('begin');
    try {
      await exec(ENSURE_APP_ROLE);
      // Everything a dump creates lives in the public schema (tables, functions, policies, and the
      // pg_trgm extension): dropping it leaves nothing of the current data behind.
      await exec('drop schema if exists public cascade; create schema public;');
      try {
        await exec(body);
      } catch (error) {
        throw invalid(`the dump does not run on this database: ${(error as Error).message}`);
      }
      const tenants = await exec('select id, key_check, master_key_id from public.tenants');
      const wrong = tenants.find(
        (t) =>
          !keyCheckOpens(ctx, {
            id: String(t.id),
            key_check: (t.key_check as string | null) ?? null,
            master_key_id: (t.master_key_id as string | null) ?? null,
          }),
      );
      if (wrong)
        throw new MasterKeyError(
          `The master key does not match the backup (it expects id ${String(wrong.master_key_id)}). Set CUSTOS_MASTER_KEY or put the master.key of the backed-up installation into the data folder; nothing was changed.`,
        );
      await exec('commit');
    } catch (error) {
      await exec('rollback');
      throw error;
    } finally {
      // The dump sets session settings (search_path = '', row_security = off, …): not for later queries.
      await exec('reset all');
    }
  });

  const migrationsApplied = await migrate({ db: ctx.db });
  await assertMasterKeyMatches(ctx);
  let result: Awaited<ReturnType<typeof reapplyErasures>>;
  try {
    result = await reapplyErasures(ctx, { erasedBefore });
  } catch (error) {
    throw new RestoreIncompleteError(
      `The backup was restored, but re-applying the erasure journal (${ctx.config.erasureJournalPath}) failed: ${(error as Error).message}. ` +
        'Do not start the server on this data: fix the cause and run the restore again.',
    );
  }
  return {
    ...result,
    createdAt: header.createdAt,
    migration: header.migration,
    migrationsApplied,
  };
};
