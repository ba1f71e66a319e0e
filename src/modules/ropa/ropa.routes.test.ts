import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, personBody, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { snapshotData } from '../../../test/support/snapshot.ts';
import { createExtraTenant, type ExtraTenant } from '../../../test/support/tenant.ts';
import { inTenant } from '../../db/tenant.ts';

// Fixtures hash passwords and migrate fresh databases: slow on a busy machine, so generous hook limits.
vi.setConfig({ hookTimeout: 240_000, testTimeout: 120_000 });
const API = '/api/v1';

type Activity = {
  id: string;
  part: string;
  purposeId: string | null;
  status: string;
  version: number;
  missing: string[];
  facts: { erasure: { dataTypeId: string }[]; subjectKinds: string[]; special: boolean } | null;
  live: { de: Record<string, string>; en: Record<string, string> };
  [key: string]: unknown;
};

const pdfText = async (raw: Buffer) => {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(raw)), { mergePages: true });
  return text.replace(/\s+/g, ' ');
};

describe.each(testDatabaseKinds())('record of processing activities (Art. 30) on %s', (kind) => {
  const clock = new Date('2026-03-02T09:00:00Z');
  let t: TestApp;
  let b: ExtraTenant;
  let dpo: string;
  let admin: string;
  let sales: string;
  let bDpo: string;
  let dpoName: string;

  const call = (token: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, body?: object) =>
    t.call(token, { method, url: `${API}${url}`, ...(body ? { body } : {}) });
  const ropa = async (token = dpo) => {
    const res = await call(token, 'GET', '/ropa');
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { settings: Record<string, unknown>; activities: Activity[] };
  };
  const activityOf = async (purposeId: string) => {
    const found = (await ropa()).activities.find((a) => a.purposeId === purposeId);
    if (!found) throw new Error(`no activity for ${purposeId}`);
    return found;
  };
  /** A data type of the deletion concept, written directly (robust whether or not the presets exist). */
  const seedDataType = (id: string, purposeId: string) =>
    inTenant(t.db.kysely, t.tenantId, async (tx) => {
      await tx
        .insertInto('retention_periods')
        .values({
          tenant_id: t.tenantId,
          id: 'ropa_test_6y',
          label_de: '6 Jahre ab Jahresende',
          label_en: '6 years from year end',
          years: 6,
          round_to_year_end: true,
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
      await tx
        .insertInto('deletion_classes')
        .values({
          tenant_id: t.tenantId,
          id: 'ropa_test_class',
          period_id: 'ropa_test_6y',
          start_type: 'end_of_process',
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
      await tx
        .insertInto('data_types')
        .values({
          tenant_id: t.tenantId,
          id,
          jurisdiction: 'DE',
          name_de: `Testdatenart ${id}`,
          name_en: `Test data type ${id}`,
          purpose_id: purposeId,
          legal_basis: 'Art. 6 Abs. 1 lit. c DSGVO i. V. m. § 257 HGB',
          subject_group: 'Geschäftspartner',
          data_categories: ['contract', 'communication'],
          deletion_class_id: 'ropa_test_class',
          start_event: 'Vorgang abgeschlossen',
          method: 'document_only',
        })
        .execute();
    });

  beforeAll(async () => {
    t = await createTestApp(kind, { now: () => clock });
    b = await createExtraTenant(t, { label: 'tenant-b' });
    bDpo = (await b.userWithToken({ role: 'dpo' })).token;
    const d = await t.userWithToken({ role: 'dpo' });
    dpo = d.token;
    dpoName = d.user.displayName;
    admin = (await t.userWithToken({ role: 'admin' })).token;
    sales = (await t.userWithToken({ role: 'sales' })).token;
    const person = await t.call(dpo, {
      method: 'POST',
      url: `${API}/persons`,
      body: personBody({
        purposes: ['sales'],
        accessibilityNeeds: 'Rollstuhlgerechter Zugang',
        specialCategoryBasis: 'explicit_consent',
      }),
    });
    expect(person.statusCode, person.body).toBe(201);
    await seedDataType('ropa_test_offers', 'sales');
  });
  afterAll(() => t?.close());

  it('prefills one draft activity per declared purpose from the live system', async () => {
    const view = await ropa();
    expect(view.settings).toMatchObject({
      controllerName: 'Muster GmbH',
      version: 0,
      controllerContact: null,
    });
    const purposes = view.activities.filter((a) => a.part === 'controller').map((a) => a.purposeId);
    expect(purposes).toEqual(
      expect.arrayContaining(['billing', 'customer_service', 'marketing', 'newsletter', 'sales']),
    );
    const sales = await activityOf('sales');
    expect(sales.status).toBe('draft');
    expect(sales.facts?.subjectKinds.length).toBeGreaterThan(0);
    expect(sales.facts?.special).toBe(true);
    expect(sales.facts?.erasure.map((e) => e.dataTypeId)).toContain('ropa_test_offers');
    expect(sales.live.de.name).toBe('Vertrieb');
    expect(sales.live.en.name).toBe('Sales');
    expect(sales.live.de.legalBases).toContain('Art. 6 Abs. 1 lit. b DSGVO');
    expect(sales.live.de.legalBases).toContain('§ 257 HGB');
    expect(sales.live.de.legalBases).toContain('Art. 9 Abs. 2 DSGVO');
    expect(sales.live.de.dataCategories).toContain('Gesundheitsdaten');
    expect(sales.live.en.erasure).toContain('Test data type ropa_test_offers: 6 years from year end');
    expect(sales.live.de.transfers).toContain('Keine Übermittlung an Drittländer');
    // a second read adds nothing: one activity per purpose
    expect((await ropa()).activities.length).toBe(view.activities.length);
  });

  it('lets admins read and only the DPO change; other roles are refused, changing nothing', async () => {
    expect((await call(admin, 'GET', '/ropa')).statusCode).toBe(200);
    expect((await call(sales, 'GET', '/ropa')).json().code).toBe('forbidden');
    const before = await snapshotData(t.db);
    const res = await call(admin, 'PUT', '/ropa/settings', { version: 0, controllerName: 'X' });
    expect(res.statusCode).toBe(403);
    const sale = await activityOf('sales');
    expect(
      (
        await call(admin, 'PATCH', `/ropa/activities/${sale.id}`, {
          version: sale.version,
          status: 'confirmed',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await call(admin, 'POST', '/ropa/activities', { part: 'controller', name: 'X' })).statusCode,
    ).toBe(403);
    expect(await snapshotData(t.db)).toEqual(before);
  });

  it('refuses to confirm without the controller details, then confirms with them', async () => {
    let sale = await activityOf('sales');
    expect(sale.missing).toEqual(['controllerContact']);
    const refused = await call(dpo, 'PATCH', `/ropa/activities/${sale.id}`, {
      version: sale.version,
      status: 'confirmed',
    });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json()).toMatchObject({
      code: 'ropa_incomplete',
      details: { fields: ['controllerContact'] },
    });

    const saved = await call(dpo, 'PUT', '/ropa/settings', {
      version: 0,
      controllerName: 'Muster GmbH',
      controllerAddress: 'Hauptstraße 1, 10115 Berlin',
      controllerContact: 'datenschutz@muster.example, +49 30 123456',
      dpoName: 'Dr. Erika Beispiel',
      dpoContact: 'dsb@muster.example',
      toms: 'Verschlüsselung, Rollenkonzept, Protokollierung',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().settings).toMatchObject({ version: 1, dpoName: 'Dr. Erika Beispiel' });
    const stale = await call(dpo, 'PUT', '/ropa/settings', { version: 0, controllerName: 'Y' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('version_conflict');

    sale = await activityOf('sales');
    expect(sale.missing).toEqual([]);
    expect(sale.live.de.toms).toBe('Verschlüsselung, Rollenkonzept, Protokollierung');
    const confirmed = await call(dpo, 'PATCH', `/ropa/activities/${sale.id}`, {
      version: sale.version,
      status: 'confirmed',
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({
      status: 'confirmed',
      confirmedBy: dpoName,
      confirmedAt: clock.toISOString(),
      version: sale.version + 1,
    });
  });

  it('shows a confirmed activity as changed when the live facts change, and a text edit makes it a draft', async () => {
    await seedDataType('ropa_test_contracts', 'sales');
    const sale = await activityOf('sales');
    expect(sale.status).toBe('changed');
    const edited = await call(dpo, 'PATCH', `/ropa/activities/${sale.id}`, {
      version: sale.version,
      recipients: 'Vertriebsinnendienst (intern)',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ status: 'draft', recipients: 'Vertriebsinnendienst (intern)' });
    const stale = await call(dpo, 'PATCH', `/ropa/activities/${sale.id}`, {
      version: sale.version,
      name: 'X',
    });
    expect(stale.statusCode).toBe(409);
    const again = await call(dpo, 'PATCH', `/ropa/activities/${sale.id}`, {
      version: sale.version + 1,
      status: 'confirmed',
    });
    expect(again.json().status).toBe('confirmed');
  });

  it('keeps processor activities (Art. 30(2)) by hand and needs the controller', async () => {
    const missing = await call(dpo, 'POST', '/ropa/activities', {
      part: 'processor',
      name: 'Lohnbuchhaltung',
    });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().code).toBe('ropa_incomplete');
    const created = await call(dpo, 'POST', '/ropa/activities', {
      part: 'processor',
      name: 'Kundenhotline für die Beispiel AG',
      controllerName: 'Beispiel AG',
      controllerContact: 'privacy@beispiel.example',
      processingCategories: '=HYPERLINK("http://evil.example")',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ part: 'processor', status: 'draft', missing: [] });
    const other = await call(bDpo, 'PATCH', `/ropa/activities/${created.json().id}`, {
      version: 1,
      name: 'X',
    });
    expect(other.statusCode).toBe(404);
    const retire = await call(dpo, 'PATCH', `/ropa/activities/${(await activityOf('billing')).id}`, {
      version: 1,
      active: false,
    });
    expect(retire.statusCode).toBe(409);
  });

  it('exports the record as a German and an English PDF with the Art. 30 headings and content', async () => {
    const de = await call(dpo, 'GET', '/ropa/export?format=pdf&lang=de');
    expect(de.statusCode, de.body).toBe(200);
    expect(de.headers['content-type']).toContain('application/pdf');
    const textDe = await pdfText(de.rawPayload);
    for (const s of [
      'Verzeichnis von Verarbeitungstätigkeiten',
      'Verzeichnis des Verantwortlichen (Art. 30 Abs. 1 DSGVO)',
      'Name und Kontaktdaten des Verantwortlichen (Art. 30 Abs. 1 lit. a DSGVO)',
      'Muster GmbH',
      'Dr. Erika Beispiel',
      'Vertrieb',
      'Zwecke der Verarbeitung (Art. 30 Abs. 1 lit. b DSGVO)',
      'Kategorien betroffener Personen (Art. 30 Abs. 1 lit. c DSGVO)',
      'Kategorien von Empfängern (Art. 30 Abs. 1 lit. d DSGVO)',
      'Art. 30 Abs. 1 lit. e DSGVO',
      'Vorgesehene Fristen für die Löschung (Art. 30 Abs. 1 lit. f DSGVO)',
      'Testdatenart ropa_test_offers: 6 Jahre ab Jahresende',
      'Art. 30 Abs. 1 lit. g',
      'Verzeichnis des Auftragsverarbeiters (Art. 30 Abs. 2 DSGVO)',
      'Kundenhotline für die Beispiel AG',
      'Beispiel AG',
      'Kategorien von Verarbeitungen (Art. 30 Abs. 2 lit. b DSGVO)',
      'Bestätigt',
    ])
      expect(textDe).toContain(s);

    const en = await call(dpo, 'GET', '/ropa/export?format=pdf&lang=en&part=controller');
    const textEn = await pdfText(en.rawPayload);
    for (const s of [
      'Record of processing activities',
      'Record of the controller (Art. 30(1) GDPR)',
      'Name and contact details of the controller (Art. 30(1)(a) GDPR)',
      'Sales',
      'Purposes of the processing (Art. 30(1)(b) GDPR)',
      'Categories of personal data (Art. 30(1)(c) GDPR)',
      'Envisaged time limits for erasure (Art. 30(1)(f) GDPR)',
      'Test data type ropa_test_offers: 6 years from year end',
      'Confirmed',
    ])
      expect(textEn).toContain(s);
    expect(textEn).not.toContain('Art. 30(2)');
    expect(textEn).not.toContain('Beispiel AG');

    const audit = await inTenant(t.db.kysely, t.tenantId, (tx) =>
      tx.selectFrom('audit_log').select(['action', 'note']).where('action', '=', 'export').execute(),
    );
    expect(audit.map((a) => a.note)).toContain('record of processing activities (pdf, de)');
  });

  it('exports CSV with defused formulas and JSON with the document structure', async () => {
    const csv = await call(dpo, 'GET', '/ropa/export?format=csv&lang=de');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.startsWith('\uFEFF')).toBe(true);
    const header = csv.body.slice(1).split('\r\n')[0] ?? '';
    expect(header).toContain('Teil');
    expect(header).toContain('Kategorien personenbezogener Daten (Art. 30 Abs. 1 lit. c DSGVO)');
    expect(csv.body).toContain(`'=HYPERLINK`);
    expect(csv.body).not.toMatch(/(^|,)"?=HYPERLINK/m);

    const csvEn = await call(dpo, 'GET', '/ropa/export?format=csv&lang=en&part=processor');
    expect(csvEn.body).toContain('Categories of processing (Art. 30(2)(b) GDPR)');
    expect(csvEn.body).not.toContain('Sales');

    const json = await call(dpo, 'GET', '/ropa/export?format=json&lang=en');
    expect(json.statusCode).toBe(200);
    const doc = json.json();
    expect(doc).toMatchObject({ language: 'en', title: 'Record of processing activities' });
    expect(doc.parts.map((p: { part: string }) => p.part)).toEqual(['controller', 'processor']);
    const sale = doc.parts[0].activities.find((a: { purposeId: string }) => a.purposeId === 'sales');
    expect(sale).toMatchObject({ title: 'Sales', status: 'confirmed' });
    expect(sale.fields.find((f: { key: string }) => f.key === 'recipients')).toMatchObject({
      value: 'Vertriebsinnendienst (intern)',
      source: 'manual',
    });
    expect((await call(sales, 'GET', '/ropa/export?format=json')).statusCode).toBe(403);
    expect((await call(dpo, 'GET', '/ropa/export?format=xml')).statusCode).toBe(422);
  });
});
