import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, personBody, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { snapshotData } from '../../../test/support/snapshot.ts';
import { createExtraTenant, type ExtraTenant } from '../../../test/support/tenant.ts';
import { asSystem, inTenant } from '../../db/tenant.ts';
import { activeRules, ensureDeletionConcept } from './deletion-concept.rules.ts';

vi.setConfig({ hookTimeout: 240_000, testTimeout: 120_000 });
const API = '/api/v1';
const NOW = new Date('2026-03-02T09:00:00Z');

type DataType = {
  id: string;
  version: number;
  periodId: string;
  startType: string;
  target: string | null;
  statute: string | null;
  active: boolean;
  minimum: { minimumDe: string } | null;
  period: { years: number; roundToYearEnd: boolean };
};

describe.each(testDatabaseKinds())('deletion concept and legal holds on %s', (kind) => {
  let t: TestApp;
  let b: ExtraTenant;
  let dpo: string;
  let admin: string;
  let sales: string;
  let accounting: string;
  let readonly: string;
  let personId: string;
  let bPersonId: string;

  const call = (token: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, body?: object) =>
    t.call(token, { method, url: `${API}${url}`, ...(body ? { body } : {}) });
  const concept = async (query = '', token = dpo) => {
    const res = await call(token, 'GET', `/retention/concept${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { jurisdiction: string; dataTypes: DataType[]; classes: { id: string }[] };
  };
  const dataType = async (id: string) => {
    const found = (await concept(`?jurisdiction=${id.slice(0, 2).toUpperCase()}`)).dataTypes.find(
      (d) => d.id === id,
    );
    if (!found) throw new Error(`no data type ${id}`);
    return found;
  };
  /** A refused call changes nothing at all. */
  const refusedUnchanged = async (
    token: string,
    method: 'POST' | 'PATCH' | 'PUT',
    url: string,
    body: object | undefined,
    status: number,
    code: string,
  ) => {
    const before = await snapshotData(t.db);
    const res = await t.call(token, {
      method,
      url: `${API}${url}`,
      headers: { 'accept-language': 'de' },
      ...(body ? { body } : {}),
    });
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().code).toBe(code);
    expect(await snapshotData(t.db)).toEqual(before);
    return res.json();
  };

  beforeAll(async () => {
    t = await createTestApp(kind, { now: () => NOW });
    b = await createExtraTenant(t, { label: 'tenant-b' });
    dpo = (await t.userWithToken({ role: 'dpo' })).token;
    admin = t.adminToken;
    sales = (await t.userWithToken({ role: 'sales', departmentNames: ['Vertrieb'] })).token;
    accounting = (await t.userWithToken({ role: 'accounting', departmentNames: ['Buchhaltung'] })).token;
    readonly = (await t.userWithToken({ role: 'readonly' })).token;
    const person = await call(
      admin,
      'POST',
      '/persons',
      personBody({ departmentIds: [t.departmentId('Vertrieb')] }),
    );
    expect(person.statusCode, person.body).toBe(201);
    personId = person.json().id;
    const bPerson = await b.userWithToken({ role: 'admin' });
    const res = await t.call(bPerson.token, { method: 'POST', url: `${API}/persons`, body: personBody() });
    bPersonId = res.json().id;
  });
  afterAll(async () => t?.close());

  it('ships the German concept, seeded at set-up, sorted by period, with the statutory minimums', async () => {
    const c = await concept();
    expect(c.jurisdiction).toBe('DE');
    const ids = c.dataTypes.map((d) => d.id);
    expect(ids).toHaveLength(15);
    expect(ids.every((id) => id.startsWith('de_'))).toBe(true);
    expect(ids[0]).toBe('de_person_expiry');
    expect(ids.at(-1)).toBe('de_invoices');
    const invoices = c.dataTypes.find((d) => d.id === 'de_invoices');
    expect(invoices).toMatchObject({
      periodId: 'years_8_ye',
      startType: 'collection',
      target: 'invoices',
      statute: 'DE.voucher',
      period: { years: 8, roundToYearEnd: true },
      minimum: { minimumDe: '8 Jahre ab Jahresende' },
    });
    // the other tenant has its own, complete concept
    const bc = await t.call(b.adminToken, { method: 'GET', url: `${API}/retention/concept` });
    expect(bc.json().dataTypes).toHaveLength(15);
  });

  it('shows the Austrian rules on request and follows the tenant jurisdiction', async () => {
    const at = await concept('?jurisdiction=AT');
    expect(at.dataTypes.find((d) => d.id === 'at_invoices')).toMatchObject({
      periodId: 'years_7_ye',
      statute: 'AT.voucher',
    });
    expect((await call(admin, 'GET', '/retention/settings')).json()).toEqual({ jurisdiction: 'DE' });
    await refusedUnchanged(admin, 'PUT', '/retention/settings', { jurisdiction: 'AT' }, 403, 'forbidden');
    const put = await call(dpo, 'PUT', '/retention/settings', { jurisdiction: 'AT' });
    expect(put.json()).toEqual({ jurisdiction: 'AT' });
    expect((await concept()).jurisdiction).toBe('AT');
    await call(dpo, 'PUT', '/retention/settings', { jurisdiction: 'DE' });
    expect((await concept()).jurisdiction).toBe('DE');
  });

  it('lets only the DPO and the admin read it, and only the DPO change it', async () => {
    for (const token of [sales, accounting, readonly])
      expect((await call(token, 'GET', '/retention/concept')).statusCode).toBe(403);
    expect((await call(admin, 'GET', '/retention/concept')).statusCode).toBe(200);
    const inv = await dataType('de_invoices');
    await refusedUnchanged(
      admin,
      'PATCH',
      '/retention/data-types/de_invoices',
      { version: inv.version, nameDe: 'x' },
      403,
      'forbidden',
    );
  });

  it('refuses a rule shorter than the legal minimum, in German and English', async () => {
    const inv = await dataType('de_invoices');
    const de = await refusedUnchanged(
      dpo,
      'PATCH',
      '/retention/data-types/de_invoices',
      { version: inv.version, periodId: 'years_5' },
      422,
      'retention_below_legal_minimum',
    );
    expect(de.message).toContain('8 Jahre ab Jahresende');
    expect(de.message).toContain('§ 147');
    const en = await t.call(dpo, {
      method: 'PATCH',
      url: `${API}/retention/data-types/de_invoices`,
      headers: { 'accept-language': 'en' },
      body: { version: inv.version, periodId: 'years_6_ye' },
    });
    expect(en.statusCode).toBe(422);
    expect(en.json().message).toContain('8 years from the end of the year');
    // dropping the statute is a deliberate act that is then allowed
    await refusedUnchanged(
      dpo,
      'PATCH',
      '/retention/data-types/de_invoices',
      { version: inv.version, statute: 'AT.voucher' },
      422,
      'validation_failed',
    );
  });

  it('lengthens a rule, creating the class of an empty cell, with a version check', async () => {
    const inv = await dataType('de_invoices');
    const res = await call(dpo, 'PATCH', '/retention/data-types/de_invoices', {
      version: inv.version,
      periodId: 'years_10_ye',
      descriptionDe: 'Rechnungen, freiwillig 10 Jahre',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      periodId: 'years_10_ye',
      startType: 'collection',
      deletionClassId: 'years_10_ye_collection',
      version: inv.version + 1,
    });
    expect((await concept()).classes.map((c) => c.id)).toContain('years_10_ye_collection');
    await refusedUnchanged(
      dpo,
      'PATCH',
      '/retention/data-types/de_invoices',
      { version: inv.version, periodId: 'years_8_ye' },
      409,
      'version_conflict',
    );
    const back = await call(dpo, 'PATCH', '/retention/data-types/de_invoices', {
      version: inv.version + 1,
      periodId: 'years_8_ye',
    });
    expect(back.json()).toMatchObject({ periodId: 'years_8_ye', deletionClassId: 'years_8_ye_collection' });
    // the start type of a target is fixed by the target
    await refusedUnchanged(
      dpo,
      'PATCH',
      '/retention/data-types/de_invoices',
      { version: back.json().version, startType: 'end_of_relationship' },
      422,
      'validation_failed',
    );
  });

  it('refuses a second active rule for the same records (409) and allows it once the first is inactive', async () => {
    const body = {
      id: 'de_interactions_sales',
      jurisdiction: 'DE',
      nameDe: 'Vertriebskontakte',
      nameEn: 'Sales contacts',
      purposeId: 'sales',
      legalBasis: 'Art. 6 Abs. 1 lit. c DSGVO i. V. m. § 257 HGB',
      subjectGroup: 'Kunden',
      dataCategories: ['communication'],
      deletionClassId: 'years_6_ye_collection',
      startEvent: 'Kontakt',
      target: 'interactions',
      statute: 'DE.business_letter',
    };
    const refused = await refusedUnchanged(
      dpo,
      'POST',
      '/retention/data-types',
      body,
      409,
      'retention_rule_conflict',
    );
    expect(refused.message).toContain('Kontakthistorie');
    await refusedUnchanged(
      dpo,
      'POST',
      '/retention/data-types',
      { ...body, deletionClassId: 'year_1_end_of_process' },
      422,
      'validation_failed',
    );
    await refusedUnchanged(
      dpo,
      'POST',
      '/retention/data-types',
      { ...body, active: false, purposeId: 'nope' },
      422,
      'unknown_purpose',
    );
    const inactive = await call(dpo, 'POST', '/retention/data-types', { ...body, active: false });
    expect(inactive.statusCode, inactive.body).toBe(201);
    expect(inactive.json()).toMatchObject({ active: false, method: 'delete', builtIn: false });
    await refusedUnchanged(
      dpo,
      'PATCH',
      '/retention/data-types/de_interactions_sales',
      { version: 1, active: true },
      409,
      'retention_rule_conflict',
    );
    const old = await dataType('de_interactions');
    expect(
      (
        await call(dpo, 'PATCH', '/retention/data-types/de_interactions', {
          version: old.version,
          active: false,
        })
      ).statusCode,
    ).toBe(200);
    const on = await call(dpo, 'PATCH', '/retention/data-types/de_interactions_sales', {
      version: 1,
      active: true,
    });
    expect(on.statusCode, on.body).toBe(200);
    // the sweep now follows the new data type for interactions
    const rules = await inTenant(t.db.kysely, t.tenantId, (tx) => activeRules(tx, { jurisdiction: 'DE' }));
    expect(rules.find((r) => r.target === 'interactions')?.dataTypeId).toBe('de_interactions_sales');
    expect(rules.map((r) => r.target).sort()).toHaveLength(12);
    expect(rules.find((r) => r.target === 'invoices')).toEqual({
      dataTypeId: 'de_invoices',
      target: 'invoices',
      period: { years: 8, months: 0, days: 0, roundToYearEnd: true },
    });
    await refusedUnchanged(dpo, 'POST', '/retention/data-types', { ...body, active: false }, 409, 'conflict');
  });

  it('adds standard periods and classes; a taken cell or id is a conflict', async () => {
    const period = await call(dpo, 'POST', '/retention/periods', {
      id: 'years_4',
      labelDe: '4 Jahre',
      labelEn: '4 years',
      years: 4,
      months: 0,
      days: 0,
      roundToYearEnd: false,
    });
    expect(period.statusCode, period.body).toBe(201);
    const cls = await call(dpo, 'POST', '/retention/classes', {
      periodId: 'years_4',
      startType: 'end_of_relationship',
    });
    expect(cls.json()).toEqual({
      id: 'years_4_end_of_relationship',
      periodId: 'years_4',
      startType: 'end_of_relationship',
      builtIn: false,
    });
    await refusedUnchanged(
      dpo,
      'POST',
      '/retention/classes',
      { id: 'other', periodId: 'years_4', startType: 'end_of_relationship' },
      409,
      'conflict',
    );
    await refusedUnchanged(
      dpo,
      'POST',
      '/retention/classes',
      { periodId: 'years_99', startType: 'collection' },
      404,
      'not_found',
    );
    await refusedUnchanged(
      dpo,
      'POST',
      '/retention/periods',
      { id: 'years_4', labelDe: 'x', labelEn: 'x', years: 1, months: 0, days: 0, roundToYearEnd: false },
      409,
      'conflict',
    );
  });

  it('seeds idempotently and never overwrites the DPO’s changes', async () => {
    const before = await snapshotData(t.db);
    await asSystem(t.db.kysely, (tx) => ensureDeletionConcept(tx, { tenantId: t.tenantId }));
    expect(await snapshotData(t.db)).toEqual(before);
    // a missing preset (e.g. after an upgrade) comes back, the others stay as they are
    await asSystem(t.db.kysely, (tx) =>
      tx
        .deleteFrom('data_types')
        .where('tenant_id', '=', t.tenantId)
        .where('id', '=', 'at_backups')
        .execute(),
    );
    await asSystem(t.db.kysely, (tx) => ensureDeletionConcept(tx, { tenantId: t.tenantId }));
    const withoutTimes = (snapshot: Record<string, unknown[]>) => ({
      ...snapshot,
      data_types: (snapshot.data_types ?? []).map((row) => ({
        ...(row as object),
        created_at: null,
        updated_at: null,
      })),
    });
    expect(withoutTimes(await snapshotData(t.db))).toEqual(withoutTimes(before));
  });

  describe('legal holds', () => {
    it('places a hold on a visible person, lists it, releases it once', async () => {
      const placed = await call(dpo, 'POST', '/legal-holds', {
        objectType: 'person',
        objectId: personId,
        reason: 'dispute',
        reference: 'Az. 3 O 123/26',
      });
      expect(placed.statusCode, placed.body).toBe(201);
      const hold = placed.json();
      expect(hold).toMatchObject({
        objectType: 'person',
        objectId: personId,
        objectLabel: 'Anna Müller',
        reason: 'dispute',
        reference: 'Az. 3 O 123/26',
        until: null,
        active: true,
        releasedAt: null,
      });
      const active = await call(
        admin,
        'GET',
        `/legal-holds?objectType=person&objectId=${personId}&active=true`,
      );
      expect(active.json().items.map((h: { id: string }) => h.id)).toEqual([hold.id]);
      // sales may neither read nor place holds
      expect((await call(sales, 'GET', '/legal-holds')).statusCode).toBe(403);
      await refusedUnchanged(
        sales,
        'POST',
        '/legal-holds',
        { objectType: 'person', objectId: personId, reason: 'dispute' },
        403,
        'forbidden',
      );
      // accounting does not see a person of the sales department: as unknown as a made-up id
      await refusedUnchanged(
        accounting,
        'POST',
        '/legal-holds',
        { objectType: 'person', objectId: personId, reason: 'tax_audit' },
        404,
        'not_found',
      );
      expect((await call(accounting, 'GET', '/legal-holds')).json().items).toEqual([]);
      await refusedUnchanged(
        accounting,
        'POST',
        `/legal-holds/${hold.id}/release`,
        undefined,
        404,
        'not_found',
      );
      const released = await call(dpo, 'POST', `/legal-holds/${hold.id}/release`);
      expect(released.statusCode, released.body).toBe(200);
      expect(released.json()).toMatchObject({ active: false, releasedBy: { name: expect.any(String) } });
      await refusedUnchanged(
        dpo,
        'POST',
        `/legal-holds/${hold.id}/release`,
        undefined,
        409,
        'legal_hold_released',
      );
      const inactive = await call(dpo, 'GET', '/legal-holds?active=false');
      expect(inactive.json().items.map((h: { id: string }) => h.id)).toContain(hold.id);
      expect((await call(dpo, 'GET', '/legal-holds?active=true')).json().items).toEqual([]);
    });

    it('refuses records of another tenant, unknown records and past end days', async () => {
      await refusedUnchanged(
        dpo,
        'POST',
        '/legal-holds',
        { objectType: 'person', objectId: bPersonId, reason: 'dispute' },
        404,
        'not_found',
      );
      await refusedUnchanged(
        dpo,
        'POST',
        '/legal-holds',
        { objectType: 'invoice', objectId: crypto.randomUUID(), reason: 'tax_audit' },
        404,
        'not_found',
      );
      await refusedUnchanged(
        dpo,
        'POST',
        '/legal-holds',
        { objectType: 'person', objectId: personId, reason: 'dispute', until: '2026-03-01' },
        422,
        'invalid_date_range',
      );
      await refusedUnchanged(
        dpo,
        'POST',
        `/legal-holds/${crypto.randomUUID()}/release`,
        undefined,
        404,
        'not_found',
      );
      expect((await t.call(b.adminToken, { method: 'GET', url: `${API}/legal-holds` })).json().items).toEqual(
        [],
      );
    });

    it('holds an invoice (accounting, tax audit) and mirrors it in the invoice flag until released', async () => {
      const org = await call(admin, 'POST', '/organizations', { name: 'Muster Handel GmbH' });
      expect(org.statusCode, org.body).toBe(201);
      const invoice = await call(accounting, 'POST', '/invoices', {
        organizationId: org.json().id,
        issuedAt: '2026-02-10',
        dueAt: '2026-02-24',
        currency: 'EUR',
        lines: [{ product: 'Beratung', quantity: '1', unitPrice: '100', taxRate: '19' }],
      });
      expect(invoice.statusCode, invoice.body).toBe(201);
      const invoiceId = invoice.json().id;
      const flag = async () =>
        (
          await asSystem(t.db.kysely, (tx) =>
            tx
              .selectFrom('invoices')
              .select('legal_hold')
              .where('id', '=', invoiceId)
              .executeTakeFirstOrThrow(),
          )
        ).legal_hold;
      const first = await call(accounting, 'POST', '/legal-holds', {
        objectType: 'invoice',
        objectId: invoiceId,
        reason: 'tax_audit',
        until: '2026-12-31',
      });
      expect(first.statusCode, first.body).toBe(201);
      expect(first.json()).toMatchObject({
        objectLabel: invoice.json().number,
        until: '2026-12-31',
        active: true,
      });
      const second = await call(dpo, 'POST', '/legal-holds', {
        objectType: 'invoice',
        objectId: invoiceId,
        reason: 'dispute',
      });
      expect(await flag()).toBe(true);
      await call(accounting, 'POST', `/legal-holds/${first.json().id}/release`);
      expect(await flag()).toBe(true);
      await call(dpo, 'POST', `/legal-holds/${second.json().id}/release`);
      expect(await flag()).toBe(false);
    });
  });
});
