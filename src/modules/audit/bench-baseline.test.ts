import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, personBody, type TestApp } from '../../../test/support/app.ts';
import { asSystem } from '../../db/tenant.ts';

/** The benchmark baseline must really switch both off, or the overhead figure would be wrong. */
describe('CUSTOS_BENCH_BASELINE switches audit trail and encryption off (benchmarks only)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite');
  });
  afterAll(() => t.close());

  it('stores notes as given, creates no data key and appends no audit entry', async () => {
    const count = () =>
      asSystem(t.db.kysely, (tx) =>
        tx
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
      );
    t.ctx.config.benchBaseline = true;
    try {
      const before = (await count()).n;
      const res = await t.call(t.adminToken, {
        method: 'POST',
        url: '/api/v1/persons',
        body: personBody({ notes: 'Klartext' }),
      });
      expect(res.statusCode).toBe(201);
      const id = res.json().id;
      expect((await t.call(t.adminToken, { method: 'GET', url: `/api/v1/persons/${id}` })).json().notes).toBe(
        'Klartext',
      );
      const row = await asSystem(t.db.kysely, (tx) =>
        tx.selectFrom('persons').select('notes').where('id', '=', id).executeTakeFirstOrThrow(),
      );
      expect(row.notes).toBe('Klartext');
      const keys = await asSystem(t.db.kysely, (tx) =>
        tx.selectFrom('subject_keys').select('subject_id').where('subject_id', '=', id).execute(),
      );
      expect(keys).toEqual([]);
      expect((await count()).n).toBe(before);
    } finally {
      t.ctx.config.benchBaseline = false;
    }
  });
});
