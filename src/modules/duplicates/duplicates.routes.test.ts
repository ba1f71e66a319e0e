import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, personBody, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { asSystem } from '../../db/tenant.ts';

const API = '/api/v1';

type Suggestion = {
  id: string;
  score: number;
  namesSwapped: boolean;
  explanation: { field: string; level: string; weight: number }[];
  a: { id: string; lastName: string; birthDate?: string | null };
  b: { id: string; lastName: string; birthDate?: string | null };
};

describe.each(testDatabaseKinds())('duplicate suggestions on %s', (kind) => {
  let t: TestApp;
  let sales: string;
  let readonly: string;
  let marketing: string;
  const ids: Record<string, string> = {};

  const call = (token: string, method: 'GET' | 'POST', url: string, body?: object) =>
    t.call(token, { method, url: `${API}${url}`, ...(body ? { body } : {}) });
  const person = async (name: string, fields: Record<string, unknown>) => {
    const res = await call(
      t.adminToken,
      'POST',
      '/persons',
      personBody({ email: undefined, phone: undefined, ...fields }),
    );
    expect(res.statusCode, res.body).toBe(201);
    ids[name] = res.json().id;
    return res.json().id as string;
  };
  const pairOf = (items: Suggestion[], x: string, y: string) =>
    items.find((s) => [s.a.id, s.b.id].sort().join() === [ids[x], ids[y]].sort().join());

  beforeAll(async () => {
    t = await createTestApp(kind);
    sales = (await t.userWithToken({ role: 'sales' })).token;
    readonly = (await t.userWithToken({ role: 'readonly' })).token;
    marketing = (await t.userWithToken({ role: 'marketing' })).token;
    await person('meier', {
      firstName: 'Hans',
      lastName: 'Meier',
      birthDate: '1970-03-14',
      address: { street: 'Hauptstr. 5', postalCode: '10115', city: 'Berlin' },
    });
    await person('meyer', {
      firstName: 'Hans',
      lastName: 'Meyer',
      birthDate: '1970-03-14',
      address: { street: 'Hauptstraße 5', postalCode: '10115', city: 'Berlin' },
    });
    await person('mueller1', { firstName: 'Jürgen', lastName: 'Müller', email: 'j.mueller@example.de' });
    await person('mueller2', { firstName: 'Juergen', lastName: 'Mueller', email: 'j.mueller@example.de' });
    await person('schmidt', {
      firstName: 'Petra',
      lastName: 'Schmidt',
      birthDate: '1981-11-02',
      address: { postalCode: '20095', city: 'Hamburg' },
    });
    await person('swapped', {
      firstName: 'Schmidt',
      lastName: 'Petra',
      birthDate: '1981-11-02',
      address: { postalCode: '20095', city: 'Hamburg' },
    });
    await person('weber1', {
      firstName: 'Karl',
      lastName: 'Weber',
      address: { street: 'Lindenstr. 12', postalCode: '80331', city: 'München' },
    });
    await person('weber2', {
      firstName: 'Karl',
      lastName: 'Weber',
      address: { street: 'Lindenstraße 12', postalCode: '80331', city: 'München' },
    });
    await person('krause', { firstName: 'Otto', lastName: 'Krause', birthDate: '1955-01-01' });
  });
  afterAll(() => t?.close());

  it('keeps blocking keys per person as hashes, current after a change', async () => {
    const keys = await asSystem(t.db.kysely, (tx) =>
      tx.selectFrom('person_match_keys').selectAll().where('person_id', '=', ids.meier!).execute(),
    );
    expect(keys.map((k) => k.key_name)).toContain('lastName+birth');
    expect(JSON.stringify(keys)).not.toMatch(/meier|1970/i);
  });

  it('finds Meier/Meyer, Müller/Mueller, swapped names and "Str." vs "Straße" in a scan, not distinct persons', async () => {
    const scan = await call(sales, 'POST', '/duplicates/scan');
    expect(scan.statusCode, scan.body).toBe(200);
    expect(scan.json().suggestions).toBeGreaterThanOrEqual(4);
    const list = await call(sales, 'GET', '/duplicates?pageSize=50');
    expect(list.statusCode).toBe(200);
    const items = list.json().items as Suggestion[];
    const meier = pairOf(items, 'meier', 'meyer');
    expect(meier?.explanation).toContainEqual(
      expect.objectContaining({ field: 'lastName', level: 'phonetic' }),
    );
    expect(pairOf(items, 'mueller1', 'mueller2')?.explanation).toContainEqual(
      expect.objectContaining({ field: 'lastName', level: 'exact' }),
    );
    expect(pairOf(items, 'schmidt', 'swapped')?.namesSwapped).toBe(true);
    expect(pairOf(items, 'weber1', 'weber2')?.explanation).toContainEqual(
      expect.objectContaining({ field: 'street', level: 'exact' }),
    );
    expect(items.some((s) => [s.a.id, s.b.id].includes(ids.krause!))).toBe(false);
    expect(items.every((s) => s.a.id < s.b.id && s.score >= 7)).toBe(true);
  });

  it('leaves out fields and comparisons the role may not read, and refuses roles without review rights', async () => {
    expect((await call(readonly, 'GET', '/duplicates')).statusCode).toBe(403);
    expect((await call(marketing, 'POST', '/duplicates/scan')).statusCode).toBe(403);
    const own = await call(sales, 'GET', `/persons/${ids.meier}/duplicates`);
    expect(own.statusCode).toBe(200);
    expect(pairOf(own.json().items, 'meier', 'meyer')).toBeDefined();
  });

  it('dismisses a pair: never suggested again, not by a scan and not on the person', async () => {
    const pair = pairOf(
      (await call(sales, 'GET', '/duplicates?pageSize=50')).json().items,
      'weber1',
      'weber2',
    )!;
    const res = await call(sales, 'POST', `/duplicates/${pair.id}/dismiss`);
    expect(res.statusCode, res.body).toBe(200);
    expect((await call(sales, 'POST', `/duplicates/${pair.id}/dismiss`)).json().code).toBe(
      'duplicate_already_decided',
    );
    await call(sales, 'POST', '/duplicates/scan');
    expect(
      pairOf((await call(sales, 'GET', '/duplicates?pageSize=50')).json().items, 'weber1', 'weber2'),
    ).toBeUndefined();
    expect(
      pairOf(
        (await call(sales, 'GET', `/persons/${ids.weber1}/duplicates`)).json().items,
        'weber1',
        'weber2',
      ),
    ).toBeUndefined();
  });

  it('finds a new duplicate on the person at once (keys kept current on create)', async () => {
    await person('meier3', {
      firstName: 'Hans',
      lastName: 'Maier',
      birthDate: '1970-03-14',
      address: { street: 'Hauptstrasse 5', postalCode: '10115', city: 'Berlin' },
    });
    const res = await call(sales, 'GET', `/persons/${ids.meier3}/duplicates`);
    expect(res.statusCode).toBe(200);
    expect(pairOf(res.json().items, 'meier3', 'meier')).toBeDefined();
  });
});
