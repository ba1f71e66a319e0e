import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, personBody, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { inTenant } from '../../db/tenant.ts';

const NOW = new Date('2026-12-03T10:00:00Z');
const OLD = new Date('2020-01-01T00:00:00Z');

/**
 * Ten persons with known defects: 3 without phone, 2 invalid e-mails (stored by an old import, the API
 * would refuse them), 1 disposable e-mail, 1 postal code of another city, 1 implausible birth date;
 * 3 collected long ago of whom 1 was verified and 1 contacted recently, so 1 is stale; one open and one
 * dismissed duplicate suggestion; one person scoped to the Kundenservice department.
 */
describe.each(testDatabaseKinds())('data quality API on %s', (kind) => {
  let t: TestApp;
  const ids: string[] = [];
  let salesVertrieb: string;
  let marketing: string;
  let accounting: string;

  const update = (id: string, set: Record<string, unknown>) =>
    inTenant(t.db.kysely, t.tenantId, (tx) =>
      tx.updateTable('persons').set(set).where('id', '=', id).execute(),
    );

  beforeAll(async () => {
    t = await createTestApp(kind, { now: () => NOW });
    salesVertrieb = (await t.userWithToken({ role: 'sales', departmentNames: ['Vertrieb'] })).token;
    marketing = (await t.userWithToken({ role: 'marketing' })).token;
    accounting = (await t.userWithToken({ role: 'accounting' })).token;
    const names = ['Adler', 'Bauer', 'Conrad', 'Dietz', 'Engel', 'Fuchs', 'Graf', 'Hahn', 'Iske', 'Jung'];
    for (const [i, lastName] of names.entries()) {
      const res = await t.call(t.adminToken, {
        method: 'POST',
        url: '/api/v1/persons',
        body: personBody({
          firstName: 'Eva',
          lastName,
          email: `eva.${lastName.toLowerCase()}@example.de`,
          phone: i < 3 ? undefined : '+49 30 1234567',
          birthDate: '1980-01-01',
          address: { street: 'Invalidenstraße 1', postalCode: '10115', city: 'Berlin', country: 'DE' },
          ...(i === 9 ? { departmentIds: [t.departmentId('Kundenservice')] } : {}),
        }),
      });
      expect(res.statusCode, res.body).toBe(201);
      ids.push(res.json().id);
    }
    await update(ids[3]!, { email: 'eva..dietz@example.de' });
    await update(ids[4]!, { email: 'eva-engel-at-example.de' });
    await update(ids[5]!, { email: 'eva@mailinator.com' });
    await update(ids[6]!, { city: 'Hamburg' });
    await update(ids[7]!, { birth_date: '1850-01-01', collected_at: OLD });
    await update(ids[8]!, { collected_at: OLD });
    await update(ids[2]!, { collected_at: OLD });
    await inTenant(t.db.kysely, t.tenantId, async (tx) => {
      await tx
        .insertInto('interactions')
        .values({
          tenant_id: t.tenantId,
          person_id: ids[2]!,
          kind: 'call',
          occurred_at: new Date('2026-06-01T00:00:00Z'),
          subject: 'Gespräch',
        })
        .execute();
      const [a, b] = [ids[0]!, ids[1]!].sort();
      const [c, d] = [ids[3]!, ids[4]!].sort();
      await tx
        .insertInto('duplicate_suggestions')
        .values([
          { tenant_id: t.tenantId, person_a: a!, person_b: b!, score: 9.5, explanation: '[]' },
          {
            tenant_id: t.tenantId,
            person_a: c!,
            person_b: d!,
            score: 8,
            explanation: '[]',
            status: 'dismissed',
            decided_at: NOW,
          },
        ])
        .execute();
    });
    const verified = await t.call(t.adminToken, {
      method: 'POST',
      url: `/api/v1/persons/${ids[8]}/verified`,
    });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json()).toEqual({ id: ids[8], verifiedAt: NOW.toISOString() });
  });
  afterAll(async () => t?.close());

  const get = (url: string, token = t.adminToken) => t.call(token, { method: 'GET', url: `/api/v1${url}` });

  it('counts completeness, validity, duplicates and staleness per category', async () => {
    const res = await get('/data-quality');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.persons).toBe(10);
    const contact = body.categories.find((c: { category: string }) => c.category === 'contact');
    expect(contact).toMatchObject({
      complete: 7,
      completePercent: 70,
      invalid: 2,
      invalidPercent: 20,
      warnings: 1,
      fields: [
        { field: 'email', filled: 10, filledPercent: 100 },
        { field: 'phone', filled: 7, filledPercent: 70 },
      ],
    });
    expect(contact.problems).toEqual(
      expect.arrayContaining([
        { problem: 'email_invalid', count: 2 },
        { problem: 'email_disposable', count: 1 },
      ]),
    );
    const address = body.categories.find((c: { category: string }) => c.category === 'address');
    expect(address).toMatchObject({
      complete: 10,
      invalid: 1,
      problems: [{ problem: 'postal_code_city_mismatch', count: 1 }],
    });
    const identity = body.categories.find((c: { category: string }) => c.category === 'identity');
    expect(identity).toMatchObject({
      complete: 10,
      invalid: 1,
      problems: [{ problem: 'birth_date_implausible', count: 1 }],
    });
    expect(body.duplicates).toEqual({ open: 1, persons: 2, personsPercent: 20 });
    expect(body.staleness).toEqual({
      months: 24,
      cutoff: '2024-12-03T10:00:00.000Z',
      stale: 1,
      stalePercent: 10,
    });
  });

  it('lists the persons to work through, paged, with what is wrong but not the value', async () => {
    const page1 = await get('/data-quality/lists/incomplete?category=contact&pageSize=2');
    expect(page1.statusCode, page1.body).toBe(200);
    expect(page1.json()).toMatchObject({ check: 'incomplete', total: 3, page: 1, pageSize: 2 });
    expect(page1.json().items.map((i: { person: { lastName: string } }) => i.person.lastName)).toEqual([
      'Adler',
      'Bauer',
    ]);
    expect(page1.json().items[0].findings).toEqual([{ field: 'phone', problem: 'missing' }]);
    const page2 = await get('/data-quality/lists/incomplete?category=contact&pageSize=2&page=2');
    expect(page2.json().items.map((i: { person: { lastName: string } }) => i.person.lastName)).toEqual([
      'Conrad',
    ]);

    const invalid = await get('/data-quality/lists/invalid?category=contact');
    expect(invalid.json().total).toBe(3);
    expect(invalid.json().items.map((i: { findings: unknown }) => i.findings)).toEqual([
      [{ field: 'email', problem: 'email_invalid' }],
      [{ field: 'email', problem: 'email_invalid' }],
      [{ field: 'email', problem: 'email_disposable' }],
    ]);
    expect(invalid.body).not.toContain('mailinator');

    const stale = await get('/data-quality/lists/stale');
    expect(stale.json()).toMatchObject({ total: 1, items: [{ person: { id: ids[7], lastName: 'Hahn' } }] });
    expect(stale.json().items[0].lastConfirmedAt).toBe(OLD.toISOString());

    const dup = await get('/data-quality/lists/duplicates');
    expect(dup.json()).toMatchObject({ total: 1, items: [{ duplicateOf: { score: 9.5 } }] });
    expect([dup.json().items[0].person.id, dup.json().items[0].duplicateOf.id].sort()).toEqual(
      [ids[0], ids[1]].sort(),
    );
  });

  it('marking a person verified takes it off the stale list', async () => {
    expect(
      (await t.call(t.adminToken, { method: 'POST', url: `/api/v1/persons/${ids[7]}/verified` })).statusCode,
    ).toBe(200);
    expect((await get('/data-quality')).json().staleness.stale).toBe(0);
    const audit = await inTenant(t.db.kysely, t.tenantId, (tx) =>
      tx
        .selectFrom('audit_log')
        .select(['action', 'fields'])
        .where('subject_id', '=', ids[7]!)
        .where('note', '=', 'data quality: verified')
        .execute(),
    );
    expect(audit).toEqual([{ action: 'update', fields: ['verifiedAt'] }]);
    await update(ids[7]!, { verified_at: null });
  });

  it('respects departments, read rights and the staleness setting', async () => {
    const sales = await get('/data-quality', salesVertrieb);
    expect(sales.statusCode, sales.body).toBe(200);
    expect(sales.json().persons).toBe(9);
    const salesList = await get('/data-quality/lists/invalid', salesVertrieb);
    expect(salesList.json().items.every((i: { person: { id: string } }) => i.person.id !== ids[9])).toBe(
      true,
    );
    expect(
      (await t.call(salesVertrieb, { method: 'POST', url: `/api/v1/persons/${ids[9]}/verified` })).statusCode,
    ).toBe(404);
    expect((await get('/data-quality', accounting)).statusCode).toBe(403);
    expect(
      (await t.call(marketing, { method: 'POST', url: `/api/v1/persons/${ids[0]}/verified` })).statusCode,
    ).toBe(403);
    expect((await get('/data-quality/lists/bogus')).statusCode).toBe(422);

    expect(
      (
        await t.call(salesVertrieb, {
          method: 'PUT',
          url: '/api/v1/data-quality/settings',
          body: { staleMonths: 6 },
        })
      ).statusCode,
    ).toBe(403);
    const put = await t.call(t.adminToken, {
      method: 'PUT',
      url: '/api/v1/data-quality/settings',
      body: { staleMonths: 6 },
    });
    expect(put.json()).toEqual({ staleMonths: 6 });
    expect((await get('/data-quality/settings')).json()).toEqual({ staleMonths: 6 });
    // the call of 1 June 2026 is now too long ago as well; the person verified today stays fresh
    const body = (await get('/data-quality')).json();
    expect(body.staleness).toMatchObject({ months: 6, stale: 2, cutoff: '2026-06-03T10:00:00.000Z' });
  });
});
