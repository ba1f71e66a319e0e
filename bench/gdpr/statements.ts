/**
 * `npx tsx bench/gdpr/statements.ts`: the SQL statements one operation of the GDPR workload sends, with
 * the GDPR features on and off (CUSTOS_BENCH_BASELINE), counted through a Kysely plugin on the real
 * app (PGlite). Explains the latency ratios of `npm run bench:gdpr` (docs/performance.md): on 2 cores
 * under 10 connections the server and the database are CPU-bound, so each extra statement (compile,
 * protocol, execution, index maintenance) costs latency. BEGIN/COMMIT are not statements of Kysely;
 * the transactions are counted by their opening `set_config` (inTenant).
 */
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  RootOperationNode,
} from 'kysely';
import { createTestApp, personBody } from '../../test/support/app.ts';

type Tally = { statements: number; transactions: number; kinds: Map<string, number> };

const counter = (tally: Tally): KyselyPlugin => ({
  transformQuery: ({ node }: PluginTransformQueryArgs): RootOperationNode => {
    tally.statements += 1;
    const kind = node.kind === 'RawNode' ? 'raw sql' : node.kind.replace('QueryNode', '').toLowerCase();
    tally.kinds.set(kind, (tally.kinds.get(kind) ?? 0) + 1);
    if (node.kind === 'RawNode' && node.sqlFragments.join('').includes("set_config('role'"))
      tally.transactions += 1;
    return node;
  },
  transformResult: async ({ result }: PluginTransformResultArgs) => result,
});

const measure = async (tally: Tally, call: () => Promise<{ statusCode: number }>) => {
  tally.statements = 0;
  tally.transactions = 0;
  tally.kinds.clear();
  const res = await call();
  if (res.statusCode >= 300) throw new Error(`unexpected ${res.statusCode}`);
  return `${tally.statements} statements in ${tally.transactions} transactions (${[...tally.kinds]
    .map(([k, n]) => `${k} ${n}`)
    .join(', ')})`;
};

const run = async (mode: 'off' | 'on') => {
  const t = await createTestApp('pglite');
  try {
    t.ctx.config.benchBaseline = mode === 'off';
    const tally: Tally = { statements: 0, transactions: 0, kinds: new Map() };
    t.ctx.db = { ...t.ctx.db, kysely: t.ctx.db.kysely.withPlugin(counter(tally)) };
    const create = () =>
      t.call(t.adminToken, {
        method: 'POST',
        url: '/api/v1/persons',
        body: personBody({ notes: 'Rückruf' }),
      });
    const first = await create(); // warm caches (audit key, catalogue) outside the count
    const id = first.json().id as string;
    await t.call(t.adminToken, { method: 'GET', url: `/api/v1/persons/${id}` });
    const dpo = (await t.userWithToken({ role: 'dpo' })).token;
    const rows: [string, string][] = [];
    rows.push(['create person with privacy facts', await measure(tally, create)]);
    rows.push([
      'read own data',
      await measure(tally, () => t.call(t.adminToken, { method: 'GET', url: `/api/v1/persons/${id}` })),
    ]);
    rows.push([
      'update purposes',
      await measure(tally, () =>
        t.call(t.adminToken, {
          method: 'PATCH',
          url: `/api/v1/persons/${id}`,
          body: { version: 1, purposes: ['sales', 'customer_service', 'billing'] },
        }),
      ),
    ]);
    rows.push([
      'audit query by subject',
      await measure(tally, () => t.call(dpo, { method: 'GET', url: `/api/v1/audit?subjectId=${id}` })),
    ]);
    rows.push([
      'audit query, latest 50',
      await measure(tally, () => t.call(dpo, { method: 'GET', url: '/api/v1/audit?limit=50' })),
    ]);
    for (const [label, figures] of rows) console.log(`${mode.padEnd(3)} ${label}: ${figures}`);
  } finally {
    await t.close();
  }
};

await run('off');
await run('on');
