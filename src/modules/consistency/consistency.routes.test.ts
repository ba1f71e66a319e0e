import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, personBody, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';

const NOW = new Date('2026-12-03T10:00:00Z');

/**
 * Four persons in Custos, five rows in an "ERP export" (German Excel CSV: `;`, BOM): one row names the
 * Custos id, one shares the e-mail address, one is found by the engine through umlaut, ß and "Str."
 * variants, one is someone Custos does not know, and one Custos person is missing from the file.
 */
describe.each(testDatabaseKinds())('consistency report API on %s', (kind) => {
  let t: TestApp;
  const id: Record<string, string> = {};
  let salesVertrieb: string;
  let marketing: string;

  beforeAll(async () => {
    t = await createTestApp(kind, { now: () => NOW });
    salesVertrieb = (await t.userWithToken({ role: 'sales', departmentNames: ['Vertrieb'] })).token;
    marketing = (await t.userWithToken({ role: 'marketing' })).token;
    const people = {
      mueller: personBody({
        firstName: 'Jürgen',
        lastName: 'Müller',
        email: 'j.mueller@example.de',
        phone: '+49 30 1234567',
        address: { street: 'Hauptstraße 5', postalCode: '10115', city: 'Berlin', country: 'DE' },
      }),
      weiss: personBody({
        firstName: 'Anna',
        lastName: 'Weiß',
        email: 'anna.weiss@example.de',
        phone: '+49 89 123456',
        birthDate: '1980-05-01',
        address: { street: 'Gartenstraße 12', postalCode: '80331', city: 'München', country: 'DE' },
      }),
      becker: personBody({
        firstName: 'Klaus',
        lastName: 'Becker',
        email: 'klaus.becker@example.de',
        address: { street: 'Ringstraße 1', postalCode: '10115', city: 'Berlin', country: 'DE' },
        departmentIds: [t.departmentId('Kundenservice')],
      }),
      schulz: personBody({ firstName: 'Petra', lastName: 'Schulz', email: 'petra.schulz@example.de' }),
    };
    for (const [key, body] of Object.entries(people)) {
      const res = await t.call(t.adminToken, { method: 'POST', url: '/api/v1/persons', body });
      expect(res.statusCode, res.body).toBe(201);
      id[key] = res.json().id;
    }
  });
  afterAll(async () => t?.close());

  const csv = () =>
    [
      '\uFEFFID;Vorname;Nachname;E-Mail;Straße;PLZ;Ort;Telefon;Geburtsdatum',
      `;Juergen;Mueller;J.Mueller@example.de;Hauptstr. 5;10115;Berlin;030 1234567;`,
      `;Anna;Weiss;;Gartenstr. 12;80331;Muenchen;089 999999;01.05.1980`,
      `${id.becker};Klaus;Becker;;;;Hamburg;;`,
      `;"=cmd|' /C calc'!A0";Unbekannt;neu@example.de;;;;;`,
    ].join('\r\n');

  const upload = (body: string | Buffer, query = '', token = t.adminToken, type = 'text/csv') =>
    t.call(token, {
      method: 'POST',
      url: `/api/v1/consistency-reports?fileName=erp.csv${query}`,
      headers: { 'content-type': type },
      body,
    });

  it('finds matched, only here, only there and the disagreements per field', async () => {
    const res = await upload(csv());
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report.suggested).toBe(true);
    expect(report.mapping).toEqual({
      ID: 'id',
      Vorname: 'firstName',
      Nachname: 'lastName',
      'E-Mail': 'email',
      Straße: 'address.street',
      PLZ: 'address.postalCode',
      Ort: 'address.city',
      Telefon: 'phone',
      Geburtsdatum: 'birthDate',
    });
    expect(report.summary).toEqual({
      fileRows: 4,
      custosPersons: 4,
      matched: 3,
      matchedById: 1,
      matchedByEmail: 1,
      matchedByScore: 1,
      onlyInCustos: 1,
      onlyInFile: 1,
      pairsWithDisagreements: 2,
      agreementRate: expect.any(Number),
    });
    expect(report.matched.map((m: { personId: string; how: string }) => [m.personId, m.how])).toEqual([
      [id.mueller, 'email'],
      [id.weiss, 'score'],
      [id.becker, 'id'],
    ]);
    expect(report.onlyInCustos).toEqual([{ personId: id.schulz, firstName: 'Petra', lastName: 'Schulz' }]);
    expect(report.onlyInFile).toEqual([
      { rowNumber: 5, firstName: "=cmd|' /C calc'!A0", lastName: 'Unbekannt' },
    ]);
    expect(report.disagreements).toEqual([
      {
        rowNumber: 3,
        personId: id.weiss,
        firstName: 'Anna',
        lastName: 'Weiß',
        field: 'phone',
        custosValue: '+4989123456',
        fileValue: '089 999999',
      },
      {
        rowNumber: 4,
        personId: id.becker,
        firstName: 'Klaus',
        lastName: 'Becker',
        field: 'city',
        custosValue: 'Berlin',
        fileValue: 'Hamburg',
      },
    ]);
    const field = (name: string) => report.fields.find((f: { field: string }) => f.field === name);
    expect(field('lastName')).toMatchObject({ compared: 3, agree: 3, agreementRate: 100 });
    expect(field('street')).toMatchObject({ compared: 2, agree: 2, missingInFile: 1 });
    expect(field('city')).toMatchObject({ compared: 3, agree: 2, disagree: 1, agreementRate: 66.7 });
    expect(field('phone')).toMatchObject({ compared: 2, agree: 1, disagree: 1, agreementRate: 50 });
    expect(field('birthDate')).toMatchObject({ compared: 1, agree: 1 });
  });

  it('gives the same report as CSV with formulas escaped', async () => {
    const res = await upload(csv(), '&format=csv');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.body.startsWith('\uFEFFkind;row;personId')).toBe(true);
    expect(res.body).toContain(`disagreement;4;${id.becker};Klaus;Becker;city;Berlin;Hamburg`);
    expect(res.body).toContain(`only_in_custos;;${id.schulz};Petra;Schulz`);
    expect(res.body).toContain("'=cmd|");
    expect(res.body).not.toMatch(/;=cmd/);
  });

  it('takes a given mapping, and compares only what it maps', async () => {
    const mapping = encodeURIComponent(
      JSON.stringify({ Vorname: 'firstName', Nachname: 'lastName', Ort: 'address.city' }),
    );
    const res = await upload(csv(), `&mapping=${mapping}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().suggested).toBe(false);
    expect(
      res
        .json()
        .fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(['city', 'firstName', 'lastName']);
  });

  it('counts only the persons the caller may see, and refuses roles without the right', async () => {
    const res = await upload(csv(), '', salesVertrieb);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().summary).toMatchObject({ custosPersons: 3, matched: 2, onlyInFile: 2 });
    expect(res.body).not.toContain('Ringstraße');
    expect((await upload(csv(), '', marketing)).statusCode).toBe(403);
  });

  it('answers a bad file or mapping with a clear 4xx', async () => {
    const empty = await upload('Vorname;Nachname\r\n');
    expect(empty.statusCode).toBe(422);
    expect(empty.json().code).toBe('consistency_file_empty');
    const broken = await upload(
      Buffer.from('PK\u0003\u0004 not really a zip'),
      '',
      t.adminToken,
      'application/octet-stream',
    );
    expect(broken.statusCode).toBeGreaterThanOrEqual(400);
    expect(broken.statusCode).toBeLessThan(500);
    const notJson = await upload(csv(), '&mapping=%7Bnope');
    expect(notJson.json().code).toBe('consistency_mapping_invalid');
    const unknown = await upload(csv(), `&mapping=${encodeURIComponent(JSON.stringify({ Fax: 'phone' }))}`);
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().details.issues).toEqual(
      expect.arrayContaining([{ code: 'unknown_column', column: 'Fax' }, { code: 'nothing_to_match_on' }]),
    );
    const nothing = await upload('Farbe;Größe\r\nrot;L\r\n');
    expect(nothing.json()).toMatchObject({
      code: 'consistency_mapping_invalid',
      details: { issues: [{ code: 'nothing_to_match_on' }] },
    });
    const german = await t.call(t.adminToken, {
      method: 'POST',
      url: '/api/v1/consistency-reports?fileName=erp.csv',
      headers: { 'content-type': 'text/csv', 'accept-language': 'de' },
      body: 'Vorname;Nachname\r\n',
    });
    expect(german.json().message).toContain('keine Datenzeilen');
  });
});
