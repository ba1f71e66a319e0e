import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, personBody, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { snapshotData } from '../../../test/support/snapshot.ts';
import { createExtraTenant } from '../../../test/support/tenant.ts';
import { asSystem } from '../../db/tenant.ts';

// Fixtures hash passwords and migrate fresh databases: slow on a busy machine, so generous hook limits.
vi.setConfig({ hookTimeout: 240_000, testTimeout: 120_000 });
const API = '/api/v1';
const FIXTURES = path.resolve(import.meta.dirname, '../../../test/fixtures');
const CSV = fs.readFileSync(path.join(FIXTURES, 'erp-invoices-de.csv'), 'utf8');
const MAPPING = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'erp-invoices-de.map.json'), 'utf8'));

/** The CSV with one row replaced (1-based data row, as the fixture lists them). */
const withRow = (index: number, row: string) => {
  const lines = CSV.split('\r\n');
  lines[index] = row;
  return lines.join('\r\n');
};

describe.each(testDatabaseKinds())('invoice import API on %s', (kind) => {
  let t: TestApp;
  let accounting: string;
  let org: string;
  let person: string;

  const body = (overrides: Record<string, unknown> = {}) => ({
    fileName: 'export-2025.csv',
    csv: CSV,
    mapping: MAPPING,
    options: { delimiter: ';', decimal: ',', dateFormat: 'DD.MM.YYYY' },
    dryRun: false,
    ...overrides,
  });
  const post = (token: string, payload: object) =>
    t.call(token, { method: 'POST', url: `${API}/invoices/import`, body: payload });

  beforeAll(async () => {
    t = await createTestApp(kind, { now: () => new Date('2026-12-02T09:00:00Z') });
    accounting = (await t.userWithToken({ role: 'accounting' })).token;
    const groups = (await t.call(t.adminToken, { method: 'GET', url: `${API}/customer-groups` })).json()
      .items;
    const fachhandel = groups.find((g: { name: string }) => g.name === 'Fachhandel').id;
    org = (
      await t.call(t.adminToken, {
        method: 'POST',
        url: `${API}/organizations`,
        body: { name: 'Muster Handel GmbH', customerNumber: 'K-100', customerGroupId: fachhandel },
      })
    ).json().id;
    person = (
      await t.call(t.adminToken, { method: 'POST', url: `${API}/persons`, body: personBody() })
    ).json().id;
  });
  afterAll(() => t.close());

  it('a dry run reports what it would import and writes nothing', async () => {
    const before = await snapshotData(t.db);
    const res = await post(accounting, body({ dryRun: true }));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      rows: 4,
      invoices: 3,
      lines: 4,
      skipped: 1,
      errors: [],
      dryRun: true,
      batchId: null,
    });
    expect(await snapshotData(t.db)).toEqual(before);
  });

  it('with one bad row: 422 import_failed, every row error in the details, nothing written', async () => {
    const before = await snapshotData(t.db);
    const csv = withRow(3, 'RE-ERP-1002;02.04.2025;16.04.2025;10.04.2025;K-100;;;;Fachbuch;;3;12.50;7;EUR;');
    const res = await post(accounting, body({ csv }));
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('import_failed');
    expect(res.json().details).toMatchObject({
      errors: [{ row: 4, column: 'Einzelpreis', code: 'invalid_amount' }],
      batchId: null,
    });
    expect(await snapshotData(t.db)).toEqual(before);
  });

  it.each([
    [
      'an unknown customer number',
      'RE-ERP-1002;02.04.2025;16.04.2025;;K-999;;;;Fachbuch;;3;12,50;7;EUR;',
      'Kundennummer',
      'unknown_customer',
    ],
    [
      'an unknown e-mail',
      'RE-ERP-1002;02.04.2025;16.04.2025;;;nobody@example.de;;;Fachbuch;;3;12,50;7;EUR;',
      'E-Mail',
      'unknown_customer',
    ],
    [
      'an unknown customer group',
      'RE-ERP-1002;02.04.2025;16.04.2025;;K-100;;;Händler;Fachbuch;;3;12,50;7;EUR;',
      'Kundengruppe',
      'unknown_customer_group',
    ],
    [
      'a due date before the issue date',
      'RE-ERP-1002;02.04.2025;01.04.2025;;K-100;;;;Fachbuch;;3;12,50;7;EUR;',
      'Fälligkeit',
      'invalid_date_range',
    ],
    [
      'the year 1850',
      'RE-ERP-1002;02.04.1850;16.04.2025;;K-100;;;;Fachbuch;;3;12,50;7;EUR;',
      'Belegdatum',
      'invalid_date_range',
    ],
    [
      'a different date on a line of the same invoice',
      'RE-ERP-1001;11.03.2025;24.03.2025;;K-100;;;;Fahrtkosten;;1;80,00;19;EUR;',
      'Belegdatum',
      'inconsistent_invoice',
    ],
  ])('refuses %s: names row, column and code, writes nothing', async (_label, row, column, code) => {
    const before = await snapshotData(t.db);
    const res = await post(accounting, body({ csv: withRow(index(row), row) }));
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().details.errors).toEqual([
      expect.objectContaining({ row: index(row) + 1, column, code }),
    ]);
    expect(await snapshotData(t.db)).toEqual(before);
  });
  /** The fixture row the replacement goes to: the second line of RE-ERP-1001 or RE-ERP-1002's row. */
  const index = (row: string) => (row.startsWith('RE-ERP-1001') ? 2 : 3);

  it("does not find another tenant's customer (unknown_customer)", async () => {
    const b = await createExtraTenant(t, { label: 'tenant-b' });
    await t.call(b.adminToken, {
      method: 'POST',
      url: `${API}/organizations`,
      body: { name: 'Fremd', customerNumber: 'K-555' },
    });
    const row = 'RE-ERP-1002;02.04.2025;16.04.2025;;K-555;;;;Fachbuch;;3;12,50;7;EUR;';
    const res = await post(accounting, body({ csv: withRow(3, row) }));
    expect(res.json().details.errors).toEqual([
      expect.objectContaining({ row: 4, code: 'unknown_customer' }),
    ]);
  });

  it('refuses a bad mapping or options as a whole', async () => {
    const wrongColumn = await post(accounting, body({ mapping: { ...MAPPING, unitPrice: 'Preis' } }));
    expect(wrongColumn.json().details.errors).toEqual([
      expect.objectContaining({ row: 1, code: 'unknown_column', column: 'Preis' }),
    ]);
    const unknownField = await post(accounting, body({ mapping: { ...MAPPING, colour: 'Farbe' } }));
    expect(unknownField.statusCode).toBe(422);
    expect(unknownField.json().code).toBe('validation_failed');
    const badOption = await post(accounting, body({ options: { delimiter: 'x' } }));
    expect(badOption.json().code).toBe('validation_failed');
  });

  it('imports: invoices with lines, customers matched, provenance batch, audit; a second run is refused as duplicate', async () => {
    const res = await post(accounting, body());
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ rows: 4, invoices: 3, lines: 4, skipped: 1, errors: [], dryRun: false });
    expect(report.batchId).toMatch(/^[0-9a-f-]{36}$/);

    const list = (
      await t.call(accounting, { method: 'GET', url: `${API}/invoices?q=RE-ERP&pageSize=10` })
    ).json();
    const byNumber = Object.fromEntries(list.items.map((i: { number: string }) => [i.number, i]));
    expect(Object.keys(byNumber).sort()).toEqual(['RE-ERP-1001', 'RE-ERP-1002', 'RE-ERP-1003']);
    const first = (
      await t.call(accounting, { method: 'GET', url: `${API}/invoices/${byNumber['RE-ERP-1001'].id}` })
    ).json();
    expect(first).toMatchObject({
      status: 'open',
      issuedAt: '2025-03-10',
      dueAt: '2025-03-24',
      organization: { id: org },
      customerGroup: { name: 'Großkunden' },
      netTotal: '2549.12',
      billing: { name: 'Muster Handel GmbH' },
      importBatchId: report.batchId,
      externalRef: 'A-77',
      retention: { rule: 'DE.voucher.8y', retainUntil: '2033-12-31' },
    });
    expect(first.lines.map((l: { description: string | null }) => l.description)).toEqual([
      'Workshop; März',
      null,
    ]);
    // without a group column value, the organisation's group; paid when a payment date is given
    expect(byNumber['RE-ERP-1002']).toMatchObject({
      status: 'paid',
      paidAt: '2025-04-10',
      customerGroup: { name: 'Fachhandel' },
    });
    // matched by e-mail (case-insensitive) to the person, with the person's name as billing name
    expect(byNumber['RE-ERP-1003']).toMatchObject({
      person: { id: person },
      billingName: 'Anna Müller',
      currency: 'EUR',
    });

    const batch = await asSystem(t.db.kysely, (tx) =>
      tx.selectFrom('import_batches').selectAll().where('id', '=', report.batchId).executeTakeFirstOrThrow(),
    );
    expect(batch).toMatchObject({
      kind: 'invoices',
      file_name: 'export-2025.csv',
      row_count: 4,
      record_count: 3,
    });
    expect(batch.mapping).toMatchObject({ mapping: { number: 'Belegnummer' }, options: { decimal: ',' } });
    const audits = await asSystem(t.db.kysely, (tx) =>
      tx
        .selectFrom('audit_log')
        .select(['subject_type', 'subject_id'])
        .where('action', '=', 'create')
        .where(sql<boolean>`'invoice' = any(fields)`, '=', true)
        .execute(),
    );
    expect(audits).toHaveLength(3);

    const before = await snapshotData(t.db);
    const again = await post(accounting, body());
    expect(again.statusCode).toBe(422);
    expect(again.json().details.errors.map((e: { code: string; row: number }) => [e.row, e.code])).toEqual([
      [2, 'duplicate_number'],
      [4, 'duplicate_number'],
      [6, 'duplicate_number'],
    ]);
    expect(await snapshotData(t.db)).toEqual(before);
  });

  it('is for accounting and admin only (invoices.import): others get 403 and nothing is written', async () => {
    for (const role of ['sales', 'support', 'marketing', 'readonly', 'dpo'] as const) {
      const { token } = await t.userWithToken({ role });
      const before = await snapshotData(t.db);
      const res = await post(token, body({ dryRun: true }));
      expect(res.statusCode, role).toBe(403);
      expect(res.json().code).toBe('forbidden');
      expect(await snapshotData(t.db)).toEqual(before);
    }
  });

  it('refuses a CSV of more than 5 MB (422 validation_failed)', async () => {
    const big = `${CSV}${' '.repeat(5 * 1024 * 1024)}`;
    const res = await post(accounting, body({ csv: big, dryRun: true }));
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('validation_failed');
  });
});
