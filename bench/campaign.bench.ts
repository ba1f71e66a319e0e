/**
 * `npm run bench:campaign`: send an e-mail campaign to 10,000 recipients through a local SMTP server
 * (issue 6: record messages/s). Seeds set-based (as the owner) a tenant with BENCH_RECIPIENTS persons,
 * each with a valid newsletter e-mail consent, a segment over all of them (purpose newsletter, channel
 * e-mail) and a campaign with a tracked link; then times `sendCampaignNow` (what POST
 * /campaigns/:id/send runs): evaluation, the recipient rows, the re-check of each batch of 200,
 * rendering (body, footer, one-click headers), the outbox rows, SMTP delivery through nodemailer's pool
 * and the outcome per recipient. The SMTP server (smtp-server, accepting everything) runs in a child
 * process, so it does not share the event loop with Custos. On PGlite (in memory) and PostgreSQL (a
 * fresh database, dropped afterwards). Appends to bench/RESULTS.md unless BENCH_RECORD=0.
 *
 * Environment: BENCH_DATABASES [pglite,postgres], BENCH_DATABASE_URL, BENCH_RECIPIENTS [10000].
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.ts';
import { migrate } from '../src/db/migrate.ts';
import { asSystem } from '../src/db/tenant.ts';
import { sendCampaignNow } from '../src/modules/campaigns/campaigns.runner.ts';
import { closeSmtpTransports } from '../src/modules/mail/mail.transport.ts';
import { initInstallation } from '../src/modules/setup/setup.service.ts';
import type { Actor, AppContext } from '../src/server/context.ts';
import { type BenchDatabaseKind, openBenchDatabase } from './database.ts';
import { appendResults, commandLine, int, log, machine, ms } from './percentiles.ts';

const env = process.env;
const settings = {
  databases: (env.BENCH_DATABASES ?? 'pglite,postgres').split(',').map((d) => d.trim()) as (
    | 'pglite'
    | 'postgres'
  )[],
  postgresUrl: env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  recipients: Number(env.BENCH_RECIPIENTS ?? 10_000),
};
const NOW = new Date('2026-06-15T10:00:00Z');
const ROOT = path.resolve(import.meta.dirname, '..');

/** The SMTP sink: accepts every message, answers "count" on stdin with the number received. */
const SINK = `
import { createRequire } from 'node:module';
import readline from 'node:readline';
const require = createRequire(process.cwd() + '/');
const { SMTPServer } = require('smtp-server');
let count = 0;
const server = new SMTPServer({
  authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false, size: 10 * 1024 * 1024,
  onData(stream, _session, callback) {
    stream.on('data', () => {});
    stream.on('end', () => { count += 1; callback(); });
  },
});
server.listen(0, '127.0.0.1', () => process.stdout.write('port ' + server.server.address().port + '\\n'));
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  if (line === 'count') process.stdout.write('count ' + count + '\\n');
  if (line === 'stop') server.close(() => process.exit(0));
});
`;

const startSink = async () => {
  const child: ChildProcess = spawn(process.execPath, ['--input-type=module', '-e', SINK], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  const waiters: (() => void)[] = [];
  let buffer = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    lines.push(...parts);
    for (const w of waiters.splice(0)) w();
  });
  const next = async (prefix: string) => {
    for (;;) {
      const i = lines.findIndex((l) => l.startsWith(prefix));
      if (i >= 0) return (lines.splice(i, 1)[0] as string).slice(prefix.length);
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  const port = Number(await next('port '));
  return {
    url: `smtp://127.0.0.1:${port}`,
    count: async () => {
      child.stdin?.write('count\n');
      return Number(await next('count '));
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.stdin?.write('stop\n');
      }),
  };
};

const openTarget = (kind: BenchDatabaseKind) =>
  openBenchDatabase({ kind, postgresUrl: settings.postgresUrl });

/** Persons with a valid newsletter e-mail consent each, a segment over everyone and a campaign. */
const seed = (db: Awaited<ReturnType<typeof openTarget>>['db'], tenantId: string, n: number) =>
  asSystem(db.kysely, async (tx) => {
    await sql`insert into persons (tenant_id, kind, first_name, last_name, email, legal_basis, purposes,
        source_kind, collected_at, updated_at)
      select ${tenantId}, 'customer', 'Vorname' || g, 'Nachname' || g, 'empfaenger' || g || '@example.de',
        'consent', array['newsletter'], 'other', ${NOW}::timestamptz - interval '1 year', ${NOW}::timestamptz
      from generate_series(1, ${n}) g`.execute(tx);
    const wording = (
      await sql<{
        id: string;
      }>`insert into consent_wordings (tenant_id, purpose_id, channel, language, version,
          text, text_sha256, advertiser)
        values (${tenantId}, 'newsletter', 'email', 'de', 1, 'Ja, ich möchte den Newsletter erhalten.',
          ${'b'.repeat(64)}, 'Bench GmbH') returning id`.execute(tx)
    ).rows[0]?.id;
    await sql`insert into consents (tenant_id, person_id, purpose_id, channel, address, wording_id, method, given_at)
      select ${tenantId}, id, 'newsletter', 'email', email, ${wording}, 'import', ${NOW}::timestamptz - interval '300 days'
      from persons where tenant_id = ${tenantId}`.execute(tx);
    const segmentId = (
      await sql<{
        id: string;
      }>`insert into segments (tenant_id, name, definition, purpose_id, channel, updated_at)
        values (${tenantId}, 'Alle', ${JSON.stringify({ match: 'all', conditions: [] })}, 'newsletter', 'email',
          ${NOW}) returning id`.execute(tx)
    ).rows[0]?.id;
    const campaignId = (
      await sql<{
        id: string;
      }>`insert into campaigns (tenant_id, name, kind, occasion, segment_id, purpose_id,
          language, subject, body, link_url, status, updated_at)
        values (${tenantId}, 'Bench-Newsletter', 'email', 'newsletter', ${segmentId}, 'newsletter', 'de',
          'Neuigkeiten für {{firstName}}',
          ${'{{salutation}},\n\nhier sind unsere Neuigkeiten des Monats. Mehr unter {{link}}\n\nViele Grüße\nIhr Bench-Team'},
          'https://shop.example/juni', 'draft', ${NOW}) returning id`.execute(tx)
    ).rows[0]?.id;
    await sql`analyze`.execute(tx);
    return { campaignId: campaignId as string };
  });

const benchDatabase = async (kind: 'pglite' | 'postgres') => {
  const target = await openTarget(kind);
  const sink = await startSink();
  log(`${kind}: ${target.label}, SMTP sink ${sink.url}`);
  const dataDir = path.join(os.tmpdir(), `custos-bench-${randomBytes(4).toString('hex')}`);
  try {
    await migrate({ db: target.db });
    const config = loadConfig({
      CUSTOS_DATA_DIR: dataDir,
      CUSTOS_SCHEDULER: '0',
      SMTP_URL: sink.url,
      CUSTOS_PUBLIC_URL: 'https://crm.bench.example',
    });
    const ctx: AppContext = { db: target.db, config, masterKey: randomBytes(32), now: () => new Date() };
    const { tenantId, adminId } = await initInstallation(ctx, {
      organizationName: 'Bench GmbH',
      adminName: 'Bench Admin',
      adminEmail: 'admin@bench.example',
      adminPassword: 'bench-password-not-secret',
    });
    const started = performance.now();
    const { campaignId } = await seed(target.db, tenantId, settings.recipients);
    const seedMs = performance.now() - started;
    log(`${kind}: seeded ${int(settings.recipients)} persons with consents in ${ms(seedMs)} ms`);
    const actor: Actor = { tenantId, userId: adminId, role: 'admin', departmentIds: [], via: 'token' };
    const sendStarted = performance.now();
    const campaign = await sendCampaignNow(ctx, actor, campaignId);
    const totalMs = performance.now() - sendStarted;
    const received = await sink.count();
    const perSecond = campaign.stats.sent / (totalMs / 1000);
    log(
      `${kind}: ${int(campaign.stats.sent)} sent (${int(received)} received by the sink) in ${ms(totalMs)} ms: ${perSecond.toFixed(0)} messages/s`,
    );
    if (received !== campaign.stats.sent || campaign.stats.sent !== settings.recipients)
      throw new Error(`sent ${campaign.stats.sent}, received ${received}, expected ${settings.recipients}`);
    return { kind, label: target.label, seedMs, totalMs, perSecond, stats: campaign.stats, received };
  } finally {
    closeSmtpTransports();
    await sink.stop();
    await target.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
};

const main = async () => {
  const startedAt = new Date().toISOString();
  const runs = [];
  for (const kind of settings.databases) runs.push(await benchDatabase(kind));
  const rows = runs.map(
    (r) =>
      `| ${r.kind === 'pglite' ? 'PGlite' : 'PostgreSQL'} | ${int(r.stats.sent)} | ${int(r.received)} | ${(r.totalMs / 1000).toFixed(1)} | ${r.perSecond.toFixed(0)} |`,
  );
  const section = `## ${startedAt.slice(0, 10)} (${startedAt.slice(11, 16)} UTC) — campaign send (issue 6)

- Machine: ${machine()}
- Command: \`${commandLine('bench:campaign')}\` (bench/campaign.bench.ts)
- Data: ${int(settings.recipients)} persons, each with a valid newsletter e-mail consent (seeded by SQL); a segment over all of them (purpose newsletter, channel e-mail); a campaign with placeholders and a tracked link.
- Timed: \`sendCampaignNow\` (POST /campaigns/:id/send) end to end: segment evaluation with recipients, claiming the run and writing the recipient rows, then per batch of 200 the eligibility re-check, rendering (body, marketing footer, one-click headers, personal token), outbox rows, SMTP delivery (nodemailer pool, 4 connections, 8 in flight) and the outcome per recipient plus the consents' last use. The SMTP server (smtp-server, accepting everything) runs in a child process on the same machine.

| database | sent | received by SMTP | total s | messages/s |
|---|---:|---:|---:|---:|
${rows.join('\n')}

${runs.map((r) => `- ${r.label}: seeding ${(r.seedMs / 1000).toFixed(1)} s.`).join('\n')}
`;
  const file = appendResults('campaign', startedAt, section, { startedAt, settings, runs });
  process.stdout.write(`\n${section}\n${file}\n`);
};

await main();
