/**
 * `npm run bench:requests`: data subject requests for a big customer (issue 5: for a person with 10,000
 * interactions, 200 cases and 500 invoices, access export ≤ 1 s and erasure ≤ 1 s, API, p50 over 20
 * runs, on PGlite and PostgreSQL). Seeds background persons (bench/seed.ts) and 20 big customers
 * (bench/big-customer.ts), then through the real server as the DPO: for each customer an access request
 * (record, verify identity, fulfil = compile and store the export; then GET the export), then for each
 * an erasure request (record, verify, fulfil = delete everywhere, shred the key, restrict retained
 * invoices, suppression entries, journal). Appends to bench/RESULTS.md.
 *
 * Environment: BENCH_DATABASES [pglite,postgres], BENCH_POSTGRES_URL, BENCH_PERSONS background persons
 * [5000], BENCH_RUNS customers [20].
 */
import { OPERATIONS } from '../src/cli/operations.ts';
import { loadConfig } from '../src/config.ts';
import { createUser } from '../src/modules/users/users.service.ts';
import { openContext } from '../src/server/bootstrap.ts';
import type { Actor } from '../src/server/context.ts';
import { BIG_CUSTOMER, seedBigCustomer } from './big-customer.ts';
import { appendResults, commandLine, int, log, machine, ms, summarize } from './percentiles.ts';
import { seed } from './seed.ts';
import { createTarget, custos, startServer, type Target } from './server.ts';

const env = process.env;
const settings = {
  databases: (env.BENCH_DATABASES ?? 'pglite,postgres').split(',').map((d) => d.trim()) as Target['kind'][],
  postgresUrl: env.BENCH_POSTGRES_URL ?? 'postgres://root@127.0.0.1:5432/postgres',
  persons: Number(env.BENCH_PERSONS ?? 5_000),
  runs: Number(env.BENCH_RUNS ?? 20),
};
const GOAL_MS = 1_000;
const ADMIN = 'admin@bench.example';
const DPO = 'dpo@bench.example';
const PASSWORD = 'bench-password-not-secret';

const prepare = async (target: Target) => {
  const ctx = await openContext(loadConfig(target.env));
  try {
    await OPERATIONS.init!(ctx, {
      adminEmail: ADMIN,
      adminPassword: PASSWORD,
      adminName: 'Bench Admin',
      organization: 'Bench GmbH',
    });
    const db = ctx.db.kysely;
    const started = performance.now();
    await seed(ctx.db, { persons: settings.persons, interactions: 10 * settings.persons, seed: 42 }, (m) =>
      log(`${target.kind}:${m}`),
    );
    const admin = await db.selectFrom('users').select(['id', 'tenant_id']).executeTakeFirstOrThrow();
    const actor: Actor = {
      tenantId: admin.tenant_id,
      userId: admin.id,
      role: 'admin',
      departmentIds: [],
      via: 'token',
    };
    await createUser(ctx, {
      tenantId: admin.tenant_id,
      input: { email: DPO, displayName: 'Bench DPO', password: PASSWORD, role: 'dpo', departmentIds: [] },
    });
    const group = await db
      .selectFrom('customer_groups')
      .select('id')
      .where('tenant_id', '=', admin.tenant_id)
      .executeTakeFirstOrThrow();
    const customers: string[] = [];
    for (let i = 1; i <= settings.runs; i++) {
      const { personId } = await seedBigCustomer(ctx, { actor, groupId: group.id, tag: `C${i}` });
      customers.push(personId);
    }
    return { customers, seedMs: performance.now() - started };
  } finally {
    await ctx.close();
  }
};

type Call = { status: number; body: unknown; ms: number };

const api =
  (url: string, token: string) =>
  async (method: string, path: string, body?: unknown): Promise<Call> => {
    const started = performance.now();
    const res = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    const elapsed = performance.now() - started;
    return { status: res.status, body: text ? JSON.parse(text) : null, ms: elapsed };
  };

const expectStatus = (call: Call, status: number, what: string) => {
  if (call.status !== status)
    throw new Error(`${what}: ${call.status} ${JSON.stringify(call.body).slice(0, 400)}`);
  return call;
};

/** Records a request and verifies the requester's identity; returns the request id. */
const openVerifiedRequest = async (call: ReturnType<typeof api>, type: string, personId: string) => {
  const created = expectStatus(
    await call('POST', '/requests', { type, personId, channel: 'email' }),
    201,
    `create ${type} request`,
  ).body as { id: string };
  expectStatus(
    await call('POST', `/requests/${created.id}/verification`, { method: 'known_email', outcome: 'passed' }),
    200,
    'verify identity',
  );
  return created.id;
};

const benchDatabase = async (kind: Target['kind']) => {
  const target = await createTarget(kind, settings.postgresUrl);
  log(`${kind}: ${target.label}`);
  try {
    const seeded = await prepare(target);
    log(`${kind}: seeded ${seeded.customers.length} customers in ${(seeded.seedMs / 1000).toFixed(1)} s`);
    const token = (await custos(target, ['token', 'create', '--email', DPO, '--name', 'bench'])).trim();
    const server = await startServer(target);
    try {
      const call = api(server.url, token);
      const access: number[] = [];
      const download: number[] = [];
      let exported = { interactions: 0, invoices: 0, cases: 0 };
      for (const personId of seeded.customers) {
        const id = await openVerifiedRequest(call, 'access', personId);
        const fulfilled = expectStatus(
          await call('POST', `/requests/${id}/fulfil`, {}),
          200,
          'fulfil access',
        );
        access.push(fulfilled.ms);
        const exportCall = expectStatus(await call('GET', `/requests/${id}/export`), 200, 'export');
        download.push(exportCall.ms);
        const tables = (exportCall.body as { tables: Record<string, unknown[]> }).tables;
        exported = {
          interactions: tables.interactions?.length ?? 0,
          invoices: tables.invoices?.length ?? 0,
          cases: tables.cases?.length ?? 0,
        };
      }
      if (exported.interactions !== BIG_CUSTOMER.interactions)
        throw new Error(
          `the export holds ${exported.interactions} interactions, not ${BIG_CUSTOMER.interactions}`,
        );
      log(
        `${kind}: access fulfil p50 ${ms(summarize(access).p50)} ms, export GET p50 ${ms(summarize(download).p50)} ms`,
      );
      const erasure: number[] = [];
      for (const personId of seeded.customers) {
        const id = await openVerifiedRequest(call, 'erasure', personId);
        erasure.push(
          expectStatus(await call('POST', `/requests/${id}/fulfil`, {}), 200, 'fulfil erasure').ms,
        );
        expectStatus(await call('GET', `/persons/${personId}`), 404, 'erased person');
      }
      log(`${kind}: erasure fulfil p50 ${ms(summarize(erasure).p50)} ms`);
      return {
        kind,
        seeded: { customers: seeded.customers.length, seedMs: seeded.seedMs },
        exported,
        access: summarize(access),
        download: summarize(download),
        erasure: summarize(erasure),
      };
    } finally {
      await server.stop();
    }
  } finally {
    await target.cleanup();
  }
};

type Run = Awaited<ReturnType<typeof benchDatabase>>;

const render = (startedAt: string, runs: Run[]) => {
  const c = BIG_CUSTOMER;
  const row = (label: string, s: ReturnType<typeof summarize>, goal: boolean) =>
    `${label} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.max)} | ${goal ? `**${s.p50 <= GOAL_MS ? 'met' : 'NOT met'}**` : '–'} |`;
  return [
    `## ${startedAt.slice(0, 10)} (${startedAt.slice(11, 16)} UTC) — data subject requests: access and erasure (issue 5)`,
    '',
    `- Machine: ${machine()}`,
    `- Command: \`${commandLine('bench:requests')}\` (bench/subject-requests.bench.ts)`,
    `- Data: ${settings.runs} customers, each with ${int(c.interactions)} interactions (every third with a sealed body), ` +
      `${c.invoices} invoices × ${c.linesPerInvoice} lines, ${c.cases} cases × ${c.messagesPerCase} sealed messages, 30 deals, ` +
      `50 orders, 10 tasks (bench/big-customer.ts); background ${int(settings.persons)} persons with ${int(10 * settings.persons)} interactions.`,
    '- Measured through the real server as the DPO (bearer token), one request at a time: `POST /requests/:id/fulfil` of an ' +
      'access request (compiles every table and stores the export sealed under the person key), `GET /requests/:id/export` ' +
      '(the JSON), and `POST /requests/:id/fulfil` of an erasure request (deletes from every table, shreds the key, keeps ' +
      'invoices within retention restricted, suppression entries, journal in the database and the file). One run per customer.',
    '',
    '| database | operation | p50 ms | p95 ms | max ms | goal p50 ≤ 1 s |',
    '|---|---|---:|---:|---:|---|',
    ...runs.flatMap((r) => {
      const db = r.kind === 'pglite' ? 'PGlite' : 'PostgreSQL';
      return [
        `| ${db} | ${row('access: fulfil (compile + store)', r.access, true)}`,
        `| ${db} | ${row('access: GET export (JSON)', r.download, true)}`,
        `| ${db} | ${row('erasure: fulfil', r.erasure, true)}`,
      ];
    }),
    '',
    ...runs.map(
      (r) =>
        `- ${r.kind === 'pglite' ? 'PGlite' : 'PostgreSQL'}: seeding ${(r.seeded.seedMs / 1000).toFixed(1)} s; ` +
        `the last export held ${int(r.exported.interactions)} interactions, ${r.exported.invoices} invoices and ${r.exported.cases} cases.`,
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
  const file = appendResults('requests', startedAt, section, { startedAt, settings, runs });
  log(`raw results: ${file}; summary appended to bench/RESULTS.md`);
};

await main();
