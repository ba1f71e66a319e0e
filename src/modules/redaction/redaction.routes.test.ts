import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, personBody, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { asSystem, inTenant } from '../../db/tenant.ts';
import { verifyAudit } from '../audit/audit.service.ts';
import { erasePerson } from '../erasure/erasure.service.ts';

const API = '/api/v1';
const IBAN = 'DE89 3704 0044 0532 0130 00';
const NOTE = `Rückruf erbeten. Kunde hat Diabetes, Erstattung auf IBAN ${IBAN} bitte.`;

/** Every base table as JSON text (as the erasure test scans them). */
const rawTables = (t: TestApp) =>
  asSystem(t.db.kysely, async (tx) => {
    const names = (
      await sql<{ name: string }>`
        select table_name as name from information_schema.tables
        where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`.execute(tx)
    ).rows.map((r) => r.name);
    const out: Record<string, string> = {};
    for (const name of names) {
      const { rows } = await sql<{
        j: string | null;
      }>`select json_agg(t)::text as j from ${sql.table(name)} t`.execute(tx);
      out[name] = rows[0]?.j ?? '';
    }
    return out;
  });

const foundIn = (tables: Record<string, string>, needles: string[]) =>
  Object.entries(tables).flatMap(([table, text]) =>
    needles.filter((n) => text.includes(n)).map((n) => `${table}: ${n.slice(0, 12)}`),
  );

describe.each(testDatabaseKinds())('redaction queue on %s', (kind) => {
  let t: TestApp;
  let dpo: string;
  let sales: string;
  const call = (token: string, method: 'GET' | 'POST' | 'PATCH', url: string, body?: object) =>
    t.call(token, { method, url: `${API}${url}`, ...(body ? { body } : {}) });
  const newPerson = async (overrides: Record<string, unknown> = {}) => {
    const res = await call(dpo, 'POST', '/persons', personBody(overrides));
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const openFindings = async () =>
    (await call(dpo, 'GET', '/redactions')).json().items as Array<{
      id: string;
      source: { kind: string; id: string; field: string };
      kinds: string[];
      person: { id: string } | null;
    }>;
  const findingOf = async (sourceId: string, field: string) => {
    const f = (await openFindings()).find((x) => x.source.id === sourceId && x.source.field === field);
    expect(f, `finding for ${field}`).toBeDefined();
    return f!;
  };
  const sealedNotes = (personId: string) =>
    asSystem(t.db.kysely, (tx) =>
      tx.selectFrom('persons').select('notes').where('id', '=', personId).executeTakeFirstOrThrow(),
    );
  const auditCiphertexts = (personId: string) =>
    asSystem(t.db.kysely, async (tx) =>
      (
        await tx.selectFrom('audit_log').select('values_enc').where('subject_id', '=', personId).execute()
      ).flatMap((r) => (r.values_enc ? [r.values_enc] : [])),
    );

  beforeAll(async () => {
    t = await createTestApp(kind);
    dpo = (await t.userWithToken({ role: 'dpo' })).token;
    sales = (await t.userWithToken({ role: 'sales' })).token;
  });
  afterAll(() => t?.close());

  it('a note with a health term and an IBAN creates one finding with kinds and offsets, never the text', async () => {
    const personId = await newPerson({ notes: NOTE });
    const f = await findingOf(personId, 'notes');
    expect(f.kinds.sort()).toEqual(['health', 'iban']);
    expect(f.person?.id).toBe(personId);
    const raw = await asSystem(t.db.kysely, (tx) =>
      tx.selectFrom('redaction_findings').selectAll().where('id', '=', f.id).executeTakeFirstOrThrow(),
    );
    expect(JSON.stringify(raw)).not.toContain('Diabetes');
    expect(JSON.stringify(raw)).not.toContain('DE89');
    expect(JSON.stringify(raw)).not.toContain('3704 0044');
    // the DPO sees the text with the hits; the admin may not read health data and sees no text
    const detail = (await call(dpo, 'GET', `/redactions/${f.id}`)).json();
    expect(detail.text).toBe(NOTE);
    const health = detail.hits.find((h: { kind: string }) => h.kind === 'health');
    expect(NOTE.slice(health.start, health.end)).toBe('Diabetes');
    const asAdmin = (await call(t.adminToken, 'GET', `/redactions/${f.id}`)).json();
    expect(asAdmin).toMatchObject({ text: null, textHidden: 'not_permitted' });
    // a clean edit of the note removes the open finding
    await call(dpo, 'PATCH', `/persons/${personId}`, { notes: 'Rückruf erbeten.', version: 1 });
    expect((await openFindings()).some((x) => x.source.id === personId)).toBe(false);
  });

  it('sales may not see, redact or dismiss findings', async () => {
    const personId = await newPerson({ notes: NOTE });
    const f = await findingOf(personId, 'notes');
    expect((await call(sales, 'GET', '/redactions')).statusCode).toBe(403);
    expect((await call(sales, 'GET', `/redactions/${f.id}`)).statusCode).toBe(403);
    expect((await call(sales, 'POST', `/redactions/${f.id}/redact`, {})).statusCode).toBe(403);
    expect((await call(sales, 'POST', `/redactions/${f.id}/dismiss`, { reason: 'harmlos' })).statusCode).toBe(
      403,
    );
    expect((await sealedNotes(personId)).notes).not.toBeNull();
  });

  it('dismiss keeps the text and closes the finding; a second decision is refused', async () => {
    const personId = await newPerson({
      notes: 'Kundin ist Mitglied der Gewerkschaft ver.di und will Rabatt.',
    });
    const f = await findingOf(personId, 'notes');
    const res = await call(dpo, 'POST', `/redactions/${f.id}/dismiss`, {
      reason: 'Rabattvereinbarung mit ver.di',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'dismissed', dismissReason: 'Rabattvereinbarung mit ver.di' });
    const again = await call(dpo, 'POST', `/redactions/${f.id}/redact`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('redaction_decided');
    const person = (await call(dpo, 'GET', `/persons/${personId}`)).json();
    expect(person.notes).toContain('Gewerkschaft');
  });

  it('redact removes the passages from every table, re-seals the note and keeps the audit chain verifiable', async () => {
    const personId = await newPerson({ notes: NOTE });
    // a second copy of the text in the audit trail: an update of the note that keeps the passages
    const updated = await call(dpo, 'PATCH', `/persons/${personId}`, {
      notes: `${NOTE} Nachtrag.`,
      version: 1,
    });
    expect(updated.statusCode, updated.body).toBe(200);
    const f = await findingOf(personId, 'notes');
    const before = [(await sealedNotes(personId)).notes as string, ...(await auditCiphertexts(personId))];
    expect(before.length).toBeGreaterThanOrEqual(3);
    const res = await call(dpo, 'POST', `/redactions/${f.id}/redact`, {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().finding).toMatchObject({
      status: 'redacted',
      redactedKinds: expect.arrayContaining(['health', 'iban']),
    });
    expect(res.json().scrubbed.auditValuesDestroyed).toBeGreaterThanOrEqual(2);

    const person = (await call(dpo, 'GET', `/persons/${personId}`)).json();
    expect(person.notes).toBe(
      'Rückruf erbeten. Kunde hat [entfernt: Gesundheit], Erstattung auf IBAN [entfernt: IBAN] bitte. Nachtrag.',
    );
    const tables = await rawTables(t);
    // no clear text and no copy of any ciphertext that held it, anywhere
    expect(foundIn(tables, ['Diabetes', IBAN, IBAN.replaceAll(' ', ''), ...before])).toEqual([]);
    expect(await verifyAudit(t.ctx, { tenantId: t.tenantId })).toMatchObject({ ok: true });
    // the audit trail records the redaction, without the text
    const audit = await asSystem(t.db.kysely, (tx) =>
      tx
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'redact')
        .where('subject_id', '=', personId)
        .execute(),
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.values_enc).toBeNull();
    // the placeholder itself is no new finding when the note is saved again
    await call(dpo, 'PATCH', `/persons/${personId}`, { notes: `${person.notes} `, version: person.version });
    expect((await openFindings()).some((x) => x.source.id === personId)).toBe(false);
  });

  it('redacts chosen spans only; unknown spans are refused', async () => {
    const personId = await newPerson({ notes: NOTE });
    const f = await findingOf(personId, 'notes');
    const detail = (await call(dpo, 'GET', `/redactions/${f.id}`)).json();
    const iban = detail.hits.find((h: { kind: string }) => h.kind === 'iban');
    const bad = await call(dpo, 'POST', `/redactions/${f.id}/redact`, {
      spans: [{ kind: 'iban', start: 0, end: 3 }],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().code).toBe('redaction_spans_invalid');
    const ok = await call(dpo, 'POST', `/redactions/${f.id}/redact`, {
      spans: [{ kind: 'iban', start: iban.start, end: iban.end }],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const person = (await call(dpo, 'GET', `/persons/${personId}`)).json();
    expect(person.notes).toContain('Diabetes');
    expect(person.notes).toContain('[entfernt: IBAN]');
  });

  it('redacts an interaction body and a case message', async () => {
    const personId = await newPerson();
    const created = await call(dpo, 'POST', `/persons/${personId}/interactions`, {
      kind: 'call',
      occurredAt: '2026-11-02T10:00:00+01:00',
      subject: 'Rückruf',
      body: 'Sie ist schwanger und möchte später liefern lassen.',
    });
    expect(created.statusCode, created.body).toBe(201);
    const fi = await findingOf(created.json().id, 'body');
    expect((await call(dpo, 'POST', `/redactions/${fi.id}/redact`, {})).statusCode).toBe(200);
    const timeline = (await call(dpo, 'GET', `/persons/${personId}/interactions`)).json().items;
    expect(timeline[0].body).toBe('Sie ist [entfernt: Gesundheit] und möchte später liefern lassen.');

    const c = await call(dpo, 'POST', '/cases', {
      personId,
      channel: 'phone',
      category: 'complaint',
      subject: 'Lieferung',
      message: 'Bitte an meine Kreditkarte 4111 1111 1111 1111 erstatten.',
    });
    expect(c.statusCode, c.body).toBe(201);
    const messageId = c.json().messages[0].id;
    const fc = await findingOf(messageId, 'body');
    expect(fc.kinds).toEqual(['payment_card']);
    expect((await call(dpo, 'POST', `/redactions/${fc.id}/redact`, {})).statusCode).toBe(200);
    const shown = (await call(dpo, 'GET', `/cases/${c.json().id}`)).json();
    expect(shown.messages[0].body).toBe('Bitte an meine Kreditkarte [entfernt: Kartennummer] erstatten.');
    const tables = await rawTables(t);
    expect(foundIn(tables, ['schwanger', '4111 1111 1111 1111', '4111111111111111'])).toEqual([]);
    expect(await verifyAudit(t.ctx, { tenantId: t.tenantId })).toMatchObject({ ok: true });
  });

  it('sends the notice to the person through the outbox; 409 without an e-mail address or before a redaction', async () => {
    const personId = await newPerson({ notes: NOTE, email: 'notice@example.de' });
    const f = await findingOf(personId, 'notes');
    const early = await call(dpo, 'POST', `/redactions/${f.id}/notice`, { language: 'de' });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('redaction_not_redacted');
    await call(dpo, 'POST', `/redactions/${f.id}/redact`, {});
    const sent = await call(dpo, 'POST', `/redactions/${f.id}/notice`, { language: 'de' });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json().noticeSentAt).not.toBeNull();
    const mails = await asSystem(t.db.kysely, (tx) =>
      tx.selectFrom('outbound_mails').selectAll().where('person_id', '=', personId).execute(),
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ kind: 'notice', to_address: 'notice@example.de' });
    expect(mails[0]!.subject).toBe('Wir haben Angaben über Sie gelöscht');
    expect(mails[0]!.body_text).toContain('Gesundheit, IBAN');
    expect(mails[0]!.body_text).not.toContain('Diabetes');

    const noMail = await newPerson({ notes: NOTE, email: undefined });
    const g = await findingOf(noMail, 'notes');
    await call(dpo, 'POST', `/redactions/${g.id}/redact`, {});
    const refused = await call(dpo, 'POST', `/redactions/${g.id}/notice`, { language: 'en' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('redaction_no_email');
  });

  it("a person's erasure removes their findings", async () => {
    const personId = await newPerson({ notes: NOTE });
    await findingOf(personId, 'notes');
    await inTenant(t.db.kysely, t.tenantId, (tx) =>
      erasePerson(tx, t.ctx, { actor: null, tenantId: t.tenantId, personId, requestId: null }),
    );
    const left = await asSystem(t.db.kysely, (tx) =>
      tx.selectFrom('redaction_findings').select('id').where('person_id', '=', personId).execute(),
    );
    expect(left).toEqual([]);
  });
});
