import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, personBody, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { snapshotData } from '../../../test/support/snapshot.ts';
import { createExtraTenant, type ExtraTenant } from '../../../test/support/tenant.ts';
import { inTenant } from '../../db/tenant.ts';
import { dpiaFindings } from './dpia.checks.ts';
import { dpiaStatusByPurpose } from './dpia.status.ts';

vi.setConfig({ hookTimeout: 240_000, testTimeout: 120_000 });
const API = '/api/v1';
const DAY = 86_400_000;

const ANSWERS = {
  processing: 'Erfassung von Barrierefreiheitsbedarfen für Serviceeinsätze',
  data_subjects: 'Kunden; Kontaktdaten und Angaben zur Gesundheit',
  systems_recipients: 'Custos CRM, keine Empfänger außerhalb des Kundenservice',
  necessity: 'Nur so kann der Service vor Ort barrierefrei erbracht werden',
  minimisation: 'Nur der Bedarf, kein Befund; Löschung mit Ende der Kundenbeziehung',
  subject_rights: 'Information bei Erhebung, ausdrückliche Einwilligung, Widerruf jederzeit',
};
const RISK = { title: 'Unbefugte Kenntnis von Gesundheitsdaten', likelihood: 3, severity: 4 };

describe.each(testDatabaseKinds())('DPIA (Art. 35) on %s', (kind) => {
  let clock = new Date('2026-03-02T09:00:00Z');
  let t: TestApp;
  let b: ExtraTenant;
  let dpo: string;
  let admin: string;
  let sales: string;
  let bDpo: string;

  const call = (token: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, body?: object) =>
    t.call(token, { method, url: `${API}${url}`, ...(body ? { body } : {}) });
  const screeningOf = async (purposeId: string, token = dpo) => {
    const res = await call(token, 'GET', '/dpias/screening');
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items.find((i: { purposeId: string }) => i.purposeId === purposeId);
  };
  const refusedUnchanged = async (
    token: string,
    method: 'POST' | 'PATCH' | 'PUT',
    url: string,
    body: object | undefined,
    status: number,
    code: string,
  ) => {
    const before = await snapshotData(t.db);
    const res = await call(token, method, url, body);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().code).toBe(code);
    expect(await snapshotData(t.db)).toEqual(before);
    return res.json();
  };
  const findings = () =>
    inTenant(t.db.kysely, t.tenantId, (tx) => dpiaFindings(tx, t.ctx, { tenantId: t.tenantId, now: clock }));

  beforeAll(async () => {
    t = await createTestApp(kind, { now: () => clock });
    b = await createExtraTenant(t, { label: 'tenant-b' });
    bDpo = (await b.userWithToken({ role: 'dpo' })).token;
    dpo = (await t.userWithToken({ role: 'dpo' })).token;
    admin = t.adminToken;
    sales = (await t.userWithToken({ role: 'sales' })).token;
  });
  afterAll(() => t?.close());

  it('on a clean install requires no DPIA and finds nothing', async () => {
    const items = (await call(dpo, 'GET', '/dpias/screening')).json().items;
    expect(items.map((i: { purposeId: string }) => i.purposeId).sort()).toEqual([
      'billing',
      'customer_service',
      'marketing',
      'newsletter',
      'sales',
    ]);
    for (const i of items)
      expect(i).toMatchObject({ required: false, status: 'none', auto: [], triggers: [] });
    expect(await findings()).toEqual([{ check: 'dpia_missing', count: 0, refs: [] }]);
    expect((await call(admin, 'GET', '/dpias')).json()).toEqual({ items: [] });
  });

  it('finds health data of a purpose and behaviour segments automatically', async () => {
    const support = (await t.userWithToken({ role: 'support' })).token;
    const person = await call(support, 'POST', '/persons', {
      ...personBody({ purposes: ['customer_service'], legalBasis: 'consent' }),
      accessibilityNeeds: 'Rollstuhl',
      specialCategoryBasis: 'explicit_consent',
    });
    expect(person.statusCode, person.body).toBe(201);
    const marketing = (await t.userWithToken({ role: 'marketing' })).token;
    const segment = await call(marketing, 'POST', '/segments', {
      name: 'Aktive Käufer',
      definition: { match: 'all', conditions: [{ field: 'order', op: 'within', days: 90 }] },
      purposeId: 'marketing',
      channel: 'email',
    });
    expect(segment.statusCode, segment.body).toBe(201);

    expect(await screeningOf('customer_service')).toMatchObject({
      auto: [{ key: 'auto_special_categories', count: 1 }],
      triggers: ['auto_special_categories'],
      wp248: ['wp248_sensitive'],
      required: true,
      reasons: ['special_categories'],
      status: 'none',
    });
    // one WP248 criterion alone does not require a DPIA
    expect(await screeningOf('marketing')).toMatchObject({
      auto: [{ key: 'auto_behaviour_segments', count: 1 }],
      required: false,
    });
    expect(await findings()).toEqual([
      {
        check: 'dpia_missing',
        count: 1,
        refs: [{ type: 'purpose', id: 'customer_service' }],
        detail: { none: 1 },
      },
    ]);
    const statuses = await inTenant(t.db.kysely, t.tenantId, (tx) => dpiaStatusByPurpose(tx, { now: clock }));
    expect(statuses.find((s) => s.purposeId === 'customer_service')).toEqual({
      purposeId: 'customer_service',
      required: true,
      triggers: ['auto_special_categories'],
      status: 'none',
      dpiaId: null,
      signedOffAt: null,
      reviewAt: null,
    });
  });

  it('stores the screening answers with a version; two WP248 answers with the segments require a DPIA', async () => {
    await refusedUnchanged(admin, 'PUT', '/dpias/screening/marketing', { criteria: [] }, 403, 'forbidden');
    await refusedUnchanged(dpo, 'PUT', '/dpias/screening/nope', { criteria: [] }, 422, 'unknown_purpose');
    await refusedUnchanged(
      dpo,
      'PUT',
      '/dpias/screening/marketing',
      { criteria: ['made_up'] },
      422,
      'validation_failed',
    );
    const first = await call(dpo, 'PUT', '/dpias/screening/marketing', {
      criteria: ['wp248_large_scale', 'wp248_large_scale'],
      note: 'Newsletter an rund 40.000 Empfänger',
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      criteria: ['wp248_large_scale'],
      note: 'Newsletter an rund 40.000 Empfänger',
      screeningVersion: 1,
      required: true,
      reasons: ['wp248_two_or_more'],
      wp248: ['wp248_evaluation', 'wp248_large_scale'],
    });
    await refusedUnchanged(
      dpo,
      'PUT',
      '/dpias/screening/marketing',
      { criteria: [] },
      409,
      'version_conflict',
    );
    const second = await call(dpo, 'PUT', '/dpias/screening/marketing', { criteria: [], version: 1 });
    expect(second.json()).toMatchObject({ criteria: [], required: false, screeningVersion: 2, note: null });
    // tenant B sees its own, untouched screening
    expect(
      (await call(bDpo, 'GET', '/dpias/screening'))
        .json()
        .items.every((i: { required: boolean }) => !i.required),
    ).toBe(true);
  });

  let dpiaId: string;
  it('starts a DPIA, refuses a second one, others and tenant B cannot touch it', async () => {
    await refusedUnchanged(admin, 'POST', '/dpias', { purposeId: 'customer_service' }, 403, 'forbidden');
    await refusedUnchanged(dpo, 'POST', '/dpias', { purposeId: 'unknown' }, 422, 'unknown_purpose');
    const res = await call(dpo, 'POST', '/dpias', { purposeId: 'customer_service' });
    expect(res.statusCode, res.body).toBe(201);
    dpiaId = res.json().id;
    expect(res.json()).toMatchObject({
      purposeId: 'customer_service',
      revision: 1,
      title: 'DSFA Kundenservice',
      status: 'draft',
      triggers: ['auto_special_categories'],
      answers: {},
      risks: [],
      missing: [
        'answers.processing',
        'answers.data_subjects',
        'answers.systems_recipients',
        'answers.necessity',
        'answers.minimisation',
        'answers.subject_rights',
        'risks',
        'dpoOpinion',
      ],
      version: 1,
    });
    await refusedUnchanged(dpo, 'POST', '/dpias', { purposeId: 'customer_service' }, 409, 'conflict');
    expect((await call(admin, 'GET', `/dpias/${dpiaId}`)).statusCode).toBe(200);
    expect((await call(sales, 'GET', `/dpias/${dpiaId}`)).statusCode).toBe(403);
    expect((await call(bDpo, 'GET', `/dpias/${dpiaId}`)).statusCode).toBe(404);
    await refusedUnchanged(bDpo, 'PATCH', `/dpias/${dpiaId}`, { version: 1, title: 'x' }, 404, 'not_found');
    expect((await screeningOf('customer_service')).status).toBe('draft');
    expect((await findings())[0]).toMatchObject({ count: 1, detail: { draft: 1 } });
  });

  it('refuses sign-off without content, without measures, and while the residual risk is high', async () => {
    const signOff = (version: number) => ({ version, dpoOpinion: 'Mit den Maßnahmen vertretbar.' });
    const incomplete = await refusedUnchanged(
      dpo,
      'POST',
      `/dpias/${dpiaId}/sign-off`,
      signOff(1),
      422,
      'dpia_incomplete',
    );
    expect(incomplete.details.fields).toContain('risks');
    let res = await call(dpo, 'PATCH', `/dpias/${dpiaId}`, { version: 1, answers: ANSWERS, risks: [RISK] });
    expect(res.statusCode, res.body).toBe(200);
    const risk = res.json().risks[0];
    expect(risk).toMatchObject({ ...RISK, level: 'very_high', measures: [], residualLevel: null });
    const noMeasures = await refusedUnchanged(
      dpo,
      'POST',
      `/dpias/${dpiaId}/sign-off`,
      signOff(2),
      422,
      'dpia_measures_missing',
    );
    expect(noMeasures.details).toEqual({ riskIds: [risk.id] });
    expect(noMeasures.message).toContain('measures are set for every risk');
    // stale version
    await refusedUnchanged(
      dpo,
      'PATCH',
      `/dpias/${dpiaId}`,
      { version: 1, title: 'x' },
      409,
      'version_conflict',
    );
    res = await call(dpo, 'PATCH', `/dpias/${dpiaId}`, {
      version: 2,
      risks: [
        {
          ...RISK,
          id: risk.id,
          measures: [{ text: 'Verschlüsselung je Person, Zugriff nur Kundenservice', kind: 'technical' }],
          residualLikelihood: 2,
          residualSeverity: 4,
        },
      ],
    });
    expect(res.json().risks[0]).toMatchObject({ id: risk.id, residualLevel: 'high' });
    expect(res.json().residualLevel).toBe('high');
    await refusedUnchanged(
      dpo,
      'POST',
      `/dpias/${dpiaId}/sign-off`,
      signOff(3),
      409,
      'dpia_high_residual_risk',
    );
    await refusedUnchanged(
      dpo,
      'POST',
      `/dpias/${dpiaId}/sign-off`,
      { ...signOff(3), reviewAt: '2026-03-02' },
      409,
      'dpia_high_residual_risk',
    );
    // the Art. 36 consultation documented: the review date must still lie ahead
    res = await call(dpo, 'PATCH', `/dpias/${dpiaId}`, {
      version: 3,
      consultationAt: '2026-02-20',
      consultationReference: 'LfD Niedersachsen, Az. 123',
    });
    expect(res.statusCode, res.body).toBe(200);
    await refusedUnchanged(
      dpo,
      'POST',
      `/dpias/${dpiaId}/sign-off`,
      { ...signOff(4), reviewAt: '2026-03-02' },
      422,
      'invalid_date_range',
    );
  });

  it('signs off with the default review date in a year; then it is read-only and the purpose is covered', async () => {
    const res = await call(dpo, 'POST', `/dpias/${dpiaId}/sign-off`, {
      version: 4,
      dpoOpinion: 'Mit den Maßnahmen vertretbar.',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'signed_off',
      reviewAt: '2027-03-02',
      signedOffAt: clock.toISOString(),
      dpoOpinion: 'Mit den Maßnahmen vertretbar.',
      missing: [],
    });
    expect(res.json().signedOffBy).toMatch(/^dpo /);
    await refusedUnchanged(
      dpo,
      'PATCH',
      `/dpias/${dpiaId}`,
      { version: 5, title: 'Neu' },
      409,
      'dpia_signed_off',
    );
    await refusedUnchanged(
      dpo,
      'POST',
      `/dpias/${dpiaId}/sign-off`,
      { version: 5, dpoOpinion: 'x' },
      409,
      'dpia_signed_off',
    );
    expect(await screeningOf('customer_service')).toMatchObject({
      status: 'signed_off',
      dpiaId,
      draftId: null,
      reviewAt: '2027-03-02',
      signedOffAt: clock.toISOString(),
    });
    expect((await findings())[0]).toEqual({ check: 'dpia_missing', count: 0, refs: [] });
    // the database itself keeps a signed-off DPIA as it is
    await expect(
      inTenant(t.db.kysely, t.tenantId, (tx) =>
        tx.updateTable('dpias').set({ title: 'manipuliert' }).where('id', '=', dpiaId).execute(),
      ),
    ).rejects.toThrow(/read-only/);
    await expect(
      inTenant(t.db.kysely, t.tenantId, (tx) => tx.deleteFrom('dpias').where('id', '=', dpiaId).execute()),
    ).rejects.toThrow(/permission denied/);
    const audit = await inTenant(t.db.kysely, t.tenantId, (tx) =>
      tx
        .selectFrom('audit_log')
        .select(['action', 'note', 'subject_type'])
        .where('note', 'like', 'dpia %')
        .orderBy('seq')
        .execute(),
    );
    expect(audit.map((a) => a.note)).toEqual([
      'dpia screening marketing',
      'dpia screening marketing',
      'dpia customer_service started',
      'dpia customer_service r1 changed',
      'dpia customer_service r1 changed',
      'dpia customer_service r1 changed',
      'dpia customer_service r1 signed off, review 2027-03-02',
    ]);
    expect(audit.every((a) => a.subject_type === null)).toBe(true);
  });

  it('exports the DPIA as PDF in German and English', async () => {
    const de = await call(admin, 'GET', `/dpias/${dpiaId}/export.pdf?lang=de`);
    expect(de.statusCode).toBe(200);
    expect(de.headers['content-type']).toBe('application/pdf');
    const text = async (raw: Buffer) =>
      (await extractText(await getDocumentProxy(new Uint8Array(raw)), { mergePages: true })).text.replace(
        /\s+/g,
        ' ',
      );
    const deText = await text(de.rawPayload);
    for (const s of [
      'Datenschutz-Folgenabschätzung (Art. 35 DSGVO)',
      'Muster GmbH',
      'Kundenservice (customer_service)',
      'Besondere Kategorien (Art. 9) für diesen Zweck gespeichert',
      'a) Systematische Beschreibung',
      ANSWERS.necessity,
      'c) Risiken',
      'Risiko 1: Unbefugte Kenntnis von Gesundheitsdaten',
      'Risikostufe: sehr hoch',
      'Verschlüsselung je Person, Zugriff nur Kundenservice (technisch)',
      'Restrisiko: hoch',
      'LfD Niedersachsen, Az. 123',
      'Mit den Maßnahmen vertretbar.',
      'Überprüfung bis: 02.03.2027',
    ])
      expect(deText).toContain(s);
    const en = await call(admin, 'GET', `/dpias/${dpiaId}/export.pdf`, undefined);
    expect(en.statusCode).toBe(200);
    const enRes = await t.call(admin, {
      method: 'GET',
      url: `${API}/dpias/${dpiaId}/export.pdf`,
      headers: { 'accept-language': 'en' },
    });
    const enText = await text(enRes.rawPayload);
    for (const s of [
      'Data protection impact assessment (Art. 35 GDPR)',
      'Customer service (customer_service)',
      '(d) Measures and residual risk',
      'Risk level: very high',
      'Residual risk: high',
      'Review by: 2 Mar 2027',
    ])
      expect(enText).toContain(s);
    expect((await call(sales, 'GET', `/dpias/${dpiaId}/export.pdf`)).statusCode).toBe(403);
  });

  it('a review creates a new revision; once signed off it supersedes the old one; a passed review date is a finding', async () => {
    clock = new Date(clock.getTime() + 400 * DAY); // 2027-04-06: review date passed
    expect(await screeningOf('customer_service')).toMatchObject({ status: 'review_due', dpiaId });
    expect((await findings())[0]).toMatchObject({ count: 1, detail: { review_due: 1 } });
    const review = await call(dpo, 'POST', `/dpias/${dpiaId}/review`);
    expect(review.statusCode, review.body).toBe(201);
    const next = review.json();
    expect(next).toMatchObject({
      revision: 2,
      previousId: dpiaId,
      status: 'draft',
      answers: ANSWERS,
      dpoOpinion: null,
      consultationAt: '2026-02-20',
      triggers: ['auto_special_categories'],
    });
    expect(next.risks[0].measures).toHaveLength(1);
    // asking again returns the open draft
    const again = await call(dpo, 'POST', `/dpias/${dpiaId}/review`);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(next.id);
    expect(await screeningOf('customer_service')).toMatchObject({ status: 'review_due', draftId: next.id });
    const signed = await call(dpo, 'POST', `/dpias/${next.id}/sign-off`, {
      version: next.version,
      dpoOpinion: 'Überprüft, unverändert vertretbar.',
      reviewAt: '2028-01-31',
    });
    expect(signed.statusCode, signed.body).toBe(200);
    const old = (await call(dpo, 'GET', `/dpias/${dpiaId}`)).json();
    expect(old).toMatchObject({ status: 'superseded', title: 'DSFA Kundenservice', reviewAt: '2027-03-02' });
    expect(await screeningOf('customer_service')).toMatchObject({
      status: 'signed_off',
      dpiaId: next.id,
      reviewAt: '2028-01-31',
    });
    expect((await findings())[0]).toEqual({ check: 'dpia_missing', count: 0, refs: [] });
    const list = (await call(admin, 'GET', '/dpias')).json().items;
    expect(list.map((d: { revision: number; status: string }) => [d.revision, d.status])).toEqual([
      [2, 'signed_off'],
      [1, 'superseded'],
    ]);
  });
});
