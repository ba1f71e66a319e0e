import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, personBody, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { createExtraTenant, type ExtraTenant } from '../../../test/support/tenant.ts';
import { asSystem } from '../../db/tenant.ts';
import {
  insertCase,
  insertDeal,
  insertInvoice,
  insertOrder,
  insertTask,
  stageIds,
} from './accounts.fixtures.ts';

/** The clock of the test app: 2 December 2026, 11:00 in Berlin. */
const NOW = new Date('2026-12-02T10:00:00Z');
const hours = (h: number) => new Date(NOW.getTime() + h * 3_600_000);
const API = '/api/v1';

describe.each(testDatabaseKinds())('customer account API on %s', (kind) => {
  let t: TestApp;
  let other: ExtraTenant;
  let sales: string;
  let vertrieb: string;
  let service: string;
  let person: string;
  let org: string;
  let colleague: string;
  let serviceOnlyPerson: string;
  let supportUser: Awaited<ReturnType<TestApp['userWithToken']>>;
  let marketingUser: Awaited<ReturnType<TestApp['userWithToken']>>;
  const ids = {} as Record<string, string>;

  const created = async (token: string, url: string, body: object) => {
    const res = await t.call(token, { method: 'POST', url: `${API}${url}`, body });
    if (res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json().id as string;
  };
  const get = (token: string, url: string) => t.call(token, { method: 'GET', url: `${API}${url}` });

  beforeAll(async () => {
    t = await createTestApp(kind, { now: () => NOW });
    other = await createExtraTenant(t, { label: 'fremd' });
    vertrieb = t.departmentId('Vertrieb');
    service = t.departmentId('Kundenservice');
    sales = (await t.userWithToken({ role: 'sales', departmentNames: ['Vertrieb'] })).token;
    const tenantId = t.tenantId;
    const db = t.db.kysely;

    org = await created(t.adminToken, '/organizations', { name: 'Kunde AG', email: 'info@kunde.example' });
    person = await created(
      t.adminToken,
      '/persons',
      personBody({
        firstName: 'Klara',
        lastName: 'Klage',
        email: 'klara@kunde.example',
        organizationId: org,
        expiresAt: '2030-01-01T00:00:00Z',
      }),
    );
    colleague = await created(
      t.adminToken,
      '/persons',
      personBody({
        firstName: 'Kurt',
        lastName: 'Kollege',
        email: 'kurt@kunde.example',
        organizationId: org,
      }),
    );
    // a contact person only Kundenservice may see
    serviceOnlyPerson = await created(
      t.adminToken,
      '/persons',
      personBody({ firstName: 'Sina', lastName: 'Service', organizationId: org, departmentIds: [service] }),
    );

    // 21 contacts, one a minute, the last one the newest
    for (let i = 1; i <= 21; i += 1) {
      await created(t.adminToken, `/persons/${person}/interactions`, {
        kind: 'call',
        direction: 'inbound',
        occurredAt: new Date(Date.UTC(2026, 10, 1, 9, i)).toISOString(),
        subject: `Anruf ${i}`,
        body: `Inhalt ${i}`,
      });
    }
    await created(t.adminToken, `/persons/${colleague}/interactions`, {
      kind: 'email',
      occurredAt: '2026-11-30T09:00:00Z',
      subject: 'Rückfrage Kollege',
      body: 'Vertraulich',
    });

    ids.overdue = await insertInvoice(db, {
      tenantId,
      personId: person,
      dueAt: '2026-11-01',
      gross: '119.00',
    });
    ids.dueToday = await insertInvoice(db, {
      tenantId,
      personId: person,
      dueAt: '2026-12-02',
      gross: '50.50',
    });
    ids.chf = await insertInvoice(db, {
      tenantId,
      personId: person,
      dueAt: '2026-12-20',
      gross: '10.00',
      currency: 'CHF',
    });
    await insertInvoice(db, {
      tenantId,
      personId: person,
      status: 'paid',
      dueAt: '2026-10-15',
      gross: '99.00',
      retainUntil: '2036-12-31',
    });
    await insertInvoice(db, {
      tenantId,
      personId: person,
      status: 'cancelled',
      dueAt: '2026-10-15',
      gross: '5.00',
    });
    ids.serviceInvoice = await insertInvoice(db, {
      tenantId,
      personId: person,
      dueAt: '2026-11-15',
      gross: '1000.00',
      departmentIds: [service],
    });
    ids.orgInvoice = await insertInvoice(db, {
      tenantId,
      organizationId: org,
      dueAt: '2026-12-10',
      gross: '300.00',
    });
    ids.hiddenPersonInvoice = await insertInvoice(db, {
      tenantId,
      personId: serviceOnlyPerson,
      dueAt: '2026-12-10',
      gross: '7.00',
    });

    const stages = await stageIds(db, tenantId);
    ids.openDeal = await insertDeal(db, {
      tenantId,
      personId: person,
      title: 'Wartungsvertrag',
      stageId: stages.byName('Proposal'),
    });
    for (let i = 1; i <= 6; i += 1)
      await insertDeal(db, {
        tenantId,
        personId: person,
        title: `Abschluss ${i}`,
        stageId: stages.byName(i % 2 ? 'Won' : 'Lost'),
        closedAt: new Date(Date.UTC(2026, 0, i)),
      });
    for (let i = 1; i <= 12; i += 1)
      await insertOrder(db, { tenantId, personId: person, orderedAt: `2026-0${(i % 9) + 1}-1${i % 10}` });

    ids.openCase = await insertCase(db, {
      tenantId,
      personId: person,
      subject: 'Lieferung beschädigt',
      receivedAt: hours(-30),
      firstResponseDueAt: hours(-26),
      resolutionDueAt: hours(40),
    });
    ids.salesCase = await insertCase(db, {
      tenantId,
      personId: person,
      subject: 'Angebot unklar',
      receivedAt: hours(-2),
      firstResponseDueAt: hours(2),
      resolutionDueAt: hours(48),
      departmentIds: [vertrieb],
    });
    ids.closedCase = await insertCase(db, {
      tenantId,
      personId: person,
      subject: 'Alte Reklamation',
      status: 'closed',
      receivedAt: new Date('2026-05-01T08:00:00Z'),
      firstResponseDueAt: new Date('2026-05-01T12:00:00Z'),
      resolutionDueAt: new Date('2026-05-03T12:00:00Z'),
      closedAt: new Date('2026-05-02T08:00:00Z'),
    });
    ids.task = await insertTask(db, {
      tenantId,
      personId: person,
      title: 'Rückruf wegen Gutschrift',
      dueAt: hours(3),
      assigneeId: t.adminId,
    });
    ids.caseTask = await insertTask(db, {
      tenantId,
      personId: person,
      title: 'Fall im Vertrieb nachfassen',
      dueAt: hours(-1),
      assigneeId: t.adminId,
      caseId: ids.salesCase,
    });
    supportUser = await t.userWithToken({ role: 'support', departmentNames: ['Kundenservice'] });
    marketingUser = await t.userWithToken({ role: 'marketing' });
    ids.supportTask = await insertTask(db, {
      tenantId,
      personId: person,
      title: 'Vertriebsfall prüfen',
      dueAt: hours(5),
      assigneeId: supportUser.user.id,
      caseId: ids.salesCase,
    });
    ids.marketingTask = await insertTask(db, {
      tenantId,
      personId: person,
      title: 'Kampagne abstimmen',
      dueAt: hours(6),
      assigneeId: marketingUser.user.id,
      caseId: ids.openCase,
    });
    await insertTask(db, {
      tenantId,
      personId: person,
      title: 'Erledigt',
      dueAt: hours(-5),
      assigneeId: t.adminId,
      status: 'done',
    });
  });
  afterAll(() => t?.close());

  it("shows a person's account with timeline, invoices, deals, orders, cases, tasks and privacy", async () => {
    const res = await get(t.adminToken, `/persons/${person}/account`);
    expect(res.statusCode).toBe(200);
    const account = res.json();
    expect(account.person).toMatchObject({
      id: person,
      firstName: 'Klara',
      lastName: 'Klage',
      email: 'klara@kunde.example',
      phone: '+49301234567', // E.164, as the persons API stores it
      organization: { id: org, name: 'Kunde AG' },
      hiddenFields: ['accessibilityNeeds'],
    });
    expect(account.privacy).toEqual({
      legalBasis: 'contract',
      purposes: ['sales', 'customer_service'],
      source: { kind: 'business_card', detail: 'Hannover Messe 2026' },
      collectedAt: NOW.toISOString(),
      expiresAt: '2030-01-01T00:00:00.000Z',
      billingRetainedUntil: '2036-12-31',
      restricted: false,
    });

    // 21 contacts: the 20 newest, newest first, with their opened contents
    expect(account.timeline.total).toBe(21);
    expect(account.timeline.totalCapped).toBe(false);
    expect(account.timeline.items).toHaveLength(20);
    expect(account.timeline.items[0]).toMatchObject({
      subject: 'Anruf 21',
      body: 'Inhalt 21',
      kind: 'call',
      person: { id: person, firstName: 'Klara', lastName: 'Klage' },
      employee: { id: t.adminId },
    });
    expect(account.timeline.items.at(-1).subject).toBe('Anruf 2');

    // open invoices, oldest due first; overdue from the day after the due date (today: 2 December)
    expect(account.invoices.open.map((i: { id: string }) => i.id)).toEqual([
      ids.overdue,
      ids.serviceInvoice,
      ids.dueToday,
      ids.chf,
    ]);
    expect(account.invoices.open[0]).toMatchObject({
      status: 'open',
      dueAt: '2026-11-01',
      grossTotal: '119.00',
      currency: 'EUR',
      overdue: true,
      daysOverdue: 31,
    });
    expect(account.invoices.open[2]).toMatchObject({ grossTotal: '50.50', overdue: false, daysOverdue: 0 });
    expect(account.invoices).toMatchObject({
      openCount: 4,
      overdueCount: 2,
      openTotal: [
        { currency: 'CHF', amount: '10.00' },
        { currency: 'EUR', amount: '1169.50' },
      ],
      overdueTotal: [{ currency: 'EUR', amount: '1119.00' }],
      paidCount: 1,
    });

    expect(account.deals.open).toEqual([
      expect.objectContaining({
        id: ids.openDeal,
        title: 'Wartungsvertrag',
        value: '1000.00',
        stage: expect.objectContaining({ nameDe: 'Angebot', nameEn: 'Proposal', outcome: 'open' }),
      }),
    ]);
    expect(account.deals.closed.map((d: { title: string }) => d.title)).toEqual([
      'Abschluss 6',
      'Abschluss 5',
      'Abschluss 4',
      'Abschluss 3',
      'Abschluss 2',
    ]);
    expect(account.deals.closed[0].stage.outcome).toBe('lost');

    expect(account.orders.total).toBe(12);
    expect(account.orders.items).toHaveLength(10);
    const dates = account.orders.items.map((o: { orderedAt: string }) => o.orderedAt);
    expect(dates).toEqual([...dates].sort().reverse());

    // open cases by resolution deadline; the first response of the first one is overdue
    expect(account.cases.open.map((c: { id: string }) => c.id)).toEqual([ids.openCase, ids.salesCase]);
    expect(account.cases.open[0]).toMatchObject({
      subject: 'Lieferung beschädigt',
      slaDueAt: hours(-26).toISOString(),
      slaBreached: true,
    });
    expect(account.cases.open[1]).toMatchObject({ slaDueAt: hours(2).toISOString(), slaBreached: false });
    expect(account.cases.closed).toEqual([
      expect.objectContaining({ id: ids.closedCase, slaDueAt: null, closedAt: '2026-05-02T08:00:00.000Z' }),
    ]);

    // admin sees every open task, due first
    expect(account.tasks).toEqual([
      expect.objectContaining({ id: ids.caseTask, overdue: true, link: { kind: 'case', id: ids.salesCase } }),
      expect.objectContaining({
        id: ids.task,
        title: 'Rückruf wegen Gutschrift',
        overdue: false,
        link: null,
      }),
      expect.objectContaining({
        id: ids.supportTask,
        assignee: { id: supportUser.user.id, displayName: expect.any(String) },
      }),
      expect.objectContaining({ id: ids.marketingTask }),
    ]);
    expect(account.consents).toEqual([]);
    expect(account.hiddenSections).toEqual([]);
  });

  it('records the read once in the audit trail with the fields and sections shown', async () => {
    const audited = () =>
      asSystem(t.db.kysely, (tx) =>
        tx
          .selectFrom('audit_log')
          .select(['action', 'fields', 'actor_user_id'])
          .where('subject_id', '=', person)
          .where('action', '=', 'read')
          .orderBy('seq')
          .execute(),
      );
    const before = (await audited()).length;
    const marketing = await t.userWithToken({ role: 'marketing' });
    expect((await get(marketing.token, `/persons/${person}/account`)).statusCode).toBe(200);
    const entries = await audited();
    expect(entries).toHaveLength(before + 1);
    expect(entries.at(-1)).toMatchObject({
      actor_user_id: marketing.user.id,
      fields: ['firstName', 'lastName', 'email', 'phone', 'address', 'tags', 'privacy', 'tasks', 'consents'],
    });
  });

  it('hides from marketing the timeline, invoices, deals, orders and cases', async () => {
    const res = await get(marketingUser.token, `/persons/${person}/account`);
    expect(res.statusCode).toBe(200);
    const account = res.json();
    expect(account.hiddenSections).toEqual(['timeline', 'invoices', 'deals', 'orders', 'cases']);
    for (const section of account.hiddenSections) expect(account).not.toHaveProperty(section);
    expect(res.body).not.toContain('Inhalt 21');
    expect(res.body).not.toContain('119.00');
    // only the own task, without naming the case marketing may not read
    expect(account.tasks).toEqual([expect.objectContaining({ id: ids.marketingTask, link: null })]);
    expect(account.person.email).toBe('klara@kunde.example');
  });

  it('shows accounting the invoices but not the timeline', async () => {
    const { token } = await t.userWithToken({ role: 'accounting', departmentNames: ['Vertrieb'] });
    const account = (await get(token, `/persons/${person}/account`)).json();
    expect(account.hiddenSections).toEqual(['timeline']);
    expect(account).not.toHaveProperty('timeline');
    expect(JSON.stringify(account)).not.toContain('Inhalt');
    // every open invoice but the one scoped to Kundenservice
    expect(account.invoices.openCount).toBe(3);
    expect(account.cases.open).toHaveLength(2);
  });

  it('shows support in Kundenservice only the records of its departments and unscoped ones', async () => {
    const account = (await get(supportUser.token, `/persons/${person}/account`)).json();
    expect(account.hiddenSections).toEqual([]);
    expect(account.cases.open.map((c: { id: string }) => c.id)).toEqual([ids.openCase]);
    expect(account.invoices.open.map((i: { id: string }) => i.id)).toContain(ids.serviceInvoice);
    // only the own task; the Vertrieb case it is about stays unnamed
    expect(account.tasks).toEqual([expect.objectContaining({ id: ids.supportTask, link: null })]);
  });

  it('leaves records of other departments out of the lists and the totals', async () => {
    const account = (await get(sales, `/persons/${person}/account`)).json();
    expect(account.invoices.open.map((i: { id: string }) => i.id)).not.toContain(ids.serviceInvoice);
    expect(account.invoices.openTotal).toEqual([
      { currency: 'CHF', amount: '10.00' },
      { currency: 'EUR', amount: '169.50' },
    ]);
    expect(account.invoices.overdueTotal).toEqual([{ currency: 'EUR', amount: '119.00' }]);
    expect(account.cases.open.map((c: { id: string }) => c.id)).toEqual([ids.openCase, ids.salesCase]);
  });

  it('answers 404 for a person of another department or tenant and for an unknown id', async () => {
    const { token } = await t.userWithToken({ role: 'sales', departmentNames: ['Vertrieb'] });
    const hidden = await get(token, `/persons/${serviceOnlyPerson}/account`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().code).toBe('not_found');
    expect(hidden.body).not.toContain('Service');

    const foreign = await created(other.adminToken, '/persons', personBody({ lastName: 'Fremd' }));
    const res = await get(t.adminToken, `/persons/${foreign}/account`);
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('Fremd');
    expect((await get(t.adminToken, `/persons/${crypto.randomUUID()}/account`)).statusCode).toBe(404);
    expect((await get(other.adminToken, `/organizations/${org}/account`)).statusCode).toBe(404);
  });

  it.each(['not-a-uuid', '123', "1' or '1'='1"])('refuses the id %j with 422', async (bad) => {
    for (const url of [
      `/persons/${encodeURIComponent(bad)}/account`,
      `/organizations/${encodeURIComponent(bad)}/account`,
    ]) {
      const res = await get(t.adminToken, url);
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('validation_failed');
    }
  });

  it('needs a login', async () => {
    expect((await get('', `/persons/${person}/account`)).statusCode).toBe(401);
    expect(
      (await t.call(null, { method: 'GET', url: `${API}/organizations/${org}/account` })).statusCode,
    ).toBe(401);
  });

  it("shows an organisation's account with its contact persons and their records", async () => {
    const res = await get(t.adminToken, `/organizations/${org}/account`);
    expect(res.statusCode).toBe(200);
    const account = res.json();
    expect(account.organization).toMatchObject({ id: org, name: 'Kunde AG', email: 'info@kunde.example' });
    expect(account.contactPersons.total).toBe(3);
    expect(account.contactPersons.items.map((p: { lastName: string }) => p.lastName)).toEqual([
      'Klage',
      'Kollege',
      'Service',
    ]);
    // contacts of all its persons, without contents
    expect(account.timeline.total).toBe(22);
    expect(account.timeline.items[0]).toMatchObject({
      subject: 'Rückfrage Kollege',
      body: null,
      person: { id: colleague, lastName: 'Kollege' },
    });
    expect(res.body).not.toContain('Vertraulich');
    // invoices of the organisation itself and of its persons
    const invoiceIds = account.invoices.open.map((i: { id: string }) => i.id);
    expect(invoiceIds).toEqual(
      expect.arrayContaining([ids.orgInvoice, ids.overdue, ids.hiddenPersonInvoice]),
    );
    expect(account.invoices.openCount).toBe(6);
    expect(account.deals.open).toHaveLength(1);
    expect(account.orders.total).toBe(12);
    expect(account.cases.open).toHaveLength(2);
    expect(account.tasks).toHaveLength(4);
    expect(account).not.toHaveProperty('privacy');

    const audit = await asSystem(t.db.kysely, (tx) =>
      tx
        .selectFrom('audit_log')
        .select(['fields', 'subject_type'])
        .where('subject_id', '=', org)
        .where('action', '=', 'read')
        .execute(),
    );
    expect(audit).toEqual([
      {
        subject_type: 'organization',
        fields: [
          'organization',
          'contactPersons',
          'timeline',
          'invoices',
          'deals',
          'orders',
          'cases',
          'tasks',
          'consents',
        ],
      },
    ]);
  });

  it("leaves out of an organisation's account the contact persons a user may not see, and their records", async () => {
    const account = (await get(sales, `/organizations/${org}/account`)).json();
    expect(account.contactPersons.total).toBe(2);
    expect(account.contactPersons.items.map((p: { id: string }) => p.id)).not.toContain(serviceOnlyPerson);
    const invoiceIds = account.invoices.open.map((i: { id: string }) => i.id);
    expect(invoiceIds).toContain(ids.orgInvoice);
    expect(invoiceIds).not.toContain(ids.hiddenPersonInvoice);
    expect(invoiceIds).not.toContain(ids.serviceInvoice);
  });

  it('shows marketing an organisation account without the protected sections', async () => {
    const { token } = await t.userWithToken({ role: 'marketing' });
    const account = (await get(token, `/organizations/${org}/account`)).json();
    expect(account.hiddenSections).toEqual(['timeline', 'invoices', 'deals', 'orders', 'cases']);
    expect(account).not.toHaveProperty('invoices');
    expect(account.contactPersons.items[0].email).toBe('klara@kunde.example');
  });

  it('counts a long history of contacts up to 100 only', async () => {
    const regular = await created(t.adminToken, '/persons', personBody({ lastName: 'Stammkunde' }));
    await asSystem(t.db.kysely, (tx) =>
      tx
        .insertInto('interactions')
        .values(
          Array.from({ length: 130 }, (_, i) => ({
            tenant_id: t.tenantId,
            person_id: regular,
            kind: 'call',
            occurred_at: new Date(Date.UTC(2025, 0, 1, 0, i)),
            subject: `Gespräch ${i}`,
          })),
        )
        .execute(),
    );
    const { timeline } = (await get(t.adminToken, `/persons/${regular}/account`)).json();
    expect(timeline).toMatchObject({ total: 100, totalCapped: true });
    expect(timeline.items).toHaveLength(20);
    expect(timeline.items[0].subject).toBe('Gespräch 129');
  });

  it('shows a new customer an empty account', async () => {
    const fresh = await created(t.adminToken, '/persons', personBody({ lastName: 'Neukunde' }));
    const account = (await get(t.adminToken, `/persons/${fresh}/account`)).json();
    expect(account).toMatchObject({
      timeline: { items: [], total: 0, totalCapped: false },
      invoices: { open: [], openCount: 0, overdueCount: 0, openTotal: [], overdueTotal: [], paidCount: 0 },
      deals: { open: [], closed: [] },
      orders: { items: [], total: 0 },
      cases: { open: [], closed: [] },
      tasks: [],
      consents: [],
    });
    expect(account.privacy.billingRetainedUntil).toBeNull();
  });
});
