import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../../test/support/database.ts';
import { type Database, openDatabase } from './database.ts';
import { loadMigrations, type Migration, migrate } from './migrate.ts';

type Kind = 'pglite' | 'postgres';

/**
 * A fresh, NOT yet migrated database: in-memory PGlite, or a new database on the TEST_DATABASE_URL
 * server that `drop()` removes again (as test/support/database.ts does, minus the migration).
 */
const freshDatabase = async (kind: Kind): Promise<{ db: Database; drop: () => Promise<void> }> => {
  if (kind === 'pglite') {
    const db = await openDatabase({ dataDir: 'memory://' });
    return { db, drop: () => db.close() };
  }
  const serverUrl = process.env.TEST_DATABASE_URL as string;
  const name = `custos_migrate_test_${randomBytes(6).toString('hex')}`;
  const admin = await openDatabase({ url: serverUrl, poolSize: 1 });
  await admin.withRawConnection((exec) => exec(`create database ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString(), poolSize: 3 });
  return {
    db,
    drop: async () => {
      await db.close();
      await admin.withRawConnection((exec) => exec(`drop database if exists ${name} with (force)`));
      await admin.close();
    },
  };
};

const withFreshDatabase = async (kind: Kind, fn: (db: Database) => Promise<void>) => {
  const { db, drop } = await freshDatabase(kind);
  try {
    await fn(db);
  } finally {
    await drop();
  }
};

const query = (db: Database, sqlText: string) => db.withRawConnection((exec) => exec(sqlText));

const recordedVersions = async (db: Database) =>
  (await query(db, 'select version from schema_migrations order by version')).map((r) => Number(r.version));

const tableExists = async (db: Database, table: string) =>
  (await query(db, `select to_regclass('public.${table}') is not null as found`))[0]?.found === true;

const columnExists = async (db: Database, table: string, column: string) =>
  (
    await query(
      db,
      `select count(*)::int as n from information_schema.columns
       where table_schema = 'public' and table_name = '${table}' and column_name = '${column}'`,
    )
  )[0]?.n === 1;

type TableIsolation = {
  table: string;
  hasTenantId: boolean;
  tenantIdNotNull: boolean;
  rls: boolean;
  tenantPolicy: boolean;
};

/**
 * Global bookkeeping without a tenant, written only by the owner role (the reasons are in
 * test/tenant-schema.test.ts, GLOBAL_TABLES): migrations, and the shared rate-limit counters.
 */
const GLOBAL_TABLES = ['rate_limits', 'schema_migrations'];

/**
 * Tenant isolation of every table in the public schema except the global ones: a `tenant_id`
 * column (not null), row-level security enabled, and a policy for all commands that compares
 * tenant_id with app_tenant() both for reading (USING) and writing (WITH CHECK).
 */
const tenantIsolation = async (db: Database): Promise<TableIsolation[]> =>
  (
    await query(
      db,
      `select c.relname as table,
         a.attname is not null as has_tenant_id,
         coalesce(a.attnotnull, false) as tenant_id_not_null,
         c.relrowsecurity as rls,
         exists (
           select 1 from pg_policies p
           where p.schemaname = 'public' and p.tablename = c.relname and p.cmd = 'ALL'
             and p.permissive = 'PERMISSIVE'
             and replace(p.qual, ' ', '') like '%tenant_id=app_tenant()%'
             and replace(p.with_check, ' ', '') like '%tenant_id=app_tenant()%'
         ) as tenant_policy
       from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
       left join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
       where n.nspname = 'public' and c.relkind in ('r', 'p')
         and c.relname <> all (array[${GLOBAL_TABLES.map((t) => `'${t}'`).join(', ')}])
       order by c.relname`,
    )
  ).map((r) => ({
    table: String(r.table),
    hasTenantId: r.has_tenant_id === true,
    tenantIdNotNull: r.tenant_id_not_null === true,
    rls: r.rls === true,
    tenantPolicy: r.tenant_policy === true,
  }));

/** The tables that break tenant isolation, with what is missing. */
const isolationGaps = (tables: TableIsolation[]) =>
  tables
    .filter((t) => !(t.hasTenantId && t.tenantIdNotNull && t.rls && t.tenantPolicy))
    .map(({ table, ...facts }) => ({ table, ...facts }));

const ALL_VERSIONS = loadMigrations().map((m) => m.version);
/** Each test creates and migrates a fresh database: generous on a busy 2-core machine. */
const SLOW = 120_000;

describe('loadMigrations', () => {
  it('reads numbered migrations with unique, increasing versions from 1 on', () => {
    const migrations = loadMigrations();
    expect(migrations.length).toBeGreaterThan(0);
    expect(migrations[0]?.version).toBe(1);
    for (const [i, m] of migrations.entries()) {
      expect(m.name).toMatch(/^[a-z0-9_]+$/);
      expect(m.sql.trim().length).toBeGreaterThan(0);
      if (i > 0) expect(m.version).toBeGreaterThan(migrations[i - 1]?.version ?? 0);
    }
    expect(new Set(ALL_VERSIONS).size).toBe(ALL_VERSIONS.length);
  });
});

describe.each(testDatabaseKinds())('migrations on %s', (kind) => {
  it(
    'apply once; a second run applies none and changes nothing',
    async () => {
      await withFreshDatabase(kind, async (db) => {
        expect(await migrate({ db })).toEqual(ALL_VERSIONS);
        expect(await recordedVersions(db)).toEqual(ALL_VERSIONS);
        const before = await query(db, 'select version, name, applied_at from schema_migrations order by 1');
        expect(await migrate({ db })).toEqual([]);
        expect(await query(db, 'select version, name, applied_at from schema_migrations order by 1')).toEqual(
          before,
        );
        expect(before.map((r) => r.name)).toEqual(loadMigrations().map((m) => m.name));
      });
    },
    SLOW,
  );

  it(
    'two concurrent runs apply each migration exactly once',
    async () => {
      await withFreshDatabase(kind, async (db) => {
        const [a, b] = await Promise.all([migrate({ db }), migrate({ db })]);
        expect([...a, ...b].sort((x, y) => x - y)).toEqual(ALL_VERSIONS);
        expect(await recordedVersions(db)).toEqual(ALL_VERSIONS);
      });
    },
    SLOW,
  );

  it(
    'a failing migration rolls back completely and is not recorded',
    async () => {
      await withFreshDatabase(kind, async (db) => {
        await migrate({ db });
        const broken: Migration = {
          version: 9001,
          name: 'broken',
          sql: `create table broken_probe (id int, tenant_id uuid not null);
              alter table persons add column broken_column text;
              insert into broken_probe values (1, 'not a uuid');`,
        };
        await expect(migrate({ db, migrations: [...loadMigrations(), broken] })).rejects.toThrow(
          /^migration 9001_broken failed: /,
        );
        expect(await tableExists(db, 'broken_probe')).toBe(false);
        expect(await columnExists(db, 'persons', 'broken_column')).toBe(false);
        expect(await recordedVersions(db)).toEqual(ALL_VERSIONS);
        // The advisory lock was released and the connection is usable: the next run works.
        expect(await migrate({ db })).toEqual([]);
      });
    },
    SLOW,
  );

  it(
    'a failure keeps the migrations before it in the same run, and a fixed migration applies later',
    async () => {
      await withFreshDatabase(kind, async (db) => {
        const good: Migration = {
          version: 9001,
          name: 'good',
          sql: `create table good_probe (tenant_id uuid not null);
              alter table good_probe enable row level security;`,
        };
        const bad: Migration = {
          version: 9002,
          name: 'bad',
          sql: 'create table bad_probe (x int); select 1/0;',
        };
        await expect(migrate({ db, migrations: [...loadMigrations(), good, bad] })).rejects.toThrow(
          /9002_bad failed: division by zero/,
        );
        expect(await recordedVersions(db)).toEqual([...ALL_VERSIONS, 9001]);
        expect(await tableExists(db, 'good_probe')).toBe(true);
        expect(await tableExists(db, 'bad_probe')).toBe(false);
        const fixed: Migration = { ...bad, sql: 'create table bad_probe (x int);' };
        expect(await migrate({ db, migrations: [...loadMigrations(), good, fixed] })).toEqual([9002]);
        expect(await tableExists(db, 'bad_probe')).toBe(true);
      });
    },
    SLOW,
  );

  it(
    'every table except the global ones carries tenant_id and row-level security with a tenant policy',
    async () => {
      await withFreshDatabase(kind, async (db) => {
        await migrate({ db });
        const tables = await tenantIsolation(db);
        expect(tables.map((t) => t.table)).toEqual(
          expect.arrayContaining(['tenants', 'users', 'sessions', 'api_tokens', 'persons', 'organizations']),
        );
        expect(isolationGaps(tables)).toEqual([]);
      });
    },
    SLOW,
  );

  it(
    'the isolation check catches a table without tenant_id, without RLS or without a tenant policy',
    async () => {
      await withFreshDatabase(kind, async (db) => {
        await migrate({ db });
        const leaky: Migration = {
          version: 9001,
          name: 'leaky_tables',
          sql: `create table probe_no_rls (id int, tenant_id uuid not null);
              create table probe_no_tenant (id int);
              alter table probe_no_tenant enable row level security;
              create table probe_open_policy (tenant_id uuid not null);
              alter table probe_open_policy enable row level security;
              create policy everything on probe_open_policy using (true) with check (true);`,
        };
        await migrate({ db, migrations: [...loadMigrations(), leaky] });
        expect(isolationGaps(await tenantIsolation(db)).map((g) => g.table)).toEqual([
          'probe_no_rls',
          'probe_no_tenant',
          'probe_open_policy',
        ]);
      });
    },
    SLOW,
  );

  it(
    'the global rate_limits table is closed to custos_app: no privilege, row-level security on, no policy',
    async () => {
      await withFreshDatabase(kind, async (db) => {
        await migrate({ db });
        const [facts] = await query(
          db,
          `select c.relrowsecurity as rls,
             (select count(*)::int from pg_policies p where p.tablename = 'rate_limits') as policies,
             has_table_privilege('custos_app', 'rate_limits',
               'select, insert, update, delete, truncate, references, trigger') as app_access
           from pg_class c where c.oid = 'rate_limits'::regclass`,
        );
        expect(facts).toEqual({ rls: true, policies: 0, app_access: false });
        const refused = await db.withRawConnection(async (exec) => {
          await exec('begin');
          try {
            await exec('set local role custos_app');
            return await exec('select count(*) from rate_limits').then(
              () => 'read',
              (error: Error) => error.message,
            );
          } finally {
            await exec('rollback');
          }
        });
        expect(refused).toMatch(/permission denied/);
      });
    },
    SLOW,
  );

  it(
    'the application role custos_app can bypass nothing: no superuser, no BYPASSRLS, owns no table',
    async () => {
      await withFreshDatabase(kind, async (db) => {
        await migrate({ db });
        const [role] = await query(
          db,
          `select rolsuper, rolbypassrls, rolcanlogin from pg_roles where rolname = 'custos_app'`,
        );
        expect(role).toEqual({ rolsuper: false, rolbypassrls: false, rolcanlogin: false });
        const owned = await query(
          db,
          `select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = 'public' and pg_get_userbyid(c.relowner) = 'custos_app'`,
        );
        expect(owned).toEqual([]);
      });
    },
    SLOW,
  );
});
