/**
 * `npm run bench:import`: 100,000 generated German rows imported as persons with validation and the
 * duplicate check against 10,000 persons already there (issue 8: ≤ 30 s). The rows come from the
 * seeded German generator (bench/german-persons.ts): originals, households and duplicates with
 * transliterations, phonetic spellings, typos and moves; the first BENCH_EXISTING records are seeded
 * as persons (SQL, as the owner), the next BENCH_ROWS become a German Excel CSV (`;`, UTF-8 with BOM).
 * Timed, through the services the API routes call: the upload (read, seal, stage), the dry run, and
 * the commit (the dry run's outcomes reused if nothing changed, else the check again, then persons, data keys, audit entries, in
 * chunks) with `excludeInvalidRows`. Goal: upload + dry run + commit ≤ 30 s. On PGlite (in memory) and
 * PostgreSQL (a fresh database, dropped afterwards). Appends to bench/RESULTS.md unless BENCH_RECORD=0.
 *
 * Environment: BENCH_DATABASES [pglite,postgres], BENCH_DATABASE_URL, BENCH_ROWS [100000], BENCH_EXISTING [10000].
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.ts';
import { migrate } from '../src/db/migrate.ts';
import { asSystem } from '../src/db/tenant.ts';
import { checkEmail } from '../src/domain/contact/email.ts';
import { toE164 } from '../src/domain/contact/phone.ts';
import type { MatchRecord } from '../src/domain/matching/types.ts';
import { checkImport, commitImport } from '../src/modules/import/imports.commit.ts';
import { setImportSettings, uploadImport } from '../src/modules/import/imports.service.ts';
import { initInstallation } from '../src/modules/setup/setup.service.ts';
import type { Actor, AppContext } from '../src/server/context.ts';
import { type BenchDatabaseKind, openBenchDatabase } from './database.ts';
import { generateGermanPersons } from './german-persons.ts';
import { appendResults, commandLine, int, log, machine } from './percentiles.ts';

const env = process.env;
const settings = {
  databases: (env.BENCH_DATABASES ?? 'pglite,postgres')
    .split(',')
    .map((d) => d.trim()) as BenchDatabaseKind[],
  postgresUrl: env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  rows: Number(env.BENCH_ROWS ?? 100_000),
  existing: Number(env.BENCH_EXISTING ?? 10_000),
};
const GOAL_MS = 30_000;
const HEADER = [
  'Vorname',
  'Nachname',
  'E-Mail',
  'Telefon',
  'Straße',
  'Hausnummer',
  'PLZ',
  'Ort',
  'Geburtsdatum',
];
const MAPPING = {
  Vorname: 'firstName',
  Nachname: 'lastName',
  'E-Mail': 'email',
  Telefon: 'phone',
  Straße: 'address.street',
  Hausnummer: 'address.houseNumber',
  PLZ: 'address.postalCode',
  Ort: 'address.city',
  Geburtsdatum: 'birthDate',
};

const isoBirth = (b?: string) =>
  b && /^\d{8}$/.test(b) ? `${b.slice(0, 4)}-${b.slice(4, 6)}-${b.slice(6)}` : b;
const cell = (v?: string) => (v && /[;"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : (v ?? ''));

const toCsv = (records: MatchRecord[]) =>
  Buffer.from(
    `\uFEFF${[
      HEADER.join(';'),
      ...records.map((r) =>
        [
          r.firstName,
          r.lastName,
          r.email,
          r.phone,
          r.street,
          r.houseNumber,
          r.postalCode,
          r.city,
          isoBirth(r.birthDate),
        ]
          .map(cell)
          .join(';'),
      ),
    ].join('\r\n')}\r\n`,
    'utf8',
  );

const seedExisting = (ctx: AppContext, tenantId: string, records: MatchRecord[]) =>
  asSystem(ctx.db.kysely, async (tx) => {
    for (let i = 0; i < records.length; i += 1000)
      await tx
        .insertInto('persons')
        .values(
          records.slice(i, i + 1000).map((r) => {
            const email = r.email ? checkEmail({ input: r.email }) : null;
            const birth = isoBirth(r.birthDate);
            return {
              tenant_id: tenantId,
              kind: 'customer',
              first_name: r.firstName || 'Unbekannt',
              last_name: r.lastName || 'Unbekannt',
              email: email?.valid ? email.normalized : null,
              phone: r.phone ? toE164({ input: r.phone }) : null,
              street: [r.street, r.houseNumber].filter(Boolean).join(' ') || null,
              postal_code: r.postalCode || null,
              city: r.city || null,
              birth_date:
                birth && /^\d{4}-\d{2}-\d{2}$/.test(birth) && !Number.isNaN(Date.parse(birth)) ? birth : null,
              legal_basis: 'contract',
              purposes: ['sales'],
              source_kind: 'other',
              collected_at: new Date(),
              updated_at: new Date(),
            };
          }),
        )
        .execute();
  });

const benchDatabase = async (kind: BenchDatabaseKind) => {
  const target = await openBenchDatabase({ kind, postgresUrl: settings.postgresUrl });
  log(`${kind}: ${target.label}`);
  const dataDir = path.join(os.tmpdir(), `custos-bench-${randomBytes(4).toString('hex')}`);
  try {
    await migrate({ db: target.db });
    const config = loadConfig({ CUSTOS_DATA_DIR: dataDir, CUSTOS_SCHEDULER: '0' });
    const ctx: AppContext = { db: target.db, config, masterKey: randomBytes(32), now: () => new Date() };
    const { tenantId, adminId } = await initInstallation(ctx, {
      organizationName: 'Bench GmbH',
      adminName: 'Bench Admin',
      adminEmail: 'admin@bench.example',
      adminPassword: 'bench-password-not-secret',
    });
    const actor: Actor = { tenantId, userId: adminId, role: 'admin', departmentIds: [], via: 'token' };
    const set = generateGermanPersons({
      count: settings.existing + settings.rows,
      seed: 8,
      duplicateShare: 0.2,
    });
    await seedExisting(ctx, tenantId, set.records.slice(0, settings.existing));
    await target.db.withRawConnection((exec) => exec('vacuum analyze'));
    const file = toCsv(set.records.slice(settings.existing));
    log(
      `${kind}: ${int(settings.existing)} persons seeded; file of ${int(settings.rows)} rows, ${int(file.byteLength / 1024)} KiB`,
    );

    const t0 = performance.now();
    const batch = await uploadImport(ctx, actor, {
      fileName: 'bench-kunden.csv',
      size: file.byteLength,
      source: (async function* () {
        for (let i = 0; i < file.byteLength; i += 64 * 1024) yield file.subarray(i, i + 64 * 1024);
      })(),
    });
    const uploadMs = performance.now() - t0;
    log(`${kind}: upload (read, seal, stage) ${(uploadMs / 1000).toFixed(1)} s`);
    await setImportSettings(ctx, actor, batch.id, {
      mapping: MAPPING,
      personKind: 'customer',
      legalBasis: 'contract',
      purposes: ['sales'],
      source: { kind: 'import', detail: 'bench' },
    });
    const t1 = performance.now();
    const dry = await checkImport(ctx, actor, batch.id);
    const dryRunMs = performance.now() - t1;
    log(`${kind}: dry run ${(dryRunMs / 1000).toFixed(1)} s ${JSON.stringify(dry.counts)}`);
    const t2 = performance.now();
    const done = await commitImport(ctx, actor, batch.id, { excludeInvalidRows: true, duplicates: 'skip' });
    const commitMs = performance.now() - t2;
    log(`${kind}: commit ${(commitMs / 1000).toFixed(1)} s, ${int(done.counts.created)} created`);
    return { kind, label: target.label, uploadMs, dryRunMs, commitMs, counts: done.counts };
  } finally {
    await target.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
};

const main = async () => {
  const startedAt = new Date().toISOString();
  const runs: Awaited<ReturnType<typeof benchDatabase>>[] = [];
  for (const kind of settings.databases) runs.push(await benchDatabase(kind));
  const s = (v: number) => (v / 1000).toFixed(1);
  const rows = runs.map((r) => {
    const total = r.uploadMs + r.dryRunMs + r.commitMs;
    return `| ${r.kind === 'pglite' ? 'PGlite' : 'PostgreSQL'} | ${int(r.counts.total)} | ${int(r.counts.created)} | ${int(r.counts.duplicate)} | ${int(r.counts.invalid)} | ${s(r.uploadMs)} | ${s(r.dryRunMs)} | ${s(r.commitMs)} | ${s(total)} | ${total <= GOAL_MS ? '≤ 30 s: **met**' : '≤ 30 s: **NOT met**'} |`;
  });
  const section = `## ${startedAt.slice(0, 10)} (${startedAt.slice(11, 16)} UTC) — person import (issue 8)
- Machine: ${machine()}
- Command: \`${commandLine('bench:import')}\` (bench/import.bench.ts)
- Data: ${int(settings.rows)} generated German rows (bench/german-persons.ts, seed 8, 20 % duplicates with German variants) as a \`;\` CSV with BOM, against ${int(settings.existing)} persons already there (the generator's first records).
- Timed through the services of the API routes, the wizard's whole path: upload (stream read, every row sealed under the batch key, staged in chunks), dry run (validation with the contact checks, sensitive-notes scan, suppression hashes, candidates by blocking values from persons, the duplicate engine, outcomes stored), commit with excludeInvalidRows (the dry run's outcomes reused when persons, suppressions and field locks are unchanged since — ADR 0029 —, rows opened and validated again for their values; persons + data keys + tags + one audit entry per person in chunks of 1,000, outcomes stored, staged data destroyed). Goal: upload + dry run + commit ≤ 30 s. The blocking keys of the new persons are not part of the import: the scheduler fills them in, 2,000 persons per minute (ADR 0029).

| database | rows | created | duplicates | invalid | upload s | dry run s | commit s | upload + dry run + commit s | goal |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---|
${rows.join('\n')}
`;
  const file = appendResults('import', startedAt, section, { startedAt, settings, runs });
  process.stdout.write(`\n${section}\n${file}\n`);
};

await main();
