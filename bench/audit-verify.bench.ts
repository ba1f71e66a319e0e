// Time of `audit verify` over 1,000,000 audit entries (goal ≤ 10 s), on PGlite and, when
// BENCH_DATABASE_URL (or TEST_DATABASE_URL) is set, on PostgreSQL in a fresh database.
// Run: npx tsx bench/audit-verify.bench.ts   (BENCH_AUDIT_ENTRIES to change the count)
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Insertable } from 'kysely';
import { loadConfig } from '../src/config.ts';
import { type Database, openDatabase } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import type { AuditLogTable } from '../src/db/schema.ts';
import { asSystem, inTenant } from '../src/db/tenant.ts';
import { type AuditEntry, entryHash, genesisHash } from '../src/domain/audit/chain.ts';
import { verifyAudit } from '../src/modules/audit/audit.service.ts';
import { auditKeyFor } from '../src/modules/keys/keys.service.ts';
import { initInstallation } from '../src/modules/setup/setup.service.ts';
import type { AppContext } from '../src/server/context.ts';

const ENTRIES = Number(process.env.BENCH_AUDIT_ENTRIES ?? 1_000_000);
const BATCH = 2_000;
const ACTIONS = ['read', 'read', 'read', 'update', 'create', 'export'];

const seedChain = async (ctx: AppContext, tenantId: string) => {
  const chainKey = await inTenant(ctx.db.kysely, tenantId, (tx) => auditKeyFor(tx, ctx, tenantId));
  const subjects = Array.from({ length: 1000 }, () => randomUUID());
  const actor = randomUUID();
  let prev = genesisHash(chainKey, tenantId);
  const start = Date.now();
  for (let from = 1; from <= ENTRIES; from += BATCH) {
    const rows: Insertable<AuditLogTable>[] = [];
    for (let seq = from; seq < Math.min(from + BATCH, ENTRIES + 1); seq++) {
      const entry: AuditEntry = {
        tenantId,
        seq,
        at: new Date(1_790_000_000_000 + seq * 1000).toISOString(),
        actorUserId: actor,
        actorTokenId: null,
        action: ACTIONS[seq % ACTIONS.length]!,
        subjectType: 'person',
        subjectId: subjects[seq % subjects.length]!,
        fields: ['firstName', 'lastName', 'email'],
        valuesEnc:
          seq % 3 === 0
            ? `v1.${randomBytes(12).toString('base64url')}.${randomBytes(16).toString('base64url')}.${randomBytes(60).toString('base64url')}`
            : null,
        note: null,
      };
      const hash = entryHash(chainKey, prev, entry);
      rows.push({
        tenant_id: tenantId,
        seq,
        at: new Date(entry.at),
        actor_user_id: entry.actorUserId,
        actor_token_id: null,
        action: entry.action,
        subject_type: entry.subjectType,
        subject_id: entry.subjectId,
        fields: entry.fields,
        values_enc: entry.valuesEnc,
        note: null,
        prev_hash: prev,
        hash,
      });
      prev = hash;
    }
    await asSystem(ctx.db.kysely, (tx) => tx.insertInto('audit_log').values(rows).execute());
  }
  await asSystem(ctx.db.kysely, (tx) =>
    tx
      .insertInto('audit_heads')
      .values({ tenant_id: tenantId, last_seq: ENTRIES, last_hash: prev })
      .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ last_seq: ENTRIES, last_hash: prev }))
      .execute(),
  );
  return (Date.now() - start) / 1000;
};

const run = async (label: string, db: Database) => {
  await migrate({ db });
  const config = loadConfig({
    CUSTOS_DATA_DIR: path.join(os.tmpdir(), `custos-bench-${randomBytes(4).toString('hex')}`),
  });
  const ctx: AppContext = { db, config, masterKey: randomBytes(32), now: () => new Date() };
  const { tenantId } = await initInstallation(ctx, {
    organizationName: 'Bench GmbH',
    adminName: 'Admin',
    adminEmail: `admin-${randomBytes(3).toString('hex')}@example.de`,
    adminPassword: 'correct horse battery staple',
  });
  const seedSeconds = await seedChain(ctx, tenantId);
  const start = Date.now();
  const result = await verifyAudit(ctx);
  const seconds = (Date.now() - start) / 1000;
  if (!result.ok || result.verified < ENTRIES) throw new Error(`verify failed: ${JSON.stringify(result)}`);
  lines.push(
    `| ${label} | ${result.verified.toLocaleString('en')} | ${seconds.toFixed(2)} | ${seedSeconds.toFixed(1)} |`,
  );
};

const lines = ['| database | entries verified | verify seconds | seeding seconds |', '|---|---:|---:|---:|'];
const pglite = await openDatabase({ dataDir: 'memory://' });
await run('PGlite (in memory)', pglite);
await pglite.close();

const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (serverUrl) {
  const name = `custos_bench_${randomBytes(4).toString('hex')}`;
  const admin = await openDatabase({ url: serverUrl, poolSize: 1 });
  await admin.withRawConnection((exec) => exec(`create database ${name}`));
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  const pg = await openDatabase({ url: u.toString() });
  try {
    await run('PostgreSQL 15', pg);
  } finally {
    await pg.close();
    await admin.withRawConnection((exec) => exec(`drop database if exists ${name} with (force)`));
    await admin.close();
  }
}

const section = `\n## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC — audit verify over ${ENTRIES.toLocaleString('en')} entries (goal ≤ 10 s)\n\n- Command: \`npm run bench:audit-verify\`${process.env.BENCH_AUDIT_ENTRIES ? ` with BENCH_AUDIT_ENTRIES=${ENTRIES}` : ''}; Node ${process.version}, ${os.cpus().length} cores; PostgreSQL via BENCH_DATABASE_URL or TEST_DATABASE_URL\n\n${lines.join('\n')}\n`;
fs.appendFileSync(path.join(import.meta.dirname, 'RESULTS.md'), section);
process.stdout.write(section);
