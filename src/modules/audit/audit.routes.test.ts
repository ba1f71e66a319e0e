import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, personBody, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { asSystem, inTenant } from '../../db/tenant.ts';
import { shredSubjectKey } from '../keys/keys.service.ts';
import { verifyAudit } from './audit.service.ts';

describe.each(testDatabaseKinds())('audit trail on %s', (kind) => {
  let t: TestApp;
  let dpo: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    dpo = (await t.userWithToken({ role: 'dpo' })).token;
  });
  afterAll(() => t.close());

  const auditOf = async (subjectId: string) =>
    (await t.call(dpo, { method: 'GET', url: `/api/v1/audit?subjectId=${subjectId}&limit=200` })).json()
      .items as {
      action: string;
      fields: string[];
      values: { old?: Record<string, unknown>; new?: Record<string, unknown> } | null;
      valuesState: string;
      actor: { id: string } | null;
      via: string;
    }[];

  const createPerson = async (overrides: Record<string, unknown> = {}) => {
    const res = await t.call(t.adminToken, {
      method: 'POST',
      url: '/api/v1/persons',
      body: personBody(overrides),
    });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; version: number };
  };

  it('records create, read and update of a person with fields and encrypted old/new values', async () => {
    const p = await createPerson({ notes: 'Rückruf wegen Vertrag' });
    await t.call(t.adminToken, { method: 'GET', url: `/api/v1/persons/${p.id}` });
    await t.call(t.adminToken, {
      method: 'PATCH',
      url: `/api/v1/persons/${p.id}`,
      body: { version: 1, email: 'neu@example.de' },
    });
    const entries = (await auditOf(p.id)).reverse();
    expect(entries.map((e) => e.action)).toEqual(['create', 'read', 'update']);
    expect(entries[0]).toMatchObject({ actor: { id: t.adminId }, via: 'token', valuesState: 'available' });
    expect(entries[0]!.fields).toEqual(
      expect.arrayContaining(['firstName', 'email', 'notes', 'legalBasis', 'purposes']),
    );
    expect(entries[0]!.values?.new?.notes).toBe('Rückruf wegen Vertrag');
    expect(entries[1]!.fields).toContain('email');
    expect(entries[1]!.values).toBeNull();
    expect(entries[2]).toMatchObject({
      fields: ['email'],
      values: { old: { email: 'anna.mueller@example.de' }, new: { email: 'neu@example.de' } },
    });
    // nothing readable in the table itself
    const raw = await asSystem(t.db.kysely, (tx) =>
      tx
        .selectFrom('audit_log')
        .select('values_enc')
        .where('subject_id', '=', p.id)
        .where('values_enc', 'is not', null)
        .execute(),
    );
    for (const r of raw) expect(r.values_enc).not.toMatch(/Rückruf|example\.de/);
  });

  it('stores notes and interaction bodies only as ciphertext and records the timeline access', async () => {
    const p = await createPerson({ notes: 'Allergie gegen Nüsse erwähnt' });
    const i = await t.call(t.adminToken, {
      method: 'POST',
      url: `/api/v1/persons/${p.id}/interactions`,
      body: {
        kind: 'call',
        occurredAt: '2026-11-02T10:00:00Z',
        subject: 'Reklamation',
        body: 'Kunde ist verärgert',
      },
    });
    expect(i.statusCode).toBe(201);
    expect(i.json().body).toBe('Kunde ist verärgert');
    const list = await t.call(t.adminToken, { method: 'GET', url: `/api/v1/persons/${p.id}/interactions` });
    expect(list.json().items[0].body).toBe('Kunde ist verärgert');
    const rows = await asSystem(t.db.kysely, async (tx) => ({
      person: await tx.selectFrom('persons').select('notes').where('id', '=', p.id).executeTakeFirstOrThrow(),
      interaction: await tx
        .selectFrom('interactions')
        .select('body')
        .where('person_id', '=', p.id)
        .executeTakeFirstOrThrow(),
    }));
    expect(rows.person.notes).toMatch(/^v1\./);
    expect(rows.person.notes).not.toContain('Nüsse');
    expect(rows.interaction.body).not.toContain('verärgert');
    const actions = (await auditOf(p.id)).map((e) => `${e.action}:${e.fields.join(',')}`);
    expect(actions).toEqual(expect.arrayContaining(['create:interaction', 'read:interactions']));
  });

  it('shows "erased" instead of values once the subject key is shredded, and nothing decrypts any more', async () => {
    const p = await createPerson({ notes: 'Vertraulich: Scheidung läuft' });
    await t.call(t.adminToken, {
      method: 'POST',
      url: `/api/v1/persons/${p.id}/interactions`,
      body: { kind: 'note', occurredAt: '2026-11-03T09:00:00Z', subject: 'Notiz', body: 'Privates Gespräch' },
    });
    await inTenant(t.db.kysely, t.tenantId, (tx) => shredSubjectKey(tx, t.ctx, p.id));
    const entries = await auditOf(p.id);
    const withValues = entries.filter((e) => e.action === 'create');
    expect(withValues.length).toBeGreaterThan(0);
    for (const e of withValues) expect(e).toMatchObject({ valuesState: 'erased', values: null });
    const person = await t.call(t.adminToken, { method: 'GET', url: `/api/v1/persons/${p.id}` });
    expect(person.json().notes).toBeNull();
    const timeline = await t.call(t.adminToken, {
      method: 'GET',
      url: `/api/v1/persons/${p.id}/interactions`,
    });
    expect(timeline.json().items[0].body).toBeNull();
    // proof: no key that still exists in the installation opens any ciphertext of this person
    const { tryAllKeys } = await import('../../../test/support/keys.ts');
    const opened = await tryAllKeys(t, p.id);
    expect(opened.ciphertexts).toBeGreaterThanOrEqual(3);
    expect(opened.decrypted).toEqual([]);
  });

  it('is for the DPO only; a denied attempt is itself recorded', async () => {
    const sales = await t.userWithToken({ role: 'sales' });
    const res = await t.call(sales.token, { method: 'GET', url: '/api/v1/audit' });
    expect(res.statusCode).toBe(403);
    const denials = (
      await t.call(dpo, { method: 'GET', url: '/api/v1/audit?action=permission_denied' })
    ).json().items;
    expect(denials[0]).toMatchObject({ actor: { id: sales.user.id }, note: 'GET /api/v1/audit' });
    expect((await t.call(t.adminToken, { method: 'GET', url: '/api/v1/audit/verify' })).statusCode).toBe(403);
  });

  it('offers no filter by employee (no activity monitoring of staff)', async () => {
    const res = await t.call(dpo, { method: 'GET', url: `/api/v1/audit?actorUserId=${t.adminId}` });
    expect(res.statusCode).toBe(422);
  });

  it("shows a person's change history with values only for fields the role may read", async () => {
    const support = await t.userWithToken({ role: 'support' });
    const created = await t.call(support.token, {
      method: 'POST',
      url: '/api/v1/persons',
      body: personBody({
        legalBasis: 'consent',
        accessibilityNeeds: 'Rollstuhl',
        specialCategoryBasis: 'explicit_consent',
      }),
    });
    const id = created.json().id;
    await t.call(support.token, {
      method: 'PATCH',
      url: `/api/v1/persons/${id}`,
      body: { version: 1, phone: '+49 40 123456' },
    });
    const bySupport = (
      await t.call(support.token, { method: 'GET', url: `/api/v1/persons/${id}/history` })
    ).json().items;
    expect(bySupport.map((h: { action: string }) => h.action)).toEqual(['update', 'create']);
    expect(bySupport[0]).toMatchObject({
      fields: ['phone'],
      changes: { phone: { old: '+49301234567', new: '+4940123456' } },
    });
    expect(bySupport[1].changes.accessibilityNeeds).toEqual({ new: 'Rollstuhl' });
    const byAdmin = (
      await t.call(t.adminToken, { method: 'GET', url: `/api/v1/persons/${id}/history` })
    ).json().items;
    expect(byAdmin[1].fields).toContain('accessibilityNeeds');
    expect(byAdmin[1].changes.accessibilityNeeds).toBeUndefined();
  });

  it('verifies the chain, and names the first entry that was altered or deleted in the database', async () => {
    const ok = await t.call(dpo, { method: 'GET', url: '/api/v1/audit/verify' });
    expect(ok.json()).toMatchObject({ ok: true });
    expect(ok.json().verified).toBeGreaterThan(10);
    const tamper = async (statement: ReturnType<typeof sql>) =>
      asSystem(t.db.kysely, async (tx) => {
        await sql`set local session_replication_role = replica`.execute(tx);
        await statement.execute(tx);
      });
    await tamper(sql`update audit_log set action = 'tampered' where seq = 5 and tenant_id = ${t.tenantId}`);
    expect(await verifyAudit(t.ctx)).toMatchObject({
      ok: false,
      broken: { seq: 5, reason: 'hash_mismatch' },
    });
    const cli = await t.call(dpo, { method: 'GET', url: '/api/v1/audit/verify' });
    expect(cli.json()).toMatchObject({ ok: false, broken: { seq: 5 } });
  });
});

describe.each(testDatabaseKinds())('audit log is append-only on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
    for (const lastName of ['Meier', 'Meyer', 'Maier']) {
      await t.call(t.adminToken, { method: 'POST', url: '/api/v1/persons', body: personBody({ lastName }) });
    }
  });
  afterAll(() => t.close());

  it('the application role can neither update nor delete entries', async () => {
    await expect(
      inTenant(t.db.kysely, t.tenantId, (tx) => sql`update audit_log set note = 'x'`.execute(tx)),
    ).rejects.toThrow();
    await expect(
      inTenant(t.db.kysely, t.tenantId, (tx) => sql`delete from audit_log`.execute(tx)),
    ).rejects.toThrow();
    await expect(asSystem(t.db.kysely, (tx) => sql`delete from audit_log`.execute(tx))).rejects.toThrow(
      /append-only/,
    );
    expect((await verifyAudit(t.ctx)).ok).toBe(true);
  });

  it('detects a deleted entry in the middle and at the end of the chain', async () => {
    const before = await verifyAudit(t.ctx);
    await asSystem(t.db.kysely, async (tx) => {
      await sql`set local session_replication_role = replica`.execute(tx);
      await sql`delete from audit_log where tenant_id = ${t.tenantId} and seq = (select max(seq) from audit_log)`.execute(
        tx,
      );
    });
    expect(await verifyAudit(t.ctx)).toMatchObject({
      ok: false,
      broken: { seq: before.verified, reason: 'head_mismatch' },
    });
    await asSystem(t.db.kysely, async (tx) => {
      await sql`set local session_replication_role = replica`.execute(tx);
      await sql`delete from audit_log where tenant_id = ${t.tenantId} and seq = 1`.execute(tx);
    });
    expect(await verifyAudit(t.ctx)).toMatchObject({ ok: false, broken: { seq: 1, reason: 'gap' } });
  });
});
