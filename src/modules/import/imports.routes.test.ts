import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, personBody, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { asSystem, inTenant } from '../../db/tenant.ts';
import { erasePerson } from '../erasure/erasure.service.ts';
import { DEFAULT_MAX_IMPORT_BYTES } from './import.limits.ts';
import { fixture } from './import.test-support.ts';
import { purgeStaleImports } from './imports.service.ts';

const API = '/api/v1';
const GERMAN_MAPPING = {
  Vorname: 'firstName',
  Nachname: 'lastName',
  'E-Mail': 'email',
  Telefon: 'phone',
  Straße: 'address.street',
  Hausnummer: 'address.houseNumber',
  PLZ: 'address.postalCode',
  Ort: 'address.city',
  Geburtsdatum: 'birthDate',
  Firma: 'organization',
  Bemerkung: 'notes',
};
const FACTS = {
  legalBasis: 'contract',
  purposes: ['sales'],
  source: { kind: 'event', detail: 'Hannover Messe 2026' },
};

describe.each(testDatabaseKinds())('person imports on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  let sales: string;
  let dpo: string;
  let marketing: string;

  const upload = (body: Buffer | string, fileName: string, token = sales, type = 'text/csv') =>
    t.call(token, {
      method: 'POST',
      url: `${API}/imports?fileName=${encodeURIComponent(fileName)}`,
      headers: { 'content-type': type },
      body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
    });
  const staged = async (body: Buffer | string, fileName: string) => {
    const res = await upload(body, fileName);
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const settings = (id: string, body: object, token = sales) =>
    t.call(token, { method: 'PUT', url: `${API}/imports/${id}`, body: { ...FACTS, ...body } });
  const dryRun = (id: string) => t.call(sales, { method: 'POST', url: `${API}/imports/${id}/dry-run` });
  const commit = (id: string, body: object = {}) =>
    t.call(sales, { method: 'POST', url: `${API}/imports/${id}/commit`, body });
  const personCount = () =>
    inTenant(t.db.kysely, t.tenantId, async (tx) =>
      Number(
        (
          await tx
            .selectFrom('persons')
            .select((e) => e.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    );
  const csv = (lines: string[]) => `${lines.join('\r\n')}\r\n`;
  const rowOf = (report: { rows: { rowNumber: number }[] }, n: number) =>
    report.rows.find((r) => r.rowNumber === n) as unknown as {
      status: string;
      reasons: string[];
      [k: string]: unknown;
    };

  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = t.adminToken;
    sales = (await t.userWithToken({ role: 'sales' })).token;
    dpo = (await t.userWithToken({ role: 'dpo' })).token;
    marketing = (await t.userWithToken({ role: 'marketing' })).token;
  });
  afterAll(() => t?.close());

  it('reads a German Excel export (Windows-1252, ;) and imports it with provenance, E.164 phones and sealed notes', async () => {
    const batch = await staged(fixture('de-excel-windows1252.csv'), 'kunden-2026.csv');
    expect(batch).toMatchObject({
      status: 'staged',
      format: 'csv',
      encoding: 'windows-1252',
      delimiter: ';',
    });
    expect(batch.columns).toContain('Straße');
    expect(batch.preview[0].values.Vorname).toBe('Jürgen');
    expect(batch.suggestedMapping.mapping).toMatchObject({
      Vorname: 'firstName',
      Nachname: 'lastName',
      PLZ: 'address.postalCode',
    });
    const set = await settings(batch.id, { mapping: GERMAN_MAPPING });
    expect(set.statusCode, set.body).toBe(200);
    const before = await personCount();
    const check = await dryRun(batch.id);
    expect(check.statusCode, check.body).toBe(200);
    expect(check.json().counts).toMatchObject({ total: 3, valid: 3, invalid: 0 });
    expect(await personCount()).toBe(before); // the dry run writes nothing
    const done = await commit(batch.id);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().counts.created).toBe(3);
    expect(done.json().import.status).toBe('committed');
    expect(await personCount()).toBe(before + 3);
    const rows = await t.call(sales, { method: 'GET', url: `${API}/imports/${batch.id}/rows` });
    const created = rows.json().items.find((r: { rowNumber: number }) => r.rowNumber === 2);
    const person = (await t.call(sales, { method: 'GET', url: `${API}/persons/${created.personId}` })).json();
    expect(person).toMatchObject({
      firstName: 'Jürgen',
      lastName: 'Müller',
      phone: '+49301234567',
      birthDate: '1980-02-29',
      notes: 'Stammkunde',
      source: { kind: 'import', detail: 'kunden-2026.csv' },
      legalBasis: 'contract',
      purposes: ['sales'],
    });
    expect(person.address).toMatchObject({ street: 'Hauptstraße 5', postalCode: '10115', city: 'Berlin' });
    const raw = await asSystem(t.db.kysely, async (tx) => ({
      person: await tx
        .selectFrom('persons')
        .select(['notes', 'import_id', 'collected_by'])
        .where('id', '=', created.personId)
        .executeTakeFirstOrThrow(),
      rows: await tx
        .selectFrom('person_import_rows')
        .select('data')
        .where('import_id', '=', batch.id)
        .execute(),
      batch: await tx
        .selectFrom('person_imports')
        .select(['wrapped_key'])
        .where('id', '=', batch.id)
        .executeTakeFirstOrThrow(),
    }));
    expect(raw.person.import_id).toBe(batch.id);
    expect(raw.person.notes).not.toContain('Stammkunde'); // sealed
    expect(raw.rows.every((r) => r.data === null)).toBe(true); // staged values destroyed
    expect(raw.batch.wrapped_key).toBeNull();
    const again = await commit(batch.id);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('import_not_staged');
  });

  it('stages rows sealed: the staging table holds no plain value', async () => {
    const batch = await staged(csv(['Vorname;Nachname', 'Plainvalue;Stagingtest']), 'sealed.csv');
    const rows = await asSystem(t.db.kysely, (tx) =>
      tx.selectFrom('person_import_rows').select('data').where('import_id', '=', batch.id).execute(),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.data).not.toContain('Plainvalue');
    expect(batch.preview[0].values).toEqual({ Vorname: 'Plainvalue', Nachname: 'Stagingtest' });
  });

  it('reads UTF-8 with BOM and UTF-16 ("Unicode text") exports', async () => {
    const bom = await staged(fixture('de-excel-utf8-bom.csv'), 'bom.csv');
    expect(bom).toMatchObject({ encoding: 'utf-8', delimiter: ';' });
    expect(bom.columns[0]).toBe('Vorname');
    const utf16 = await staged(fixture('unicode-text-utf16le.txt'), 'unicode.txt');
    expect(utf16).toMatchObject({ encoding: 'utf-16le', delimiter: '\t' });
    expect(utf16.preview[0].values.Nachname).toBe('Müller');
  });

  it('unbalanced quotes: the row is invalid, the commit refuses everything, unless invalid rows are left out', async () => {
    const batch = await staged(fixture('unbalanced-quotes.csv'), 'broken.csv');
    expect(batch.blockingFindings).toBe(true);
    expect(batch.findings.map((f: { kind: string }) => f.kind)).toContain('unbalanced_quotes');
    expect(
      (await settings(batch.id, { mapping: { Vorname: 'firstName', Nachname: 'lastName' } })).statusCode,
    ).toBe(200);
    const check = (await dryRun(batch.id)).json();
    expect(check.counts.invalid).toBeGreaterThan(0);
    expect(check.rows.some((r: { reasons: string[] }) => r.reasons.includes('unbalanced_quotes'))).toBe(true);
    const before = await personCount();
    const refused = await commit(batch.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('import_has_errors');
    expect(await personCount()).toBe(before);
    const partial = await commit(batch.id, { excludeInvalidRows: true });
    expect(partial.statusCode, partial.body).toBe(200);
    expect(partial.json().counts.created).toBe(check.counts.valid);
    expect(await personCount()).toBe(before + check.counts.valid);
  });

  it('formula-like cells make their rows invalid; the report CSV escapes every formula-like cell', async () => {
    const batch = await staged(fixture('formula-injection.csv'), '=evil.csv');
    expect(batch.findings.some((f: { kind: string }) => f.kind === 'formula_like')).toBe(true);
    const mapping = { first: 'firstName', last: 'lastName', email: 'email', note: 'notes' };
    expect((await settings(batch.id, { mapping })).statusCode).toBe(200);
    const check = (await dryRun(batch.id)).json();
    expect(rowOf(check, 2).reasons).toContain('formula_like');
    expect(rowOf(check, 3).reasons).toContain('formula_like');
    const report = await t.call(sales, { method: 'GET', url: `${API}/imports/${batch.id}/report.csv` });
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toContain('text/csv');
    const cells = report.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/)
      .flatMap((l) => l.split(';'));
    expect(cells.filter((c) => /^"?[=+\-@\t\r]/.test(c))).toEqual([]);
    expect(report.body).toContain('formula_like');
  });

  it('an oversized file is refused with 413 before it is read', async () => {
    const res = await upload(Buffer.alloc(DEFAULT_MAX_IMPORT_BYTES + 1, 0x61), 'huge.csv');
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('import_file_too_large');
  });

  it('a wrong mapping is refused with 422 and the issues; unknown purposes like for persons', async () => {
    const batch = await staged(csv(['Vorname;Nachname', 'A;B']), 'map.csv');
    const wrong = await settings(batch.id, { mapping: { Vorname: 'firstName', Nichtda: 'lastName' } });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().code).toBe('import_mapping_invalid');
    const noName = await settings(batch.id, { mapping: { Vorname: 'email' } });
    expect(noName.json().code).toBe('import_mapping_invalid');
    const purpose = await settings(batch.id, {
      mapping: { Vorname: 'firstName', Nachname: 'lastName' },
      purposes: ['nope'],
    });
    expect(purpose.json().code).toBe('unknown_purpose');
    const missing = await dryRun(batch.id);
    expect(missing.statusCode).toBe(409);
    expect(missing.json().code).toBe('import_mapping_missing');
  });

  it('drops the columns no declared purpose needs and lists them (minimisation)', async () => {
    const batch = await staged(
      csv(['Vorname;Nachname;E-Mail;PLZ;Bemerkung', 'Nina;Neu;nina@example.de;10115;hallo']),
      'min.csv',
    );
    const res = await settings(batch.id, {
      mapping: {
        Vorname: 'firstName',
        Nachname: 'lastName',
        'E-Mail': 'email',
        PLZ: 'address.postalCode',
        Bemerkung: 'notes',
      },
      legalBasis: 'consent',
      purposes: ['newsletter'],
    });
    expect(res.statusCode, res.body).toBe(200);
    const dropped = res.json().droppedColumns.map((d: { column: string }) => d.column);
    expect(dropped).toEqual(['PLZ', 'Bemerkung']);
  });

  it('rows of an erased person are suppressed and never imported; a locked field stays out', async () => {
    const erased = await t.call(admin, {
      method: 'POST',
      url: `${API}/persons`,
      body: personBody({ email: 'gone@example.de', phone: '+49 30 555111' }),
    });
    expect(erased.statusCode, erased.body).toBe(201);
    await inTenant(t.db.kysely, t.tenantId, (tx) =>
      erasePerson(tx, t.ctx, {
        actor: null,
        tenantId: t.tenantId,
        personId: erased.json().id,
        requestId: null,
      }),
    );
    const locked = await t.call(admin, {
      method: 'POST',
      url: `${API}/persons`,
      body: personBody({ firstName: 'Lotte', lastName: 'Lock', email: 'lotte@example.de', phone: null }),
    });
    const lock = await t.call(dpo, {
      method: 'PUT',
      url: `${API}/persons/${locked.json().id}/field-locks/phone`,
      body: { reason: 'Widerspruch' },
    });
    expect(lock.statusCode, lock.body).toBe(200);
    const batch = await staged(
      csv([
        'Vorname;Nachname;E-Mail;Telefon',
        'Greta;Gone;GONE@example.de;',
        'Lotte;Lock;lotte@example.de;0171 2345678',
        'Fritz;Frei;fritz@example.de;',
      ]),
      'erased.csv',
    );
    expect(
      (
        await settings(batch.id, {
          mapping: { Vorname: 'firstName', Nachname: 'lastName', 'E-Mail': 'email', Telefon: 'phone' },
        })
      ).statusCode,
    ).toBe(200);
    const check = (await dryRun(batch.id)).json();
    expect(rowOf(check, 2)).toMatchObject({ status: 'suppressed', reasons: ['suppressed_email'] });
    expect(rowOf(check, 3)).toMatchObject({ status: 'field_locked', reasons: ['field_locked:phone'] });
    const done = await commit(batch.id);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().counts).toMatchObject({ created: 1, suppressed: 1, fieldLocked: 1 });
    const found = await inTenant(t.db.kysely, t.tenantId, (tx) =>
      tx
        .selectFrom('persons')
        .select('id')
        .where('email', 'in', ['gone@example.de', 'GONE@example.de'])
        .execute(),
    );
    expect(found).toEqual([]);
  });

  it('the commit checks again when persons or suppressions changed after the dry run', async () => {
    const batch = await staged(
      csv(['Vorname;Nachname;E-Mail', 'Nora;Neu;nora.neu@example.de', 'Paul;Plan;paul.plan@example.de']),
      'later.csv',
    );
    await settings(batch.id, { mapping: { Vorname: 'firstName', Nachname: 'lastName', 'E-Mail': 'email' } });
    expect((await dryRun(batch.id)).json().counts).toMatchObject({ valid: 2, suppressed: 0 });
    // after the dry run: Nora is created and erased (a suppression), Paul is created by hand
    const nora = await t.call(admin, {
      method: 'POST',
      url: `${API}/persons`,
      body: personBody({ firstName: 'Nora', lastName: 'Neu', email: 'nora.neu@example.de', phone: null }),
    });
    expect(nora.statusCode, nora.body).toBe(201);
    await inTenant(t.db.kysely, t.tenantId, (tx) =>
      erasePerson(tx, t.ctx, {
        actor: null,
        tenantId: t.tenantId,
        personId: nora.json().id,
        requestId: null,
      }),
    );
    const paul = await t.call(admin, {
      method: 'POST',
      url: `${API}/persons`,
      body: personBody({ firstName: 'Paul', lastName: 'Plan', email: 'paul.plan@example.de', phone: null }),
    });
    expect(paul.statusCode, paul.body).toBe(201);
    const done = (await commit(batch.id)).json();
    expect(done.counts).toMatchObject({ created: 0, suppressed: 1, duplicate: 1 });
    expect(rowOf(done, 2)).toMatchObject({ status: 'suppressed', reasons: ['suppressed_email'] });
    expect(rowOf(done, 3).duplicateOf).toMatchObject({ personId: paul.json().id });
  });

  it('finds duplicates of existing persons and inside the file; skips them by default, creates them on request', async () => {
    const existing = await t.call(admin, {
      method: 'POST',
      url: `${API}/persons`,
      body: personBody({
        firstName: 'Hans',
        lastName: 'Meier',
        email: 'hans.meier@example.de',
        phone: null,
        address: { street: 'Lindenweg 3', postalCode: '20095', city: 'Hamburg' },
      }),
    });
    const batch = await staged(
      csv([
        'Vorname;Nachname;E-Mail;Straße;PLZ;Ort',
        'Hans;Meyer;hans.meier@example.de;Lindenweg 3;20095;Hamburg',
        'Karla;Kolumna;karla@example.de;Am Markt 1;04109;Leipzig',
        'Karla;Kolumna;karla@example.de;Am Markt 1;04109;Leipzig',
      ]),
      'dups.csv',
    );
    const mapping = {
      Vorname: 'firstName',
      Nachname: 'lastName',
      'E-Mail': 'email',
      Straße: 'address.street',
      PLZ: 'address.postalCode',
      Ort: 'address.city',
    };
    expect((await settings(batch.id, { mapping })).statusCode).toBe(200);
    const check = (await dryRun(batch.id)).json();
    expect(rowOf(check, 2)).toMatchObject({ status: 'duplicate', reasons: ['duplicate_of_person'] });
    expect(rowOf(check, 2).duplicateOf).toMatchObject({ personId: existing.json().id });
    expect(rowOf(check, 4)).toMatchObject({
      status: 'duplicate',
      duplicateOfRow: 3,
      reasons: ['duplicate_in_file'],
    });
    expect(check.counts).toMatchObject({ valid: 1, duplicate: 2 });
    const done = (await commit(batch.id)).json();
    expect(done.counts).toMatchObject({ created: 1, skipped: 2 });

    const second = await staged(
      csv(['Vorname;Nachname;E-Mail', 'Hans;Meier;hans.meier@example.de']),
      'dups2.csv',
    );
    await settings(second.id, { mapping: { Vorname: 'firstName', Nachname: 'lastName', 'E-Mail': 'email' } });
    const created = (await commit(second.id, { duplicates: 'create' })).json();
    expect(created.counts.created).toBe(1);
  });

  it('flags notes with sensitive data and queues them for redaction after the commit', async () => {
    const batch = await staged(
      csv([
        'Vorname;Nachname;Bemerkung',
        'Sabine;Sensibel;Ist Diabetikerin und hat Depressionen',
        'Otto;Normal;ruft gern an',
      ]),
      'sensitive.csv',
    );
    await settings(batch.id, { mapping: { Vorname: 'firstName', Nachname: 'lastName', Bemerkung: 'notes' } });
    const check = (await dryRun(batch.id)).json();
    expect(check.counts.sensitive).toBe(1);
    const done = (await commit(batch.id)).json();
    expect(done.counts.created).toBe(2);
    const findings = await inTenant(t.db.kysely, t.tenantId, (tx) =>
      tx
        .selectFrom('redaction_findings')
        .select(['origin', 'person_id'])
        .where('origin', '=', 'import')
        .execute(),
    );
    expect(findings).toHaveLength(1);
  });

  it('saves a mapping and suggests it for a file with the same columns; discards a batch', async () => {
    const body = csv(['Name1;Name2;Kontakt', 'Ida;Iks;ida@example.de']);
    const first = await staged(body, 'a.csv');
    const res = await settings(first.id, {
      mapping: { Name1: 'firstName', Name2: 'lastName', Kontakt: 'email' },
      saveMappingAs: 'Altsystem',
    });
    expect(res.statusCode, res.body).toBe(200);
    const list = (await t.call(sales, { method: 'GET', url: `${API}/import-mappings` })).json();
    const saved = list.items.find((m: { name: string }) => m.name === 'Altsystem');
    const second = await staged(body, 'b.csv');
    expect(second.suggestedMapping).toMatchObject({
      savedMappingId: saved.id,
      mapping: { Name2: 'lastName' },
    });
    const gone = await t.call(sales, { method: 'DELETE', url: `${API}/imports/${second.id}` });
    expect(gone.statusCode).toBe(204);
    const after = (await t.call(sales, { method: 'GET', url: `${API}/imports/${second.id}` })).json();
    expect(after).toMatchObject({ status: 'discarded', preview: [] });
    expect((await commit(second.id)).json().code).toBe('import_not_staged');
    expect(
      (await t.call(sales, { method: 'DELETE', url: `${API}/import-mappings/${saved.id}` })).statusCode,
    ).toBe(204);
  });

  it('purges staged batches after the staging period', async () => {
    const batch = await staged(csv(['Vorname;Nachname', 'Alt;Batch']), 'old.csv');
    const result = await purgeStaleImports(t.ctx, { now: new Date(Date.now() + 8 * 86_400_000) });
    expect(result.expired).toBeGreaterThanOrEqual(1);
    const rows = await asSystem(t.db.kysely, (tx) =>
      tx.selectFrom('person_import_rows').select('data').where('import_id', '=', batch.id).execute(),
    );
    expect(rows.every((r) => r.data === null)).toBe(true);
    expect((await t.call(sales, { method: 'GET', url: `${API}/imports/${batch.id}` })).json().status).toBe(
      'expired',
    );
  });

  it('rights: marketing may not import, the DPO reads batches but does not run them', async () => {
    expect((await upload('Vorname;Nachname\r\nA;B\r\n', 'x.csv', marketing)).statusCode).toBe(403);
    expect((await upload('Vorname;Nachname\r\nA;B\r\n', 'x.csv', dpo)).statusCode).toBe(403);
    const list = await t.call(dpo, { method: 'GET', url: `${API}/imports` });
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBeGreaterThan(0);
    expect((await t.call(marketing, { method: 'GET', url: `${API}/imports` })).statusCode).toBe(403);
  });
});
