import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, personBody, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { verifyAudit } from './audit.service.ts';

type Op =
  | { kind: 'create'; lastName: string; notes: string | null }
  | { kind: 'read'; pick: number }
  | { kind: 'update'; pick: number; email: string }
  | { kind: 'interaction'; pick: number; body: string }
  | { kind: 'timeline'; pick: number }
  | { kind: 'denied' }
  | { kind: 'invalid' };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('create' as const),
    lastName: fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim().length > 0),
    notes: fc.option(fc.string({ maxLength: 200 }), { nil: null }),
  }),
  fc.record({ kind: fc.constant('read' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('update' as const), pick: fc.nat(), email: fc.emailAddress() }),
  fc.record({
    kind: fc.constant('interaction' as const),
    pick: fc.nat(),
    body: fc.string({ maxLength: 200 }),
  }),
  fc.record({ kind: fc.constant('timeline' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('denied' as const) }),
  fc.record({ kind: fc.constant('invalid' as const) }),
);

describe.each(testDatabaseKinds())('audit chain under random use on %s', (kind) => {
  let t: TestApp;
  let marketing: string;
  const persons: { id: string; version: number }[] = [];
  beforeAll(async () => {
    t = await createTestApp(kind);
    marketing = (await t.userWithToken({ role: 'marketing' })).token;
  });
  afterAll(() => t.close());

  const run = async (o: Op) => {
    const target = persons.length ? persons[('pick' in o ? o.pick : 0) % persons.length]! : null;
    switch (o.kind) {
      case 'create': {
        const res = await t.call(t.adminToken, {
          method: 'POST',
          url: '/api/v1/persons',
          body: personBody({ lastName: o.lastName.trim().slice(0, 100), notes: o.notes }),
        });
        if (res.statusCode === 201) persons.push({ id: res.json().id, version: 1 });
        return;
      }
      case 'read':
        if (target) await t.call(t.adminToken, { method: 'GET', url: `/api/v1/persons/${target.id}` });
        return;
      case 'update':
        if (target) {
          const res = await t.call(t.adminToken, {
            method: 'PATCH',
            url: `/api/v1/persons/${target.id}`,
            body: { version: target.version, email: o.email },
          });
          if (res.statusCode === 200) target.version = res.json().version;
        }
        return;
      case 'interaction':
        if (target) {
          await t.call(t.adminToken, {
            method: 'POST',
            url: `/api/v1/persons/${target.id}/interactions`,
            body: { kind: 'note', occurredAt: '2026-11-01T08:00:00Z', subject: 'Notiz', body: o.body },
          });
        }
        return;
      case 'timeline':
        if (target)
          await t.call(t.adminToken, { method: 'GET', url: `/api/v1/persons/${target.id}/interactions` });
        return;
      case 'denied':
        await t.call(marketing, { method: 'POST', url: '/api/v1/persons', body: personBody() });
        return;
      case 'invalid':
        await t.call(t.adminToken, { method: 'POST', url: '/api/v1/persons', body: { firstName: 'x' } });
    }
  };

  it('verifies after any sequence of creates, reads, updates, timeline entries, denials and invalid input', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        for (const o of ops) await run(o);
        const result = await verifyAudit(t.ctx);
        expect(result).toMatchObject({ ok: true });
      }),
      { numRuns: 12 },
    );
    expect((await verifyAudit(t.ctx)).verified).toBeGreaterThan(12);
  });
});
