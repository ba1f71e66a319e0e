import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, personBody, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { OPERATIONS } from '../../cli/operations.ts';

describe.each(testDatabaseKinds())('custos consistency on %s', (kind) => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custos-consistency-'));
    const res = await t.call(t.adminToken, {
      method: 'POST',
      url: '/api/v1/persons',
      body: personBody({
        address: { street: 'Lindenstraße 3', postalCode: '10115', city: 'Berlin', country: 'DE' },
      }),
    });
    expect(res.statusCode, res.body).toBe(201);
  });
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await t?.close();
  });

  it('prints the summary, or the whole report as JSON', async () => {
    const file = path.join(dir, 'erp.csv');
    fs.writeFileSync(
      file,
      'Vorname;Nachname;E-Mail;Ort\nAnna;Mueller;anna.mueller@example.de;Potsdam\nOtto;Neu;;\n',
    );
    const text = await OPERATIONS.consistency!(t.ctx, { file });
    expect(text.stdout).toContain(
      'matched 1 (id 0, e-mail 1, engine 0), only in Custos 0, only in the file 1',
    );
    expect(text.stdout).toContain('city: 0% (0/1');
    const json = JSON.parse((await OPERATIONS.consistency!(t.ctx, { file, json: 'true' })).stdout);
    expect(json.disagreements).toMatchObject([
      { field: 'city', custosValue: 'Berlin', fileValue: 'Potsdam' },
    ]);
    const mapping = JSON.stringify({ Vorname: 'firstName', Nachname: 'lastName' });
    const named = JSON.parse((await OPERATIONS.consistency!(t.ctx, { file, mapping, json: 'true' })).stdout);
    expect(named.fields.map((f: { field: string }) => f.field)).toEqual(['firstName', 'lastName']);
    await expect(OPERATIONS.consistency!(t.ctx, { file: 'relative.csv' })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(
      OPERATIONS.consistency!(t.ctx, { file: path.join(dir, 'missing.csv') }),
    ).rejects.toMatchObject({
      code: 'import_file_unreadable',
    });
  });
});
