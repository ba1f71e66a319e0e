import { log } from '../percentiles.ts';
import { type CannonSpec, cannon, forEach, loop, type Measured, prime } from './drive.ts';
import { type Installation, preparePools, type Subject } from './prepare.ts';

/**
 * The four GDPRbench workloads (Shastri et al., VLDB 2020) as Custos HTTP operations. Run in this order
 * on one installation; the per-subject operations use pools of persons made by the measured creates.
 */

export type Workload = 'controller' | 'customer' | 'processor' | 'regulator';
export type Operation = { id: string; workload: Workload; label: string; requests: string };

export const OPERATIONS_LIST: Operation[] = [
  {
    id: 'create',
    workload: 'controller',
    label: 'create person with privacy facts',
    requests: 'POST /persons (legal basis, purposes, source, notes)',
  },
  {
    id: 'update-purposes',
    workload: 'controller',
    label: 'update purposes',
    requests: 'PATCH /persons/:id {version, purposes} (one per fresh subject)',
  },
  {
    id: 'sweep-first',
    workload: 'controller',
    label: 'retention sweep, first (delete by purpose ended)',
    requests: 'POST /retention/sweeps (erases what is due on the seeded data; one sample)',
  },
  {
    id: 'sweep-repeat',
    workload: 'controller',
    label: 'retention sweep, repeated',
    requests: 'POST /retention/sweeps (nothing left due: the re-check), one at a time',
  },
  {
    id: 'read-own',
    workload: 'customer',
    label: 'read own data',
    requests: 'GET /persons/:id (rotating over the created persons)',
  },
  {
    id: 'access-export',
    workload: 'customer',
    label: 'access export (Art. 15)',
    requests: 'POST /requests {access} + POST /requests/:id/fulfil + GET /requests/:id/export',
  },
  {
    id: 'withdraw-consent',
    workload: 'customer',
    label: 'withdraw consent',
    requests: 'POST /persons/:id/consents/:consentId/withdraw',
  },
  {
    id: 'erasure',
    workload: 'customer',
    label: 'erasure (Art. 17)',
    requests: 'POST /requests {erasure} + POST /requests/:id/fulfil',
  },
  {
    id: 'read-by-purpose',
    workload: 'processor',
    label: 'read by purpose',
    requests: 'POST /segments/preview {purpose = sales} over all persons',
  },
  {
    id: 'read-by-segment',
    workload: 'processor',
    label: 'read by segment',
    requests: 'GET /segments/:id/evaluation (city, newsletter by e-mail)',
  },
  {
    id: 'audit-subject',
    workload: 'regulator',
    label: 'audit query by subject',
    requests: 'GET /audit?subjectId=… (rotating)',
  },
  {
    id: 'audit-latest',
    workload: 'regulator',
    label: 'audit query, latest 50',
    requests: 'GET /audit?limit=50',
  },
  { id: 'ropa', workload: 'regulator', label: 'record of processing', requests: 'GET /ropa' },
  {
    id: 'self-check',
    workload: 'regulator',
    label: 'self-check',
    requests: 'GET /self-check, one at a time',
  },
];

export type RunSettings = {
  durationS: number;
  connections: number;
  /** Connections for the heavy whole-tenant operations (self-check, sweep). */
  heavyConnections: number;
  pool: number;
  warmupS: number;
};

const body = (i: number) => ({
  firstName: 'Greta',
  lastName: `Lastmann${i}`,
  email: `greta.${i}@example.de`,
  phone: '+49 30 1234567',
  notes: 'Rückruf wegen der Rechnung, bevorzugt vormittags; Ansprechpartnerin im Einkauf.',
  address: { street: 'Hauptstraße 1', postalCode: '10115', city: 'Berlin', country: 'DE' },
  legalBasis: 'contract',
  purposes: ['sales', 'customer_service'],
  source: { kind: 'business_card', detail: 'Messe' },
});

/** Subjects of each pool used one at a time before the measurement: the first calls of a route are cold. */
const PRIME = 3;

/** `loop` after running the operation on the pool's first PRIME subjects one at a time, unmeasured. */
const primedLoop = async <T>(
  pool: T[],
  operation: (item: T | undefined, i: number) => Promise<unknown>,
  o: { connections: number; durationS: number },
) => {
  for (const [i, item] of pool.slice(0, PRIME).entries()) await operation(item, i).catch(() => {});
  return loop(pool.slice(PRIME), operation, o);
};

export const runWorkloads = async (inst: Installation, s: RunSettings, tag: string) => {
  const results: Record<string, Measured> = {};
  const url = inst.server.url;
  const load = { connections: s.connections, durationS: s.durationS };
  const heavy = { connections: s.heavyConnections, durationS: s.durationS };
  const done = (id: string, m: Measured) => {
    results[id] = m;
    log(
      `${tag} ${id}: ${m.operations} ops, ${m.perSecond.toFixed(1)}/s, p50 ${m.ms.p50.toFixed(1)} ms, p99 ${m.ms.p99.toFixed(1)} ms, ` +
        `failures ${m.failures}${m.firstFailure ? ` (${m.firstFailure.slice(0, 160)})` : ''}, load ${m.loadAverage.join('–')}`,
    );
  };
  const adminCannon = (spec: Parameters<typeof cannon>[2], o = load) => cannon(url, inst.adminToken, spec, o);
  const dpoCannon = (spec: Parameters<typeof cannon>[2], o = load) => cannon(url, inst.dpoToken, spec, o);
  /** Primes the route one request at a time, then runs it for the warm-up time, unmeasured. */
  const warm = async (spec: CannonSpec, token = inst.adminToken) => {
    await prime(url, token, spec);
    if (s.warmupS > 0) await cannon(url, token, spec, { connections: s.connections, durationS: s.warmupS });
  };

  // controller: create (the created persons become the pools of the per-subject operations)
  const created: Subject[] = [];
  let offset = 500_000;
  const createSpec = (collect: boolean) => ({
    method: 'POST' as const,
    path: () => '/api/v1/persons',
    body: (i: number) => body(offset + i),
    onBody: collect
      ? (b: string) => {
          const p = JSON.parse(b) as { id: string; version: number };
          created.push({ id: p.id, version: p.version });
        }
      : undefined,
  });
  await warm(createSpec(false));
  offset = 1_000_000;
  done('create', await adminCannon(createSpec(true)));
  const n = s.pool + PRIME;
  // the pools must not depend on how many creates the measurement managed: top up, unmeasured
  const missing = Array.from({ length: Math.max(0, 5 * n - created.length) }, (_, i) => 2_000_000 + i);
  await forEach(missing, s.connections, async (i) => {
    const p = await inst.admin<{ id: string; version: number }>('POST', '/persons', body(i));
    created.push({ id: p.id, version: p.version });
  });
  const readIds = created.map((c) => c.id);
  const take = () => created.splice(0, n);
  const pools = { update: take(), withdraw: take(), access: take(), erase: take() };
  const started = performance.now();
  const { segmentId } = await preparePools(inst, pools, s.connections);
  log(
    `${tag} pools of ${pools.update.length} subjects prepared in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  // customer
  const readSpec = {
    method: 'GET' as const,
    path: (i: number) => `/api/v1/persons/${readIds[i % readIds.length]}`,
  };
  await warm(readSpec);
  done('read-own', await adminCannon(readSpec));
  done(
    'update-purposes',
    await primedLoop(
      pools.update,
      (p) =>
        inst.admin('PATCH', `/persons/${p!.id}`, {
          version: p!.version,
          purposes: ['sales', 'customer_service', 'billing'],
        }),
      load,
    ),
  );
  done(
    'withdraw-consent',
    await primedLoop(
      pools.withdraw,
      (p) => inst.admin('POST', `/persons/${p!.id}/consents/${p!.consentId}/withdraw`, {}),
      load,
    ),
  );
  done(
    'access-export',
    await primedLoop(
      pools.access,
      async (p) => {
        const r = await inst.dpo<{ id: string }>('POST', '/requests', {
          type: 'access',
          personId: p!.id,
          channel: 'email',
          identityStatus: 'not_required',
        });
        await inst.dpo('POST', `/requests/${r.id}/fulfil`, {});
        await inst.dpo('GET', `/requests/${r.id}/export`);
      },
      load,
    ),
  );

  // processor
  const previewSpec = {
    method: 'POST' as const,
    path: () => '/api/v1/segments/preview',
    body: () => ({ definition: { match: 'all', conditions: [{ field: 'purpose', purposeId: 'sales' }] } }),
  };
  await warm(previewSpec);
  done('read-by-purpose', await adminCannon(previewSpec));
  const segmentSpec = { method: 'GET' as const, path: () => `/api/v1/segments/${segmentId}/evaluation` };
  await warm(segmentSpec);
  done('read-by-segment', await adminCannon(segmentSpec));

  // regulator / DPO
  const auditSpec = {
    method: 'GET' as const,
    path: (i: number) => `/api/v1/audit?subjectId=${readIds[i % readIds.length]}`,
  };
  await warm(auditSpec, inst.dpoToken);
  done('audit-subject', await dpoCannon(auditSpec));
  const latestSpec = { method: 'GET' as const, path: () => '/api/v1/audit?limit=50' };
  done('audit-latest', await dpoCannon(latestSpec));
  const ropaSpec = { method: 'GET' as const, path: () => '/api/v1/ropa' };
  await warm(ropaSpec, inst.dpoToken);
  done('ropa', await dpoCannon(ropaSpec));
  await inst.dpo('GET', '/self-check');
  done('self-check', await loop(null, () => inst.dpo('GET', '/self-check'), heavy));

  // erasure last among the customer's operations, then the sweeps (they erase seeded persons)
  done(
    'erasure',
    await primedLoop(
      pools.erase,
      async (p) => {
        const r = await inst.dpo<{ id: string }>('POST', '/requests', {
          type: 'erasure',
          personId: p!.id,
          channel: 'email',
          identityStatus: 'not_required',
        });
        await inst.dpo('POST', `/requests/${r.id}/fulfil`, {});
      },
      load,
    ),
  );
  let sweepReport: unknown = null;
  done(
    'sweep-first',
    await loop(
      [0],
      async () => {
        sweepReport = await inst.dpo('POST', '/retention/sweeps', {});
      },
      { connections: 1, durationS: 3600 },
    ),
  );
  done('sweep-repeat', await loop(null, () => inst.dpo('POST', '/retention/sweeps', {}), heavy));
  return { results, pools: Math.max(0, pools.update.length - PRIME), sweepReport };
};
