import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, personBody, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { snapshotData } from '../../../test/support/snapshot.ts';
import { asSystem, inTenant } from '../../db/tenant.ts';
import { erasePerson } from './erasure.service.ts';
import { reapplyErasures } from './erasure-journal.ts';
import { appendJournalEntry, readJournal } from './erasure-journal-file.ts';

/**
 * erasePerson on records linked across tables: what the person was the only customer of goes, what
 * an organisation shares stays without them, records that stay stop pointing at records that go, and
 * a transaction that fails after the erasure changes nothing and marks its journal line rolled back,
 * so a later re-application leaves the person alone.
 */

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const API = '/api/v1';
const NOW = new Date('2026-04-01T10:00:00Z');
const lines = [{ product: 'Beratung', quantity: '1', unitPrice: '100.00', taxRate: '19' }];

describe.each(testDatabaseKinds())('erasePerson on %s', (kind) => {
  let t: TestApp;
  const post = async (url: string, body: object) => {
    const res = await t.call(t.adminToken, { method: 'POST', url: `${API}${url}`, body });
    if (res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json().id as string;
  };
  const row = (table: 'deals' | 'quotes' | 'orders' | 'invoices' | 'cases' | 'tasks', id: string) =>
    asSystem(t.db.kysely, (tx) => tx.selectFrom(table).selectAll().where('id', '=', id).executeTakeFirst());
  const erase = (personId: string) =>
    inTenant(t.db.kysely, t.tenantId, (tx) =>
      erasePerson(tx, t.ctx, { actor: null, tenantId: t.tenantId, personId, requestId: null }),
    );

  beforeAll(async () => {
    t = await createTestApp(kind, { now: () => NOW });
  });
  afterAll(() => t?.close());

  it('deletes what only the person was customer of, unlinks what stays, and keeps references consistent', async () => {
    const org = await post('/organizations', { name: 'Firma Verknüpft' });
    const person = await post('/persons', personBody({ email: 'linked@example.de', phone: '+49 40 555111' }));
    const other = await post('/persons', personBody({ email: 'other@example.de', phone: null }));
    const deal = await post('/deals', { title: 'Einzeldeal', personId: person, value: '100.00' });
    const sharedDeal = await post('/deals', {
      title: 'Firmendeal',
      personId: person,
      organizationId: org,
      value: '100.00',
    });
    const quote = await post('/quotes', { personId: person, dealId: deal, lines });
    const sharedQuote = await post('/quotes', { personId: person, organizationId: org, dealId: deal, lines });
    const order = await post('/orders', { personId: person, dealId: deal, lines });
    const sharedOrder = await post('/orders', { personId: person, organizationId: org, lines });
    // within retention, made from the order the erasure deletes
    const kept = await post('/invoices', {
      personId: person,
      orderId: order,
      issuedAt: '2026-02-01',
      dueAt: '2026-02-15',
      lines,
    });
    // past retention (2015 → kept until 31 Dec 2024)
    const old = await post('/invoices', {
      personId: person,
      issuedAt: '2015-02-02',
      dueAt: '2015-02-16',
      lines,
    });
    // another customer's case about the person's order and old invoice, a colleague's task on the deal
    const otherCase = await post('/cases', {
      personId: other,
      orderId: order,
      invoiceId: old,
      channel: 'phone',
      category: 'billing',
      subject: 'Rückfrage',
    });
    const dealTask = await post('/tasks', {
      title: 'Nachfassen',
      dueAt: '2026-04-02T09:00:00Z',
      dealId: deal,
    });
    const otherTask = await post('/tasks', {
      title: 'Anrufen',
      dueAt: '2026-04-02T09:00:00Z',
      personId: other,
    });

    const summary = await erase(person);
    expect(summary.retainedInvoices).toBe(1);
    expect(summary.suppressions).toBe(2);
    expect(summary.deleted).toMatchObject({
      persons: 1,
      deals: 1,
      quotes: 1,
      orders: 1,
      invoices: 1,
      invoice_lines: 1,
      tasks: 1,
    });

    for (const [table, id] of [
      ['deals', deal],
      ['quotes', quote],
      ['orders', order],
      ['invoices', old],
      ['tasks', dealTask],
    ] as const)
      expect(await row(table, id), `${table} ${id}`).toBeUndefined();
    for (const [table, id] of [
      ['deals', sharedDeal],
      ['quotes', sharedQuote],
      ['orders', sharedOrder],
    ] as const)
      expect(await row(table, id), table).toMatchObject({ person_id: null, organization_id: org });
    expect(await row('quotes', sharedQuote)).toMatchObject({ deal_id: null });
    expect(await row('invoices', kept)).toMatchObject({
      person_id: null,
      order_id: null,
      restricted_at: NOW,
    });
    expect(await row('cases', otherCase)).toMatchObject({
      person_id: other,
      order_id: null,
      invoice_id: null,
    });
    expect(await row('tasks', otherTask)).toMatchObject({ person_id: other });
    expect((await t.call(t.adminToken, { method: 'GET', url: `${API}/persons/${other}` })).statusCode).toBe(
      200,
    );
  });

  it('a transaction that fails after the erasure changes nothing; its journal line is marked rolled back and never re-applied', async () => {
    const person = await post('/persons', personBody({ email: 'rollback@example.de', phone: null }));
    const journalBefore = (await readJournal(t.ctx.config.erasureJournalPath)).length;
    const before = await snapshotData(t.db);
    await expect(
      inTenant(t.db.kysely, t.tenantId, async (tx) => {
        await erasePerson(tx, t.ctx, {
          actor: null,
          tenantId: t.tenantId,
          personId: person,
          requestId: null,
        });
        throw new Error('fulfil failed afterwards');
      }),
    ).rejects.toThrow('fulfil failed afterwards');
    expect(await snapshotData(t.db)).toEqual(before);
    const journal = await readJournal(t.ctx.config.erasureJournalPath);
    expect(journal).toHaveLength(journalBefore + 1);
    expect(journal.at(-1)).toMatchObject({ personId: person, outcome: 'rolledBack' });

    // the person lives on; a re-application (a restore) must not erase them
    const result = await reapplyErasures(t.ctx);
    expect(result).toMatchObject({ reapplied: 0, rolledBack: 1, unresolved: [] });
    expect((await t.call(t.adminToken, { method: 'GET', url: `${API}/persons/${person}` })).statusCode).toBe(
      200,
    );
    expect(await snapshotData(t.db)).toEqual(before);
  });

  it('a journal line without outcome (the process ended before the commit) is re-applied only where a database records the erasure', async () => {
    const person = await post('/persons', personBody({ email: 'crash@example.de', phone: null }));
    const file = t.ctx.config.erasureJournalPath;
    // what a process killed between the journal line and its commit leaves: the line, no outcome
    const line = await appendJournalEntry(file, {
      tenantId: t.tenantId,
      personId: person,
      requestId: null,
      erasedAt: NOW.toISOString(),
      suppressions: [],
    });
    const before = await snapshotData(t.db);
    const unsure = await reapplyErasures(t.ctx);
    expect(unsure).toMatchObject({ reapplied: 0, unresolved: [{ id: line.id, personId: person }] });
    expect(await snapshotData(t.db)).toEqual(before);

    // the database the restore replaced recorded the erasure: it happened, so it is re-applied
    const known = await reapplyErasures(t.ctx, { erasedBefore: new Set([`${t.tenantId}:${person}`]) });
    expect(known).toMatchObject({ reapplied: 1, unresolved: [] });
    expect((await t.call(t.adminToken, { method: 'GET', url: `${API}/persons/${person}` })).statusCode).toBe(
      404,
    );
    const erasure = await asSystem(t.db.kysely, (tx) =>
      tx.selectFrom('erasures').selectAll().where('person_id', '=', person).executeTakeFirstOrThrow(),
    );
    expect(erasure.erased_by).toBeNull();
    expect(erasure.summary).toMatchObject({ deleted: { persons: 1 }, reappliedAt: NOW.toISOString() });
    // from now on the restored data itself records it
    expect(await reapplyErasures(t.ctx)).toMatchObject({ reapplied: 0, unresolved: [] });
  });
});
