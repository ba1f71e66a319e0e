import os from 'node:os';
import { sql } from 'kysely';
import { OPERATIONS } from '../src/cli/operations.ts';
import { loadConfig } from '../src/config.ts';
import { rebuildRevenueLedger } from '../src/modules/reports/reports.fixtures.ts';
import { openContext } from '../src/server/bootstrap.ts';
import type { Actor } from '../src/server/context.ts';
import { BIG_CUSTOMER, BODY, seedBigCustomer } from './big-customer.ts';
import {
  appendResults,
  commandLine,
  int,
  type Latency,
  loadWithPercentiles,
  log,
  machine,
  ms,
  sequential,
  type summarize,
} from './percentiles.ts';
import { seed } from './seed.ts';
import { createTarget, custos, startServer, type Target } from './server.ts';

const env = process.env;
const persons = Number(env.BENCH_PERSONS ?? 20_000);
const settings = {
  databases: (env.BENCH_DATABASES ?? 'pglite,postgres').split(',').map((d) => d.trim()) as Target['kind'][],
  postgresUrl: env.BENCH_POSTGRES_URL ?? 'postgres://root@127.0.0.1:5432/postgres',
  persons,
  interactions: Number(env.BENCH_INTERACTIONS ?? 10 * persons),
  customer: BIG_CUSTOMER,
  background: { invoices: 20_000, cases: 5_000 },
  durationS: Number(env.BENCH_DURATION ?? 15),
  connections: Number(env.BENCH_CONNECTIONS ?? 10),
};
const GOAL_P99_MS = 50;
const ADMIN = 'admin@bench.example';

type Seeded = {
  personId: string;
  background: { persons: number; interactions: number; invoices: number; cases: number };
  customer: { interactions: number; invoices: number; invoiceLines: number; cases: number; messages: number };
  ms: { background: number; customer: number; total: number };
};

const prepare = async (target: Target): Promise<Seeded> => {
  const ctx = await openContext(loadConfig(target.env));
  try {
    await OPERATIONS.init!(ctx, {
      adminEmail: ADMIN,
      adminPassword: 'bench-password-not-secret',
      adminName: 'Bench Admin',
      organization: 'Bench GmbH',
    });
    const db = ctx.db.kysely;
    const started = performance.now();
    const background = await seed(
      ctx.db,
      { persons: settings.persons, interactions: settings.interactions, seed: 42 },
      (m) => log(`${target.kind}:${m}`),
    );
    const admin = await db.selectFrom('users').select(['id', 'tenant_id']).executeTakeFirstOrThrow();
    const tenantId = admin.tenant_id;
    const actor: Actor = { tenantId, userId: admin.id, role: 'admin', departmentIds: [], via: 'token' };
    const group = await db
      .selectFrom('customer_groups')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .executeTakeFirstOrThrow();
    const others = background.sampleIds.slice(0, 5_000);

    // background: invoices and cases of other customers, so the indexes hold more than one account
    await sql`insert into invoices (tenant_id, number, person_id, customer_group_id, status, issued_at, due_at, currency,
        net_total, tax_total, gross_total, billing_name, retention_rule, retain_until, created_by)
      select ${tenantId}::uuid, 'RB-' || g, (${others}::uuid[])[1 + g % ${others.length}], ${group.id}::uuid,
        case when g % 4 = 0 then 'open' else 'paid' end, date '2022-01-01' + g % 1600, date '2022-01-31' + g % 1600, 'EUR',
        100, 19, 119, 'Kunde ' || g, 'de_invoice_8y', date '2035-12-31', ${admin.id}::uuid
      from generate_series(1, ${settings.background.invoices}) g`.execute(db);
    await sql`insert into cases (tenant_id, number, person_id, channel, category, status, priority, subject, received_at,
        first_response_due_at, resolution_due_at, created_by)
      select ${tenantId}::uuid, 'FB-' || g, (${others}::uuid[])[1 + g % ${others.length}], 'phone', 'question',
        case when g % 5 = 0 then 'open' else 'closed' end, 'normal', 'Rückfrage ' || g,
        t.at, t.at + interval '4 hours', t.at + interval '3 days', ${admin.id}::uuid
      from generate_series(1, ${settings.background.cases}) g
      cross join lateral (select timestamptz '2026-06-30 12:00:00+00' - (g % 900) * interval '1 day' as at) t`.execute(
      db,
    );
    const backgroundMs = performance.now() - started;

    // the customer, created by the persons service (which creates the data key), at a customer organisation
    const customerStarted = performance.now();
    const { personId } = await seedBigCustomer(ctx, { actor, groupId: group.id, tag: 'A' });
    await rebuildRevenueLedger(db, tenantId);
    await sql`vacuum analyze`.execute(db);
    const customerMs = performance.now() - customerStarted;

    const counts = (
      await sql<{
        interactions: number;
        invoices: number;
        lines: number;
        cases: number;
        messages: number;
      }>`select
        (select count(*)::int from interactions where person_id = ${personId}::uuid) as interactions,
        (select count(*)::int from invoices where person_id = ${personId}::uuid) as invoices,
        (select count(*)::int from invoice_lines l join invoices i on i.id = l.invoice_id where i.person_id = ${personId}::uuid) as lines,
        (select count(*)::int from cases where person_id = ${personId}::uuid) as cases,
        (select count(*)::int from case_messages m join cases c on c.id = m.case_id where c.person_id = ${personId}::uuid) as messages`.execute(
        db,
      )
    ).rows[0]!;
    return {
      personId,
      background: {
        persons: background.persons,
        interactions: background.interactions,
        invoices: settings.background.invoices,
        cases: settings.background.cases,
      },
      customer: {
        interactions: counts.interactions,
        invoices: counts.invoices,
        invoiceLines: counts.lines,
        cases: counts.cases,
        messages: counts.messages,
      },
      ms: { background: backgroundMs, customer: customerMs, total: performance.now() - started },
    };
  } finally {
    await ctx.close();
  }
};

type Run = {
  kind: Target['kind'];
  seeded: Seeded;
  single: ReturnType<typeof summarize>;
  load: Latency;
  check: { timelineTotal: number; capped: boolean; firstBody: string | null };
  loadAverage: [number, number];
};

const benchDatabase = async (kind: Target['kind']): Promise<Run> => {
  const target = await createTarget(kind, settings.postgresUrl);
  log(`${kind}: ${target.label}`);
  try {
    const seeded = await prepare(target);
    log(`${kind}: seeded in ${(seeded.ms.total / 1000).toFixed(1)} s: ${JSON.stringify(seeded.customer)}`);
    const token = (await custos(target, ['token', 'create', '--email', ADMIN, '--name', 'bench'])).trim();
    const server = await startServer(target);
    const path = `/api/v1/persons/${seeded.personId}/account`;
    try {
      const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      const body = (await res.json()) as Record<string, unknown>;
      if (res.status !== 200)
        throw new Error(`account view: ${res.status} ${JSON.stringify(body).slice(0, 500)}`);
      const timeline = body.timeline as
        | { total?: number; totalCapped?: boolean; items?: { body: string | null }[] }
        | undefined;
      const check = {
        timelineTotal: timeline?.total ?? -1,
        capped: timeline?.totalCapped ?? false,
        firstBody: timeline?.items?.find((i) => i.body !== null)?.body ?? null,
      };
      if (check.firstBody !== BODY)
        throw new Error(`the account view did not open the sealed bodies: ${JSON.stringify(check)}`);
      await sequential(server.url, token, [path], 20);
      const single = await sequential(server.url, token, [path], 200);
      log(`${kind}: one at a time: p50 ${ms(single.p50)} ms, p99 ${ms(single.p99)} ms`);
      await loadWithPercentiles({
        url: server.url,
        token,
        paths: [path],
        connections: settings.connections,
        durationS: 3,
      });
      const loadBefore = os.loadavg()[0]!;
      const load = await loadWithPercentiles({
        url: server.url,
        token,
        paths: [path],
        connections: settings.connections,
        durationS: settings.durationS,
        serverPid: server.pid,
      });
      log(
        `${kind}: ${settings.connections} connections: ${int(load.requestsPerSecond)} req/s, p50 ${ms(load.ms.p50)} ms, ` +
          `p95 ${ms(load.ms.p95)} ms, p99 ${ms(load.ms.p99)} ms, errors ${load.errors}, non-2xx ${load.non2xx}`,
      );
      return { kind, seeded, single, load, check, loadAverage: [loadBefore, os.loadavg()[0]!] };
    } finally {
      await server.stop();
    }
  } finally {
    await target.cleanup();
  }
};

const render = (startedAt: string, runs: Run[]) => {
  const c = settings.customer;
  return [
    `## ${startedAt.slice(0, 10)} (${startedAt.slice(11, 16)} UTC) — customer account view (issue 4)`,
    '',
    `- Machine: ${machine()}`,
    `- Command: \`${commandLine('bench:account')}\` (bench/account-view.bench.ts)`,
    `- Data: one customer (person of an organisation) with ${int(c.interactions)} interactions (every third with a sealed body), ` +
      `${c.invoices} invoices × ${c.linesPerInvoice} lines (40 open), ${c.cases} cases × ${c.messagesPerCase} sealed messages (15 open), ` +
      `30 deals, 50 orders, 10 tasks; background ${int(settings.persons)} persons with ${int(settings.interactions)} interactions ` +
      `(bench/seed.ts), ${int(settings.background.invoices)} invoices and ${int(settings.background.cases)} cases of other customers. ` +
      'Seeded set-based as the owner; the customer was created by the persons service (data key), its bodies and messages sealed per row under that key.',
    `- Measured: GET /api/v1/persons/:id/account as the administrator (bearer token) through the real server (\`node bin/custos.mjs start\`): ` +
      `200 requests one at a time, then autocannon with ${settings.connections} connections for ${settings.durationS} s after a 3 s warm-up ` +
      '(percentiles over every response). Every read is recorded in the audit trail, as in production.',
    '',
    '| database | one at a time p50 / p99 ms | 10 conn. req/s | p50 ms | p95 ms | p99 ms | max ms | errors / non-2xx | server CPU ms/request | load avg | goal p99 ≤ 50 ms |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...runs.map(
      (r) =>
        `| ${r.kind === 'pglite' ? 'PGlite' : 'PostgreSQL'} | ${ms(r.single.p50)} / ${ms(r.single.p99)} | ${int(r.load.requestsPerSecond)} | ` +
        `${ms(r.load.ms.p50)} | ${ms(r.load.ms.p95)} | ${ms(r.load.ms.p99)} | ${ms(r.load.ms.max)} | ${r.load.errors} / ${r.load.non2xx} | ` +
        `${r.load.serverCpuMsPerRequest ?? '–'} | ${r.loadAverage.map((v) => v.toFixed(1)).join('–')} | ` +
        `**${r.load.ms.p99 <= GOAL_P99_MS && r.load.errors + r.load.non2xx === 0 ? 'met' : 'NOT met'}** |`,
    ),
    '',
    ...runs.map(
      (r) =>
        `- ${r.kind === 'pglite' ? 'PGlite' : 'PostgreSQL'}: seeding ${(r.seeded.ms.total / 1000).toFixed(1)} s ` +
        `(background ${(r.seeded.ms.background / 1000).toFixed(1)} s, the customer ${(r.seeded.ms.customer / 1000).toFixed(1)} s); ` +
        `the customer has ${int(r.seeded.customer.interactions)} interactions, ${r.seeded.customer.invoices} invoices ` +
        `(${int(r.seeded.customer.invoiceLines)} lines), ${r.seeded.customer.cases} cases (${int(r.seeded.customer.messages)} messages); ` +
        `the view reported ${int(r.check.timelineTotal)}${r.check.capped ? ' (its count stops at 100)' : ''} timeline entries and opened the sealed bodies.`,
    ),
    '',
  ].join('\n');
};

const main = async () => {
  const startedAt = new Date().toISOString();
  const runs: Run[] = [];
  for (const kind of settings.databases) runs.push(await benchDatabase(kind));
  const section = render(startedAt, runs);
  process.stdout.write(`\n${section}\n`);
  const file = appendResults('account', startedAt, section, { startedAt, settings, runs });
  log(`raw results: ${file}; summary appended to bench/RESULTS.md`);
};

await main();
