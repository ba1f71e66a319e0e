/**
 * `npm run bench:segments`: evaluate a marketing segment over 100,000 persons with their consents
 * (issue 6: ≤ 500 ms). Seeds set-based (INSERT … SELECT over generate_series, as the owner) a tenant with
 * 100,000 persons, ~40 % valid e-mail consents for marketing, some withdrawn, some restricted or objected,
 * bounced addresses, tags, organisations in customer groups, 200,000 interactions and orders; then
 * times, p50/p95 over BENCH_RUNS runs after two warm-ups:
 *  - `evaluateSegmentWithin` (counts; the campaigns' call) for a typical marketing segment: tag + postal
 *    code prefix + an interaction within 365 days, purpose marketing, channel e-mail;
 *  - the same with `includeRecipients` (what a campaign send reads);
 *  - `POST /api/v1/segments/preview` through the real Fastify app (app.inject, admin bearer token);
 *  - the worst case: every person (no condition) for marketing by e-mail, counts only.
 * On PGlite (in memory) and PostgreSQL (a fresh database on BENCH_DATABASE_URL or the local server,
 * dropped afterwards). Appends to bench/RESULTS.md unless BENCH_RECORD=0.
 *
 * Then the same again after creating the candidate indexes (BENCH_CANDIDATE_INDEXES=0 skips that).
 *
 * Environment: BENCH_DATABASES [pglite,postgres], BENCH_DATABASE_URL, BENCH_PERSONS [100000], BENCH_RUNS [20].
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.ts';
import type { Database } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { asSystem, inTenant } from '../src/db/tenant.ts';
import type { SegmentDefinition } from '../src/domain/marketing/segment-definition.ts';
import { evaluateSegmentWithin } from '../src/modules/segments/segments.evaluation.ts';
import { initInstallation } from '../src/modules/setup/setup.service.ts';
import { createToken } from '../src/modules/tokens/tokens.service.ts';
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
  runs: Number(env.BENCH_RUNS ?? 20),
};
const GOAL_MS = 500;
const NOW = new Date('2026-06-15T10:00:00Z');

const openTarget = (kind: BenchDatabaseKind) =>
  openBenchDatabase({ kind, postgresUrl: settings.postgresUrl });

/** Everything set-based, deterministic (hashes of the row number, no random()). */
const seed = async (db: Database, tenantId: string, persons: number) => {
  const h = (expr: string, mod: number) => sql.raw(`(abs(hashtext(${expr})) % ${mod})`);
  return asSystem(db.kysely, async (tx) => {
    await sql`insert into tags (tenant_id, name)
      select ${tenantId}, 'Tag ' || g from generate_series(1, 10) g`.execute(tx);
    const orgCount = Math.max(10, Math.round(persons / 50));
    await sql`insert into organizations (tenant_id, name, kind, customer_group_id, updated_at)
      select ${tenantId}, 'Firma ' || g,
        (array['customer', 'prospect', 'partner', 'supplier', 'other'])[1 + g % 5],
        cg.ids[1 + g % cardinality(cg.ids)], now()
      from generate_series(1, ${orgCount}) g,
        (select array_agg(id order by name) as ids from customer_groups where tenant_id = ${tenantId}) cg`.execute(
      tx,
    );
    await sql`insert into persons (tenant_id, kind, first_name, last_name, email, phone, birth_date, street,
        postal_code, city, country, organization_id, legal_basis, purposes, source_kind, collected_at, created_at,
        updated_at, restricted_at, marketing_objection_at)
      select ${tenantId},
        (array['customer', 'prospect', 'contact_person'])[1 + n % 3],
        'Vorname' || n, 'Nachname' || ${h("n::text || 'l'", 50000)},
        case when ${h("n::text || 'e'", 100)} < 92 then 'person' || n || '@example.de' end,
        case when ${h("n::text || 'p'", 100)} < 70 then '+49 30 ' || n end,
        date '1950-01-01' + ${h("n::text || 'b'", 20000)}::int,
        case when ${h("n::text || 'a'", 100)} < 88 then 'Straße ' || n % 200 end,
        lpad(${h("n::text || 'z'", 100000)}::text, 5, '0'),
        'Stadt ' || n % 500, 'DE',
        case when n % 3 = 0 then orgs.ids[1 + n % cardinality(orgs.ids)] end,
        'contract',
        case when ${h("n::text || 'm'", 100)} < 50 then array['sales', 'marketing'] else array['sales'] end,
        'other', ${NOW}::timestamptz - interval '3 years',
        ${NOW}::timestamptz - (${h("n::text || 'c'", 1500)} || ' days')::interval, ${NOW}::timestamptz,
        case when ${h("n::text || 'r'", 100)} < 1 then ${NOW}::timestamptz end,
        case when ${h("n::text || 'o'", 100)} < 3 then ${NOW}::timestamptz end
      from generate_series(1, ${persons}) n,
        (select array_agg(id order by name) as ids from organizations where tenant_id = ${tenantId}) orgs`.execute(
      tx,
    );
    const ids = sql`(select id, row_number() over (order by id) as n from persons where tenant_id = ${tenantId})`;
    await sql`insert into person_tags (tenant_id, person_id, tag_id)
      select distinct ${tenantId}::uuid, p.id, t.ids[k]
      from ${ids} p,
        (select array_agg(id order by name) as ids from tags where tenant_id = ${tenantId}) t,
        unnest(case when p.n % 7 = 0 then array[1 + p.n % 10, 1 + (p.n / 7) % 10]::int[]
          else array[1 + p.n % 10]::int[] end) k`.execute(tx);
    await sql`insert into interactions (tenant_id, person_id, kind, occurred_at, subject)
      select ${tenantId}, p.id, (array['call', 'email', 'meeting', 'letter'])[1 + (p.n + k) % 4],
        ${NOW}::timestamptz - (${h('p.n::text || k::text', 730)} || ' days')::interval, 'Kontakt'
      from ${ids} p, generate_series(1, 2) k`.execute(tx);
    await sql`insert into orders (tenant_id, number, person_id, status, ordered_at, net_total, tax_total, gross_total)
      select ${tenantId}, 'B-' || p.n, p.id, 'fulfilled', date '2026-06-01' - (p.n % 700)::int, 100, 19, 119
      from ${ids} p where p.n % 7 = 1`.execute(tx);
    const wordings = sql`(select id, purpose_id, channel from consent_wordings where tenant_id = ${tenantId})`;
    await sql`insert into consent_wordings (tenant_id, purpose_id, channel, language, version, text, text_sha256, advertiser)
      values (${tenantId}, 'marketing', 'email', 'de', 1, 'Ja, ich möchte Angebote per E-Mail erhalten.', ${'a'.repeat(64)}, 'Bench GmbH'),
        (${tenantId}, 'newsletter', 'email', 'de', 1, 'Ja, ich möchte den Newsletter erhalten.', ${'b'.repeat(64)}, 'Bench GmbH'),
        (${tenantId}, 'marketing', 'letter', 'de', 1, 'Ja, ich möchte Angebote per Post erhalten.', ${'c'.repeat(64)}, 'Bench GmbH')`.execute(
      tx,
    );
    // ~40 % valid marketing e-mail consents, ~6 % withdrawn ones, ~5 % superseded history, newsletters, letters
    await sql`insert into consents (tenant_id, person_id, purpose_id, channel, wording_id, method, given_at,
        withdrawn_at, withdrawal_method, superseded_at)
      select ${tenantId}, p.id, w.purpose_id, w.channel, w.id, 'import',
        ${NOW}::timestamptz - interval '400 days',
        case when b.r >= 40 and b.r < 46 then ${NOW}::timestamptz - interval '30 days' end,
        case when b.r >= 40 and b.r < 46 then 'one_click' end,
        case when b.r >= 46 and b.r < 51 then ${NOW}::timestamptz - interval '200 days' end
      from ${ids} p
      cross join lateral (select ${h("p.n::text || 'k'", 100)} as r) b
      join ${wordings} w on (w.purpose_id = 'marketing' and w.channel = 'email' and b.r < 51)
        or (w.purpose_id = 'newsletter' and b.r % 5 = 0)
        or (w.purpose_id = 'marketing' and w.channel = 'letter' and b.r % 10 = 3)`.execute(tx);
    await sql`insert into mail_bounces (tenant_id, address, bounced_at)
      select ${tenantId}, email, ${NOW}::timestamptz from persons
      where tenant_id = ${tenantId} and email is not null and ${h("id::text || 'x'", 100)} < 1`.execute(tx);
    await sql`analyze`.execute(tx);
    const counts = await sql<Record<string, number>>`select
        (select count(*)::int from persons) as persons,
        (select count(*)::int from consents) as consents,
        (select count(*)::int from consents where withdrawn_at is null and superseded_at is null
          and purpose_id = 'marketing' and channel = 'email') as valid_marketing_email,
        (select count(*)::int from interactions) as interactions,
        (select count(*)::int from person_tags) as person_tags,
        (select count(*)::int from orders) as orders,
        (select count(*)::int from organizations) as organizations`.execute(tx);
    return counts.rows[0] ?? {};
  });
};

const time = async <T>(runs: number, fn: () => Promise<T>) => {
  await fn();
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
    const { tenantId, adminId } = await initInstallation(ctx, {
      organizationName: 'Bench GmbH',
      adminName: 'Bench Admin',
      adminEmail: 'admin@bench.example',
      adminPassword: 'bench-password-not-secret',
    });
    const started = performance.now();
    const data = await seed(target.db, tenantId, settings.persons);
    const seedMs = performance.now() - started;
    log(`${kind}: seeded in ${ms(seedMs)} ms: ${JSON.stringify(data)}`);

    const tagId = (
      await asSystem(target.db.kysely, (tx) =>
        tx
          .selectFrom('tags')
          .select('id')
          .where('tenant_id', '=', tenantId)
          .where('name', '=', 'Tag 3')
          .executeTakeFirstOrThrow(),
      )
    ).id;
    const definition: SegmentDefinition = {
      match: 'all',
      conditions: [
        { field: 'tag', op: 'has', tagId },
        { field: 'postalCode', prefix: '3' },
        { field: 'lastInteraction', op: 'within', days: 365 },
      ],
    };
    const insertSegment = (name: string, d: SegmentDefinition) =>
      inTenant(
        target.db.kysely,
        tenantId,
        async (tx) =>
          (
            await tx
              .insertInto('segments')
              .values({
                tenant_id: tenantId,
                name,
                definition: JSON.stringify(d),
                purpose_id: 'marketing',
                channel: 'email',
                updated_at: NOW,
              })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id,
      );
    const typical = await insertSegment('Typisch', definition);
    const everyone = await insertSegment('Alle', { match: 'all', conditions: [] });
    const evaluate = (segmentId: string, includeRecipients: boolean) => () =>
      inTenant(target.db.kysely, tenantId, (tx) =>
        evaluateSegmentWithin(tx, ctx, { tenantId, segmentId, includeRecipients }),
      );

    if (env.BENCH_EXPLAIN === '1') {
      const { matchWhere, countsQuery } = await import('../src/modules/segments/segments.repository.ts');
      const { marketingUseWithin } = await import('../src/modules/segments/segments.evaluation.ts');
      await inTenant(target.db.kysely, tenantId, async (tx) => {
        const use = await marketingUseWithin(tx, 'marketing', 'email');
        for (const d of [definition, { match: 'all', conditions: [] } as SegmentDefinition]) {
          const q = countsQuery(
            matchWhere(d, { now: NOW, today: '2026-06-15' }, { allDepartments: true, departmentIds: [] }),
            use,
          ).compile(tx);
          const plan = await tx.executeQuery({
            ...q,
            sql: `explain (analyze, buffers) ${q.sql}`,
          } as typeof q);
          log(plan.rows.map((r) => Object.values(r as object)[0]).join('\n'));
        }
      });
    }
    const CANDIDATE_INDEXES = [
      'create index person_tags_tag on person_tags (tag_id, person_id)',
      'create index persons_postal_code on persons (tenant_id, postal_code text_pattern_ops)',
    ];
    const app = await buildApp({ ctx, logger: false });
    const { token } = await createToken(ctx, { tenantId, userId: adminId, name: 'bench' });
    const results = [];
    for (const variant of env.BENCH_CANDIDATE_INDEXES === '0' ? ['0010'] : ['0010', '+ candidate indexes']) {
      if (variant !== '0010')
        await asSystem(target.db.kysely, async (tx) => {
          for (const ddl of CANDIDATE_INDEXES) await sql.raw(ddl).execute(tx);
          await sql`analyze persons, person_tags`.execute(tx);
        });
      const tag = variant === '0010' ? '' : ` (${variant})`;
      const counts = await time(settings.runs, evaluate(typical, false));
      results.push({
        what: `evaluateSegmentWithin, typical segment (counts)${tag}`,
        ...counts,
        evaluation: counts.last,
      });
      log(`${kind}: typical counts p50 ${ms(counts.p50)} ms ${JSON.stringify(counts.last)}`);
      const withRecipients = await time(settings.runs, evaluate(typical, true));
      results.push({
        what: `evaluateSegmentWithin, typical segment, with recipients${tag}`,
        ...withRecipients,
        evaluation: { ...withRecipients.last, recipients: withRecipients.last.recipients?.length },
      });
      log(`${kind}: typical with recipients p50 ${ms(withRecipients.p50)} ms`);

      const previewRun = await time(settings.runs, async () => {
        const res = await app.inject({
          method: 'POST',
          url: '/api/v1/segments/preview',
          headers: { authorization: `Bearer ${token}` },
          payload: { definition, purposeId: 'marketing', channel: 'email' },
        });
        if (res.statusCode !== 200) throw new Error(`preview: ${res.statusCode} ${res.body.slice(0, 300)}`);
        return res.json() as { matched: number; eligible: number };
      });
      results.push({
        what: `POST /segments/preview (Fastify, admin), typical segment${tag}`,
        ...previewRun,
        evaluation: { matched: previewRun.last.matched, eligible: previewRun.last.eligible },
      });
      log(`${kind}: preview p50 ${ms(previewRun.p50)} ms`);

      const all = await time(settings.runs, evaluate(everyone, false));
      results.push({
        what: `evaluateSegmentWithin, every person (counts)${tag}`,
        ...all,
        evaluation: all.last,
      });
      log(`${kind}: everyone p50 ${ms(all.p50)} ms ${JSON.stringify(all.last)}`);
    }
    await app.close();
    return { kind, label: target.label, seedMs, data, results };
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
        `| ${r.kind === 'pglite' ? 'PGlite' : 'PostgreSQL'} | ${x.what} | ${int(x.evaluation.matched)} / ${int(x.evaluation.eligible)} | ${ms(x.p50)} | ${ms(x.p95)} | ${ms(x.max)} | ${x.p50 <= GOAL_MS ? '**met**' : '**NOT met**'} |`,
    ),
  );
  const first = runs[0]?.data ?? {};
  const section = `## ${startedAt.slice(0, 10)} (${startedAt.slice(11, 16)} UTC) — segment evaluation (issue 6)

- Machine: ${machine()}
- Command: \`${commandLine('bench:segments')}\` (bench/segment.bench.ts)
- Data: ${int(first.persons ?? 0)} persons (92 % with e-mail, 88 % with a postal address, 1 % restricted, 3 % objected, 1 % bounced), ${int(first.consents ?? 0)} consents (${int(first.valid_marketing_email ?? 0)} valid for marketing by e-mail, ~6 % withdrawn, ~5 % superseded, newsletter and letter consents), ${int(first.interactions ?? 0)} interactions, ${int(first.person_tags ?? 0)} tag assignments, ${int(first.organizations ?? 0)} organisations in customer groups, ${int(first.orders ?? 0)} orders. Seeded set-based as the owner.
- Typical segment: tag + postal code prefix "3" + an interaction within 365 days, purpose marketing, channel e-mail. Matching and eligibility (restricted, objected, address, bounce, valid/withdrawn consent, purpose on record, existing customer) in one statement. ${settings.runs} timed runs after 2 warm-ups, one at a time. Rows marked "+ candidate indexes" were measured on the same data after \`create index person_tags_tag on person_tags (tag_id, person_id)\` and \`create index persons_postal_code on persons (tenant_id, postal_code text_pattern_ops)\` (not in migration 0010; proposed for 0011).

| database | what | matched / eligible | p50 ms | p95 ms | max ms | goal p50 ≤ ${GOAL_MS} ms |
|---|---|---:|---:|---:|---:|---|
${rows.join('\n')}

${runs.map((r) => `- ${r.label}: seeding ${(r.seedMs / 1000).toFixed(1)} s.`).join('\n')}
`;
  const file = appendResults('segments', startedAt, section, { startedAt, settings, runs });
  process.stdout.write(`\n${section}\n${file}\n`);
};

await main();
