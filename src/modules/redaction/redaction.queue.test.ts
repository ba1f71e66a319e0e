import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, personBody, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { asSystem, inTenant } from '../../db/tenant.ts';
import { queueSensitiveText } from './redaction.queue.ts';

const TEXT = 'Kunde hat Diabetes, IBAN DE89 3704 0044 0532 0130 00 für Erstattungen.';

describe.each(testDatabaseKinds())('queueSensitiveText on %s', (kind) => {
  let t: TestApp;
  let personId: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    const res = await t.call(t.adminToken, { method: 'POST', url: '/api/v1/persons', body: personBody() });
    personId = res.json().id;
  });
  afterAll(() => t.close());

  const findings = () =>
    asSystem(t.db.kysely, (tx) =>
      tx.selectFrom('redaction_findings').selectAll().where('source_id', '=', personId).execute(),
    );
  const queue = (
    text: string,
    source = { kind: 'form_submission' as const, id: personId, field: 'message' },
  ) =>
    inTenant(t.db.kysely, t.tenantId, (tx) =>
      queueSensitiveText(tx, t.ctx, { tenantId: t.tenantId, personId, source, origin: 'form', text }),
    );

  it('stores one open finding per source field with kinds and offsets, never the text', async () => {
    expect(await queue(TEXT)).toBe(2);
    const rows = await findings();
    const form = rows.filter((r) => r.source_kind === 'form_submission');
    expect(form).toHaveLength(1);
    expect(form[0]!.kinds.sort()).toEqual(['health', 'iban']);
    expect(form[0]!.categories.sort()).toEqual(['billing', 'special_health']);
    expect(form[0]!.status).toBe('open');
    const stored = JSON.stringify(form[0]);
    expect(stored).not.toContain('Diabetes');
    expect(stored).not.toContain('DE89');
    expect(stored).not.toContain('3704 0044');
    const health = form[0]!.hits.find((h) => h.kind === 'health')!;
    expect(TEXT.slice(health.start, health.end)).toBe('Diabetes');
  });

  it('replaces the open finding of the same field and removes it once the text is clean', async () => {
    expect(await queue('Nur noch Diabetes erwähnt.')).toBe(1);
    let form = (await findings()).filter((r) => r.source_kind === 'form_submission');
    expect(form).toHaveLength(1);
    expect(form[0]!.kinds).toEqual(['health']);
    expect(await queue('Rückruf am Montag.')).toBe(0);
    form = (await findings()).filter((r) => r.source_kind === 'form_submission');
    expect(form).toHaveLength(0);
  });
});
