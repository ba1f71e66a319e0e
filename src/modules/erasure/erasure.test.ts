import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, personBody, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import {
  markersFoundIn,
  type PlantedMarker,
  type PlantedMarkers,
  plantMarkers,
} from '../../../test/support/markers.ts';
import { snapshotData } from '../../../test/support/snapshot.ts';
import { asSystem, inTenant } from '../../db/tenant.ts';
import { writeBackup } from '../backup/backup.service.ts';
import { erasePerson } from './erasure.service.ts';
import { reapplyErasures } from './erasure-journal.ts';
import { readJournal } from './erasure-journal-file.ts';

/**
 * THE erasure test (Art. 17): a person with a marker in every personal field of every table is erased
 * through the HTTP API (request → identity verified → fulfilled). Afterwards none of the markers is
 * found in the API (detail, search, account views, lists), in a raw scan of every table, in the
 * decryptable audit values or in a fresh backup dump, except the billing fields of invoices within
 * their retention period, which stay, restricted and unlinked from the person.
 */

vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

const API = '/api/v1';
const NOW = new Date('2026-04-01T10:00:00Z');

/**
 * Markers in records that are not the person's own: their organisation (other contacts share it),
 * the tag (a tenant-wide label) and the import file's name (the batch holds other customers' rows).
 * The access export lists them as context; an erasure of the person leaves them.
 */
const NOT_THE_PERSONS = new Set(['organizations.name', 'tags.name', 'import_batches.file_name']);

/** Every table of the schema, read as the owner across tenants, each as one JSON text. */
const rawTables = (t: TestApp) =>
  asSystem(t.db.kysely, async (tx) => {
    const tables = (
      await sql<{ name: string }>`
        select table_name as name from information_schema.tables
        where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`.execute(tx)
    ).rows.map((r) => r.name);
    const out: Record<string, string> = {};
    for (const name of tables) {
      const { rows } = await sql<{
        j: string | null;
      }>`select json_agg(t)::text as j from ${sql.table(name)} t`.execute(tx);
      out[name] = rows[0]?.j ?? '';
    }
    return out;
  });

describe.each(testDatabaseKinds())('erasure on %s', (kind) => {
  let t: TestApp;
  let dpo: string;
  let plant: PlantedMarkers;
  /** markers that must vanish, and the billing markers that stay (restricted) */
  let mustGo: PlantedMarker[];
  let retained: PlantedMarker[];
  let oldInvoiceId: string;
  let sharedDealId: string;
  let requestId: string;
  /**
   * Markers in the billing snapshot (billing fields and lines) of the retained invoices: an invoice
   * matched to the person (the ERP import) copied their e-mail and address into its billing fields,
   * which the retention keeps along with the invoice's own billing markers.
   */
  let inSnapshot: string[] = [];
  /** What an invoice table or dump line may hold: the retained snapshot, nothing else of the person. */
  const expectOnlySnapshot = (text: string, label: string) =>
    expect(
      markersFoundIn(text, plant.markers).filter((k) => !NOT_THE_PERSONS.has(k) && !inSnapshot.includes(k)),
      label,
    ).toEqual([]);

  const call = async (method: 'GET' | 'POST' | 'DELETE', url: string, body?: object, token = dpo) =>
    t.call(token, { method, url: `${API}${url}`, body });

  beforeAll(async () => {
    t = await createTestApp(kind, { now: () => NOW });
    dpo = (await t.userWithToken({ role: 'dpo' })).token;
    plant = await plantMarkers(t, kind);
    mustGo = plant.markers.filter((m) => !m.retainedOnErasure && !NOT_THE_PERSONS.has(m.key));
    retained = plant.markers.filter((m) => m.retainedOnErasure);
    // an invoice whose retention ran out (2015: kept until 31 Dec 2024): it is deleted with its lines
    const old = await call('POST', '/invoices', {
      personId: plant.personId,
      issuedAt: '2015-03-02',
      dueAt: '2015-03-16',
      lines: [{ product: 'Altvertrag', quantity: '1', unitPrice: '10.00', taxRate: '19' }],
      billing: { name: 'Altkunde', country: 'DE' },
    });
    expect(old.statusCode, old.body).toBe(201);
    oldInvoiceId = old.json().id;
    // a deal of the person's organisation with the person as contact: it stays, without the person
    const shared = await call('POST', '/deals', {
      title: 'Rahmenvertrag',
      personId: plant.personId,
      organizationId: plant.ids.organizationId,
      value: '5000.00',
    });
    expect(shared.statusCode, shared.body).toBe(201);
    sharedDealId = shared.json().id;
  });
  afterAll(() => t?.close());

  it('erases the person through the API: request, identity verified, fulfilled', async () => {
    const created = await call('POST', '/requests', {
      type: 'erasure',
      personId: plant.personId,
      channel: 'email',
      receivedAt: '2026-03-20T09:00:00Z',
    });
    expect(created.statusCode, created.body).toBe(201);
    requestId = created.json().id;
    // not verified yet: refused, nothing changed
    const before = await snapshotData(t.db);
    const early = await call('POST', `/requests/${requestId}/fulfil`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('request_not_verified');
    expect(await snapshotData(t.db)).toEqual(before);

    const verified = await call('POST', `/requests/${requestId}/verification`, {
      method: 'known_email',
      outcome: 'passed',
    });
    expect(verified.statusCode, verified.body).toBe(200);
    const fulfilled = await call('POST', `/requests/${requestId}/fulfil`, {});
    expect(fulfilled.statusCode, fulfilled.body).toBe(200);
    expect(fulfilled.json().status).toBe('completed');
  });

  it('leaves the person unreachable in the API: detail 404, search, account views and lists show no marker', async () => {
    expect((await call('GET', `/persons/${plant.personId}`)).statusCode).toBe(404);
    expect((await call('GET', `/persons/${plant.personId}/account`)).statusCode).toBe(404);
    for (const key of ['persons.last_name', 'persons.email', 'persons.first_name']) {
      const q = encodeURIComponent(plant.byKey[key] ?? '');
      const search = await call('GET', `/persons?q=${q}`);
      expect(search.statusCode).toBe(200);
      expect(search.json().items, key).toEqual([]);
    }
    const pages = [
      `/organizations/${plant.ids.organizationId}/account`,
      '/persons?pageSize=200',
      '/deals?pageSize=200',
      '/quotes?pageSize=200',
      '/orders?pageSize=200',
      '/cases?pageSize=200',
      '/tasks?pageSize=200',
      `/deals/${sharedDealId}`,
    ];
    for (const url of pages) {
      for (const token of [dpo, t.adminToken]) {
        const res = await call('GET', url, undefined, token);
        expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
        expect(markersFoundIn(res.body, mustGo), url).toEqual([]);
        expect(markersFoundIn(res.body, retained), url).toEqual([]);
      }
    }
    // invoices: only the retained billing fields, nothing else of the person
    const invoices = await call('GET', '/invoices?pageSize=200', undefined, t.adminToken);
    expect(invoices.statusCode).toBe(200);
    expect(markersFoundIn(invoices.body, mustGo)).toEqual([]);
    // the other person planted alongside is untouched
    const other = await call('GET', `/persons/${plant.otherPersonId}`);
    expect(other.statusCode).toBe(200);
    expect(other.json().lastName).toBe(plant.other.byKey['persons.last_name']);
  });

  it('keeps invoices within their retention period restricted, without the person, with the billing snapshot', async () => {
    expect(plant.ids.invoiceIds.length).toBeGreaterThanOrEqual(2);
    let seen = '';
    let snapshot = '';
    for (const id of plant.ids.invoiceIds) {
      const res = await call('GET', `/invoices/${id}`, undefined, t.adminToken);
      expect(res.statusCode, res.body).toBe(200);
      const invoice = res.json();
      expect(invoice.restricted).toBe(true);
      expect(invoice.retention.restricted).toBe(true);
      expect(invoice.retention.restrictedAt).toBe(NOW.toISOString());
      expect(invoice.person).toBeNull();
      expect(invoice.retention.retainUntil >= '2026-04-01').toBe(true);
      seen += res.body;
      snapshot += JSON.stringify([invoice.billing, invoice.billingName, invoice.lines]);
      // nothing of the person outside the billing snapshot
      const { billing: _b, billingName: _n, lines: _l, ...rest } = invoice;
      expect(markersFoundIn(JSON.stringify(rest), plant.markers)).toEqual([]);
    }
    inSnapshot = markersFoundIn(snapshot, plant.markers);
    expect(inSnapshot).toEqual(expect.arrayContaining(retained.map((m) => m.key)));
    // only contact and address fields can be copied into a billing snapshot
    for (const key of inSnapshot.filter((k) => !retained.some((m) => m.key === k)))
      expect([
        'persons.email',
        'persons.first_name',
        'persons.last_name',
        'persons.street',
        'persons.postal_code',
        'persons.city',
      ]).toContain(key);
    // every retained billing marker is still there, and only there
    expect(markersFoundIn(seen, retained).sort()).toEqual(retained.map((m) => m.key).sort());
    // the invoice past its retention period is gone, with its lines
    expect((await call('GET', `/invoices/${oldInvoiceId}`, undefined, t.adminToken)).statusCode).toBe(404);
    const lines = await asSystem(t.db.kysely, (tx) =>
      tx.selectFrom('invoice_lines').select('id').where('invoice_id', '=', oldInvoiceId).execute(),
    );
    expect(lines).toEqual([]);
    // the organisation's deal stays without the person
    const deal = await call('GET', `/deals/${sharedDealId}`);
    expect(deal.statusCode).toBe(200);
    expect(deal.json().person).toBeNull();
  });

  it('finds no marker in a raw scan of every table, except the retained billing fields in invoices', async () => {
    const tables = await rawTables(t);
    expect(Object.keys(tables)).toEqual(
      expect.arrayContaining(['persons', 'invoices', 'audit_log', 'dsr_requests']),
    );
    for (const [table, text] of Object.entries(tables)) {
      if (table === 'invoices' || table === 'invoice_lines') expectOnlySnapshot(text, table);
      else {
        expect(markersFoundIn(text, mustGo), table).toEqual([]);
        expect(markersFoundIn(text, retained), table).toEqual([]);
      }
    }
    // the person's id stays only as a reference without data: request, erasure record, audit, shredded key
    const key = await asSystem(t.db.kysely, (tx) =>
      tx
        .selectFrom('subject_keys')
        .select(['wrapped_key', 'shredded_at'])
        .where('subject_id', '=', plant.personId)
        .executeTakeFirstOrThrow(),
    );
    expect(key.wrapped_key).toBeNull();
    expect(key.shredded_at).not.toBeNull();
    // the other person's markers are all still stored
    const all = Object.values(tables).join('\n');
    const otherPlain = plant.other.markers.filter(
      (m) =>
        !['persons.notes', 'persons.accessibility_needs'].includes(m.key) &&
        !m.key.startsWith('interactions.body'),
    );
    expect(markersFoundIn(all, otherPlain).length).toBeGreaterThan(20);
  });

  it('leaves no decryptable audit value of the person; the erasure itself is audited without values', async () => {
    let all = '';
    let beforeSeq: number | undefined;
    for (;;) {
      const res = await call('GET', `/audit?limit=200${beforeSeq ? `&beforeSeq=${beforeSeq}` : ''}`);
      expect(res.statusCode).toBe(200);
      const items: {
        seq: number;
        subjectId: string | null;
        valuesState: string;
        action: string;
        values: unknown;
      }[] = res.json().items;
      if (items.length === 0) break;
      all += res.body;
      for (const e of items.filter((x) => x.subjectId === plant.personId))
        expect(e.valuesState, `audit #${e.seq} ${e.action}`).not.toBe('available');
      beforeSeq = Math.min(...items.map((i) => i.seq));
    }
    expect(markersFoundIn(all, mustGo)).toEqual([]);
    const erase = await call('GET', `/audit?subjectId=${plant.personId}&action=erase`);
    const entries: { values: unknown; valuesState: string; note: string | null; via: string }[] =
      erase.json().items;
    expect(entries.length).toBeGreaterThanOrEqual(1);
    for (const e of entries) {
      expect(e.values).toBeNull();
      expect(e.valuesState).toBe('none');
    }
    expect(entries.some((e) => e.note?.startsWith(`erasure (request ${requestId})`))).toBe(true);
  });

  it('lists the erasure in the journal (DPO): counts per table, no values', async () => {
    const res = await call('GET', '/erasures');
    expect(res.statusCode, res.body).toBe(200);
    const entry = res.json().items.find((e: { personId: string }) => e.personId === plant.personId);
    expect(entry).toMatchObject({ requestId, erasedAt: NOW.toISOString(), summary: { suppressions: 2 } });
    expect(entry.summary.retainedInvoices).toBe(plant.ids.invoiceIds.length);
    expect(entry.summary.deleted).toMatchObject({
      persons: 1,
      interactions: 2,
      cases: 1,
      case_messages: 3,
      deals: 1,
      quotes: 1,
      orders: 1,
      invoices: 1,
      tasks: 1,
      disclosures: 1,
      field_locks: 1,
      person_tags: 1,
    });
    expect(entry.summary.unlinked).toMatchObject({ deals: 1 });
    expect(markersFoundIn(res.body, plant.markers)).toEqual([]);
    for (const role of ['sales', 'admin', 'support'] as const) {
      const other = (await t.userWithToken({ role })).token;
      expect((await call('GET', '/erasures', undefined, other)).statusCode).toBe(403);
    }
  });

  it('appends the erasure to the journal file outside the database: ids and keyed hashes, no plain values', async () => {
    const file = t.ctx.config.erasureJournalPath;
    expect(file.startsWith(os.tmpdir())).toBe(true);
    const entries = await readJournal(file);
    const entry = entries.find((e) => e.personId === plant.personId);
    expect(entry).toMatchObject({ tenantId: t.tenantId, requestId, erasedAt: NOW.toISOString() });
    expect(entry?.suppressions.map((s) => s.kind).sort()).toEqual(['email', 'phone']);
    const text = await readFile(file, 'utf8');
    expect(markersFoundIn(text, plant.markers)).toEqual([]);
  });

  it('refuses to bring the person back: a new person with the erased e-mail or phone is 409 subject_suppressed', async () => {
    const email = plant.byKey['persons.email'] ?? '';
    const phone = plant.byKey['persons.phone'] ?? '';
    const before = await snapshotData(t.db);
    const byEmail = await call(
      'POST',
      '/persons',
      personBody({ email: `  ${email.toUpperCase()} `, phone: null }),
    );
    expect(byEmail.statusCode, byEmail.body).toBe(409);
    expect(byEmail.json().code).toBe('subject_suppressed');
    const byPhone = await call(
      'POST',
      '/persons',
      personBody({ email: 'someone.else@example.de', phone: phone.replace(/^\+49 /, '0') }),
    );
    expect(byPhone.statusCode, byPhone.body).toBe(409);
    expect(byPhone.json().code).toBe('subject_suppressed');
    expect(await snapshotData(t.db)).toEqual(before);

    const check = await call('POST', '/suppressions/check', { email: email.toUpperCase(), phone });
    expect(check.json()).toEqual({ suppressed: true, kinds: ['email', 'phone'] });
    const clean = await call('POST', '/suppressions/check', { email: 'new.customer@example.de' });
    expect(clean.json()).toEqual({ suppressed: false, kinds: [] });
  });

  it('writes a backup dump that holds none of the markers except the retained billing fields', async () => {
    const out = path.join(path.dirname(t.ctx.config.erasureJournalPath), 'after-erasure.sql');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(path.dirname(out), { recursive: true });
    // on PostgreSQL pg_dump needs the URL of this test's own database
    let ctx = t.ctx;
    if (kind === 'postgres') {
      const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(t.db.kysely);
      const url = new URL(process.env.TEST_DATABASE_URL ?? '');
      url.pathname = `/${rows[0]?.name}`;
      ctx = { ...t.ctx, config: { ...t.ctx.config, databaseUrl: url.toString() } };
    }
    await writeBackup(ctx, { out });
    const dump = await readFile(out, 'utf8');
    expect(dump).toContain('INSERT INTO');
    const invoiceLines = (l: string) => /^INSERT INTO (public\.)?"?invoice(s|_lines)"? /.test(l);
    const lines = dump.split('\n');
    expect(lines.some(invoiceLines)).toBe(true);
    const rest = lines.filter((l) => !invoiceLines(l)).join('\n');
    expect(markersFoundIn(rest, mustGo)).toEqual([]);
    expect(markersFoundIn(rest, retained)).toEqual([]);
    expectOnlySnapshot(lines.filter(invoiceLines).join('\n'), 'dump: invoices');
    expect(markersFoundIn(dump, retained).sort()).toEqual(retained.map((m) => m.key).sort());
  });

  it('re-applies the journal when the person comes back (a restored row): erased again, idempotent', async () => {
    // the person's row as an older dump would bring it back, with a key and an interaction
    await asSystem(t.db.kysely, async (tx) => {
      await tx
        .insertInto('persons')
        .values({
          id: plant.personId,
          tenant_id: t.tenantId,
          kind: 'customer',
          first_name: plant.byKey['persons.first_name'] ?? '',
          last_name: plant.byKey['persons.last_name'] ?? '',
          email: plant.byKey['persons.email'] ?? null,
          legal_basis: 'contract',
          purposes: ['sales'],
          source_kind: 'business_card',
          collected_at: NOW,
          updated_at: NOW,
        })
        .execute();
      await tx
        .insertInto('interactions')
        .values({
          tenant_id: t.tenantId,
          person_id: plant.personId,
          kind: 'note',
          occurred_at: NOW,
          subject: plant.byKey['interactions.subject#outbound'] ?? '',
        })
        .execute();
    });
    const first = await reapplyErasures(t.ctx);
    expect(first).toEqual({ entries: 1, reapplied: 1, rolledBack: 0, unresolved: [] });
    expect((await call('GET', `/persons/${plant.personId}`)).statusCode).toBe(404);
    const tables = await rawTables(t);
    for (const [table, text] of Object.entries(tables))
      if (table === 'invoices' || table === 'invoice_lines') expectOnlySnapshot(text, table);
      else expect(markersFoundIn(text, mustGo), table).toEqual([]);
    const snapshot = await snapshotData(t.db);
    expect(await reapplyErasures(t.ctx)).toEqual({ entries: 1, reapplied: 0, rolledBack: 0, unresolved: [] });
    expect(await snapshotData(t.db)).toEqual(snapshot);
    // the journal file was not appended to by the re-application
    expect(await readJournal(t.ctx.config.erasureJournalPath)).toHaveLength(1);
  });

  it('restores missing suppression entries and the erasures row from the journal', async () => {
    await asSystem(t.db.kysely, async (tx) => {
      await tx.deleteFrom('suppressions').where('tenant_id', '=', t.tenantId).execute();
      await tx.deleteFrom('erasures').where('person_id', '=', plant.personId).execute();
    });
    expect(await reapplyErasures(t.ctx)).toEqual({ entries: 1, reapplied: 0, rolledBack: 0, unresolved: [] });
    const rows = await asSystem(t.db.kysely, async (tx) => ({
      suppressions: await tx.selectFrom('suppressions').select(['kind', 'request_id']).execute(),
      erasures: await tx.selectFrom('erasures').select(['request_id', 'erased_at']).execute(),
    }));
    expect(rows.suppressions.map((s) => s.kind).sort()).toEqual(['email', 'phone']);
    expect(rows.erasures).toEqual([{ request_id: requestId, erased_at: NOW }]);
  });

  it('refuses to erase a person that does not exist (not_found), changing nothing', async () => {
    const before = await snapshotData(t.db);
    await expect(
      inTenant(t.db.kysely, t.tenantId, (tx) =>
        erasePerson(tx, t.ctx, {
          actor: null,
          tenantId: t.tenantId,
          personId: plant.personId,
          requestId: null,
        }),
      ),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(await snapshotData(t.db)).toEqual(before);
  });
});
