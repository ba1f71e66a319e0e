import { sql } from 'kysely';
import { it } from 'vitest';
import { createTestApp, personBody } from '../support/app.ts';
import { asSystem } from '../../src/db/tenant.ts';

it('perf', async () => {
  const kind = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
  const t = await createTestApp(kind as 'pglite');
  const res = await t.call(t.adminToken, { method: 'POST', url: '/api/v1/persons', body: personBody() });
  const person = res.json().id;
  // 2000 other persons with 5 interactions each, so the tables are not trivially small
  await asSystem(t.db.kysely, async (tx) => {
    await sql`insert into persons (tenant_id, kind, first_name, last_name, legal_basis, purposes, source_kind, collected_at, department_ids)
      select ${t.tenantId}::uuid, 'customer', 'P', 'N' || g, 'contract', '{sales}', 'business_card', now(), '{}' from generate_series(1, 2000) g`.execute(tx);
    await sql`insert into interactions (tenant_id, person_id, kind, occurred_at, subject, body)
      select ${t.tenantId}::uuid, ${person}::uuid, 'call', now() - (g || ' minutes')::interval, 'S' || g, null from generate_series(1, 10000) g`.execute(tx);
    await sql`insert into interactions (tenant_id, person_id, kind, occurred_at, subject)
      select ${t.tenantId}::uuid, p.id, 'call', now(), 'x' from persons p, generate_series(1,5) where p.id <> ${person}::uuid`.execute(tx);
    await sql`insert into invoices (tenant_id, number, person_id, status, issued_at, due_at, net_total, tax_total, gross_total, billing_name, retention_rule, retain_until)
      select ${t.tenantId}::uuid, 'R' || g, ${person}::uuid, case when g % 10 = 0 then 'open' else 'paid' end, date '2020-01-01' + g, date '2020-01-15' + g, 100, 19, 119, 'X', 'r', date '2035-01-01' from generate_series(1, 500) g`.execute(tx);
    await sql`update invoices set paid_at = due_at where status = 'paid'`.execute(tx);
    await sql`insert into cases (tenant_id, number, person_id, channel, category, status, priority, subject, received_at, first_response_due_at, resolution_due_at)
      select ${t.tenantId}::uuid, 'F' || g, ${person}::uuid, 'phone', 'complaint', case when g % 20 = 0 then 'open' else 'closed' end, 'normal', 'S', now() - (g || ' days')::interval, now(), now() from generate_series(1, 200) g`.execute(tx);
    await sql`analyze`.execute(tx);
  });
  const times: number[] = [];
  for (let i = 0; i < 300; i += 1) {
    const start = performance.now();
    const r = await t.call(t.adminToken, { method: 'GET', url: `/api/v1/persons/${person}/account` });
    times.push(performance.now() - start);
    if (r.statusCode !== 200) throw new Error(r.body);
  }
  times.sort((a, b) => a - b);
  const p = (q: number) => times[Math.floor(q * (times.length - 1))]!.toFixed(1);
  console.log(kind, 'p50', p(0.5), 'p95', p(0.95), 'p99', p(0.99));
  const { inTenant } = await import('../../src/db/tenant.ts');
  const repo = await import('../../src/modules/accounts/accounts.repository.ts');
  for (const section of ['timeline', 'invoices', 'deals', 'orders', 'cases', 'tasks'] as const) {
    const ts: number[] = [];
    for (let i = 0; i < 50; i += 1) {
      const s0 = performance.now();
      await inTenant(t.db.kysely, t.tenantId, (tx) => repo.readSections(tx, { kind: 'person', personId: person }, { visibility: { allDepartments: false, departmentIds: [] }, sections: [section], today: '2026-12-02', taskViewer: { userId: t.adminId, allTasks: true } }));
      ts.push(performance.now() - s0);
    }
    ts.sort((a, b) => a - b);
    console.log(section, 'p50', ts[25]!.toFixed(1), 'max', ts[49]!.toFixed(1));
  }
  const svc = await import('../../src/modules/accounts/accounts.service.ts');
  const prepo = await import('../../src/modules/persons/persons.repository.ts');
  const actor = { tenantId: t.tenantId, userId: t.adminId, role: 'admin' as const, departmentIds: [], via: 'token' as const };
  const bench = async (label: string, fn: () => Promise<unknown>) => {
    const ts: number[] = [];
    for (let i = 0; i < 60; i += 1) { const s0 = performance.now(); await fn(); ts.push(performance.now() - s0); }
    ts.sort((a, b) => a - b);
    console.log(label, 'p50', ts[30]!.toFixed(1), 'p90', ts[54]!.toFixed(1));
  };
  await bench('empty tx', () => inTenant(t.db.kysely, t.tenantId, async () => 1));
  await bench('person', () => inTenant(t.db.kysely, t.tenantId, (tx) => prepo.findPersonWithTags(tx, person, { allDepartments: true, departmentIds: [] })));
  await bench('all sections', () => inTenant(t.db.kysely, t.tenantId, (tx) => repo.readSections(tx, { kind: 'person', personId: person }, { visibility: { allDepartments: true, departmentIds: [] }, sections: ['timeline', 'invoices', 'deals', 'orders', 'cases', 'tasks'], today: '2026-12-02', taskViewer: { userId: t.adminId, allTasks: true } })));
  await bench('service', () => svc.getPersonAccount(t.ctx, actor as never, person));
  await bench('http', () => t.call(t.adminToken, { method: 'GET', url: `/api/v1/persons/${person}/account` }));
  await bench('http person detail', () => t.call(t.adminToken, { method: 'GET', url: `/api/v1/persons/${person}` }));
  const st = repo.sectionsStatement({ kind: 'person', personId: person }, { visibility: { allDepartments: true, departmentIds: [] }, sections: ['timeline', 'invoices', 'deals', 'orders', 'cases', 'tasks'], today: '2026-12-02', taskViewer: { userId: t.adminId, allTasks: true } })!;
  const compiled = st.compile(t.db.kysely);
  for (let k = 0; k < 3; k += 1) {
  const plan = await inTenant(t.db.kysely, t.tenantId, (tx) => sql`explain (analyze, buffers) ${sql.raw(compiled.sql.replace(/\$(\d+)/g, (_, n) => { const v = compiled.parameters[Number(n) - 1]; return typeof v === 'number' ? String(v) : `'${v}'`; }))}`.execute(tx));
  if (k === 2) console.log(plan.rows.map((r: any) => r['QUERY PLAN']).join('\n'));
  }
  await t.close();
}, 600_000);
