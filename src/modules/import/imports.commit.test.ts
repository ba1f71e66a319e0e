import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, personBody, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { asSystem } from '../../db/tenant.ts';
import { fillMissingMatchKeys } from '../duplicates/duplicates.service.ts';
import { refreshMatchKeys } from '../duplicates/match-keys.ts';

const API = '/api/v1';
const FILE = [
  'Vorname;Nachname;E-Mail;Telefon;Straße;PLZ;Ort;Geburtsdatum',
  'Jürgen;Meier;j.meier@example.de;030 1234567;Hauptstraße 5;10115;Berlin;1980-02-29',
  'Anna;Schmidt;anna@example.de;;Marktplatz 1;80331;München;',
  'Ömer;Yılmaz;;0171 2345678;;;;1991-07-04',
].join('\r\n');
const MAPPING = {
  Vorname: 'firstName',
  Nachname: 'lastName',
  'E-Mail': 'email',
  Telefon: 'phone',
  Straße: 'address.street',
  PLZ: 'address.postalCode',
  Ort: 'address.city',
  Geburtsdatum: 'birthDate',
};
const FACTS = { legalBasis: 'contract', purposes: ['sales'], source: { kind: 'event', detail: 'Messe' } };

describe.each(testDatabaseKinds())('import commit on %s', (kind) => {
  let t: TestApp;
  let sales: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    sales = (await t.userWithToken({ role: 'sales' })).token;
  });
  afterAll(() => t?.close());

  const stagedBatch = async () => {
    const up = await t.call(sales, {
      method: 'POST',
      url: `${API}/imports?fileName=messe.csv`,
      headers: { 'content-type': 'text/csv' },
      body: Buffer.from(`\uFEFF${FILE}\r\n`, 'utf8'),
    });
    expect(up.statusCode, up.body).toBe(201);
    const id = up.json().id as string;
    const set = await t.call(sales, {
      method: 'PUT',
      url: `${API}/imports/${id}`,
      body: { ...FACTS, mapping: MAPPING },
    });
    expect(set.statusCode, set.body).toBe(200);
    return id;
  };
  const keysOf = (personIds: string[]) =>
    asSystem(t.db.kysely, (tx) =>
      tx
        .selectFrom('person_match_keys')
        .select(['person_id', 'key_name', 'key_hash'])
        .where('person_id', 'in', personIds)
        .orderBy('person_id')
        .orderBy('key_name')
        .execute(),
    );
  const importedIds = (id: string) =>
    asSystem(t.db.kysely, async (tx) =>
      (await tx.selectFrom('persons').select('id').where('import_id', '=', id).execute()).map((p) => p.id),
    );

  it('imported persons get their blocking keys after the commit, the same a refresh computes from the stored rows', async () => {
    const id = await stagedBatch();
    const done = await t.call(sales, { method: 'POST', url: `${API}/imports/${id}/commit`, body: {} });
    expect(done.statusCode, done.body).toBe(200);
    const ids = await importedIds(id);
    expect(ids).toHaveLength(3);
    // written in bulk without keys; the scheduler's fill gives them theirs (and finds nothing else to do)
    expect(await keysOf(ids)).toEqual([]);
    expect(await fillMissingMatchKeys(t.ctx, t.tenantId)).toBe(3);
    expect(await fillMissingMatchKeys(t.ctx, t.tenantId)).toBe(0);
    const written = await keysOf(ids);
    expect(new Set(written.map((k) => k.person_id))).toEqual(new Set(ids));
    expect(written.some((k) => k.key_name.includes('email'))).toBe(true);
    await asSystem(t.db.kysely, (tx) => refreshMatchKeys(tx, { tenantId: t.tenantId, personIds: ids }));
    expect(await keysOf(ids)).toEqual(written);

    // a person entered afterwards by hand is suggested as a duplicate of the imported one
    const meier = await asSystem(t.db.kysely, (tx) =>
      tx
        .selectFrom('persons')
        .select('id')
        .where('import_id', '=', id)
        .where('last_name', '=', 'Meier')
        .executeTakeFirstOrThrow(),
    );
    const res = await t.call(sales, {
      method: 'POST',
      url: `${API}/persons`,
      body: personBody({
        firstName: 'Jürgen',
        lastName: 'Meyer',
        email: 'j.meier@example.de',
        phone: undefined,
      }),
    });
    expect(res.statusCode, res.body).toBe(201);
    const found = await t.call(sales, { method: 'GET', url: `${API}/persons/${res.json().id}/duplicates` });
    expect(found.statusCode, found.body).toBe(200);
    expect(JSON.stringify(found.json())).toContain(meier.id);
  });

  it('refuses the dry run and the commit when the batch maps a field the running user may not write, and writes nothing', async () => {
    const id = await stagedBatch();
    // the batch was mapped by someone allowed to; accessibility needs (special category) are not writable for sales
    await asSystem(t.db.kysely, (tx) =>
      tx
        .updateTable('person_imports')
        .set({ mapping: JSON.stringify({ ...MAPPING, Ort: 'accessibilityNeeds' }) as never })
        .where('id', '=', id)
        .execute(),
    );
    for (const step of ['dry-run', 'commit']) {
      const res = await t.call(sales, { method: 'POST', url: `${API}/imports/${id}/${step}`, body: {} });
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().code).toBe('field_not_writable');
    }
    expect(await importedIds(id)).toEqual([]);
    const batch = await t.call(sales, { method: 'GET', url: `${API}/imports/${id}` });
    expect(batch.json().status).toBe('staged');
  });
});
