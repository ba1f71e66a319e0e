import { sql } from 'kysely';
import type { Database } from '../../src/db/database.ts';
import { period, setSweepRules } from '../../src/modules/retention/sweeps.fixtures.ts';
import { log } from '../percentiles.ts';
import type { Target } from '../server.ts';
import {
  apiOf,
  auditVerify,
  count,
  cpuAtLeast,
  expectStatus,
  killWhen,
  startOperation,
  startServer,
  withDb,
  writingTransaction,
} from './harness.ts';
import type { Sink } from './sink.ts';

/**
 * The four interrupted operations. Each: start a real server, start the long operation over HTTP,
 * SIGKILL the server once the operation is observably in progress, restart on the same database and
 * data folder, look (API and database), resume, look again, verify the audit chain.
 */

export type Setup = {
  target: Target;
  token: string;
  /** the DPO's token: retention sweeps and data subject requests */
  dpoToken: string;
  tenantId: string;
  campaignId: string;
  erasePersonId: string;
  sink: Sink;
};

export type Outcome = {
  scenario: string;
  interrupted: string;
  killedInProgress: boolean;
  found: string[];
  resumed: string[];
  audit: string;
  pass: boolean;
  failures: string[];
};

export const SIZES = {
  importRows: Number(process.env.BENCH_FAULT_IMPORT_ROWS ?? 30_000),
  recipients: Number(process.env.BENCH_FAULT_RECIPIENTS ?? 3_000),
  dueInteractions: Number(process.env.BENCH_FAULT_DUE ?? 40_000),
  keptInteractions: 10_000,
  erasureInteractions: Number(process.env.BENCH_FAULT_ERASURE_ROWS ?? 100_000),
};

const DUE_BEFORE = '2019-01-01';

/** Seeds (as the owner, with SQL, before the server starts) what the scenarios operate on. */
export const seed = (db: Database, tenantId: string) =>
  db.kysely.transaction().execute(async (tx) => {
    const n = SIZES.recipients;
    await sql`insert into persons (tenant_id, kind, first_name, last_name, email, legal_basis, purposes,
        source_kind, collected_at, updated_at)
      select ${tenantId}, 'customer', 'Vorname' || g, 'Nachname' || g, 'empfaenger' || g || '@example.de',
        'consent', array['newsletter'], 'import', now() - interval '1 year', now()
      from generate_series(1, ${n}) g`.execute(tx);
    const wording = (
      await sql<{
        id: string;
      }>`insert into consent_wordings (tenant_id, purpose_id, channel, language, version,
          text, text_sha256, advertiser)
        values (${tenantId}, 'newsletter', 'email', 'de', 1, 'Ja, ich möchte den Newsletter erhalten.',
          ${'b'.repeat(64)}, 'Faults GmbH') returning id`.execute(tx)
    ).rows[0]?.id;
    await sql`insert into consents (tenant_id, person_id, purpose_id, channel, address, wording_id, method, given_at)
      select ${tenantId}, id, 'newsletter', 'email', email, ${wording}, 'import', now() - interval '300 days'
      from persons where tenant_id = ${tenantId} and email like 'empfaenger%'`.execute(tx);
    const segmentId = (
      await sql<{
        id: string;
      }>`insert into segments (tenant_id, name, definition, purpose_id, channel, updated_at)
        values (${tenantId}, 'Alle', ${JSON.stringify({ match: 'all', conditions: [] })}, 'newsletter', 'email',
          now()) returning id`.execute(tx)
    ).rows[0]?.id;
    const campaignId = (
      await sql<{
        id: string;
      }>`insert into campaigns (tenant_id, name, kind, occasion, segment_id, purpose_id,
          language, subject, body, link_url, status, updated_at)
        values (${tenantId}, 'Fault-Newsletter', 'email', 'newsletter', ${segmentId}, 'newsletter', 'de',
          'Neuigkeiten für {{firstName}}', ${'{{salutation}},\n\nNeuigkeiten: {{link}}\n\nIhr Team'},
          'https://shop.example/juni', 'draft', now()) returning id`.execute(tx)
    ).rows[0]?.id as string;
    // the sweep's records: due interactions (2018) and kept ones (2025), on the recipients
    await sql`insert into interactions (tenant_id, person_id, kind, occurred_at, subject)
      select ${tenantId}, p.id, 'call',
        case when g <= ${SIZES.dueInteractions} then timestamptz '2018-01-01 10:00+01' + (g % 360) * interval '1 day'
             else timestamptz '2025-01-01 10:00+01' + (g % 300) * interval '1 day' end, 'Fault'
      from generate_series(1, ${SIZES.dueInteractions + SIZES.keptInteractions}) g
      join (select id, (row_number() over (order by id) - 1)::int as k from persons
            where tenant_id = ${tenantId}) p on p.k = g % ${n}`.execute(tx);
    // the person to be erased, with much data
    const erasePersonId = (
      await sql<{
        id: string;
      }>`insert into persons (tenant_id, kind, first_name, last_name, email, legal_basis,
          purposes, source_kind, collected_at, updated_at)
        values (${tenantId}, 'customer', 'Erika', 'Faultmann', 'erika.faultmann@example.de', 'contract',
          array['customer_service'], 'import', now() - interval '2 years', now()) returning id`.execute(tx)
    ).rows[0]?.id as string;
    await sql`insert into interactions (tenant_id, person_id, kind, occurred_at, subject, body)
      select ${tenantId}, ${erasePersonId}, 'note', timestamptz '2025-03-01 10:00+01' + (g % 200) * interval '1 day',
        'Gespräch ' || g, null
      from generate_series(1, ${SIZES.erasureInteractions}) g`.execute(tx);
    return { campaignId, erasePersonId };
  });

export const sweepRules = (db: Database, tenantId: string) =>
  setSweepRules(db, tenantId, [{ target: 'interactions', period: period(6) }]);

const finish = (o: Omit<Outcome, 'pass'>): Outcome => ({ ...o, pass: o.failures.length === 0 });

// ---- import -------------------------------------------------------------------------------------------

const letters = (i: number) => {
  let s = '';
  let v = i;
  do {
    s = String.fromCharCode(97 + (v % 26)) + s;
    v = Math.floor(v / 26);
  } while (v > 0);
  return s;
};

const importCsv = (rows: number) =>
  `Vorname;Nachname;E-Mail\r\n${Array.from(
    { length: rows },
    (_, i) => `Imke${letters(i)};Importer${letters(i * 7 + 3)};import${i}@example.org`,
  ).join('\r\n')}\r\n`;

const personsCount = (db: Database) => count(db, sql`select count(*)::int as n from persons`);

export const importScenario = async (s: Setup): Promise<Outcome> => {
  const failures: string[] = [];
  const found: string[] = [];
  const resumed: string[] = [];
  const before = await withDb(s.target, personsCount);
  let server = await startServer(s.target);
  let api = apiOf(server, s.token);
  const upload = expectStatus(
    await api('POST', '/imports?fileName=faults.csv', importCsv(SIZES.importRows)),
    201,
    'upload',
  );
  const id = upload.id as string;
  expectStatus(
    await api('PUT', `/imports/${id}`, {
      mapping: { Vorname: 'firstName', Nachname: 'lastName', 'E-Mail': 'email' },
      legalBasis: 'contract',
      purposes: ['sales'],
      source: { kind: 'event', detail: 'Fault test' },
    }),
    200,
    'settings',
  );
  const dry = expectStatus(await api('POST', `/imports/${id}/dry-run`), 200, 'dry run');
  const n = dry.counts.valid as number;
  log(`  import: batch of ${SIZES.importRows} rows staged, ${n} valid, ${before} persons before`);
  const op = startOperation(api('POST', `/imports/${id}/commit`, { excludeInvalidRows: true }));
  const ready = s.target.kind === 'postgres' ? writingTransaction(s.target, 1_000) : cpuAtLeast(server, 2);
  const killed = await killWhen(server, op, ready, 'import commit');
  if (!killed) await op.settled;
  if (!killed && (op.error || (op.result && op.result.status >= 300)))
    failures.push(
      `the operation failed by itself: ${op.result?.status ?? String(op.error)} ${JSON.stringify(op.result?.json ?? '').slice(0, 200)}`,
    );

  server = await startServer(s.target);
  api = apiOf(server, s.token);
  const batch = expectStatus(await api('GET', `/imports/${id}`), 200, 'batch after restart');
  await server.stop();
  const after = await withDb(s.target, personsCount);
  found.push(`batch status ${batch.status}; persons ${before} → ${after} (N = ${n})`);
  if (
    !(after === before && batch.status === 'staged') &&
    !(after === before + n && batch.status === 'committed')
  )
    failures.push(`half-done import: persons ${after - before} of ${n}, batch ${batch.status}`);

  server = await startServer(s.target);
  api = apiOf(server, s.token);
  if (batch.status === 'staged') {
    const r = await api('POST', `/imports/${id}/commit`, { excludeInvalidRows: true });
    resumed.push(`commit again: ${r.status}, created ${r.json?.counts?.created}`);
    if (r.status !== 200) failures.push(`re-commit answered ${r.status} ${JSON.stringify(r.json)}`);
  }
  const finalBatch = expectStatus(await api('GET', `/imports/${id}`), 200, 'batch');
  await server.stop();
  const final = await withDb(s.target, personsCount);
  resumed.push(`batch ${finalBatch.status}; persons ${final}`);
  if (final !== before + n || finalBatch.status !== 'committed')
    failures.push(`after the resume: persons ${final - before} of ${n}, batch ${finalBatch.status}`);
  const audit = await auditVerify(s.target);
  if (!audit.ok) failures.push(`audit verify: ${audit.text}`);
  return finish({
    scenario: 'import',
    interrupted: `POST /imports/:id/commit of ${n} persons`,
    killedInProgress: killed,
    found,
    resumed,
    audit: audit.text,
    failures,
  });
};

// ---- campaign -----------------------------------------------------------------------------------------

const recipientStates = (db: Database, campaignId: string) =>
  sql<{ status: string; n: number; email: string | null }>`
    select r.status, p.email, 1 as n from campaign_recipients r join persons p on p.id = r.person_id
    where r.campaign_id = ${campaignId}`
    .execute(db.kysely)
    .then((r) => r.rows);

export const campaignScenario = async (s: Setup): Promise<Outcome> => {
  const failures: string[] = [];
  const found: string[] = [];
  const resumed: string[] = [];
  const startTotal = await s.sink.total();
  let server = await startServer(s.target);
  let api = apiOf(server, s.token);
  const op = startOperation(api('POST', `/campaigns/${s.campaignId}/send`));
  const killAt = Math.floor(SIZES.recipients * 0.3);
  const killed = await killWhen(
    server,
    op,
    async () => (await s.sink.total()) - startTotal >= killAt,
    'campaign send',
  );
  if (!killed) await op.settled;
  if (!killed && (op.error || (op.result && op.result.status >= 300)))
    failures.push(
      `the operation failed by itself: ${op.result?.status ?? String(op.error)} ${JSON.stringify(op.result?.json ?? '').slice(0, 200)}`,
    );
  await new Promise((r) => setTimeout(r, 500)); // mails the sink was still receiving
  server = await startServer(s.target);
  api = apiOf(server, s.token);
  const c1 = expectStatus(await api('GET', `/campaigns/${s.campaignId}`), 200, 'campaign');
  await server.stop();

  const check = async (phase: string) => {
    const rows = await withDb(s.target, (db) => recipientStates(db, s.campaignId));
    const counts = await s.sink.counts();
    const byStatus: Record<string, number> = {};
    for (const r of rows) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    const twice = Object.entries(counts).filter(([, v]) => v > 1);
    const sentNotReceived = rows.filter((r) => r.status === 'sent' && !counts[r.email ?? '']).length;
    const pendingReceived = rows.filter((r) => r.status === 'pending' && counts[r.email ?? '']).length;
    found.push(
      `${phase}: recipients ${JSON.stringify(byStatus)}; received by SMTP ${Object.keys(counts).length} addresses; twice or more ${twice.length}; marked sent but not received ${sentNotReceived}; pending but already received ${pendingReceived}`,
    );
    if (twice.length > 0)
      failures.push(
        `${phase}: ${twice.length} recipients got the mail more than once (max ${Math.max(...twice.map(([, v]) => v))})`,
      );
    if (sentNotReceived > 0)
      failures.push(`${phase}: ${sentNotReceived} rows marked sent were never delivered`);
    return { byStatus, pendingReceived };
  };
  const state = await check(`after restart (campaign ${c1.status})`);

  // resuming: the scheduler takes over a run untouched for 15 minutes; the clock is moved by ageing the row
  if (c1.status === 'sending') {
    await withDb(s.target, (db) =>
      sql`update campaigns set updated_at = updated_at - interval '16 minutes' where id = ${s.campaignId}`.execute(
        db.kysely,
      ),
    );
    server = await startServer(s.target);
    api = apiOf(server, s.token);
    const { custos } = await import('../server.ts');
    const out = await custos(s.target, ['campaigns', 'run-due']);
    resumed.push(`custos campaigns run-due: ${out.trim().split('\n').at(-1)}`);
    const c2 = expectStatus(await api('GET', `/campaigns/${s.campaignId}`), 200, 'campaign');
    await server.stop();
    resumed.push(`campaign ${c2.status}, stats ${JSON.stringify(c2.stats)}`);
    if (c2.status !== 'sent') failures.push(`after the resume the campaign is ${c2.status}`);
  } else if (c1.status !== 'sent') failures.push(`campaign ${c1.status} after restart`);
  const final = await check('after the resume');
  const reached = (final.byStatus.sent ?? 0) + (final.byStatus.failed ?? 0);
  if ((final.byStatus.pending ?? 0) > 0) failures.push(`${final.byStatus.pending} recipients still pending`);
  if (reached + (final.byStatus.skipped ?? 0) !== SIZES.recipients)
    failures.push(
      `recipients accounted for: ${reached + (final.byStatus.skipped ?? 0)} of ${SIZES.recipients}`,
    );
  void state;
  const audit = await auditVerify(s.target);
  if (!audit.ok) failures.push(`audit verify: ${audit.text}`);
  return finish({
    scenario: 'campaign',
    interrupted: `POST /campaigns/:id/send to ${SIZES.recipients} recipients (SMTP sink), killed after ≥ ${killAt} mails received`,
    killedInProgress: killed,
    found,
    resumed,
    audit: audit.text,
    failures,
  });
};

// ---- retention sweep ----------------------------------------------------------------------------------

const interactionCounts = (db: Database) =>
  Promise.all([
    count(db, sql`select count(*)::int as n from interactions where occurred_at < ${DUE_BEFORE}::date`),
    count(db, sql`select count(*)::int as n from interactions where occurred_at >= ${DUE_BEFORE}::date`),
  ]);

const deletedOf = (sweep: { counts: { deleted: number }[] }) =>
  sweep.counts.reduce((a, c) => a + c.deleted, 0);

export const sweepScenario = async (s: Setup): Promise<Outcome> => {
  const failures: string[] = [];
  const found: string[] = [];
  const resumed: string[] = [];
  const [due, kept] = await withDb(s.target, interactionCounts);
  let server = await startServer(s.target);
  let api = apiOf(server, s.dpoToken);
  const op = startOperation(api('POST', '/retention/sweeps'));
  // PostgreSQL: the running sweep's report has counted deletions. PGlite: the server is busy on the
  // request (its event loop answers nothing else while the sweep runs, so a GET cannot look)
  const ready =
    s.target.kind === 'postgres'
      ? async () => {
          const list = await api('GET', '/retention/sweeps');
          const running = list.json?.items?.find((x: { status: string }) => x.status === 'running');
          return Boolean(running) && deletedOf(running) > 0;
        }
      : cpuAtLeast(server, 2);
  const killed = await killWhen(server, op, ready, 'retention sweep');
  if (!killed) await op.settled;
  if (!killed && (op.error || (op.result && op.result.status >= 300)))
    failures.push(
      `the operation failed by itself: ${op.result?.status ?? String(op.error)} ${JSON.stringify(op.result?.json ?? '').slice(0, 200)}`,
    );
  server = await startServer(s.target);
  api = apiOf(server, s.dpoToken);
  const list1 = expectStatus(await api('GET', '/retention/sweeps'), 200, 'sweeps').items;
  await server.stop();
  const [dueLeft, keptLeft] = await withDb(s.target, interactionCounts);
  const row = list1[0];
  found.push(
    `sweep ${row?.status}, its count ${row ? deletedOf(row) : 0}; due ${due} → ${dueLeft} left; kept ${kept} → ${keptLeft}`,
  );
  if (keptLeft !== kept) failures.push(`records not due were deleted: ${kept - keptLeft}`);
  if (row && deletedOf(row) !== due - dueLeft)
    failures.push(`the sweep's count (${deletedOf(row)}) differs from what is gone (${due - dueLeft})`);

  server = await startServer(s.target);
  api = apiOf(server, s.dpoToken);
  const r = await api('POST', '/retention/sweeps');
  resumed.push(
    `POST /retention/sweeps: ${r.status} ${r.json?.status}, ${r.json ? deletedOf(r.json) : 0} counted, same sweep ${r.json?.id === row?.id}`,
  );
  if (r.status !== 200 || r.json?.status !== 'completed')
    failures.push(`re-run answered ${r.status} ${r.json?.status}`);
  const list2 = expectStatus(await api('GET', '/retention/sweeps'), 200, 'sweeps').items;
  await server.stop();
  const [dueFinal, keptFinal] = await withDb(s.target, interactionCounts);
  const counted = list2.reduce((a: number, x: { counts: { deleted: number }[] }) => a + deletedOf(x), 0);
  resumed.push(
    `sweeps ${list2.map((x: { status: string }) => x.status).join(', ')}; due left ${dueFinal}; kept ${keptFinal}; counted over all sweeps ${counted}`,
  );
  if (dueFinal !== 0) failures.push(`${dueFinal} due records left after the re-run`);
  if (keptFinal !== kept) failures.push(`records not due were deleted: ${kept - keptFinal}`);
  if (counted !== due) failures.push(`sweep reports count ${counted}, ${due} were due`);
  const audit = await auditVerify(s.target);
  if (!audit.ok) failures.push(`audit verify: ${audit.text}`);
  return finish({
    scenario: 'retention sweep',
    interrupted: `POST /retention/sweeps over ${due} due interactions (${kept} not due), killed once the running sweep counted deletions`,
    killedInProgress: killed,
    found,
    resumed,
    audit: audit.text,
    failures,
  });
};

// ---- erasure ------------------------------------------------------------------------------------------

const personState = (db: Database, personId: string) =>
  Promise.all([
    count(db, sql`select count(*)::int as n from persons where id = ${personId}`),
    count(db, sql`select count(*)::int as n from interactions where person_id = ${personId}`),
    count(db, sql`select count(*)::int as n from erasures where person_id = ${personId}`),
  ]);

export const erasureScenario = async (s: Setup): Promise<Outcome> => {
  const failures: string[] = [];
  const found: string[] = [];
  const resumed: string[] = [];
  const p = s.erasePersonId;
  const [, interactions] = await withDb(s.target, (db) => personState(db, p));
  let server = await startServer(s.target);
  let api = apiOf(server, s.dpoToken);
  const request = expectStatus(
    await api('POST', '/requests', {
      type: 'erasure',
      personId: p,
      channel: 'email',
      identityStatus: 'not_required',
    }),
    201,
    'erasure request',
  );
  const op = startOperation(api('POST', `/requests/${request.id}/fulfil`, {}));
  const ready = s.target.kind === 'postgres' ? writingTransaction(s.target) : cpuAtLeast(server, 0.3);
  const killed = await killWhen(server, op, ready, 'erasure');
  if (!killed) await op.settled;
  if (!killed && (op.error || (op.result && op.result.status >= 300)))
    failures.push(
      `the operation failed by itself: ${op.result?.status ?? String(op.error)} ${JSON.stringify(op.result?.json ?? '').slice(0, 200)}`,
    );

  server = await startServer(s.target);
  api = apiOf(server, s.dpoToken);
  const person1 = await api('GET', `/persons/${p}`);
  const req1 = expectStatus(await api('GET', `/requests/${request.id}`), 200, 'request');
  await server.stop();
  const [exists, left, journal] = await withDb(s.target, (db) => personState(db, p));
  found.push(
    `GET person ${person1.status}; request ${req1.status}; person rows ${exists}, interactions ${left} of ${interactions}, journal entries ${journal}`,
  );
  const fullyPresent = exists === 1 && left === interactions && journal === 0 && person1.status === 200;
  const fullyGone = exists === 0 && left === 0 && journal === 1 && person1.status === 404;
  if (!fullyPresent && !fullyGone) failures.push('erasure half-done after the restart');
  if (fullyPresent && req1.status !== 'open') failures.push(`person present but request ${req1.status}`);
  if (fullyGone && req1.status !== 'completed') failures.push(`person gone but request ${req1.status}`);

  server = await startServer(s.target);
  api = apiOf(server, s.dpoToken);
  if (fullyPresent) {
    const r = await api('POST', `/requests/${request.id}/fulfil`, {});
    resumed.push(`fulfil again: ${r.status} ${r.json?.status}`);
    if (r.status !== 200) failures.push(`re-fulfil answered ${r.status} ${JSON.stringify(r.json)}`);
  }
  await server.stop();
  // and once more after a restart: the erased person never comes back
  server = await startServer(s.target);
  api = apiOf(server, s.dpoToken);
  const person2 = await api('GET', `/persons/${p}`);
  const search = expectStatus(await api('GET', '/persons?q=Faultmann'), 200, 'search');
  await server.stop();
  const [exists2, left2, journal2] = await withDb(s.target, (db) => personState(db, p));
  resumed.push(
    `after another restart: GET person ${person2.status}, search hits ${search.items.length}; person rows ${exists2}, interactions ${left2}, journal ${journal2}`,
  );
  if (person2.status !== 404 || search.items.length > 0 || exists2 + left2 > 0 || journal2 !== 1)
    failures.push('the erased person is not fully gone (or reappeared)');
  const audit = await auditVerify(s.target);
  if (!audit.ok) failures.push(`audit verify: ${audit.text}`);
  return finish({
    scenario: 'erasure',
    interrupted: `POST /requests/:id/fulfil (erasure) of a person with ${interactions} interactions`,
    killedInProgress: killed,
    found,
    resumed,
    audit: audit.text,
    failures,
  });
};
