import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { asSystem, inTenant, type Tx } from '../src/db/tenant.ts';
import { createToken } from '../src/modules/tokens/tokens.service.ts';
import { createTestApp, personBody, type TestApp } from './support/app.ts';
import { testDatabaseKinds } from './support/database.ts';
import { snapshotData } from './support/snapshot.ts';
import { createExtraTenant, type ExtraTenant } from './support/tenant.ts';

/**
 * Tenant isolation: tenant B, however privileged its user, never reaches tenant A's data through the
 * API, and PostgreSQL row-level security confines the application role even where a query forgets
 * its WHERE clause.
 */
// Hundreds of requests per test: generous limits, so a busy machine slows the run but cannot break it.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

describe.each(testDatabaseKinds())('tenant isolation on %s', (kind) => {
  let t: TestApp;
  let b: ExtraTenant;
  let bDpo: string;
  const a = {} as { person: string; org: string; tag: string; dept: string; user: string; token: string };
  const bOwn = {} as { person: string; org: string; tag: string; user: string };

  const created = async (token: string, url: string, body: object) => {
    const res = await t.call(token, { method: 'POST', url: `/api/v1${url}`, body });
    if (res.statusCode !== 201) throw new Error(`fixture ${url}: ${res.statusCode} ${res.body}`);
    return res.json().id as string;
  };

  /** Tenant tables: every table with a tenant_id column, from the catalogue (new tables included). */
  const tenantTables = async () =>
    (
      await asSystem(t.db.kysely, (tx) =>
        sql<{ table_name: string }>`
          select table_name from information_schema.columns
          where table_schema = current_schema() and column_name = 'tenant_id' order by table_name`.execute(
          tx,
        ),
      )
    ).rows.map((r) => r.table_name);
  const countAs = (tx: Tx, table: string) =>
    sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`
      .execute(tx)
      .then((r) => r.rows[0]?.n ?? -1);

  beforeAll(async () => {
    t = await createTestApp(kind);
    b = await createExtraTenant(t, { label: 'tenant-b' });
    bDpo = (await b.userWithToken({ role: 'dpo' })).token;
    a.dept = t.departmentId('Vertrieb');
    a.tag = await created(t.adminToken, '/tags', { name: 'Nur A' });
    a.org = await created(t.adminToken, '/organizations', { name: 'Geheim A GmbH', tagIds: [a.tag] });
    a.person = await created(
      t.adminToken,
      '/persons',
      personBody({ firstName: 'Alma', lastName: 'Mandantin', organizationId: a.org, tagIds: [a.tag] }),
    );
    await created(t.adminToken, `/persons/${a.person}/interactions`, {
      kind: 'call',
      occurredAt: '2026-01-01T10:00:00Z',
      subject: 'Nur für A',
    });
    await created(t.adminToken, '/purposes', {
      id: 'only_in_a',
      labelDe: 'Nur A',
      labelEn: 'Only A',
      descriptionDe: 'x',
      descriptionEn: 'x',
      legalBases: ['consent'],
    });
    const colleague = await t.userWithToken({ role: 'sales', departmentNames: ['Vertrieb'] });
    a.user = colleague.user.id;
    a.token = (await createToken(t.ctx, { tenantId: t.tenantId, userId: a.user, name: 'a' })).id;

    bOwn.tag = await created(b.adminToken, '/tags', { name: 'Nur B' });
    bOwn.org = await created(b.adminToken, '/organizations', { name: 'Eigene B AG' });
    bOwn.person = await created(
      b.adminToken,
      '/persons',
      personBody({ firstName: 'Berta', lastName: 'Andere' }),
    );
    bOwn.user = (await b.userWithToken({ role: 'readonly' })).user.id;
  });
  afterAll(() => t?.close());

  describe('through the API', () => {
    it("answers tenant B's admin and DPO with 404 for every id of tenant A and changes nothing", async () => {
      const before = await snapshotData(t.db);
      for (const token of [b.adminToken, bDpo]) {
        for (const url of [
          `/api/v1/persons/${a.person}`,
          `/api/v1/persons/${a.person}/interactions`,
          `/api/v1/persons/${a.person}/history`,
          `/api/v1/organizations/${a.org}`,
        ]) {
          const res = await t.call(token, { method: 'GET', url });
          expect(res.statusCode, url).toBe(404);
          expect(res.body).not.toContain('Mandantin');
        }
        const writes = [
          {
            method: 'PATCH' as const,
            url: `/api/v1/persons/${a.person}`,
            body: { version: 1, lastName: 'X' },
          },
          {
            method: 'PATCH' as const,
            url: `/api/v1/organizations/${a.org}`,
            body: { version: 1, name: 'X' },
          },
          {
            method: 'POST' as const,
            url: `/api/v1/persons/${a.person}/interactions`,
            body: { kind: 'note', occurredAt: '2026-01-02T10:00:00Z', subject: 'x' },
          },
          { method: 'PATCH' as const, url: `/api/v1/users/${a.user}`, body: { disabled: true } },
          { method: 'DELETE' as const, url: `/api/v1/tokens/${a.token}` },
        ];
        for (const req of writes) {
          const res = await t.call(token, req);
          // users.manage is admin only: the DPO is refused before anything is looked up
          const expected = token === bDpo && req.url.includes('/users/') ? 403 : 404;
          expect(res.statusCode, `${req.method} ${req.url}`).toBe(expected);
        }
      }
      expect(await snapshotData(t.db)).toEqual(before);
    });

    it("never shows tenant A's records in tenant B's lists, searches, filters or reference data", async () => {
      const b$ = (url: string) => t.call(b.adminToken, { method: 'GET', url: `/api/v1${url}` });
      const ids = (res: Awaited<ReturnType<typeof b$>>) => res.json().items.map((x: { id: string }) => x.id);
      for (const url of [
        '/persons?q=Mandantin',
        '/persons?q=Alma',
        `/persons?organizationId=${a.org}`,
        `/persons?tagId=${a.tag}`,
      ]) {
        const res = await b$(url);
        expect(res.statusCode, url).toBe(200);
        expect(res.json(), url).toMatchObject({ items: [], total: 0 });
      }
      expect(ids(await b$('/persons?pageSize=200'))).toEqual([bOwn.person]);
      expect((await b$('/organizations?q=Geheim')).json()).toMatchObject({ items: [], total: 0 });
      expect(ids(await b$('/organizations?pageSize=200'))).toEqual([bOwn.org]);
      expect(ids(await b$('/tags'))).toEqual([bOwn.tag]);
      const departments = ids(await b$('/departments'));
      expect(departments).not.toContain(a.dept);
      expect(departments).toContain(b.departmentId('Vertrieb'));
      const users = ids(await b$('/users'));
      expect(users).not.toContain(a.user);
      expect(users).not.toContain(t.adminId);
      expect(users).toContain(bOwn.user);
      const purposes = (await b$('/privacy/catalogue')).json().purposes.map((p: { id: string }) => p.id);
      expect(purposes).not.toContain('only_in_a');
      expect(purposes).toContain('sales');
      const audit = await t.call(bDpo, { method: 'GET', url: `/api/v1/audit?subjectId=${a.person}` });
      expect(audit.statusCode).toBe(200);
      expect(audit.json().items).toEqual([]);
      const trail = await t.call(bDpo, { method: 'GET', url: '/api/v1/audit?limit=200' });
      expect(trail.body).not.toContain(a.person);
    });

    it("refuses tenant A's department, tag, organisation and purpose ids in tenant B's writes with 422 unknown_*", async () => {
      const before = await snapshotData(t.db);
      const bPersonVersion = async () =>
        (await t.call(b.adminToken, { method: 'GET', url: `/api/v1/persons/${bOwn.person}` })).json().version;
      const bOrgVersion = async () =>
        (await t.call(b.adminToken, { method: 'GET', url: `/api/v1/organizations/${bOwn.org}` })).json()
          .version;
      const cases: [
        string,
        () => Promise<{ method: 'POST' | 'PATCH'; url: string; body: object }>,
        string,
      ][] = [
        [
          'new person in A department',
          async () => ({
            method: 'POST',
            url: '/api/v1/persons',
            body: personBody({ departmentIds: [a.dept] }),
          }),
          'unknown_department',
        ],
        [
          'new person with A tag',
          async () => ({ method: 'POST', url: '/api/v1/persons', body: personBody({ tagIds: [a.tag] }) }),
          'unknown_tag',
        ],
        [
          'new person at A organisation',
          async () => ({
            method: 'POST',
            url: '/api/v1/persons',
            body: personBody({ organizationId: a.org }),
          }),
          'unknown_organization',
        ],
        [
          'new person for an A purpose',
          async () => ({
            method: 'POST',
            url: '/api/v1/persons',
            body: personBody({ purposes: ['only_in_a'], legalBasis: 'consent' }),
          }),
          'unknown_purpose',
        ],
        [
          'person moved to A department',
          async () => ({
            method: 'PATCH',
            url: `/api/v1/persons/${bOwn.person}`,
            body: { version: await bPersonVersion(), departmentIds: [a.dept] },
          }),
          'unknown_department',
        ],
        [
          'person tagged with A tag',
          async () => ({
            method: 'PATCH',
            url: `/api/v1/persons/${bOwn.person}`,
            body: { version: await bPersonVersion(), tagIds: [a.tag] },
          }),
          'unknown_tag',
        ],
        [
          'person linked to A organisation',
          async () => ({
            method: 'PATCH',
            url: `/api/v1/persons/${bOwn.person}`,
            body: { version: await bPersonVersion(), organizationId: a.org },
          }),
          'unknown_organization',
        ],
        [
          'new organisation in A department',
          async () => ({
            method: 'POST',
            url: '/api/v1/organizations',
            body: { name: 'X', departmentIds: [a.dept] },
          }),
          'unknown_department',
        ],
        [
          'new organisation with A tag',
          async () => ({
            method: 'POST',
            url: '/api/v1/organizations',
            body: { name: 'X', tagIds: [a.tag] },
          }),
          'unknown_tag',
        ],
        [
          'organisation moved to A department',
          async () => ({
            method: 'PATCH',
            url: `/api/v1/organizations/${bOwn.org}`,
            body: { version: await bOrgVersion(), departmentIds: [a.dept] },
          }),
          'unknown_department',
        ],
        [
          'organisation tagged with A tag',
          async () => ({
            method: 'PATCH',
            url: `/api/v1/organizations/${bOwn.org}`,
            body: { version: await bOrgVersion(), tagIds: [a.tag] },
          }),
          'unknown_tag',
        ],
        [
          'new user in A department',
          async () => ({
            method: 'POST',
            url: '/api/v1/users',
            body: {
              email: 'neu@tenant-b.example',
              displayName: 'Neu',
              password: 'correct horse battery staple',
              role: 'sales',
              departmentIds: [a.dept],
            },
          }),
          'unknown_department',
        ],
        [
          'user moved to A department',
          async () => ({
            method: 'PATCH',
            url: `/api/v1/users/${bOwn.user}`,
            body: { departmentIds: [a.dept] },
          }),
          'unknown_department',
        ],
      ];
      for (const [label, request, code] of cases) {
        const res = await t.call(b.adminToken, await request());
        expect(res.statusCode, `${label}: ${res.body}`).toBe(422);
        expect(res.json().code, label).toBe(code);
      }
      expect(await snapshotData(t.db)).toEqual(before);
    });
  });

  describe('in the database (row-level security)', () => {
    it('counts only the tenant’s rows in every tenant table, without any WHERE clause', async () => {
      for (const table of await tenantTables()) {
        const [ownA, ownB, all] = await asSystem(t.db.kysely, async (tx) => [
          (
            await sql<{
              n: number;
            }>`select count(*)::int as n from ${sql.table(table)} where tenant_id = ${t.tenantId}`.execute(tx)
          ).rows[0]?.n,
          (
            await sql<{
              n: number;
            }>`select count(*)::int as n from ${sql.table(table)} where tenant_id = ${b.tenantId}`.execute(tx)
          ).rows[0]?.n,
          await countAs(tx, table),
        ]);
        expect(await inTenant(t.db.kysely, t.tenantId, (tx) => countAs(tx, table)), table).toBe(ownA);
        expect(await inTenant(t.db.kysely, b.tenantId, (tx) => countAs(tx, table)), table).toBe(ownB);
        expect(all, table).toBe((ownA ?? 0) + (ownB ?? 0));
      }
      // the point: both tenants have persons, and each sees its own only
      const persons = await inTenant(t.db.kysely, t.tenantId, (tx) =>
        tx.selectFrom('persons').select(['id', 'tenant_id']).execute(),
      );
      expect(persons.length).toBeGreaterThan(0);
      expect(persons.every((p) => p.tenant_id === t.tenantId)).toBe(true);
      expect(persons.map((p) => p.id)).not.toContain(bOwn.person);
    });

    it("refuses the app role writing a row with another tenant's tenant_id (WITH CHECK), and moving a row there", async () => {
      const before = await snapshotData(t.db);
      const attempts: [string, (tx: Tx) => Promise<unknown>][] = [
        [
          'insert a tag for B',
          (tx) => tx.insertInto('tags').values({ tenant_id: b.tenantId, name: 'Eingeschleust' }).execute(),
        ],
        [
          'insert a department for B',
          (tx) =>
            tx.insertInto('departments').values({ tenant_id: b.tenantId, name: 'Eingeschleust' }).execute(),
        ],
        [
          'insert a person for B',
          (tx) =>
            sql`insert into persons (tenant_id, kind, first_name, last_name, legal_basis, purposes, source_kind, collected_at)
                values (${b.tenantId}, 'customer', 'E', 'E', 'consent', '{sales}', 'api', now())`.execute(tx),
        ],
        [
          'move an A tag to B',
          (tx) => tx.updateTable('tags').set({ tenant_id: b.tenantId }).where('id', '=', a.tag).execute(),
        ],
        [
          'move an A person to B',
          (tx) => sql`update persons set tenant_id = ${b.tenantId} where id = ${a.person}`.execute(tx),
        ],
      ];
      for (const [label, attempt] of attempts) {
        const error = await inTenant(t.db.kysely, t.tenantId, attempt).then(
          () => null,
          (e: { code?: string; message?: string }) => e,
        );
        expect(error, label).not.toBeNull();
        expect(error?.code, `${label}: ${error?.message}`).toBe('42501');
        expect(error?.message, label).toMatch(/row-level security/);
      }
      expect(await snapshotData(t.db)).toEqual(before);
    });

    it("leaves another tenant's rows untouched by updates and deletes that name them", async () => {
      const before = await snapshotData(t.db);
      const touched = await inTenant(t.db.kysely, t.tenantId, async (tx) => [
        (await tx.updateTable('tags').set({ name: 'Gekapert' }).where('id', '=', bOwn.tag).executeTakeFirst())
          .numUpdatedRows,
        (await tx.deleteFrom('person_tags').where('tenant_id', '=', b.tenantId).executeTakeFirst())
          .numDeletedRows,
        (await tx.deleteFrom('tags').where('id', '=', bOwn.tag).executeTakeFirst()).numDeletedRows,
        (await sql`update persons set last_name = 'Gekapert' where id = ${bOwn.person}`.execute(tx))
          .numAffectedRows,
      ]);
      expect(touched.map(Number)).toEqual([0, 0, 0, 0]);
      expect(await snapshotData(t.db)).toEqual(before);
    });

    it('shows the app role zero rows of every tenant table when no tenant is set, and lets it write none', async () => {
      const withoutTenant = <T>(fn: (tx: Tx) => Promise<T>) =>
        asSystem(t.db.kysely, async (tx) => {
          await sql`set local role custos_app`.execute(tx);
          return fn(tx);
        });
      for (const table of await tenantTables()) {
        // right after a transaction of tenant A (on PGlite surely the same connection): nothing lingers
        expect(
          await inTenant(t.db.kysely, t.tenantId, (tx) => countAs(tx, table)),
          table,
        ).toBeGreaterThanOrEqual(0);
        expect(await withoutTenant((tx) => countAs(tx, table)), table).toBe(0);
      }
      expect(await asSystem(t.db.kysely, (tx) => countAs(tx, 'persons'))).toBeGreaterThan(1);
      const insert = await withoutTenant((tx) =>
        tx.insertInto('tags').values({ tenant_id: t.tenantId, name: 'Ohne Mandant' }).execute(),
      ).then(
        () => null,
        (e: { code?: string }) => e,
      );
      expect(insert?.code).toBe('42501');
      // an empty tenant setting is no tenant either
      const empty = await asSystem(t.db.kysely, async (tx) => {
        await sql`set local role custos_app`.execute(tx);
        await sql`select set_config('app.tenant_id', '', true)`.execute(tx);
        return countAs(tx, 'persons');
      });
      expect(empty).toBe(0);
    });

    it('gives the app role no way around row-level security', async () => {
      const role = await asSystem(t.db.kysely, (tx) =>
        sql<{ rolsuper: boolean; rolbypassrls: boolean }>`
          select rolsuper, rolbypassrls from pg_roles where rolname = 'custos_app'`.execute(tx),
      );
      expect(role.rows).toEqual([{ rolsuper: false, rolbypassrls: false }]);
      // switching row security off is refused for a role that is subject to it
      const off = await asSystem(t.db.kysely, async (tx) => {
        await sql`set local role custos_app`.execute(tx);
        await sql`set local row_security = off`.execute(tx);
        return countAs(tx, 'persons');
      }).then(
        (n) => ({ n }),
        (e: { code?: string; message?: string }) => ({ error: e }),
      );
      expect(off).toMatchObject({ error: { code: '42501' } });
      expect((off as { error: { message: string } }).error.message).toMatch(/row-level security/);
      // every tenant table, and every table the app role may touch at all, has row-level security on
      // and only the tenant policy (for all commands, with the same check for new rows)
      const tables = await asSystem(t.db.kysely, (tx) =>
        sql<{
          table_name: string;
          rls: boolean;
          tenant_policies: number;
          other_policies: number;
          has_tenant: boolean;
        }>`
          select c.relname as table_name, c.relrowsecurity as rls,
            (select count(*)::int from pg_policy p where p.polrelid = c.oid and p.polcmd = '*'
               and pg_get_expr(p.polqual, p.polrelid) = '(tenant_id = app_tenant())'
               and pg_get_expr(p.polwithcheck, p.polrelid) = '(tenant_id = app_tenant())') as tenant_policies,
            (select count(*)::int from pg_policy p where p.polrelid = c.oid and p.polpermissive
               and not (p.polcmd = '*' and pg_get_expr(p.polqual, p.polrelid) = '(tenant_id = app_tenant())'
                        and pg_get_expr(p.polwithcheck, p.polrelid) = '(tenant_id = app_tenant())')) as other_policies,
            exists (select 1 from information_schema.columns col where col.table_schema = n.nspname
                    and col.table_name = c.relname and col.column_name = 'tenant_id') as has_tenant
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = current_schema() and c.relkind in ('r', 'p')
            and (exists (select 1 from information_schema.columns col where col.table_schema = n.nspname
                         and col.table_name = c.relname and col.column_name = 'tenant_id')
              or has_table_privilege('custos_app', c.oid, 'select, insert, update, delete'))
          order by c.relname`.execute(tx),
      );
      expect(tables.rows.map((r) => r.table_name)).toEqual(
        expect.arrayContaining(['persons', 'organizations', 'users']),
      );
      for (const r of tables.rows)
        expect(r, r.table_name).toMatchObject({
          rls: true,
          has_tenant: true,
          tenant_policies: 1,
          other_policies: 0,
        });
    });
  });
});
