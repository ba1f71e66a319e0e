/**
 * `npm run bench:self-check`: the self-check (GET /self-check, `custos check`) over 100,000 persons
 * (issue 7: ≤ 5 s). Seeds set-based (INSERT … SELECT over generate_series, as the owner) a tenant with
 * 100,000 persons (5 % with health data, a few with an undeclared purpose, a basis their purpose does
 * not allow or health data without an Art. 9(2) condition), ~45 % with consents (a few without proof
 * or an unconfirmed double opt-in), 200,000 interactions, 2,000 requests (some overdue) and 200
 * breaches (some overdue); then times, p50/p95/max over BENCH_RUNS runs after one warm-up:
 *  - `selfCheckWithin` in one tenant transaction (every check, the other modules' included);
 *  - `GET /api/v1/self-check` through the real Fastify app (app.inject, DPO bearer token).
 * On PGlite (in memory) and PostgreSQL (a fresh database on BENCH_DATABASE_URL or the local server,
 * dropped afterwards). Appends to bench/RESULTS.md unless BENCH_RECORD=0.
 *
 * Environment: BENCH_DATABASES [pglite,postgres], BENCH_DATABASE_URL, BENCH_PERSONS [100000], BENCH_RUNS [5].
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.ts';
import type { Database } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { asSystem, inTenant } from '../src/db/tenant.ts';
import type { SelfCheckReport } from '../src/domain/self-check/report.ts';
import { dpiaFindings } from '../src/modules/dpia/dpia.checks.ts';
import { registerFindings } from '../src/modules/recipients/register.checks.ts';
import { retentionFindings } from '../src/modules/retention/retention.checks.ts';
import * as checks from '../src/modules/self-check/self-check.repository.ts';
import { selfCheckWithin } from '../src/modules/self-check/self-check.service.ts';
import { initInstallation } from '../src/modules/setup/setup.service.ts';
import { createToken } from '../src/modules/tokens/tokens.service.ts';
import { createUser } from '../src/modules/users/users.service.ts';
import { buildApp } from '../src/server/app.ts';
import type { AppContext } from '../src/server/context.ts';
import { type BenchDatabaseKind, openBenchDatabase } from './database.ts';
import { appendResults, commandLine, int, log, machine, ms, summarize } from './percentiles.ts';

const env = process.env;
const settings = {
  databases: (env.BENCH_DATABASES ?? 'pglite,postgres').split(',').map((d) => d.trim()) as (
    | 'pglite'
    | 'postgres'
  )[],
  postgresUrl: env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  persons: Number(env.BENCH_PERSONS ?? 100_000),
  runs: Number(env.BENCH_RUNS ?? 5),
};
const GOAL_MS = 5_000;
const NOW = new Date('2026-06-15T10:00:00Z');

const openTarget = (kind: BenchDatabaseKind) =>
  openBenchDatabase({ kind, postgresUrl: settings.postgresUrl });

/** Everything set-based, deterministic (hashes of the row number, no random()). */
const seed = async (db: Database, tenantId: string, persons: number) => {
  const h = (expr: string, mod: number) => sql.raw(`(abs(hashtext(${expr})) % ${mod})`);
  return asSystem(db.kysely, async (tx) => {
    // ~0.2 % an undeclared purpose, ~0.2 % a basis the purpose does not allow (billing under legitimate
    // interests), 5 % health data of which ~2 % of those without an Art. 9(2) condition
    await sql`insert into persons (tenant_id, kind, first_name, last_name, email, legal_basis, purposes,
        accessibility_needs, accessibility_legal_basis, source_kind, collected_at, created_at, updated_at)
      select ${tenantId}, (array['customer', 'prospect', 'contact_person'])[1 + n % 3],
        'Vorname' || n, 'Nachname' || n, 'person' || n || '@example.de',
        case when b.r = 1 then 'legitimate_interest' when b.r % 2 = 0 then 'consent' else 'contract' end,
        case when b.r = 0 then array['sales', 'horoskop'] when b.r = 1 then array['billing']
          when b.r % 2 = 0 then array['sales', 'marketing'] else array['sales', 'customer_service'] end,
        case when b.r % 20 = 7 then 'v1.sealed-health-note' end,
        case when b.r % 20 = 7 then (case when b.r = 7 then 'legitimate_interest' else 'explicit_consent' end) end,
        'import', ${NOW}::timestamptz - interval '2 years',
        ${NOW}::timestamptz - (${h("n::text || 'c'", 700)} || ' days')::interval, ${NOW}::timestamptz
      from generate_series(1, ${persons}) n
      cross join lateral (select ${h("n::text || 'r'", 500)} as r) b`.execute(tx);
    const ids = sql`(select id, row_number() over (order by id) as n from persons where tenant_id = ${tenantId})`;
    await sql`insert into interactions (tenant_id, person_id, kind, occurred_at, subject)
      select ${tenantId}, p.id, (array['call', 'email', 'meeting', 'letter'])[1 + (p.n + k) % 4],
        ${NOW}::timestamptz - (${h('p.n::text || k::text', 730)} || ' days')::interval, 'Kontakt'
      from ${ids} p, generate_series(1, 2) k`.execute(tx);
    await sql`insert into consent_wordings (tenant_id, purpose_id, channel, language, version, text, text_sha256, advertiser)
      select ${tenantId}, w.purpose_id, 'email', 'de', 1, w.text, encode(sha256(convert_to(w.text, 'UTF8')), 'hex'), 'Bench GmbH'
      from (values ('marketing', 'Ja, ich möchte Angebote per E-Mail erhalten.'),
        ('newsletter', 'Ja, ich möchte den Newsletter erhalten.')) w(purpose_id, text)`.execute(tx);
    // ~45 % with a consent (proof sealed); ~1 % of them without proof, ~1 % unconfirmed double opt-in
    await sql`insert into consents (tenant_id, person_id, purpose_id, channel, address, wording_id, method,
        given_at, proof, withdrawn_at, withdrawal_method)
      select ${tenantId}, p.id, w.purpose_id, 'email', 'person' || p.n || '@example.de', w.id,
        case when b.r = 3 then 'double_opt_in' else 'import' end,
        ${NOW}::timestamptz - interval '300 days',
        case when b.r = 4 then '{}'::jsonb else '{"sealed": "v1.bench-proof"}'::jsonb end,
        case when b.r % 10 = 9 then ${NOW}::timestamptz - interval '20 days' end,
        case when b.r % 10 = 9 then 'one_click' end
      from ${ids} p
      cross join lateral (select ${h("p.n::text || 'k'", 220)} as r) b
      join consent_wordings w on w.tenant_id = ${tenantId}
        and w.purpose_id = case when b.r % 2 = 0 then 'marketing' else 'newsletter' end
      where b.r < 100`.execute(tx);
    // 2,000 requests, 10 % overdue; 200 breaches, 10 % overdue
    await sql`insert into dsr_requests (tenant_id, number, type, channel, person_id, received_at, due_at)
      select ${tenantId}, 'A-' || p.n, 'access', 'email', p.id,
        ${NOW}::timestamptz - ((case when p.n % 10 = 0 then 40 else 10 end) || ' days')::interval,
        (${NOW}::timestamptz - ((case when p.n % 10 = 0 then 40 else 10 end) || ' days')::interval
          + interval '1 month')::date
      from ${ids} p where p.n <= 2000`.execute(tx);
    await sql`insert into breaches (tenant_id, number, title, description, aware_at, risk)
      select ${tenantId}, 'DP-' || g, 'Panne ' || g, 'Beschreibung',
        ${NOW}::timestamptz - ((case when g % 10 = 0 then 100 else 10 end) || ' hours')::interval,
        case when g % 10 = 0 then null else 'risk' end
      from generate_series(1, 200) g`.execute(tx);
    await sql`analyze`.execute(tx);
    const counts = await sql<Record<string, number>>`select
        (select count(*)::int from persons) as persons,
        (select count(*)::int from persons where accessibility_needs is not null) as health,
        (select count(*)::int from consents) as consents,
        (select count(*)::int from interactions) as interactions,
        (select count(*)::int from dsr_requests) as requests,
        (select count(*)::int from breaches) as breaches`.execute(tx);
    return counts.rows[0] ?? {};
  });
};

const time = async <T>(runs: number, fn: () => Promise<T>) => {
  await fn();
  const times: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    last = await fn();
    times.push(performance.now() - started);
  }
  return { ...summarize(times), last: last as T };
};

const countsOf = (report: SelfCheckReport) =>
  Object.fromEntries(report.findings.filter((f) => f.count > 0).map((f) => [f.check, f.count]));

const benchDatabase = async (kind: 'pglite' | 'postgres') => {
  const target = await openTarget(kind);
  log(`${kind}: ${target.label}`);
  try {
    await migrate({ db: target.db });
    const config = loadConfig({
      CUSTOS_DATA_DIR: path.join(os.tmpdir(), `custos-bench-${randomBytes(4).toString('hex')}`),
      CUSTOS_SCHEDULER: '0',
    });
    const ctx: AppContext = { db: target.db, config, masterKey: randomBytes(32), now: () => NOW };
    const { tenantId } = await initInstallation(ctx, {
      organizationName: 'Bench GmbH',
      adminName: 'Bench Admin',
      adminEmail: 'admin@bench.example',
      adminPassword: 'bench-password-not-secret',
    });
    const started = performance.now();
    const data = await seed(target.db, tenantId, settings.persons);
    const seedMs = performance.now() - started;
    log(`${kind}: seeded in ${ms(seedMs)} ms: ${JSON.stringify(data)}`);

    const within = await time(settings.runs, () =>
      inTenant(target.db.kysely, tenantId, (tx) => selfCheckWithin(tx, ctx, { tenantId, now: NOW })),
    );
    log(`${kind}: selfCheckWithin p50 ${ms(within.p50)} ms ${JSON.stringify(countsOf(within.last))}`);

    // one run of each part on its own, to see where the time goes
    const parts: Record<
      string,
      (tx: Parameters<typeof checks.personsWithoutPurpose>[0]) => Promise<unknown>
    > = {
      person_without_purpose: (tx) => checks.personsWithoutPurpose(tx),
      special_without_art9: (tx) => checks.specialWithoutArt9(tx),
      consent_without_proof: (tx) => checks.consentsWithoutProof(tx),
      request_overdue: (tx) => checks.requestsOverdue(tx, { today: '2026-06-15' }),
      breach_overdue: (tx) =>
        checks.breachesOverdue(tx, { notifyBefore: new Date(NOW.getTime() - 72 * 3_600_000) }),
      retentionFindings: (tx) => retentionFindings(tx, ctx, { tenantId, now: NOW }),
      registerFindings: (tx) => registerFindings(tx, ctx, { tenantId, now: NOW }),
      dpiaFindings: (tx) => dpiaFindings(tx, ctx, { tenantId, now: NOW }),
    };
    const breakdown: Record<string, number> = {};
    for (const [name, part] of Object.entries(parts)) {
      const t0 = performance.now();
      await inTenant(target.db.kysely, tenantId, part);
      breakdown[name] = Math.round(performance.now() - t0);
    }
    log(`${kind}: breakdown (ms) ${JSON.stringify(breakdown)}`);

    const dpo = await createUser(ctx, {
      tenantId,
      input: {
        email: 'dpo@bench.example',
        displayName: 'Bench DPO',
        password: 'bench-password-not-secret',
        role: 'dpo',
        departmentIds: [],
      },
    });
    const { token } = await createToken(ctx, { tenantId, userId: dpo.id, name: 'bench' });
    const app = await buildApp({ ctx, logger: false });
    const api = await time(settings.runs, async () => {
      const res = await app.inject({
        method: 'GET',
        url: '/api/v1/self-check',
        headers: { authorization: `Bearer ${token}` },
      });
      if (res.statusCode !== 200) throw new Error(`self-check: ${res.statusCode} ${res.body.slice(0, 300)}`);
      return res.json() as SelfCheckReport;
    });
    log(`${kind}: GET /self-check p50 ${ms(api.p50)} ms`);
    await app.close();
    return {
      kind,
      label: target.label,
      seedMs,
      data,
      breakdown,
      results: [
        {
          what: 'selfCheckWithin (one tenant transaction, every check)',
          ...within,
          found: countsOf(within.last),
        },
        { what: 'GET /api/v1/self-check (Fastify, DPO)', ...api, found: countsOf(api.last) },
      ],
    };
  } finally {
    await target.drop();
  }
};

const main = async () => {
  const startedAt = new Date().toISOString();
  const runs = [];
  for (const kind of settings.databases) runs.push(await benchDatabase(kind));
  const rows = runs.flatMap((r) =>
    r.results.map(
      (x) =>
        `| ${r.kind === 'pglite' ? 'PGlite' : 'PostgreSQL'} | ${x.what} | ${ms(x.p50)} | ${ms(x.p95)} | ${ms(x.max)} | ${x.max <= GOAL_MS ? '**met**' : '**NOT met**'} |`,
    ),
  );
  const first = runs[0]?.data ?? {};
  const found = runs[0]?.results[0]?.found ?? {};
  const section = `## ${startedAt.slice(0, 10)} (${startedAt.slice(11, 16)} UTC) — self-check (issue 7)

- Machine: ${machine()}
- Command: \`${commandLine('bench:self-check')}\` (bench/self-check.bench.ts)
- Data: ${int(first.persons ?? 0)} persons (${int(first.health ?? 0)} with health data), ${int(first.consents ?? 0)} consents, ${int(first.interactions ?? 0)} interactions, ${int(first.requests ?? 0)} data subject requests, ${int(first.breaches ?? 0)} breaches; planted violations found: ${Object.entries(
    found,
  )
    .map(([k, v]) => `${k} ${int(v as number)}`)
    .join(', ')}. Seeded set-based as the owner.
- Every check of the self-check (the retention, register and DPIA checks as implemented at the time) in one tenant transaction; ${settings.runs} timed runs after 1 warm-up, one at a time.

| database | what | p50 ms | p95 ms | max ms | goal max ≤ ${GOAL_MS} ms |
|---|---|---:|---:|---:|---|
${rows.join('\n')}

${runs
  .map(
    (r) =>
      `- ${r.label}: seeding ${(r.seedMs / 1000).toFixed(1)} s; one run per part (ms): ${Object.entries(
        r.breakdown,
      )
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}.`,
  )
  .join('\n')}
`;
  const file = appendResults('self-check', startedAt, section, { startedAt, settings, runs });
  process.stdout.write(`\n${section}\n${file}\n`);
};

await main();
