import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, personBody, type TestApp } from './support/app.ts';
import { testDatabaseKinds } from './support/database.ts';
import type { OpenApiDoc } from './support/fuzz-arbitraries.ts';
import {
  type FuzzRequest,
  type FuzzRoute,
  requestsFor,
  responseProblems,
  routesOf,
  seedOf,
} from './support/fuzz-requests.ts';
import { snapshotDigest } from './support/snapshot.ts';

/**
 * Fuzzing of every route of the committed OpenAPI document (and the hosted form pages outside it)
 * through `app.inject`, as an admin (who may do the most) and anonymously: path parameters that are no
 * record, malformed or hostile; random query strings; bodies generated from the route's schema, the
 * same shapes broken on purpose, arbitrary JSON, raw text and junk files. Whatever arrives, the answer
 * is never a 5xx, every 4xx is JSON `{code, message}`, no body leaks stack frames, SQL or paths, and a
 * refused write (sampled: a digest of all tenant tables costs a full scan) changes nothing.
 *
 * Deterministic: FUZZ_SEED (default below) and FUZZ_RUNS requests per route and actor.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_203);
const RUNS = Number(process.env.FUZZ_RUNS ?? 4);
/** Every n-th write is checked with a before/after digest of all tenant tables. */
const SNAPSHOT_EVERY = 4;

const doc = JSON.parse(
  readFileSync(new URL('../openapi/openapi.json', import.meta.url), 'utf8'),
) as OpenApiDoc;
const token = { in: 'path' as const, name: 'token', required: true, schema: { type: 'string' } };
/** Routes outside the API document: the hosted web-form page and its HTML form post, health, UI files. */
const EXTRA_ROUTES: FuzzRoute[] = [
  { method: 'GET', path: '/forms/{token}', operation: { parameters: [token] } },
  {
    method: 'POST',
    path: '/forms/{token}',
    operation: {
      parameters: [token],
      requestBody: {
        content: { 'application/json': { schema: { type: 'object', additionalProperties: true } } },
      },
    },
  },
  { method: 'GET', path: '/healthz', operation: {} },
  // the static files of the web UI (when built): odd paths must not reach the file system as a 500
  {
    method: 'GET',
    path: '/assets/{file}',
    operation: { parameters: [{ ...token, name: 'file' }] },
  },
];
const ROUTES = [...routesOf(doc), ...EXTRA_ROUTES];
const CASES = ROUTES.map((route) => [`${route.method} ${route.path}`, route] as const);

/**
 * Routes whose success could end or change the admin's own login (logout, second factor, users and
 * tokens): fuzzed with a throwaway admin, so the rest of the run keeps its admin.
 */
const needsThrowawayAdmin = (route: FuzzRoute) => /^\/api\/v1\/(auth|users|tokens)\b/.test(route.path);

vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

describe.each(testDatabaseKinds())('request fuzzing on %s', (kind) => {
  let t: TestApp;
  let knownIds: string[] = [];
  let writes = 0;
  let addresses = 0;
  /** Answers per actor and status class, and how many refused writes were compared table by table. */
  const seen = { admin: new Map<string, number>(), anonymous: new Map<string, number>(), comparedWrites: 0 };
  let started = 0;

  beforeAll(async () => {
    started = Date.now();
    t = await createTestApp(kind);
    const created = async (url: string, body: object) => {
      const res = await t.call(t.adminToken, { method: 'POST', url: `/api/v1${url}`, body });
      if (res.statusCode !== 201) throw new Error(`fixture ${url}: ${res.statusCode} ${res.body}`);
      return res.json().id as string;
    };
    const personId = await created('/persons', personBody());
    knownIds = [
      personId,
      await created('/organizations', { name: 'Fuzz GmbH' }),
      await created('/tags', { name: 'Fuzz', color: 'blue' }),
      await created('/tasks', { title: 'Fuzzaufgabe', dueAt: '2026-03-02T15:00:00Z' }),
      await created('/cases', { personId, channel: 'phone', category: 'complaint', subject: 'Fuzzfall' }),
    ];
  });
  afterAll(async () => {
    const counts = (m: Map<string, number>) => JSON.stringify(Object.fromEntries([...m].sort()));
    console.info(
      `request fuzzing on ${kind}: ${ROUTES.length} routes × ${RUNS} runs, ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
        `admin ${counts(seen.admin)}, anonymous ${counts(seen.anonymous)}, refused writes compared: ${seen.comparedWrites}`,
    );
    await t?.close();
  });

  /** Sends one fuzzed request and lists what is wrong with the answer. */
  const send = async (
    actor: 'admin' | 'anonymous',
    bearer: string | null,
    req: FuzzRequest,
  ): Promise<string[]> => {
    const sampled = req.method !== 'GET' && ++writes % SNAPSHOT_EVERY === 0;
    const before = sampled ? await snapshotDigest(t.db) : undefined;
    addresses += 1;
    const res = await t.app.inject({
      method: req.method,
      url: req.url,
      headers: { ...req.headers, ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
      // a new client address per request: the per-address rate limits must not hide what comes after them
      remoteAddress: `10.${(addresses >> 16) & 255}.${(addresses >> 8) & 255}.${addresses & 255}`,
      ...(req.payload === undefined ? {} : { payload: req.payload }),
    } as InjectOptions);
    const problems = responseProblems(req, res, !req.url.startsWith('/api/'));
    const status = `${Math.floor(res.statusCode / 100)}xx`;
    seen[actor].set(status, (seen[actor].get(status) ?? 0) + 1);
    if (before && res.statusCode >= 400 && res.statusCode < 500) {
      seen.comparedWrites += 1;
      const after = await snapshotDigest(t.db);
      const changed = Object.keys({ ...before, ...after }).filter((table) => before[table] !== after[table]);
      if (changed.length > 0)
        problems.push(
          `refused write (${res.statusCode} ${res.body.slice(0, 100)}) changed ${changed.join(', ')}`,
        );
    }
    const polluted = Object.keys(Object.prototype).concat('polluted' in {} ? ['polluted'] : []);
    if (polluted.length > 0) problems.push(`Object.prototype polluted: ${polluted.join(', ')}`);
    return problems;
  };

  const fuzz = async (key: string, route: FuzzRoute, actor: 'admin' | 'anonymous', bearer: string | null) => {
    const requests = requestsFor(doc, route, { knownIds, hostileShare: 0.3 });
    await fc.assert(
      fc.asyncProperty(requests, async (req) => {
        const problems = await send(actor, bearer, req);
        if (problems.length > 0) throw new Error(`${req.label}\n  ${problems.join('\n  ')}`);
      }),
      {
        seed: seedOf(SEED, `${key} ${actor}`),
        numRuns: RUNS,
        endOnFailure: true,
        includeErrorInReport: true,
      },
    );
  };

  it('covers every route the running app documents', async () => {
    await t.app.ready();
    const documented = routesOf(t.app.swagger() as OpenApiDoc).map((r) => `${r.method} ${r.path}`);
    expect(documented.length).toBeGreaterThan(200);
    expect(CASES.map(([key]) => key)).toEqual(expect.arrayContaining(documented));
  });

  it.each(CASES)('%s, anonymously', async (key, route) => {
    await fuzz(key, route, 'anonymous', null);
  });

  it.each(CASES)('%s, as admin', async (key, route) => {
    const bearer = needsThrowawayAdmin(route)
      ? (await t.userWithToken({ role: 'admin' })).token
      : t.adminToken;
    await fuzz(key, route, 'admin', bearer);
    const session = await t.call(t.adminToken, { method: 'GET', url: '/api/v1/auth/session' });
    expect(session.statusCode, `${key} ended the admin's login: fuzz it with a throwaway admin`).toBe(200);
  });

  it('got past validation and lookups as admin, and compared refused writes table by table', () => {
    // a run that only ever met 401 or 422 would prove little
    expect(seen.admin.get('2xx') ?? 0).toBeGreaterThan(ROUTES.length / 4);
    expect(seen.admin.get('4xx') ?? 0).toBeGreaterThan(ROUTES.length);
    expect(seen.comparedWrites).toBeGreaterThan(ROUTES.length / 4);
  });
});
