import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, personBody, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { snapshotData } from '../../../test/support/snapshot.ts';
import { asSystem, inTenant } from '../../db/tenant.ts';
import { erasePerson } from '../erasure/erasure.service.ts';
import { compileSubjectData } from '../subject-data/subject-data.service.ts';

const API = '/api/v1';
const WORDING =
  'Ja, ich möchte den Newsletter der Muster GmbH mit Angeboten zu Büromöbeln per E-Mail erhalten. Widerruf jederzeit.';

describe.each(testDatabaseKinds())('merging two persons on %s', (kind) => {
  let t: TestApp;
  let sales: string;
  let dpo: string;
  let readonly: string;
  let support: string;
  let wordingId: string;

  const call = (token: string, method: 'GET' | 'POST' | 'PATCH', url: string, body?: object) =>
    t.call(token, { method, url: `${API}${url}`, ...(body ? { body } : {}) });
  const create = async (fields: Record<string, unknown>) => {
    const res = await call(t.adminToken, 'POST', '/persons', personBody({ phone: undefined, ...fields }));
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; version: number };
  };
  const pair = async (n: number) => [
    await create({ firstName: 'Jürgen', lastName: 'Müller', email: `jm${n}@example.de` }),
    await create({
      firstName: 'Juergen',
      lastName: 'Mueller',
      email: `jm${n}@example.de`,
      phone: `+49 30 555000${n}`,
    }),
  ];
  const merge = (
    token: string,
    s: { id: string; version: number },
    m: { id: string; version: number },
    fields = {},
  ) =>
    call(token, 'POST', '/persons/merge', {
      survivorId: s.id,
      mergedId: m.id,
      survivorVersion: s.version,
      mergedVersion: m.version,
      fields,
    });

  beforeAll(async () => {
    t = await createTestApp(kind);
    sales = (await t.userWithToken({ role: 'sales' })).token;
    dpo = (await t.userWithToken({ role: 'dpo' })).token;
    readonly = (await t.userWithToken({ role: 'readonly' })).token;
    support = (await t.userWithToken({ role: 'support' })).token;
    const wording = await call(dpo, 'POST', '/consent-wordings', {
      purposeId: 'newsletter',
      channel: 'email',
      language: 'de',
      text: WORDING,
      advertiser: 'Muster GmbH',
    });
    expect(wording.statusCode, wording.body).toBe(201);
    wordingId = wording.json().id;
  });
  afterAll(() => t?.close());

  it('shows both records with survivorship defaults', async () => {
    const [s, m] = await pair(1);
    const res = await call(sales, 'GET', `/duplicates/compare?survivorId=${s!.id}&mergedId=${m!.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().defaults).toMatchObject({ phone: 'merged', email: 'survivor', notes: 'survivor' });
    expect(res.json().merged.phone).toBe('+49305550001');
  });

  it('moves interactions, cases and consents, re-sealed readable under the survivor, and keeps history', async () => {
    const [s, m] = await pair(2);
    await call(sales, 'POST', `/persons/${s!.id}/interactions`, {
      kind: 'call',
      occurredAt: '2026-01-10T10:00:00Z',
      subject: 'Erstes Gespräch',
      body: 'Notiz zum Überlebenden',
    });
    const moved = await call(sales, 'POST', `/persons/${m!.id}/interactions`, {
      kind: 'call',
      occurredAt: '2026-01-12T10:00:00Z',
      subject: 'Zweites Gespräch',
      body: 'Notiz zur Dublette',
    });
    expect(moved.statusCode, moved.body).toBe(201);
    const kase = await call(support, 'POST', '/cases', {
      personId: m!.id,
      channel: 'phone',
      category: 'complaint',
      subject: 'Reklamation',
      message: 'Stuhl wackelt',
    });
    expect(kase.statusCode, kase.body).toBe(201);
    const consent = await call(sales, 'POST', `/persons/${m!.id}/consents`, {
      purposeId: 'newsletter',
      channel: 'email',
      wordingId,
      method: 'in_person',
      givenAt: '2026-03-01T10:00:00Z',
      proof: { note: 'Messestand' },
    });
    expect(consent.statusCode, consent.body).toBe(201);
    const mergedNow = (await call(sales, 'GET', `/persons/${m!.id}`)).json();

    const res = await merge(sales, s!, mergedNow, { firstName: 'merged' });
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json();
    expect(out.person).toMatchObject({ id: s!.id, firstName: 'Juergen', phone: '+49305550002' });
    expect(out.person.purposes).toEqual(expect.arrayContaining(['sales', 'newsletter']));
    expect((await call(sales, 'GET', `/persons/${m!.id}`)).statusCode).toBe(404);

    const interactions = (await call(sales, 'GET', `/persons/${s!.id}/interactions`)).json().items;
    expect(interactions.map((i: { body: string }) => i.body).sort()).toEqual([
      'Notiz zum Überlebenden',
      'Notiz zur Dublette',
    ]);
    const caseRead = (await call(support, 'GET', `/cases/${kase.json().id}`)).json();
    expect(caseRead.person?.id ?? caseRead.personId).toBe(s!.id);
    expect(JSON.stringify(caseRead.messages)).toContain('Stuhl wackelt');
    const consents = (await call(sales, 'GET', `/persons/${s!.id}/consents`)).json();
    expect(JSON.stringify(consents)).toContain('Messestand');

    // the merge record keeps provenance and a sealed snapshot; the suggestion is settled
    const record = await asSystem(t.db.kysely, (tx) =>
      tx
        .selectFrom('person_merges')
        .selectAll()
        .where('merged_person_id', '=', m!.id)
        .executeTakeFirstOrThrow(),
    );
    expect(record.survivor_id).toBe(s!.id);
    expect(JSON.stringify(record.provenance)).toContain('business_card');
    expect(record.snapshot_enc).not.toContain('Juergen');
    const audit = await asSystem(t.db.kysely, (tx) =>
      tx
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'merge')
        .where('subject_id', '=', s!.id)
        .execute(),
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.note).toContain(m!.id);
    expect(audit[0]!.fields).toEqual(expect.arrayContaining(['firstName', 'phone']));
    // the survivor's audit history includes the merged person's entries; the access export lists the merge
    const history = (await call(dpo, 'GET', `/audit?subjectId=${s!.id}&limit=200`)).json();
    expect(JSON.stringify(history)).toContain(m!.id);
    const exported = await inTenant(t.db.kysely, t.tenantId, (tx) =>
      compileSubjectData(tx, t.ctx, { tenantId: t.tenantId, personId: s!.id, scope: 'access', locale: 'de' }),
    );
    expect(exported.tables.person_merges).toEqual([
      expect.objectContaining({
        mergedPersonId: m!.id,
        values: expect.objectContaining({ firstName: 'Juergen' }),
      }),
    ]);

    // the survivor's erasure covers the merge record and shreds the key kept for the merged person
    await inTenant(t.db.kysely, t.tenantId, (tx) =>
      erasePerson(tx, t.ctx, { actor: null, tenantId: t.tenantId, personId: s!.id, requestId: null }),
    );
    const after = await asSystem(t.db.kysely, async (tx) => ({
      merges: await tx.selectFrom('person_merges').selectAll().where('survivor_id', '=', s!.id).execute(),
      key: await tx.selectFrom('subject_keys').selectAll().where('subject_id', '=', m!.id).executeTakeFirst(),
    }));
    expect(after.merges).toHaveLength(0);
    expect(after.key?.wrapped_key ?? null).toBeNull();
  });

  it("moves the merged person's photo to a survivor without one, re-sealed under the survivor's key", async () => {
    const [s, m] = await pair(3);
    const image = await sharp({
      create: { width: 8, height: 8, channels: 3, background: { r: 200, g: 40, b: 40 } },
    })
      .png()
      .toBuffer();
    const upload = await t.call(t.adminToken, {
      method: 'PUT',
      url: `${API}/persons/${m!.id}/photo`,
      body: { image: image.toString('base64'), purpose: 'sales', legalBasis: 'consent' },
    });
    expect(upload.statusCode, upload.body).toBe(200);
    const before = (await call(sales, 'GET', `/persons/${m!.id}/photo`)).rawPayload;
    const mergedNow = (await call(sales, 'GET', `/persons/${m!.id}`)).json();
    const res = await merge(sales, s!, mergedNow);
    expect(res.statusCode, res.body).toBe(200);
    const after = await call(sales, 'GET', `/persons/${s!.id}/photo`);
    expect(after.statusCode).toBe(200);
    expect(Buffer.compare(after.rawPayload, before)).toBe(0);
  });

  it('refuses and changes nothing: same person, stale version, no right, restriction, open request, legal hold', async () => {
    const [s, m] = await pair(3);
    const refused = async (token: string, status: number, code: string, a = s!, b = m!) => {
      const before = await snapshotData(t.db);
      const res = await merge(token, a, b);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().code).toBe(code);
      expect(await snapshotData(t.db)).toEqual(before);
    };
    await refused(sales, 409, 'merge_same_person', s!, s!);
    await refused(sales, 409, 'version_conflict', s!, { ...m!, version: m!.version + 1 });
    await refused(readonly, 403, 'forbidden');

    await asSystem(t.db.kysely, (tx) =>
      tx.updateTable('persons').set({ restricted_at: new Date() }).where('id', '=', m!.id).execute(),
    );
    await refused(sales, 409, 'merge_person_restricted');
    await asSystem(t.db.kysely, (tx) =>
      tx.updateTable('persons').set({ restricted_at: null }).where('id', '=', m!.id).execute(),
    );

    const request = await call(t.adminToken, 'POST', '/requests', {
      type: 'access',
      personId: s!.id,
      channel: 'email',
    });
    expect(request.statusCode, request.body).toBe(201);
    const current = (await call(sales, 'GET', `/persons/${s!.id}`)).json();
    await refused(sales, 409, 'merge_open_request', current, m!);
    await asSystem(t.db.kysely, (tx) =>
      tx
        .updateTable('dsr_requests')
        .set({ status: 'withdrawn', closed_at: new Date() })
        .where('id', '=', request.json().id)
        .execute(),
    );

    const hold = await call(dpo, 'POST', '/legal-holds', {
      objectType: 'person',
      objectId: m!.id,
      reason: 'dispute',
    });
    expect(hold.statusCode, hold.body).toBe(201);
    const fresh = (await call(sales, 'GET', `/persons/${s!.id}`)).json();
    await refused(sales, 409, 'merge_legal_hold', fresh, m!);
  });
});
