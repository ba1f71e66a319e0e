import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, personBody, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { snapshotData } from '../../../test/support/snapshot.ts';
import { createExtraTenant, type ExtraTenant } from '../../../test/support/tenant.ts';
import { asSystem, inTenant } from '../../db/tenant.ts';
import { compileSubjectData } from '../subject-data/subject-data.service.ts';
import { notifyRecipients } from './notifications.service.ts';
import { registerFindings } from './register.checks.ts';
import { registerForRopa } from './register.ropa.ts';

vi.setConfig({ hookTimeout: 240_000, testTimeout: 120_000 });
const API = '/api/v1';

/** A minimal valid PDF (the register checks the %PDF- signature only). */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe.each(testDatabaseKinds())('system and processor register on %s', (kind) => {
  const clock = new Date('2026-03-02T09:00:00Z');
  let t: TestApp;
  let b: ExtraTenant;
  let dpo: string;
  let sales: string;
  let bEntry: string;
  let personId: string;
  const ids = {} as Record<'newsletter' | 'erp' | 'excel' | 'tax' | 'archived' | 'swiss', string>;

  const call = (token: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, body?: object) =>
    t.call(token, { method, url: `${API}${url}`, ...(body ? { body } : {}) });
  const created = async (token: string, url: string, body: object) => {
    const res = await call(token, 'POST', url, body);
    if (res.statusCode !== 201) throw new Error(`fixture ${url}: ${res.statusCode} ${res.body}`);
    return res.json().id as string;
  };
  const findings = () =>
    inTenant(t.db.kysely, t.tenantId, (tx) =>
      registerFindings(tx, t.ctx, { tenantId: t.tenantId, now: clock }),
    );

  beforeAll(async () => {
    t = await createTestApp(kind, { now: () => clock });
    b = await createExtraTenant(t, { label: 'tenant-b' });
    dpo = (await t.userWithToken({ role: 'dpo' })).token;
    sales = (await t.userWithToken({ role: 'sales' })).token;
    personId = await created(t.adminToken, '/persons', personBody());
    bEntry = await created(b.adminToken, '/recipients', { name: 'Fremder Dienst', kind: 'processor' });
  });
  afterAll(() => t?.close());

  it('a clean register has no findings', async () => {
    expect(await findings()).toEqual([
      { check: 'processor_without_avv', count: 0, refs: [] },
      { check: 'transfer_without_mechanism', count: 0, refs: [] },
    ]);
  });

  it('registers a US SaaS processor without AVV and mechanism: both warnings, both findings', async () => {
    const res = await call(dpo, 'POST', '/recipients', {
      name: 'Mailversand Inc.',
      kind: 'processor',
      country: 'us',
      location: 'saas',
      purposes: ['newsletter', 'marketing', 'newsletter'],
      dataCategories: ['identity', 'contact', 'contact'],
      subjectGroups: ['Newsletter-Abonnenten'],
      toms: 'ISO 27001, Verschlüsselung',
      subProcessors: 'AWS (US)',
    });
    expect(res.statusCode, res.body).toBe(201);
    ids.newsletter = res.json().id;
    expect(res.json()).toMatchObject({
      country: 'US',
      location: 'saas',
      purposes: ['newsletter', 'marketing'],
      dataCategories: ['identity', 'contact'],
      subjectGroups: ['Newsletter-Abonnenten'],
      transferMechanism: null,
      avvSignedOn: null,
      avvDocument: null,
      assessment: {
        thirdCountry: true,
        effectiveMechanism: null,
        warnings: ['avv_missing', 'transfer_without_mechanism'],
      },
    });
    const register = await call(dpo, 'GET', '/register/systems');
    expect(register.statusCode, register.body).toBe(200);
    expect(register.json().counts).toEqual({ processorWithoutAvv: 1, transferWithoutMechanism: 1 });
    expect(register.json().adequacyDecisions).toEqual(
      expect.arrayContaining([expect.objectContaining({ country: 'CH', name: 'Switzerland' })]),
    );
    expect(await findings()).toEqual([
      { check: 'processor_without_avv', count: 1, refs: [{ type: 'recipient', id: ids.newsletter }] },
      { check: 'transfer_without_mechanism', count: 1, refs: [{ type: 'recipient', id: ids.newsletter }] },
    ]);
  });

  it('refuses a mechanism that does not fit the country, an undeclared purpose, a bad category', async () => {
    const before = await snapshotData(t.db);
    const cases: [object, number, string][] = [
      [
        { name: 'X1', kind: 'processor', country: 'GB', transferMechanism: 'dpf' },
        422,
        'transfer_mechanism_invalid',
      ],
      [
        { name: 'X2', kind: 'processor', country: 'DE', transferMechanism: 'scc' },
        422,
        'transfer_mechanism_invalid',
      ],
      [{ name: 'X3', kind: 'processor', transferMechanism: 'scc' }, 422, 'transfer_mechanism_invalid'],
      [
        { name: 'X4', kind: 'processor', country: 'US', transferMechanism: 'adequacy' },
        422,
        'transfer_mechanism_invalid',
      ],
      [{ name: 'X5', kind: 'processor', purposes: ['no_such_purpose'] }, 422, 'unknown_purpose'],
      [{ name: 'X6', kind: 'processor', dataCategories: ['secrets'] }, 422, 'validation_failed'],
      [{ name: 'X7', kind: 'processor', location: 'cloud' }, 422, 'validation_failed'],
      [{ name: 'X8', kind: 'processor', avvSignedOn: '2026-13-01' }, 422, 'validation_failed'],
    ];
    for (const [body, status, code] of cases) {
      const res = await call(dpo, 'POST', '/recipients', body);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().code).toBe(code);
    }
    const wrongCountry = await call(dpo, 'PATCH', `/recipients/${ids.newsletter}`, {
      transferMechanism: 'dpf',
      country: 'IN',
    });
    expect(wrongCountry.statusCode).toBe(422);
    expect(wrongCountry.json().code).toBe('transfer_mechanism_invalid');
    expect(wrongCountry.json().message).toContain('"IN"');
    expect(await snapshotData(t.db)).toEqual(before);
  });

  it('the DPF, the AVV date and the document clear the warnings; the details follow the mechanism', async () => {
    const dpf = await call(dpo, 'PATCH', `/recipients/${ids.newsletter}`, {
      transferMechanism: 'dpf',
      dpfCheckedOn: '2026-03-01',
      sccModule: 'c2p',
      avvSignedOn: '2026-02-15',
    });
    expect(dpf.statusCode, dpf.body).toBe(200);
    expect(dpf.json()).toMatchObject({
      transferMechanism: 'dpf',
      dpfCheckedOn: '2026-03-01',
      sccModule: null,
      avvSignedOn: '2026-02-15',
      assessment: { effectiveMechanism: 'dpf', warnings: ['avv_document_missing'] },
    });
    // a US entry with the DPF cannot move to Germany without dropping the mechanism
    const moved = await call(dpo, 'PATCH', `/recipients/${ids.newsletter}`, { country: 'DE' });
    expect(moved.statusCode).toBe(422);

    const notPdf = await call(dpo, 'PUT', `/register/systems/${ids.newsletter}/avv`, {
      fileName: 'avv.pdf',
      contentBase64: Buffer.from('hello, not a pdf').toString('base64'),
    });
    expect(notPdf.statusCode).toBe(422);
    expect(notPdf.json().code).toBe('avv_document_invalid');
    const badName = await call(dpo, 'PUT', `/register/systems/${ids.newsletter}/avv`, {
      fileName: '../etc/avv.pdf',
      contentBase64: PDF.toString('base64'),
    });
    expect(badName.statusCode).toBe(422);
    const missing = await call(dpo, 'GET', `/register/systems/${ids.newsletter}/avv`);
    expect(missing.statusCode).toBe(404);

    const up = await call(dpo, 'PUT', `/register/systems/${ids.newsletter}/avv`, {
      fileName: 'AVV Mailversand – 2026.pdf',
      contentBase64: PDF.toString('base64'),
    });
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json().avvDocument).toEqual({
      fileName: 'AVV Mailversand – 2026.pdf',
      size: PDF.length,
      uploadedAt: clock.toISOString(),
    });
    expect(up.json().assessment.warnings).toEqual([]);
    const down = await call(t.adminToken, 'GET', `/register/systems/${ids.newsletter}/avv`);
    expect(down.statusCode).toBe(200);
    expect(down.headers['content-type']).toBe('application/pdf');
    expect(down.headers['content-disposition']).toContain(
      "filename*=UTF-8''AVV%20Mailversand%20%E2%80%93%202026.pdf",
    );
    expect(Buffer.from(down.rawPayload).equals(PDF)).toBe(true);

    const scc = await call(dpo, 'PATCH', `/recipients/${ids.newsletter}`, {
      transferMechanism: 'scc',
      sccModule: 'c2p',
      tiaDate: '2026-02-20',
    });
    expect(scc.json()).toMatchObject({
      transferMechanism: 'scc',
      sccModule: 'c2p',
      tiaDate: '2026-02-20',
      dpfCheckedOn: null,
    });
    expect(scc.json().assessment.warnings).toEqual([]);
    expect(await findings()).toEqual([
      { check: 'processor_without_avv', count: 0, refs: [] },
      { check: 'transfer_without_mechanism', count: 0, refs: [] },
    ]);
    const audit = await asSystem(t.db.kysely, (tx) =>
      tx.selectFrom('audit_log').select(['note']).where('tenant_id', '=', t.tenantId).execute(),
    );
    expect(audit.map((a) => a.note).join('\n')).toContain(
      `recipient ${ids.newsletter}: AVV document uploaded`,
    );
  });

  it('who may read and keep the register', async () => {
    const before = await snapshotData(t.db);
    expect((await call(sales, 'GET', '/register/systems')).statusCode).toBe(403);
    expect((await call(sales, 'GET', `/register/systems/${ids.newsletter}/avv`)).statusCode).toBe(403);
    const upload = { fileName: 'x.pdf', contentBase64: PDF.toString('base64') };
    expect((await call(sales, 'PUT', `/register/systems/${ids.newsletter}/avv`, upload)).statusCode).toBe(
      403,
    );
    expect((await call(sales, 'PATCH', `/recipients/${ids.newsletter}`, { toms: 'x' })).statusCode).toBe(403);
    // another tenant's entry does not exist here
    expect((await call(dpo, 'PUT', `/register/systems/${bEntry}/avv`, upload)).statusCode).toBe(404);
    expect((await call(dpo, 'GET', `/register/systems/${bEntry}/avv`)).statusCode).toBe(404);
    const list = await call(t.adminToken, 'GET', '/register/systems');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((i: { id: string }) => i.id)).not.toContain(bEntry);
    // the deny audit entries are the only change
    const after = await snapshotData(t.db);
    expect(Object.keys(after).filter((k) => JSON.stringify(after[k]) !== JSON.stringify(before[k]))).toEqual(
      expect.not.arrayContaining(['recipients']),
    );
  });

  it('feeds the record of processing activities with the active entries', async () => {
    ids.erp = await created(dpo, '/recipients', {
      name: 'Warenwirtschaft',
      kind: 'internal_system',
      location: 'database',
      country: 'DE',
      purposes: ['sales'],
      dataCategories: ['contract'],
    });
    ids.excel = await created(dpo, '/recipients', {
      name: 'Messekontakte.xlsx',
      kind: 'internal_system',
      location: 'spreadsheet',
      purposes: ['sales'],
    });
    ids.tax = await created(dpo, '/recipients', {
      name: 'Steuerkanzlei Berg',
      kind: 'controller',
      country: 'DE',
      location: 'other',
      purposes: ['billing', 'sales'],
      dataCategories: ['billing', 'identity'],
    });
    ids.swiss = await created(dpo, '/recipients', {
      name: 'Support AG',
      kind: 'processor',
      country: 'CH',
      location: 'saas',
      purposes: ['customer_service'],
      dataCategories: ['service'],
      avvSignedOn: '2025-12-01',
    });
    ids.archived = await created(dpo, '/recipients', {
      name: 'Altes CRM',
      kind: 'processor',
      country: 'IN',
      purposes: ['sales'],
    });
    await call(dpo, 'PATCH', `/recipients/${ids.archived}`, { archived: true });
    const ropa = await inTenant(t.db.kysely, t.tenantId, (tx) => registerForRopa(tx));
    expect(ropa.map((e) => e.name)).toEqual([
      'Mailversand Inc.',
      'Messekontakte.xlsx',
      'Steuerkanzlei Berg',
      'Support AG',
      'Warenwirtschaft',
    ]);
    expect(ropa.find((e) => e.id === ids.swiss)).toMatchObject({
      thirdCountry: true,
      transferMechanism: 'adequacy',
      adequacyDecision: 'Entscheidung 2000/518/EG',
      avvSignedAt: '2025-12-01',
      purposes: ['customer_service'],
    });
    expect(ropa.find((e) => e.id === ids.newsletter)).toMatchObject({
      transferMechanism: 'scc',
      sccModule: 'c2p',
      toms: 'ISO 27001, Verschlüsselung',
      subjectGroups: ['Newsletter-Abonnenten'],
    });
    // the archived Indian processor would be a violation, but it is no longer in use
    expect((await findings()).every((f) => f.count === 0)).toBe(true);
  });

  it("Art. 15: the access export names the register's recipients for the person's purposes", async () => {
    const compiled = await inTenant(t.db.kysely, t.tenantId, (tx) =>
      compileSubjectData(tx, t.ctx, { tenantId: t.tenantId, personId, scope: 'access', locale: 'de' }),
    );
    // the person has sales and customer_service: the tax firm and the Swiss processor, not the
    // newsletter processor, the internal systems or the archived entry
    expect(compiled.facts.registerRecipients).toEqual([
      {
        name: 'Steuerkanzlei Berg',
        kind: 'controller',
        country: 'DE',
        thirdCountry: false,
        transferMechanism: null,
        adequacyDecision: null,
        categories: ['billing', 'identity'],
        purposes: ['sales'],
      },
      {
        name: 'Support AG',
        kind: 'processor',
        country: 'CH',
        thirdCountry: true,
        transferMechanism: 'adequacy',
        adequacyDecision: 'Entscheidung 2000/518/EG',
        categories: ['service'],
        purposes: ['customer_service'],
      },
    ]);
  });

  it('Art. 19: an erasure notifies the register entries holding data for the purposes, once', async () => {
    // a disclosure to the tax firm adds its categories to the register's
    const disclosed = await call(dpo, 'POST', `/persons/${personId}/disclosures`, {
      recipientId: ids.tax,
      categories: ['address'],
    });
    expect(disclosed.statusCode, disclosed.body).toBe(201);
    const requestId = await inTenant(t.db.kysely, t.tenantId, async (tx) => {
      const id = randomUUID();
      await tx
        .insertInto('dsr_requests')
        .values({
          id,
          tenant_id: t.tenantId,
          number: 'DSR-2026-0901',
          type: 'erasure',
          channel: 'letter',
          person_id: personId,
          received_at: clock,
          due_at: '2026-04-02',
          updated_at: clock,
        })
        .execute();
      return id;
    });
    const notify = () =>
      inTenant(t.db.kysely, t.tenantId, (tx) =>
        notifyRecipients(tx, t.ctx, { tenantId: t.tenantId, personId, requestId, action: 'erasure' }),
      );
    expect(await notify()).toBe(2);
    expect(await notify()).toBe(2);
    const list = await call(dpo, 'GET', `/requests/${requestId}/notifications`);
    expect(list.statusCode, list.body).toBe(200);
    expect(
      list
        .json()
        .items.map((n: { recipient: { name: string }; categories: string[] }) => [
          n.recipient.name,
          n.categories,
        ]),
    ).toEqual([
      ['Steuerkanzlei Berg', ['address', 'billing', 'identity']],
      ['Support AG', ['service']],
    ]);
  });
});
