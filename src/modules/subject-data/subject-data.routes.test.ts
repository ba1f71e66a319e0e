import { randomUUID } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, personBody, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { snapshotData } from '../../../test/support/snapshot.ts';

vi.setConfig({ hookTimeout: 240_000, testTimeout: 120_000 });
const API = '/api/v1';

describe.each(testDatabaseKinds())('GET /requests/:id/export on %s', (kind) => {
  let t: TestApp;
  let dpo: string;
  let sales: string;

  const call = (token: string, method: 'GET' | 'POST', url: string, body?: object) =>
    t.call(token, { method, url: `${API}${url}`, body });
  let phones = 0;
  /** A new person with an e-mail and phone of their own (an erased person's are suppressed). */
  const newPerson = async (email: string) => {
    phones += 1;
    const res = await call(dpo, 'POST', '/persons', personBody({ email, phone: `+49 40 555 ${phones}` }));
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const request = async (type: string, personId: string, { fulfil }: { fulfil: boolean }) => {
    const created = await call(dpo, 'POST', '/requests', { type, personId, channel: 'letter' });
    expect(created.statusCode, created.body).toBe(201);
    const id: string = created.json().id;
    if (fulfil) {
      const v = await call(dpo, 'POST', `/requests/${id}/verification`, {
        method: 'known_address',
        outcome: 'passed',
      });
      expect(v.statusCode, v.body).toBe(200);
      const f = await call(dpo, 'POST', `/requests/${id}/fulfil`, {});
      expect(f.statusCode, f.body).toBe(200);
    }
    return id;
  };
  /** A refused call changes nothing (not even the audit trail). */
  const refusedUnchanged = async (token: string, url: string, status: number, code: string) => {
    const before = await snapshotData(t.db);
    const res = await call(token, 'GET', url);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().code).toBe(code);
    expect(await snapshotData(t.db)).toEqual(before);
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    dpo = (await t.userWithToken({ role: 'dpo' })).token;
    sales = (await t.userWithToken({ role: 'sales' })).token;
  });
  afterAll(() => t.close());

  it('an open access request has no export yet: 409 export_not_available', async () => {
    const id = await request('access', await newPerson('open@example.de'), { fulfil: false });
    await refusedUnchanged(dpo, `/requests/${id}/export`, 409, 'export_not_available');
    await refusedUnchanged(dpo, `/requests/${id}/export?format=csv`, 409, 'export_not_available');
  });

  it('a completed erasure request has no export: 409 export_not_available', async () => {
    const id = await request('erasure', await newPerson('erase@example.de'), { fulfil: true });
    await refusedUnchanged(dpo, `/requests/${id}/export`, 409, 'export_not_available');
  });

  it('once the person is erased (key shredded) the stored export is gone: 409 export_not_available', async () => {
    const personId = await newPerson('later-erased@example.de');
    const access = await request('access', personId, { fulfil: true });
    expect((await call(dpo, 'GET', `/requests/${access}/export`)).statusCode).toBe(200);
    await request('erasure', personId, { fulfil: true });
    await refusedUnchanged(dpo, `/requests/${access}/export`, 409, 'export_not_available');
  });

  it('only the DPO: other roles 403, an unknown request 404, a bad format 422', async () => {
    const id = await request('access', await newPerson('roles@example.de'), { fulfil: true });
    await refusedUnchanged(sales, `/requests/${id}/export`, 403, 'forbidden');
    await refusedUnchanged(t.adminToken, `/requests/${id}/export`, 403, 'forbidden');
    await refusedUnchanged(dpo, `/requests/${randomUUID()}/export`, 404, 'not_found');
    const bad = await call(dpo, 'GET', `/requests/${id}/export?format=xlsx`);
    expect(bad.statusCode).toBe(422);
  });

  it('the CSV zip defuses spreadsheet formulas the person sent', async () => {
    const personId = await newPerson('formula@example.de');
    const res = await call(dpo, 'POST', `/persons/${personId}/interactions`, {
      kind: 'email',
      direction: 'inbound',
      occurredAt: '2026-01-15T10:00:00Z',
      subject: '=HYPERLINK("http://evil.example","klick")',
      body: '@SUM(1+1)',
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = await request('portability', personId, { fulfil: true });
    const zip = await call(dpo, 'GET', `/requests/${id}/export?format=csv`);
    expect(zip.statusCode, zip.body).toBe(200);
    expect(zip.headers['content-disposition']).toContain('.zip');
    const files = unzipSync(new Uint8Array(zip.rawPayload));
    const csv = strFromU8(files['interactions.csv'] as Uint8Array);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""klick"")"`);
    expect(csv).toContain("'@SUM(1+1)");
    expect(csv).not.toMatch(/(^|,)[=@]/m);
    // the JSON keeps the values as they are
    const json = (await call(dpo, 'GET', `/requests/${id}/export`)).json();
    expect(json.tables.interactions[0].subject).toBe('=HYPERLINK("http://evil.example","klick")');
  });
});
