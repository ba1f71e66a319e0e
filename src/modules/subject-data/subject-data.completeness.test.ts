import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import {
  MARKER_SPOTS,
  markersFoundIn,
  markersMissingFrom,
  type PlantedMarkers,
  plantMarkers,
} from '../../../test/support/markers.ts';
import { asSystem, inTenant } from '../../db/tenant.ts';
import { compileSubjectData } from './subject-data.service.ts';
import type { SubjectExport } from './subject-data.types.ts';

// Fixtures create many records through the API and migrate fresh databases: generous limits.
vi.setConfig({ hookTimeout: 300_000, testTimeout: 180_000 });
const API = '/api/v1';

/**
 * The Art. 15 completeness test: a unique marker in every personal field of every table (the list in
 * test/support/markers.ts), an access request taken in, verified and fulfilled through the API, and
 * the export fetched as JSON and as the CSV zip. Every marker of the person must be in it, in the
 * table it belongs to, and no marker of the other person may be.
 */
describe.each(testDatabaseKinds())('access and portability export on %s', (kind) => {
  let t: TestApp;
  let dpo: string;
  let planted: PlantedMarkers;

  const call = async (method: 'GET' | 'POST', url: string, body?: object) => {
    const res = await t.call(dpo, { method, url: `${API}${url}`, body });
    return res;
  };
  /** Takes in a request of this type for the person, verifies the identity and fulfils it. */
  const completedRequest = async (type: 'access' | 'portability' | 'erasure', personId: string) => {
    const created = await call('POST', '/requests', { type, personId, channel: 'email', locale: 'de' });
    expect(created.statusCode, created.body).toBe(201);
    const id: string = created.json().id;
    const verified = await call('POST', `/requests/${id}/verification`, {
      method: 'known_email',
      outcome: 'passed',
    });
    expect(verified.statusCode, verified.body).toBe(200);
    const fulfilled = await call('POST', `/requests/${id}/fulfil`, {});
    expect(fulfilled.statusCode, fulfilled.body).toBe(200);
    expect(fulfilled.json().status).toBe('completed');
    return id;
  };
  const exportJson = async (requestId: string) => {
    const res = await call('GET', `/requests/${requestId}/export`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as SubjectExport;
  };
  const exportZip = async (requestId: string) => {
    const res = await call('GET', `/requests/${requestId}/export?format=csv`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    return Object.fromEntries(
      Object.entries(unzipSync(new Uint8Array(res.rawPayload))).map(([name, bytes]) => [
        name,
        strFromU8(bytes),
      ]),
    );
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    dpo = (await t.userWithToken({ role: 'dpo' })).token;
    planted = await plantMarkers(t, kind);
  });
  afterAll(() => t.close());

  it('the marker list covers every table that holds data about a person', () => {
    const tables = new Set(MARKER_SPOTS.map((s) => s.table));
    for (const table of [
      'persons',
      'organizations',
      'tags',
      'interactions',
      'cases',
      'case_messages',
      'deals',
      'quote_lines',
      'orders',
      'order_lines',
      'invoices',
      'invoice_lines',
      'import_batches',
      'tasks',
      'disclosures',
      'dsr_requests',
      'field_locks',
      'consents',
      'outbound_mails',
      'consent_signups',
      'web_form_submissions',
    ])
      expect(tables, table).toContain(table);
  });

  it('compileSubjectData (in a transaction of its own) finds every marker of the person and none of the other', async () => {
    const data = await inTenant(t.db.kysely, t.tenantId, (tx) =>
      compileSubjectData(tx, t.ctx, {
        tenantId: t.tenantId,
        personId: planted.personId,
        scope: 'access',
        locale: 'en',
      }),
    );
    const text = JSON.stringify(data.tables);
    expect(markersMissingFrom(text, planted.markers)).toEqual([]);
    expect(markersFoundIn(JSON.stringify(data), planted.other.markers)).toEqual([]);
  });

  it('access through the API: every marker in its table of the JSON export and in the CSV zip, none of the other person', async () => {
    const requestId = await completedRequest('access', planted.personId);
    const data = await exportJson(requestId);
    expect(data).toMatchObject({
      schema: 'custos.subject-export/v1',
      scope: 'access',
      personId: planted.personId,
    });

    // each marker in the table it was planted in
    const misplaced = planted.markers
      .filter((m) => markersMissingFrom(JSON.stringify(data.tables[m.table] ?? []), [m]).length > 0)
      .map((m) => m.key);
    expect(misplaced, 'markers missing from their table').toEqual([]);
    expect(markersFoundIn(JSON.stringify(data), planted.other.markers), 'the other person leaks').toEqual([]);

    // Art. 15(1)(a)-(h)
    expect(data.facts.purposes.map((p) => p.id)).toEqual(
      expect.arrayContaining(['sales', 'customer_service']),
    );
    expect(data.facts.categories.map((c) => c.id)).toEqual(
      expect.arrayContaining([
        'identity',
        'contact',
        'address',
        'communication',
        'special_health',
        'billing',
        'service',
      ]),
    );
    expect(data.facts.recipients).toEqual([
      expect.objectContaining({ kind: 'processor', categories: ['address', 'identity'] }),
    ]);
    expect(data.facts.source).toMatchObject({
      kind: 'business_card',
      detail: planted.byKey['persons.source_detail'],
      importBatches: [`${planted.byKey['import_batches.file_name']}.csv`],
    });
    expect(data.facts.retention.some((r) => r.rule.includes('§ 147'))).toBe(true);
    expect(data.facts.rights.some((r) => r.includes('Art. 77'))).toBe(true);
    expect(data.facts.automatedDecisions).toMatch(/^Keine/);
    // the consent ledger with the exact wording text the person agreed to
    expect(data.tables.consents).toEqual([
      expect.objectContaining({
        purposeId: 'newsletter',
        state: 'valid',
        wordingVersion: expect.any(Number),
        wordingText: expect.stringContaining('Newsletter'),
      }),
    ]);
    expect(data.tables.outbound_mails).toHaveLength(2);
    expect(data.tables.consent_signups).toHaveLength(2);
    // colleagues appear by role only (Art. 15(4)): no display name, no user id
    const trail = data.tables.audit_trail ?? [];
    expect(trail.length).toBeGreaterThan(0);
    expect(new Set(trail.map((e) => e.actor))).toEqual(new Set(['dpo', 'admin']));
    expect(JSON.stringify(data)).not.toContain(t.adminId);

    const files = await exportZip(requestId);
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining(['facts.csv', 'persons.csv', 'interactions.csv']),
    );
    const csv = Object.values(files).join('\n');
    expect(markersMissingFrom(csv, planted.markers), 'markers missing from the CSV zip').toEqual([]);
    expect(markersFoundIn(csv, planted.other.markers), 'the other person leaks into the CSV').toEqual([]);
    // formulas are defused: the phone number starts with +
    expect(files['persons.csv']).toContain(`'${planted.byKey['persons.phone']}`);

    // the download is audited as an export about the person
    const exports = await asSystem(t.db.kysely, (tx) =>
      tx
        .selectFrom('audit_log')
        .select(['action', 'fields'])
        .where('subject_id', '=', planted.personId)
        .where('action', '=', 'export')
        .execute(),
    );
    expect(exports.filter((e) => e.fields.includes('access_export'))).toHaveLength(2);
  });

  it('portability: only what the person provided (identity, contact, address, inbound messages, orders)', async () => {
    const requestId = await completedRequest('portability', planted.personId);
    const data = await exportJson(requestId);
    expect(data.scope).toBe('portability');
    expect(Object.keys(data.tables).sort()).toEqual(
      ['case_messages', 'interactions', 'order_lines', 'orders', 'persons'].sort(),
    );
    const text = JSON.stringify(data.tables);
    const portable = planted.markers.filter((m) => m.portable);
    const observed = planted.markers.filter((m) => !m.portable);
    expect(markersMissingFrom(text, portable)).toEqual([]);
    expect(markersFoundIn(text, observed)).toEqual([]);
    expect(markersFoundIn(JSON.stringify(data), planted.other.markers)).toEqual([]);
    const files = await exportZip(requestId);
    expect(markersMissingFrom(Object.values(files).join('\n'), portable)).toEqual([]);
  });
});
