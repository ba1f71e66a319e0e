/**
 * `npm run bench:revenue`: the quarterly revenue dashboard over 1,000,000 invoice lines (issue 4:
 * answers in ≤ 300 ms). Seeds 200,000 invoices × 5 lines over 8 quarters (2025-Q1 … 2026-Q4), 2,000
 * organisations in 3 customer groups or none, 20 products, set-based with generate_series as the owner;
 * then fills the revenue ledger ONCE by aggregating the invoice lines in SQL (rebuildRevenueLedger in
 * src/modules/reports/reports.fixtures.ts: the grouping the invoices service maintains per write —
 * quarter of issue, customer group or the nil uuid, product, currency; cancelled invoices left out) and
 * checks that the ledger's totals equal the invoice lines'. Measures GET /api/v1/reports/revenue through
 * the real server (one request at a time, and autocannon with 10 connections), and times the naive
 * aggregate over invoice_lines ⋈ invoices for comparison (in a tenant transaction, with row-level
 * security, before the server starts). Appends to bench/RESULTS.md.
 *
 * Environment: BENCH_DATABASES [pglite,postgres], BENCH_POSTGRES_URL [postgres://root@127.0.0.1:5432/postgres],
 * BENCH_INVOICES [200000], BENCH_DURATION seconds of load [15], BENCH_CONNECTIONS [10].
 */
import os from 'node:os';
import { sql } from 'kysely';
import { OPERATIONS } from '../src/cli/operations.ts';
import { loadConfig } from '../src/config.ts';
import { inTenant } from '../src/db/tenant.ts';
import { rebuildRevenueLedger } from '../src/modules/reports/reports.fixtures.ts';
import { openContext } from '../src/server/bootstrap.ts';
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
import { createTarget, custos, startServer, type Target } from './server.ts';

const env = process.env;
const settings = {
  databases: (env.BENCH_DATABASES ?? 'pglite,postgres').split(',').map((d) => d.trim()) as Target['kind'][],
  postgresUrl: env.BENCH_POSTGRES_URL ?? 'postgres://root@127.0.0.1:5432/postgres',
  invoices: Number(env.BENCH_INVOICES ?? 200_000),
  linesPerInvoice: 5,
  organizations: 2_000,
  products: 20,
  durationS: Number(env.BENCH_DURATION ?? 15),
  connections: Number(env.BENCH_CONNECTIONS ?? 10),
};
const GOAL_MS = 300;
const ADMIN = 'admin@bench.example';
const BATCH = 10_000;
const PATHS = [
  '/api/v1/reports/revenue?from=2025-Q1&to=2026-Q4&groupBy=customerGroup&currency=EUR',
  '/api/v1/reports/revenue?from=2025-Q1&to=2026-Q4&groupBy=product&currency=EUR',
  '/api/v1/reports/revenue?from=2026-Q1&to=2026-Q4&groupBy=customerGroup&currency=EUR',
  '/api/v1/reports/revenue?from=2025-Q3&to=2026-Q2&groupBy=product&currency=EUR',
];

/** The naive way: the same figures straight from the invoice lines. */
const naiveAggregate = sql<{ n: number; net: string }>`
  select count(*)::int as n, coalesce(sum(net), 0)::text as net from (
    select date_trunc('quarter', i.issued_at)::date as quarter,
      coalesce(i.customer_group_id, '00000000-0000-0000-0000-000000000000'::uuid) as key, sum(l.net) as net
    from invoice_lines l join invoices i on i.id = l.invoice_id
    where i.status <> 'cancelled' and i.currency = 'EUR' and i.issued_at between '2025-01-01' and '2026-12-31'
    group by 1, 2) x`;

type Seeded = {
  invoices: number;
  lines: number;
  ledgerRows: number;
  ledgerNet: string;
  linesNet: string;
  ms: { invoices: number; ledger: number; analyze: number; total: number };
  naiveMs: number[];
  naiveGroups: number;
};

const seedInvoices = async (target: Target): Promise<Seeded> => {
  const ctx = await openContext(loadConfig(target.env));
  try {
    await OPERATIONS.init!(ctx, {
      adminEmail: ADMIN,
      adminPassword: 'bench-password-not-secret',
      adminName: 'Bench Admin',
      organization: 'Bench GmbH',
    });
    const db = ctx.db.kysely;
    const admin = await db.selectFrom('users').select(['id', 'tenant_id']).executeTakeFirstOrThrow();
    const tenantId = admin.tenant_id;
    const groups = (
      await db
        .selectFrom('customer_groups')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .orderBy('name')
        .execute()
    ).map((g) => g.id);
    const started = performance.now();
    const N = settings.organizations;
    // organisation n belongs to customer group n % 4 (the fourth: none)
    await sql`insert into organizations (id, tenant_id, name, kind, customer_group_id, customer_number, created_by)
      select md5('org:' || n)::uuid, ${tenantId}::uuid, 'Kunde ' || n || ' GmbH', 'customer',
        (${groups}::uuid[])[1 + n % 4], 'K' || lpad(n::text, 6, '0'), ${admin.id}::uuid
      from generate_series(0, ${N - 1}) n`.execute(db);
    for (let from = 1; from <= settings.invoices; from += BATCH) {
      const to = Math.min(settings.invoices, from + BATCH - 1);
      // line k of invoice g: net ((31g + 17k) mod 9973 + 1) × 0.05, product (g + 7k) mod 20; issued over 730 days
      await sql`insert into invoices (id, tenant_id, number, organization_id, customer_group_id, status, issued_at,
          due_at, paid_at, currency, net_total, tax_total, gross_total, billing_name, billing_city, billing_country,
          retention_rule, retain_until, created_by)
        select md5('invoice:' || g)::uuid, ${tenantId}::uuid, 'R-' || lpad(g::text, 7, '0'), md5('org:' || (g % ${N}))::uuid,
          (${groups}::uuid[])[1 + (g % ${N}) % 4],
          case when g % 50 = 0 then 'cancelled' when g % 3 = 0 then 'paid' else 'open' end,
          d.issued, d.issued + 30, case when g % 50 <> 0 and g % 3 = 0 then d.issued + 14 end, 'EUR',
          n.net, round(n.net * 0.19, 2), n.net + round(n.net * 0.19, 2), 'Kunde ' || (g % ${N}) || ' GmbH', 'Berlin', 'DE',
          'de_invoice_8y', make_date(extract(year from d.issued)::int + 9, 1, 1) - 1, ${admin.id}::uuid
        from generate_series(${from}::int, ${to}::int) g
        cross join lateral (select date '2025-01-01' + (g % 730) as issued) d
        cross join lateral (select sum((((g * 31 + k * 17) % 9973 + 1) * 0.05)::numeric(14, 2)) as net
          from generate_series(1, ${settings.linesPerInvoice}) k) n`.execute(db);
      await sql`insert into invoice_lines (tenant_id, invoice_id, position, product, quantity, unit_price, tax_rate, net)
        select ${tenantId}::uuid, md5('invoice:' || g)::uuid, k,
          'Produkt ' || lpad((1 + (g + k * 7) % ${settings.products})::text, 2, '0'), 1, x.net, 19, x.net
        from generate_series(${from}::int, ${to}::int) g
        cross join generate_series(1, ${settings.linesPerInvoice}) k
        cross join lateral (select (((g * 31 + k * 17) % 9973 + 1) * 0.05)::numeric(14, 2) as net) x`.execute(
        db,
      );
      if (to % 50_000 === 0 || to === settings.invoices) log(`  ${target.kind}: ${int(to)} invoices`);
    }
    const invoicesMs = performance.now() - started;
    const ledgerStarted = performance.now();
    await rebuildRevenueLedger(db, tenantId);
    const ledgerMs = performance.now() - ledgerStarted;
    const analyzeStarted = performance.now();
    await sql`vacuum analyze`.execute(db);
    const analyzeMs = performance.now() - analyzeStarted;
    const counts = (
      await sql<{
        invoices: number;
        lines: number;
        ledger_rows: number;
        ledger_net: string;
        lines_net: string;
      }>`
        select (select count(*)::int from invoices) as invoices, (select count(*)::int from invoice_lines) as lines,
          (select count(*)::int from revenue_quarterly) as ledger_rows,
          (select sum(net)::text from revenue_quarterly) as ledger_net,
          (select sum(l.net)::text from invoice_lines l join invoices i on i.id = l.invoice_id
            where i.status <> 'cancelled') as lines_net`.execute(db)
    ).rows[0]!;
    if (counts.ledger_net !== counts.lines_net)
      throw new Error(`ledger ${counts.ledger_net} differs from the invoice lines ${counts.lines_net}`);
    const totalMs = performance.now() - started;
    // the naive aggregate, as the application role inside the tenant (row-level security on)
    const naiveMs: number[] = [];
    let naiveGroups = 0;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const row = await inTenant(db, tenantId, async (tx) => (await naiveAggregate.execute(tx)).rows[0]!);
      naiveMs.push(performance.now() - t0);
      naiveGroups = row.n;
    }
    log(`${target.kind}: naive aggregate over the invoice lines: ${naiveMs.map((v) => ms(v)).join(', ')} ms`);
    return {
      invoices: counts.invoices,
      lines: counts.lines,
      ledgerRows: counts.ledger_rows,
      ledgerNet: counts.ledger_net,
      linesNet: counts.lines_net,
      ms: { invoices: invoicesMs, ledger: ledgerMs, analyze: analyzeMs, total: totalMs },
      naiveMs,
      naiveGroups,
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
  sample: { quarters: string[]; series: number; total: string };
  /** 1-minute load average of the machine before and after the load (2 cores: above 2 means queueing). */
  loadAverage: [number, number];
};

const benchDatabase = async (kind: Target['kind']): Promise<Run> => {
  const target = await createTarget(kind, settings.postgresUrl);
  log(`${kind}: ${target.label}`);
  try {
    const seeded = await seedInvoices(target);
    log(`${kind}: seeded ${int(seeded.lines)} invoice lines in ${(seeded.ms.total / 1000).toFixed(1)} s`);
    const token = (await custos(target, ['token', 'create', '--email', ADMIN, '--name', 'bench'])).trim();
    const server = await startServer(target);
    try {
      const res = await fetch(`${server.url}${PATHS[0]}`, { headers: { authorization: `Bearer ${token}` } });
      const body = (await res.json()) as { quarters: string[]; series: unknown[]; total: string };
      if (res.status !== 200) throw new Error(`revenue report: ${res.status} ${JSON.stringify(body)}`);
      if (body.total !== seeded.linesNet)
        throw new Error(`report total ${body.total} differs from the invoice lines ${seeded.linesNet}`);
      await sequential(server.url, token, PATHS, 20);
      const single = await sequential(server.url, token, PATHS, 200);
      log(`${kind}: one at a time: p50 ${ms(single.p50)} ms, p99 ${ms(single.p99)} ms`);
      await loadWithPercentiles({
        url: server.url,
        token,
        paths: PATHS,
        connections: settings.connections,
        durationS: 3,
      });
      const loadBefore = os.loadavg()[0]!;
      const load = await loadWithPercentiles({
        url: server.url,
        token,
        paths: PATHS,
        connections: settings.connections,
        durationS: settings.durationS,
        serverPid: server.pid,
      });
      log(
        `${kind}: ${settings.connections} connections: ${int(load.requestsPerSecond)} req/s, p50 ${ms(load.ms.p50)} ms, ` +
          `p95 ${ms(load.ms.p95)} ms, p99 ${ms(load.ms.p99)} ms, errors ${load.errors}, non-2xx ${load.non2xx}`,
      );
      return {
        kind,
        seeded,
        single,
        load,
        sample: { quarters: body.quarters, series: body.series.length, total: body.total },
        loadAverage: [loadBefore, os.loadavg()[0]!],
      };
    } finally {
      await server.stop();
    }
  } finally {
    await target.cleanup();
  }
};

const render = (startedAt: string, runs: Run[]) => {
  const lines = [
    `## ${startedAt.slice(0, 10)} (${startedAt.slice(11, 16)} UTC) — revenue dashboard over 1,000,000 invoice lines (issue 4)`,
    '',
    `- Machine: ${machine()}`,
    `- Command: \`${commandLine('bench:revenue')}\` (bench/revenue-dashboard.bench.ts)`,
    `- Data: ${int(settings.invoices)} invoices × ${settings.linesPerInvoice} lines over 8 quarters (2025-Q1 … 2026-Q4), ` +
      `${int(settings.organizations)} organisations in 3 customer groups or none, ${settings.products} products, every 50th invoice cancelled; ` +
      'seeded with generate_series as the owner, then the revenue ledger (revenue_quarterly) filled once by aggregating the ' +
      'invoice lines in SQL with the grouping the invoices service maintains on every write, and checked against them.',
    `- Measured: GET /api/v1/reports/revenue rotating over ${PATHS.length} queries (8 and 4 quarters, by customer group and by product) ` +
      `through the real server (\`node bin/custos.mjs start\`): 200 requests one at a time, then autocannon with ${settings.connections} ` +
      `connections for ${settings.durationS} s after a 3 s warm-up (percentiles over every response). For comparison the naive aggregate ` +
      'over invoice_lines ⋈ invoices (same figures by quarter and customer group) in a tenant transaction, 3 runs.',
    '',
    '| database | lines | ledger rows | seeding | one at a time p50 / p99 ms | 10 conn. req/s | p50 ms | p95 ms | p99 ms | max ms | errors / non-2xx | naive aggregate ms (3 runs) | goal ≤ 300 ms |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...runs.map(
      (r) =>
        `| ${r.kind === 'pglite' ? 'PGlite' : 'PostgreSQL'} | ${int(r.seeded.lines)} | ${int(r.seeded.ledgerRows)} | ` +
        `${(r.seeded.ms.total / 1000).toFixed(1)} s | ${ms(r.single.p50)} / ${ms(r.single.p99)} | ${int(r.load.requestsPerSecond)} | ` +
        `${ms(r.load.ms.p50)} | ${ms(r.load.ms.p95)} | ${ms(r.load.ms.p99)} | ${ms(r.load.ms.max)} | ${r.load.errors} / ${r.load.non2xx} | ` +
        `${r.seeded.naiveMs.map((v) => ms(v)).join(', ')} | **${r.single.p99 <= GOAL_MS && r.load.ms.p99 <= GOAL_MS && r.load.errors + r.load.non2xx === 0 ? 'met' : 'NOT met'}** |`,
    ),
    '',
    ...runs.map(
      (r) =>
        `- ${r.kind === 'pglite' ? 'PGlite' : 'PostgreSQL'}: seeding ${(r.seeded.ms.invoices / 1000).toFixed(1)} s for invoices and lines, ` +
        `ledger aggregation ${(r.seeded.ms.ledger / 1000).toFixed(1)} s, vacuum analyze ${(r.seeded.ms.analyze / 1000).toFixed(1)} s; ` +
        `report total ${r.sample.total} EUR = sum of the non-cancelled invoice lines; server CPU ${r.load.serverCpuMsPerRequest ?? '–'} ms/request; ` +
        `machine load average ${r.loadAverage.map((v) => v.toFixed(1)).join('–')} during the load (other work shared the 2 cores).`,
    ),
    '',
  ];
  return lines.join('\n');
};

const main = async () => {
  const startedAt = new Date().toISOString();
  const runs: Run[] = [];
  for (const kind of settings.databases) runs.push(await benchDatabase(kind));
  const section = render(startedAt, runs);
  process.stdout.write(`\n${section}\n`);
  const file = appendResults('revenue', startedAt, section, { startedAt, settings, runs });
  log(`raw results: ${file}; summary appended to bench/RESULTS.md`);
};

await main();
