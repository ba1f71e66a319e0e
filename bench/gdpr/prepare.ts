import { OPERATIONS } from '../../src/cli/operations.ts';
import { loadConfig } from '../../src/config.ts';
import { createTokenForEmail } from '../../src/modules/tokens/tokens.service.ts';
import { createUser } from '../../src/modules/users/users.service.ts';
import { openContext } from '../../src/server/bootstrap.ts';
import { log } from '../percentiles.ts';
import { seed } from '../seed.ts';
import { createTarget, type RunningServer, startServer, type Target } from '../server.ts';
import { type Api, api, forEach } from './drive.ts';

/**
 * One installation for one mode: a fresh database, `custos init`, the seeded persons and interactions
 * (bench/seed.ts, written directly, so they carry no data keys in either mode), a DPO, bearer tokens
 * of the admin (controller, processor) and the DPO (requests, audit, RoPA, sweep), then the server
 * started with CUSTOS_BENCH_BASELINE=1 for "off".
 */

export const ADMIN = 'admin@bench.example';
export const DPO = 'dpo@bench.example';
const PASSWORD = 'bench-password-not-secret';

export type Installation = {
  target: Target;
  server: RunningServer;
  admin: Api;
  dpo: Api;
  adminToken: string;
  dpoToken: string;
  seedMs: number;
};

export const install = async (
  kind: Target['kind'],
  mode: 'on' | 'off',
  options: { postgresUrl: string; persons: number; interactions: number },
): Promise<Installation> => {
  const target = await createTarget(kind, options.postgresUrl);
  try {
    const ctx = await openContext(loadConfig(target.env));
    let seedMs: number;
    let adminToken: string;
    let dpoToken: string;
    try {
      await OPERATIONS.init!(ctx, {
        adminEmail: ADMIN,
        adminPassword: PASSWORD,
        adminName: 'Bench Admin',
        organization: 'Bench GmbH',
      });
      const started = performance.now();
      await seed(ctx.db, { persons: options.persons, interactions: options.interactions, seed: 42 });
      seedMs = performance.now() - started;
      const admin = await ctx.db.kysely.selectFrom('users').select(['tenant_id']).executeTakeFirstOrThrow();
      await createUser(ctx, {
        tenantId: admin.tenant_id,
        input: { email: DPO, displayName: 'Bench DPO', password: PASSWORD, role: 'dpo', departmentIds: [] },
      });
      adminToken = (await createTokenForEmail(ctx, { email: ADMIN, name: 'bench' })).token;
      dpoToken = (await createTokenForEmail(ctx, { email: DPO, name: 'bench' })).token;
    } finally {
      await ctx.close();
    }
    target.env.CUSTOS_BENCH_BASELINE = mode === 'off' ? '1' : '';
    // no campaign runs or daily sweep in the middle of a measurement
    target.env.CUSTOS_SCHEDULER = '0';
    const server = await startServer(target);
    log(
      `${kind}/${mode}: seeded in ${(seedMs / 1000).toFixed(1)} s, server pid ${server.pid} on ${server.url}`,
    );
    return {
      target,
      server,
      admin: api(server.url, adminToken),
      dpo: api(server.url, dpoToken),
      adminToken,
      dpoToken,
      seedMs,
    };
  } catch (error) {
    await target.cleanup();
    throw error;
  }
};

export type Subject = { id: string; version: number; consentId?: string };

/**
 * Gives each subject of the pools what its operation acts on, through the API (unmeasured): a consent
 * (newsletter by e-mail) for the withdrawal pool; a consent, a support case with a sealed message and
 * an invoice for the access and erasure pools, so export and erasure have records in several tables.
 */
export const preparePools = async (
  inst: Installation,
  pools: { withdraw: Subject[]; access: Subject[]; erase: Subject[] },
  connections: number,
) => {
  const wording = await inst.admin<{ id: string }>('POST', '/consent-wordings', {
    purposeId: 'newsletter',
    channel: 'email',
    language: 'de',
    text: 'Ja, ich möchte den Newsletter der Bench GmbH per E-Mail erhalten. Widerruf jederzeit möglich.',
    advertiser: 'Bench GmbH',
  });
  const consent = async (s: Subject) => {
    const c = await inst.admin<{ id: string }>('POST', `/persons/${s.id}/consents`, {
      purposeId: 'newsletter',
      channel: 'email',
      wordingId: wording.id,
      method: 'web_form',
      givenAt: new Date(Date.now() - 86_400_000).toISOString(),
      proof: { formUrl: 'https://bench.example/newsletter' },
    });
    s.consentId = c.id;
  };
  const records = async (s: Subject) => {
    await consent(s);
    await inst.admin('POST', '/cases', {
      personId: s.id,
      channel: 'email',
      category: 'question',
      subject: 'Frage zur Lieferung',
      message: 'Guten Tag, wann kommt meine Bestellung? Bitte rufen Sie mich vormittags an.',
    });
    const today = new Date().toISOString().slice(0, 10);
    await inst.admin('POST', '/invoices', {
      personId: s.id,
      issuedAt: today,
      dueAt: today,
      lines: [{ product: 'Wartungsvertrag', quantity: '1', unitPrice: '120.00', taxRate: '19' }],
    });
  };
  await forEach(pools.withdraw, connections, consent);
  await forEach([...pools.access, ...pools.erase], connections, records);
  // a saved marketing segment for the processor's read by segment
  const segment = await inst.admin<{ id: string }>('POST', '/segments', {
    name: 'Newsletter Berlin',
    definition: { match: 'all', conditions: [{ field: 'city', value: 'Berlin' }] },
    purposeId: 'newsletter',
    channel: 'email',
  });
  return { segmentId: segment.id };
};

export const uninstall = async (inst: Installation) => {
  try {
    await inst.server.stop();
  } finally {
    await inst.target.cleanup();
  }
};
