import { sql } from 'kysely';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, personBody, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { snapshotData } from '../../../test/support/snapshot.ts';
import { asSystem, inTenant } from '../../db/tenant.ts';
import { wordingHash } from '../../domain/marketing/consent-ledger.ts';
import { markConsentsUsedWithin } from './consent.ledger.ts';

vi.setConfig({ hookTimeout: 240_000, testTimeout: 120_000 });
const API = '/api/v1';
const WORDING_DE =
  'Ja, ich möchte den Newsletter der Muster GmbH mit Angeboten zu Büromöbeln per E-Mail erhalten. Widerruf jederzeit.';
const PHONE_WORDING =
  'Ja, die Muster GmbH darf mich zu Angeboten für Büromöbel telefonisch kontaktieren. Widerruf jederzeit möglich.';

describe.each(testDatabaseKinds())('consent ledger and wordings on %s', (kind) => {
  let clock = new Date('2026-03-02T09:00:00Z');
  let t: TestApp;
  let dpo: string;
  let sales: string;
  let marketing: string;
  let readonly: string;
  let personId: string;
  let wordingV1: string;
  let wordingV2: string;
  let phoneWording: string;

  const call = (token: string, method: 'GET' | 'POST', url: string, body?: object) =>
    t.call(token, { method, url: `${API}${url}`, ...(body ? { body } : {}) });

  beforeAll(async () => {
    t = await createTestApp(kind, { now: () => clock });
    dpo = (await t.userWithToken({ role: 'dpo' })).token;
    sales = (await t.userWithToken({ role: 'sales' })).token;
    marketing = (await t.userWithToken({ role: 'marketing' })).token;
    readonly = (await t.userWithToken({ role: 'readonly' })).token;
    const res = await call(t.adminToken, 'POST', '/persons', personBody());
    if (res.statusCode !== 201) throw new Error(res.body);
    personId = res.json().id;
  });
  afterAll(() => t?.close());

  it('versions wordings: POST twice gives versions 1 and 2, the old stays, only the newest is current', async () => {
    const body = {
      purposeId: 'newsletter',
      channel: 'email',
      language: 'de',
      text: WORDING_DE,
      advertiser: 'Muster GmbH',
    };
    const first = await call(dpo, 'POST', '/consent-wordings', body);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ version: 1, textSha256: wordingHash(WORDING_DE), current: true });
    wordingV1 = first.json().id;
    const second = await call(dpo, 'POST', '/consent-wordings', {
      ...body,
      text: `${WORDING_DE} Stand 2026.`,
      productScope: 'Büromöbel',
    });
    expect(second.statusCode).toBe(201);
    expect(second.json()).toMatchObject({ version: 2, productScope: 'Büromöbel' });
    wordingV2 = second.json().id;

    const list = await call(sales, 'GET', '/consent-wordings?purposeId=newsletter&channel=email&language=de');
    expect(list.statusCode).toBe(200);
    expect(
      list.json().items.map((w: { version: number; current: boolean }) => [w.version, w.current]),
    ).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(list.json().items[1].text).toBe(WORDING_DE);

    const phone = await call(t.adminToken, 'POST', '/consent-wordings', {
      purposeId: 'marketing',
      channel: 'phone',
      language: 'de',
      text: PHONE_WORDING,
      advertiser: 'Muster GmbH',
    });
    expect(phone.statusCode).toBe(201);
    phoneWording = phone.json().id;
  });

  it('refuses wordings from marketing, for unknown purposes or a purpose without consent, and changes nothing', async () => {
    const before = await snapshotData(t.db);
    const body = {
      purposeId: 'newsletter',
      channel: 'email',
      language: 'de',
      text: WORDING_DE,
      advertiser: 'M',
    };
    expect((await call(marketing, 'POST', '/consent-wordings', body)).json().code).toBe('forbidden');
    expect((await call(dpo, 'POST', '/consent-wordings', { ...body, purposeId: 'nope' })).json().code).toBe(
      'unknown_purpose',
    );
    expect(
      (await call(dpo, 'POST', '/consent-wordings', { ...body, purposeId: 'billing' })).json().code,
    ).toBe('legal_basis_not_allowed');
    const short = await call(dpo, 'POST', '/consent-wordings', { ...body, text: 'kurz' });
    expect(short.statusCode).toBe(422);
    expect(short.json().code).toBe('validation_failed');
    expect((await call(readonly, 'GET', '/consent-wordings')).json().code).toBe('forbidden');
    expect(await snapshotData(t.db)).toEqual(before);
  });

  it('records, supersedes and withdraws consents, keeping the full history', async () => {
    const first = await call(sales, 'POST', `/persons/${personId}/consents`, {
      purposeId: 'newsletter',
      channel: 'email',
      wordingId: wordingV1,
      method: 'in_person',
      givenAt: '2026-03-01T10:00:00Z',
      proof: { note: 'Messestand, Formular unterschrieben' },
    });
    expect(first.statusCode).toBe(201);
    const c1 = first.json();
    expect(c1).toMatchObject({
      state: 'valid',
      address: 'anna.mueller@example.de',
      method: 'in_person',
      wording: { id: wordingV1, version: 1, text: WORDING_DE },
      proof: { note: 'Messestand, Formular unterschrieben' },
      proofRetainedUntil: null,
    });
    // the purpose was added to the person's record, with a new version
    const person = (await call(t.adminToken, 'GET', `/persons/${personId}`)).json();
    expect(person.purposes).toContain('newsletter');
    expect(person.version).toBe(2);

    clock = new Date('2026-03-03T09:00:00Z');
    const second = await call(sales, 'POST', `/persons/${personId}/consents`, {
      purposeId: 'newsletter',
      channel: 'email',
      wordingId: wordingV2,
      method: 'letter',
      givenAt: '2026-03-02T10:00:00Z',
      proof: { documentRef: 'Brief vom 2.3.2026' },
    });
    expect(second.statusCode).toBe(201);
    const c2 = second.json();
    expect(c2).toMatchObject({ state: 'valid', supersedesId: c1.id });

    clock = new Date('2026-03-04T09:00:00Z');
    const withdrawn = await call(sales, 'POST', `/persons/${personId}/consents/${c2.id}/withdraw`, {
      note: 'am Telefon',
    });
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json()).toMatchObject({
      state: 'withdrawn',
      withdrawnAt: '2026-03-04T09:00:00.000Z',
      withdrawalMethod: 'staff',
      withdrawalNote: 'am Telefon',
      proofRetainedUntil: '2029-03-04T09:00:00.000Z',
    });
    // a second withdrawal: 409, and a withdrawal of the superseded one too
    const again = await call(sales, 'POST', `/persons/${personId}/consents/${c2.id}/withdraw`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('consent_already_withdrawn');
    expect(
      (await call(sales, 'POST', `/persons/${personId}/consents/${c1.id}/withdraw`, {})).statusCode,
    ).toBe(409);

    const history = await call(readonly, 'GET', `/persons/${personId}/consents`);
    expect(history.statusCode).toBe(200);
    const items = history.json().items as { id: string; state: string; supersededById: string | null }[];
    expect(items.map((c) => [c.id, c.state])).toEqual([
      [c2.id, 'withdrawn'],
      [c1.id, 'superseded'],
    ]);
    expect(items[1]?.supersededById).toBe(c2.id);
  });

  it('phone consents need a note (§ 7a UWG) and keep their proof 5 years after the last use', async () => {
    const body = {
      purposeId: 'marketing',
      channel: 'phone',
      wordingId: phoneWording,
      method: 'phone',
      givenAt: '2026-03-04T08:00:00Z',
    };
    const before = await snapshotData(t.db);
    const noNote = await call(sales, 'POST', `/persons/${personId}/consents`, body);
    expect(noNote.statusCode).toBe(422);
    expect(noNote.json().code).toBe('consent_proof_required');
    // an e-mail wording is no proof for a phone consent
    const mismatch = await call(sales, 'POST', `/persons/${personId}/consents`, {
      ...body,
      wordingId: wordingV2,
      proof: { note: 'Anruf' },
    });
    expect(mismatch.json().code).toBe('consent_wording_mismatch');
    // a double opt-in is never recorded by hand
    expect(
      (await call(sales, 'POST', `/persons/${personId}/consents`, { ...body, method: 'double_opt_in' }))
        .statusCode,
    ).toBe(422);
    // readonly may not record
    const ro = await call(readonly, 'POST', `/persons/${personId}/consents`, {
      ...body,
      proof: { note: 'x' },
    });
    expect(ro.json().code).toBe('forbidden');
    // future dates
    const future = await call(sales, 'POST', `/persons/${personId}/consents`, {
      ...body,
      givenAt: '2027-01-01T00:00:00Z',
      proof: { note: 'x' },
    });
    expect(future.statusCode).toBe(422);
    expect(await snapshotData(t.db)).toEqual(before);

    const ok = await call(sales, 'POST', `/persons/${personId}/consents`, {
      ...body,
      proof: { note: 'Anruf von Frau Müller, Zustimmung zu Angeboten' },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({
      address: '+49301234567', // the person's phone, stored in E.164
      proofRetainedUntil: '2031-03-04T08:00:00.000Z',
    });
    await inTenant(t.db.kysely, t.tenantId, (tx) =>
      markConsentsUsedWithin(tx, { consentIds: [ok.json().id], at: new Date('2026-06-01T00:00:00Z') }),
    );
    const list = (await call(sales, 'GET', `/persons/${personId}/consents`)).json().items;
    expect(list.find((c: { id: string }) => c.id === ok.json().id)).toMatchObject({
      lastUsedAt: '2026-06-01T00:00:00.000Z',
      proofRetainedUntil: '2031-06-01T00:00:00.000Z',
      proof: { note: 'Anruf von Frau Müller, Zustimmung zu Angeboten' },
    });
    // the note is free text about the person: sealed under their data key in the table
    const raw = await asSystem(t.db.kysely, (tx) =>
      tx.selectFrom('consents').select('proof').where('id', '=', ok.json().id).executeTakeFirstOrThrow(),
    );
    expect(Object.keys(raw.proof)).toEqual(['sealed']);
    expect(JSON.stringify(raw.proof)).not.toContain('Frau Müller');
  });

  it('the database keeps consents append-only: custos_app cannot change given_at', async () => {
    const [consent] = (await call(sales, 'GET', `/persons/${personId}/consents`)).json().items;
    await expect(
      inTenant(t.db.kysely, t.tenantId, (tx) =>
        tx
          .updateTable('consents')
          .set({ given_at: new Date('2020-01-01T00:00:00Z') })
          .where('id', '=', consent.id)
          .execute(),
      ),
    ).rejects.toThrow(/permission denied/);
    // a withdrawn consent cannot be withdrawn again, not even in SQL
    const withdrawn = (await call(sales, 'GET', `/persons/${personId}/consents`))
      .json()
      .items.find((c: { state: string }) => c.state === 'withdrawn');
    await expect(
      inTenant(t.db.kysely, t.tenantId, (tx) =>
        tx
          .updateTable('consents')
          .set({ withdrawn_at: new Date('2026-03-05T00:00:00Z') })
          .where('id', '=', withdrawn.id)
          .execute(),
      ),
    ).rejects.toThrow(/already withdrawn/);
  });

  it('refuses a restricted person, unknown persons and bad wordings without changing anything', async () => {
    const other = (
      await call(
        t.adminToken,
        'POST',
        '/persons',
        personBody({ lastName: 'Gesperrt', email: 'g@example.de' }),
      )
    ).json().id;
    await asSystem(t.db.kysely, (tx) =>
      tx.updateTable('persons').set({ restricted_at: clock }).where('id', '=', other).execute(),
    );
    const before = await snapshotData(t.db);
    const body = {
      purposeId: 'newsletter',
      channel: 'email',
      wordingId: wordingV2,
      method: 'in_person',
      givenAt: '2026-03-01T10:00:00Z',
      proof: { note: 'x' },
    };
    expect((await call(sales, 'POST', `/persons/${other}/consents`, body)).json().code).toBe(
      'person_restricted',
    );
    expect(
      (await call(sales, 'POST', `/persons/00000000-0000-4000-8000-000000000000/consents`, body)).statusCode,
    ).toBe(404);
    expect(
      (await call(sales, 'POST', `/persons/${personId}/consents`, { ...body, purposeId: 'marketing' })).json()
        .code,
    ).toBe('consent_wording_mismatch');
    expect(
      (await call(sales, 'POST', `/persons/${personId}/consents`, { ...body, extra: true })).json().code,
    ).toBe('validation_failed');
    expect(await snapshotData(t.db)).toEqual(before);
  });

  it('prints the full history as PDF with every wording text and version', async () => {
    const res = await call(readonly, 'GET', `/persons/${personId}/consents/history.pdf?lang=de`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    const pdf = await getDocumentProxy(new Uint8Array(res.rawPayload));
    const { text } = await extractText(pdf, { mergePages: true });
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Einwilligungsnachweis');
    expect(flat).toContain('Anna Müller');
    expect(flat).toContain(WORDING_DE.replace(/\s+/g, ' '));
    expect(flat).toContain(PHONE_WORDING.replace(/\s+/g, ' '));
    expect(flat).toContain('Version 1');
    expect(flat).toContain('Version 2');
    expect(flat).toContain('widerrufen');
    expect(flat).toContain('ersetzt');
    expect(flat).toContain('Anruf von Frau Müller');
    expect(flat).toContain('Brief vom 2.3.2026');
    const en = await call(readonly, 'GET', `/persons/${personId}/consents/history.pdf`, undefined);
    expect(en.statusCode).toBe(200);
  });

  it('keeps the audit trail of consent changes', async () => {
    const rows = await asSystem(t.db.kysely, (tx) =>
      tx
        .selectFrom('audit_log')
        .select(['note', 'subject_id'])
        .where('subject_id', '=', personId)
        .where(sql`note`, 'like', 'consent %')
        .execute(),
    );
    expect(rows.some((r) => /recorded/.test(r.note ?? ''))).toBe(true);
    expect(rows.some((r) => /withdrawn/.test(r.note ?? ''))).toBe(true);
  });
});
