/**
 * `npm run bench:overhead`: the cost of accountability. The platform's write and read benchmarks with
 * audit trail and encryption on, and with both off (CUSTOS_BENCH_BASELINE=1, benchmarks only), side by
 * side in one run, on PGlite and PostgreSQL, each on the seeded 100,000-person data set.
 * Writes: POST /api/v1/persons with notes (a data key, encrypted notes, an audit entry with encrypted
 * values). Reads: GET /api/v1/persons/:id of the persons just written (key unwrap, decryption, read entry).
 * Environment: BENCH_DATABASES [pglite,postgres], BENCH_POSTGRES_URL, BENCH_PERSONS [100000],
 * BENCH_INTERACTIONS [10 × persons], BENCH_DURATION [15], BENCH_CONNECTIONS [10]. Appends to bench/RESULTS.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { OPERATIONS } from '../src/cli/operations.ts';
import { loadConfig } from '../src/config.ts';
import { openContext } from '../src/server/bootstrap.ts';
import { seed } from './seed.ts';
import { createTarget, custos, startServer, type Target } from './server.ts';

const env = process.env;
const settings = {
  databases: (env.BENCH_DATABASES ?? 'pglite,postgres').split(',').map((d) => d.trim()) as Target['kind'][],
  postgresUrl: env.BENCH_POSTGRES_URL ?? 'postgres://root@127.0.0.1:5432/postgres',
  persons: Number(env.BENCH_PERSONS ?? 100_000),
  interactions: Number(env.BENCH_INTERACTIONS ?? 10 * Number(env.BENCH_PERSONS ?? 100_000)),
  durationS: Number(env.BENCH_DURATION ?? 15),
  connections: Number(env.BENCH_CONNECTIONS ?? 10),
};
const ADMIN = 'admin@bench.example';
const log = (m: string) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${m}\n`);

type Figures = { rps: number; p50: number; p99: number; non2xx: number; errors: number };
const figures = (r: autocannon.Result): Figures => ({
  rps: Math.round(r.requests.average),
  p50: r.latency.p50,
  p99: r.latency.p99,
  non2xx: r.non2xx,
  errors: r.errors,
});

const body = (i: number) =>
  JSON.stringify({
    firstName: 'Greta',
    lastName: `Lastmann${i}`,
    email: `greta.${i}@example.de`,
    phone: '+49 30 1234567',
    notes: 'Rückruf wegen der Rechnung, bevorzugt vormittags; Ansprechpartnerin im Einkauf.',
    legalBasis: 'contract',
    purposes: ['sales', 'customer_service'],
    source: { kind: 'business_card', detail: 'Messe' },
  });

const measure = async (kind: Target['kind'], mode: 'on' | 'off') => {
  const target = await createTarget(kind, settings.postgresUrl);
  try {
    const ctx = await openContext(loadConfig(target.env));
    try {
      await OPERATIONS.init!(ctx, { adminEmail: ADMIN, adminPassword: 'bench-password-not-secret' });
      await seed(
        ctx.db,
        { persons: settings.persons, interactions: settings.interactions, seed: 42 },
        () => {},
      );
    } finally {
      await ctx.close();
    }
    const token = (await custos(target, ['token', 'create', '--email', ADMIN, '--name', 'bench'])).trim();
    target.env.CUSTOS_BENCH_BASELINE = mode === 'off' ? '1' : '';
    const server = await startServer(target);
    try {
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const ids: string[] = [];
      let n = 0;
      const write = await autocannon({
        url: server.url,
        connections: settings.connections,
        duration: settings.durationS,
        headers,
        requests: [
          {
            method: 'POST',
            path: '/api/v1/persons',
            setupRequest: (req) => ({ ...req, body: body(n++) }),
            onResponse: (status, resBody) => {
              if (status === 201 && ids.length < 20_000) ids.push(JSON.parse(resBody).id);
            },
          },
        ],
      });
      let next = 0;
      const read = await autocannon({
        url: server.url,
        connections: settings.connections,
        duration: settings.durationS,
        headers,
        requests: [
          {
            method: 'GET',
            setupRequest: (req) => ({ ...req, path: `/api/v1/persons/${ids[next++ % ids.length]}` }),
          },
        ],
      });
      const w = figures(write);
      const r = figures(read);
      log(`${kind} ${mode}: write ${w.rps}/s p99 ${w.p99} ms; read ${r.rps}/s p99 ${r.p99} ms`);
      return { write: w, read: r };
    } finally {
      await server.stop();
    }
  } finally {
    await target.cleanup();
  }
};

const main = async () => {
  const rows: string[] = [];
  for (const kind of settings.databases) {
    const on = await measure(kind, 'on');
    const off = await measure(kind, 'off');
    for (const op of ['write', 'read'] as const) {
      const a = on[op];
      const b = off[op];
      rows.push(
        `| ${kind === 'pglite' ? 'PGlite' : 'PostgreSQL'} | ${op === 'write' ? 'create person with notes' : 'read person by id'} | ` +
          `${b.rps} / ${b.p50} / ${b.p99} | ${a.rps} / ${a.p50} / ${a.p99} | **${(b.rps / a.rps).toFixed(2)}×** | ${a.non2xx + b.non2xx} / ${a.errors + b.errors} |`,
      );
    }
  }
  const section = [
    '',
    `## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC — cost of accountability (audit trail + encryption on vs off)`,
    '',
    `- Command: \`npm run bench:overhead\`${Object.entries(env)
      .filter(([k]) => k.startsWith('BENCH_'))
      .map(([k, v]) => ` ${k}=${v}`)
      .join('')}`,
    `- Machine: ${os.cpus().length} cores, Node ${process.version}; ${settings.persons.toLocaleString('en')} seeded persons, ${settings.connections} connections, ${settings.durationS} s per run; "off" is CUSTOS_BENCH_BASELINE=1 (no audit entries, no data keys, no encryption).`,
    '',
    '| database | operation | off: req/s / p50 / p99 ms | on: req/s / p50 / p99 ms | slowdown (off ÷ on) | non-2xx / errors |',
    '|---|---|---:|---:|---:|---:|',
    ...rows,
    '',
    'Goal (issue 3): slowdown at most 1.3×.',
    '',
  ].join('\n');
  fs.appendFileSync(path.join(import.meta.dirname, 'RESULTS.md'), section);
  process.stdout.write(section);
};

await main();
