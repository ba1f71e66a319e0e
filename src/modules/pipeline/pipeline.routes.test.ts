import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, personBody, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { snapshotData } from '../../../test/support/snapshot.ts';

const API = '/api/v1';
type Stage = { id: string; nameEn: string; position: number; outcome: string; archived: boolean };

describe.each(testDatabaseKinds())('pipeline stages API on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  const stages = async (): Promise<Stage[]> =>
    (await t.call(t.adminToken, { method: 'GET', url: `${API}/pipeline/stages` })).json().items;
  const byName = async (name: string) => {
    const s = (await stages()).find((x) => x.nameEn === name);
    if (!s) throw new Error(name);
    return s;
  };
  const patch = (id: string, body: object, token = t.adminToken) =>
    t.call(token, { method: 'PATCH', url: `${API}/pipeline/stages/${id}`, body });

  it('lists the default pipeline in order', async () => {
    const list = await stages();
    expect(list.map((s) => [s.nameEn, s.position, s.outcome])).toEqual([
      ['New', 0, 'open'],
      ['Qualified', 1, 'open'],
      ['Proposal', 2, 'open'],
      ['Negotiation', 3, 'open'],
      ['Won', 4, 'won'],
      ['Lost', 5, 'lost'],
    ]);
  });

  it('adds an open stage before won and lost by default, or at a chosen position', async () => {
    const res = await t.call(t.adminToken, {
      method: 'POST',
      url: `${API}/pipeline/stages`,
      body: { nameDe: 'Vertrag', nameEn: 'Contract', probability: 90 },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ nameEn: 'Contract', position: 4, outcome: 'open', archived: false });
    const first = await t.call(t.adminToken, {
      method: 'POST',
      url: `${API}/pipeline/stages`,
      body: { nameDe: 'Lead', nameEn: 'Lead', probability: 5, position: 0 },
    });
    expect(first.json().position).toBe(0);
    expect((await stages()).map((s) => s.position)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('renames, re-weights and reorders, shifting the others', async () => {
    const qualified = await byName('Qualified');
    const res = await patch(qualified.id, {
      nameDe: 'Geprüft',
      nameEn: 'Checked',
      probability: 30,
      position: 0,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ nameDe: 'Geprüft', nameEn: 'Checked', probability: 30, position: 0 });
    const list = await stages();
    expect(list[0]?.nameEn).toBe('Checked');
    expect(list.map((s) => s.position)).toEqual(list.map((_, i) => i));
  });

  it('refuses changes that break the pipeline, and archiving a stage with open deals', async () => {
    const won = await byName('Won');
    const lost = await byName('Lost');
    const proposal = await byName('Proposal');
    const person = (
      await t.call(t.adminToken, { method: 'POST', url: `${API}/persons`, body: personBody() })
    ).json();
    await t.call(t.adminToken, {
      method: 'POST',
      url: `${API}/deals`,
      body: { title: 'Offen', personId: person.id, value: '10', stageId: proposal.id },
    });
    const before = await snapshotData(t.db);
    const cases: [string, object, number, string][] = [
      [won.id, { archived: true }, 409, 'invalid_pipeline'],
      [lost.id, { archived: true }, 409, 'invalid_pipeline'],
      [proposal.id, { archived: true }, 409, 'stage_in_use'],
      [proposal.id, { nameEn: '' }, 422, 'validation_failed'],
      [proposal.id, { nameDe: 'x'.repeat(61) }, 422, 'validation_failed'],
      [proposal.id, { probability: 101 }, 422, 'validation_failed'],
      [proposal.id, { outcome: 'won' }, 422, 'validation_failed'],
      ['00000000-0000-4000-8000-000000000000', { nameEn: 'X' }, 404, 'not_found'],
    ];
    for (const [id, body, status, code] of cases) {
      const res = await patch(id, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.json().code).toBe(code);
    }
    const secondWon = await t.call(t.adminToken, {
      method: 'POST',
      url: `${API}/pipeline/stages`,
      body: { nameDe: 'Gewonnen 2', nameEn: 'Won 2', probability: 100, outcome: 'won' },
    });
    expect(secondWon.statusCode).toBe(409);
    expect(secondWon.json()).toMatchObject({
      code: 'invalid_pipeline',
      details: { reason: 'needs_one_won_stage' },
    });
    expect(await snapshotData(t.db)).toEqual(before);
  });

  it('archives an empty stage (off the board) and restores it', async () => {
    const negotiation = await byName('Negotiation');
    const archived = await patch(negotiation.id, { archived: true });
    expect(archived.json()).toMatchObject({ archived: true });
    const board = (await t.call(t.adminToken, { method: 'GET', url: `${API}/deals/board` })).json();
    expect(board.columns.map((c: { stage: { id: string } }) => c.stage.id)).not.toContain(negotiation.id);
    expect((await patch(negotiation.id, { archived: false })).json().archived).toBe(false);
  });

  it('lets only administrators configure, and contract readers read', async () => {
    const sales = await t.userWithToken({ role: 'sales' });
    const before = await snapshotData(t.db);
    const won = await byName('Won');
    expect((await patch(won.id, { nameEn: 'Yay' }, sales.token)).statusCode).toBe(403);
    const post = await t.call(sales.token, {
      method: 'POST',
      url: `${API}/pipeline/stages`,
      body: { nameDe: 'X', nameEn: 'X', probability: 1 },
    });
    expect(post.json().code).toBe('forbidden');
    expect(await snapshotData(t.db)).toEqual(before);
    expect((await t.call(sales.token, { method: 'GET', url: `${API}/pipeline/stages` })).statusCode).toBe(
      200,
    );
    const readonly = await t.userWithToken({ role: 'readonly' });
    expect((await t.call(readonly.token, { method: 'GET', url: `${API}/pipeline/stages` })).statusCode).toBe(
      200,
    );
  });
});
