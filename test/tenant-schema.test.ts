import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.ts';
import { createTestDatabase, testDatabaseKinds } from './support/database.ts';

/**
 * The schema is ready to be spread over several database nodes by tenant (docs/scaling.md): every
 * table carries tenant_id, every key that must be unique includes it, and every foreign key between
 * tenant tables matches the tenant on both sides. What breaks a rule is either fixed by a migration or
 * named in one of the lists below with its reason; anything new that breaks a rule fails this test.
 * (src/db/migrate.test.ts checks tenant_id, row-level security and the policies;
 * test/tenant-foreign-keys.test.ts shows two of the foreign keys refusing a cross-tenant link.)
 */

/** Tables without tenant_id: global bookkeeping that belongs to no tenant. */
const GLOBAL_TABLES: Record<string, string> = {
  // the shared rate-limit counters (migration 0025) count per client address before any tenant is
  // known; only keyed hashes, one window long, written by the owner role (custos_app has no grant).
  // In Citus a local table on the coordinator, like schema_migrations
  rate_limits: 'rate-limit counters of all instances, counted before the tenant is known',
  // migrate.ts creates it before any tenant exists and records each migration once for the whole
  // database; in Citus it stays a local table on the coordinator, where migrations run
  schema_migrations: 'migration bookkeeping of the whole database',
};

/**
 * Primary keys on a lone `id` column. A random uuid (gen_random_uuid(), 122 random bits) is unique in
 * the whole database, so it is unique per tenant too; every row is also reachable as (tenant_id, id)
 * where other tables point at it (migration 0005 and later). Citus needs the distribution column in
 * the primary key, so the Citus migration replaces these by (tenant_id, id) — docs/scaling.md, "Not
 * done yet". A NEW table takes `primary key (tenant_id, id)` instead of joining this list.
 */
const ID_PRIMARY_KEYS = [
  'api_tokens',
  'breach_events',
  'breaches',
  'campaign_recipients',
  'campaign_responses',
  'campaigns',
  'case_messages',
  'cases',
  'consent_forms',
  'consent_signups',
  'consent_wordings',
  'consents',
  'customer_groups',
  'deal_stage_changes',
  'deals',
  'departments',
  'disclosures',
  'dpias',
  'dsr_events',
  'dsr_letters',
  'dsr_requests',
  'dsr_verification_steps',
  'duplicate_suggestions',
  'erasures',
  'import_batches',
  'import_mappings',
  'interactions',
  'invoice_lines',
  'invoices',
  'legal_holds',
  'mail_templates',
  'order_lines',
  'orders',
  'organizations',
  'outbound_mails',
  'person_imports',
  'person_merges',
  'persons',
  'pipeline_stages',
  'portal_login_tokens',
  'portal_sessions',
  'quote_lines',
  'quotes',
  'recipient_notifications',
  'recipients',
  'redaction_findings',
  'retention_sweeps',
  'ropa_activities',
  'segments',
  'suppressions',
  'tags',
  'tasks',
  'users',
  'web_form_submissions',
  'web_forms',
];

/**
 * Unique keys without tenant_id, each with its reason. All but `tenants_pkey` serve a lookup that
 * runs before the tenant is known (as the owner role, `asSystem`): the tenant is what the lookup
 * finds. In Citus these lookups need a global table or a lookup table of their own (docs/scaling.md).
 */
const UNIQUE_KEYS_WITHOUT_TENANT: Record<string, string> = {
  // tenants.tenant_id = tenants.id (a check constraint), so the key on id is the key on the tenant
  tenants_pkey: 'the tenant itself: tenant_id is id',
  // the session cookie's SHA-256 is the key; authenticate.ts looks it up to learn the tenant
  sessions_pkey: 'session looked up by the hash of its cookie',
  // login by e-mail finds the user and thereby the tenant: one e-mail address, one account
  users_email: 'login finds the tenant by the e-mail address',
  // `Authorization: Bearer` finds the token, and the tenant, by the token's hash
  api_tokens_token_hash_key: 'API token looked up by its hash',
  // public links and forms carry only an unguessable token; the token finds the tenant
  campaign_recipients_token_hash_key: 'personal link in a campaign mail',
  consent_signups_token_hash_key: 'double opt-in confirmation link',
  portal_login_tokens_token_hash_key: 'privacy portal magic link',
  portal_sessions_token_hash_key: 'privacy portal session cookie',
  web_forms_public_token_key: 'public web form address',
};

/**
 * Foreign keys between tenant tables without tenant_id. None since migration 0024 dropped the
 * single-column keys of 0001 that 0005 had doubled with tenant-aware ones.
 */
const FOREIGN_KEYS_WITHOUT_TENANT: Record<string, string> = {};

type Query = (sqlText: string) => Promise<Record<string, unknown>[]>;

const TABLES = `
  select c.oid, c.relname as table,
    (select a.attnum from pg_attribute a
      where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped) as tenant_attnum
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where n.nspname = 'public' and c.relkind in ('r', 'p')`;

/** Tables of the public schema without a tenant_id column. */
const tablesWithoutTenant = async (query: Query) =>
  (await query(`select t.table from (${TABLES}) t where t.tenant_attnum is null order by 1`)).map((r) =>
    String(r.table),
  );

/**
 * Unique indexes (primary keys, unique constraints, unique indexes, partial or not) of tenant tables
 * whose key columns do not include tenant_id (INCLUDE columns do not count: they do not make a key).
 */
const uniqueKeysWithoutTenant = async (query: Query) =>
  (
    await query(`
      select t.table, i.relname as index, x.indisprimary as primary,
        (select string_agg(a.attname, ',' order by k.ord) from unnest((x.indkey::int2[])[0:x.indnkeyatts - 1]) with ordinality k(attnum, ord)
          join pg_attribute a on a.attrelid = x.indrelid and a.attnum = k.attnum) as columns,
        (select format_type(a.atttypid, a.atttypmod) || ' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), '')
          from pg_attribute a left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
          where a.attrelid = x.indrelid and a.attnum = x.indkey[0]) as first_column_type
      from (${TABLES}) t
      join pg_index x on x.indrelid = t.oid and x.indisunique
      join pg_class i on i.oid = x.indexrelid
      where t.tenant_attnum is not null
        and not t.tenant_attnum = any ((x.indkey::int2[])[0:x.indnkeyatts - 1])
      order by 1, 2`)
  ).map((r) => ({
    table: String(r.table),
    index: String(r.index),
    primary: r.primary === true,
    columns: String(r.columns),
    firstColumnType: String(r.first_column_type),
  }));

/**
 * Foreign keys whose referencing and referenced tables both carry tenant_id, and whose columns do not
 * pair tenant_id with tenant_id; and foreign keys to `tenants` other than (tenant_id) → (id).
 */
const foreignKeysWithoutTenant = async (query: Query) =>
  (
    await query(`
      select f.conname as name, f.conrelid::regclass::text as table, f.confrelid::regclass::text as target,
        pg_get_constraintdef(f.oid) as definition
      from pg_constraint f
      join (${TABLES}) src on src.oid = f.conrelid
      join (${TABLES}) dst on dst.oid = f.confrelid
      where f.contype = 'f' and src.tenant_attnum is not null and dst.tenant_attnum is not null
        and case when dst.table = 'tenants'
          then f.conkey <> array[src.tenant_attnum] or f.confkey <> array[(select a.attnum from pg_attribute a
            where a.attrelid = dst.oid and a.attname = 'id')]
          else not exists (select 1 from generate_subscripts(f.conkey, 1) s
            where f.conkey[s] = src.tenant_attnum and f.confkey[s] = dst.tenant_attnum)
        end
      order by 2, 1`)
  ).map((r) => ({
    name: String(r.name),
    table: String(r.table),
    target: String(r.target),
    definition: String(r.definition),
  }));

/** What breaks the rules and is not in the lists above. */
const violations = async (query: Query) => ({
  tablesWithoutTenant: (await tablesWithoutTenant(query)).filter((t) => !(t in GLOBAL_TABLES)),
  uniqueKeysWithoutTenant: (await uniqueKeysWithoutTenant(query))
    .filter(
      (k) =>
        !(k.index in UNIQUE_KEYS_WITHOUT_TENANT) &&
        !(k.primary && k.columns === 'id' && ID_PRIMARY_KEYS.includes(k.table)),
    )
    .map((k) => `${k.index} (${k.columns})`),
  foreignKeysWithoutTenant: (await foreignKeysWithoutTenant(query))
    .filter((f) => !(f.name in FOREIGN_KEYS_WITHOUT_TENANT))
    .map((f) => `${f.table}.${f.name}: ${f.definition}`),
});

describe.each(testDatabaseKinds())('tenant keys in the schema on %s', (kind) => {
  let db: Database;
  let drop: () => Promise<void>;
  const query: Query = (sqlText) => db.withRawConnection((exec) => exec(sqlText));

  beforeAll(async () => {
    ({ db, drop } = await createTestDatabase(kind));
  }, 120_000);
  afterAll(async () => {
    await drop?.();
  });

  it('every table carries tenant_id except the listed global tables, which exist', async () => {
    const without = await tablesWithoutTenant(query);
    expect(without).toEqual(Object.keys(GLOBAL_TABLES).sort());
    // tenants carries its own id as tenant_id, enforced by a check constraint
    const [check] = await query(
      `select count(*)::int as n from pg_constraint
       where conrelid = 'tenants'::regclass and contype = 'c'
         and replace(pg_get_constraintdef(oid), ' ', '') like '%(tenant_id=id)%'`,
    );
    expect(check?.n).toBe(1);
  });

  it('every primary key and unique key of a tenant table includes tenant_id, or is a listed exception', async () => {
    expect((await violations(query)).uniqueKeysWithoutTenant).toEqual([]);
    const found = await uniqueKeysWithoutTenant(query);
    // the lists hold nothing stale: each exception still exists and still breaks the rule
    expect(
      found
        .filter((k) => k.index in UNIQUE_KEYS_WITHOUT_TENANT)
        .map((k) => k.index)
        .sort(),
    ).toEqual(Object.keys(UNIQUE_KEYS_WITHOUT_TENANT).sort());
    const idKeys = found.filter((k) => k.primary && k.columns === 'id' && ID_PRIMARY_KEYS.includes(k.table));
    expect(idKeys.map((k) => k.table).sort()).toEqual([...ID_PRIMARY_KEYS].sort());
    // and the reason given for them holds: a random uuid
    for (const k of idKeys)
      expect(`${k.table}: ${k.firstColumnType}`).toBe(`${k.table}: uuid gen_random_uuid()`);
  });

  it('every foreign key between tenant tables pairs tenant_id with tenant_id', async () => {
    expect((await violations(query)).foreignKeysWithoutTenant).toEqual([]);
    const found = (await foreignKeysWithoutTenant(query)).map((f) => f.name);
    expect(found.sort()).toEqual(Object.keys(FOREIGN_KEYS_WITHOUT_TENANT).sort());
  });

  it('the checks catch a table without tenant_id, a key without it and a cross-tenant foreign key', async () => {
    // probe tables in a transaction that is rolled back: the database stays as the migrations left it
    const found = await db.withRawConnection(async (exec) => {
      await exec('begin');
      try {
        await exec(`
          create table probe_global (id uuid primary key);
          create table probe_items (
            id uuid primary key default gen_random_uuid(),
            tenant_id uuid not null references tenants (id),
            code text not null unique,
            person_id uuid references persons (id),
            unique (tenant_id, id)
          );
          create table probe_links (
            tenant_id uuid not null references tenants (id),
            item_id uuid not null,
            other_tenant uuid references tenants (id),
            primary key (tenant_id, item_id),
            foreign key (other_tenant, item_id) references probe_items (tenant_id, id)
          );
          create unique index probe_items_code_partial on probe_items (code) include (tenant_id)
            where code <> '';`);
        return await violations(exec);
      } finally {
        await exec('rollback');
      }
    });
    expect(found).toEqual({
      tablesWithoutTenant: ['probe_global'],
      uniqueKeysWithoutTenant: [
        'probe_items_code_key (code)',
        'probe_items_code_partial (code)',
        'probe_items_pkey (id)',
      ],
      foreignKeysWithoutTenant: [
        'probe_items.probe_items_person_id_fkey: FOREIGN KEY (person_id) REFERENCES persons(id)',
        'probe_links.probe_links_other_tenant_fkey: FOREIGN KEY (other_tenant) REFERENCES tenants(id)',
        'probe_links.probe_links_other_tenant_item_id_fkey: FOREIGN KEY (other_tenant, item_id) REFERENCES probe_items(tenant_id, id)',
      ],
    });
    expect(await tablesWithoutTenant(query)).toEqual(Object.keys(GLOBAL_TABLES));
  });
});
