import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, personBody, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { snapshotData } from '../../../test/support/snapshot.ts';
import { asSystem, inTenant } from '../../db/tenant.ts';
import { DEFAULT_LETTER_TEMPLATES } from '../../domain/requests/letter-templates.ts';
import { shredSubjectKey } from '../keys/keys.service.ts';

// a fresh database with migrations per kind: slow on a busy machine
vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

// Monday 2 November 2026, 10:00 in Berlin: a request received now is due on Wednesday 2 December 2026
const NOW = new Date('2026-11-02T09:00:00Z');
const PERSON = {
  firstName: 'Jürgen',
  lastName: 'Weißmüller',
  address: { street: 'Königstraße 12', postalCode: '70173', city: 'Stuttgart', country: 'DE' },
};
const NAME = 'Jürgen Weißmüller';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

const pdfText = async (body: Buffer) => {
  const pdf = await getDocumentProxy(new Uint8Array(body));
  const { text } = await extractText(pdf, { mergePages: true });
  // lines break where the layout wraps them
  return text.replace(/\s+/g, ' ');
};

describe.each(testDatabaseKinds())('letters API on %s', (kind) => {
  let t: TestApp;
  let dpo: string;
  let sales: string;
  let personCounter = 0;

  const call = (token: string, method: Method, url: string, body?: object) =>
    t.call(token, { method, url: `/api/v1${url}`, ...(body ? { body } : {}) });
  const newPerson = async () => {
    personCounter += 1;
    const res = await call(
      dpo,
      'POST',
      '/persons',
      personBody({
        ...PERSON,
        email: `letters${personCounter}@example.de`,
        phone: `+49 711 ${1000 + personCounter}`,
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const newRequest = async (body: Record<string, unknown> = {}) => {
    const res = await call(dpo, 'POST', '/requests', {
      type: 'access',
      personId: await newPerson(),
      channel: 'letter',
      ...body,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; number: string; personId: string };
  };
  const writeLetter = async (requestId: string, body: object) => {
    const res = await call(dpo, 'POST', `/requests/${requestId}/letters`, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const expectRefused = async (
    res: Promise<{ statusCode: number; json: () => { code: string } }>,
    status: number,
    code: string,
  ) => {
    const before = await snapshotData(t.db);
    const r = await res;
    expect(r.statusCode).toBe(status);
    expect(r.json().code).toBe(code);
    expect(await snapshotData(t.db)).toEqual(before);
  };

  beforeAll(async () => {
    t = await createTestApp(kind, { now: () => NOW });
    dpo = (await t.userWithToken({ role: 'dpo' })).token;
    sales = (await t.userWithToken({ role: 'sales', departmentNames: ['Vertrieb'] })).token;
  });
  afterAll(() => t?.close());

  it('writes an acknowledgement in German and English, stored sealed, and renders it as a PDF', async () => {
    const request = await newRequest();
    const de = await writeLetter(request.id, { kind: 'acknowledgement' });
    expect(de).toMatchObject({ requestId: request.id, kind: 'acknowledgement', locale: 'de', sentAt: null });
    expect(de.subject).toBe(`Eingangsbestätigung zu Ihrem Antrag ${request.number}`);
    expect(de.body).toMatch(new RegExp(`^Sehr geehrte/r ${NAME},`));
    expect(de.body).toContain('Antrags auf Auskunft (Art. 15 DSGVO) vom 02.11.2026');
    expect(de.body).toContain('spätestens bis zum 02.12.2026');
    expect(de.body).toMatch(/Mit freundlichen Grüßen\n\nMuster GmbH\nDatenschutz$/);

    const en = await writeLetter(request.id, { kind: 'acknowledgement', locale: 'en' });
    expect(en.body).toMatch(new RegExp(`^Dear ${NAME},`));
    expect(en.body).toContain('by 2 December 2026 at the latest');

    // the text names the person: stored only sealed under their data key
    const rows = await asSystem(t.db.kysely, (tx) =>
      tx.selectFrom('dsr_letters').selectAll().where('request_id', '=', request.id).execute(),
    );
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.subject_enc).not.toContain(request.number);
      expect(row.body_enc).not.toContain('Weißmüller');
    }
    const events = await asSystem(t.db.kysely, (tx) =>
      tx.selectFrom('dsr_events').select(['kind', 'detail']).where('request_id', '=', request.id).execute(),
    );
    expect(events.filter((e) => e.kind === 'letter_created')).toEqual([
      { kind: 'letter_created', detail: 'acknowledgement' },
      { kind: 'letter_created', detail: 'acknowledgement' },
    ]);

    const list = await call(dpo, 'GET', `/requests/${request.id}/letters`);
    expect(list.statusCode).toBe(200);
    // both were written at the same (fixed) instant: compare in a stable order
    const items = list.json().items.map((l: { locale: string; body: string }) => [l.locale, l.body]);
    expect(items.sort()).toEqual([
      ['de', de.body],
      ['en', en.body],
    ]);

    const pdf = await call(dpo, 'GET', `/letters/${de.id}/pdf`);
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain(NAME);
    expect(text).toContain('Königstraße 12');
    expect(text).toContain('70173 Stuttgart');
    expect(text).toContain(request.number);
    expect(text).toContain('02.12.2026');
    expect(text).toContain('Eingangsbestätigung');
    expect(text).toContain('Grüßen');
    expect(text).toContain('Muster GmbH');
    expect(text).toContain('Unser Zeichen');

    const enText = await pdfText((await call(dpo, 'GET', `/letters/${en.id}/pdf`)).rawPayload);
    expect(enText).toContain(`Dear ${NAME},`);
    expect(enText).toContain('2 December 2026');
    expect(enText).toContain('Our reference');
  });

  it('lists every template kind × language with the built-in texts and the placeholders', async () => {
    const res = await call(sales, 'GET', '/letter-templates');
    expect(res.statusCode).toBe(200);
    const { items, placeholders } = res.json();
    expect(items).toHaveLength(18);
    expect(items.every((i: { isDefault: boolean }) => i.isDefault)).toBe(true);
    expect(
      items.find((i: { kind: string; locale: string }) => i.kind === 'refusal' && i.locale === 'de'),
    ).toMatchObject(DEFAULT_LETTER_TEMPLATES.refusal.de);
    expect(placeholders).toContain('art15Facts');
  });

  it('refuses a template with an unknown placeholder and changes nothing', async () => {
    await expectRefused(
      call(dpo, 'PUT', '/letter-templates/acknowledgement/de', {
        subject: 'Ihr Antrag {{requestNumber}}',
        body: 'Hallo {{vorname}}, wir melden uns.',
      }),
      422,
      'invalid_template',
    );
    const res = await call(dpo, 'PUT', '/letter-templates/acknowledgement/de', {
      subject: 'Antrag {{requestNummer}}',
      body: 'Hallo {{personName}}',
    });
    expect(res.json()).toMatchObject({ code: 'invalid_template' });
    expect(res.json().message).toContain('{{requestNummer}}');
    // only the DPO edits templates
    await expectRefused(
      call(sales, 'PUT', '/letter-templates/acknowledgement/de', { subject: 'x', body: 'y' }),
      403,
      'forbidden',
    );
  });

  it('uses the DPO-edited template, and the built-in one again after a reset', async () => {
    const put = await call(dpo, 'PUT', '/letter-templates/acknowledgement/de', {
      subject: 'Ihr Zeichen {{requestNumber}}',
      body: 'Guten Tag {{personName}},\n\nwir antworten bis {{dueAt}}.\n\n{{companyName}}',
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({
      kind: 'acknowledgement',
      locale: 'de',
      isDefault: false,
      updatedAt: NOW.toISOString(),
    });
    const listed = (await call(dpo, 'GET', '/letter-templates')).json().items;
    expect(listed.filter((i: { isDefault: boolean }) => !i.isDefault)).toHaveLength(1);

    const request = await newRequest();
    const edited = await writeLetter(request.id, { kind: 'acknowledgement' });
    expect(edited.subject).toBe(`Ihr Zeichen ${request.number}`);
    expect(edited.body).toBe(`Guten Tag ${NAME},\n\nwir antworten bis 02.12.2026.\n\nMuster GmbH`);
    // the English one is still the built-in text
    const en = await writeLetter(request.id, { kind: 'acknowledgement', locale: 'en' });
    expect(en.body).toMatch(/^Dear /);

    const audit = await asSystem(t.db.kysely, (tx) =>
      tx
        .selectFrom('audit_log')
        .select(['action', 'fields'])
        .where('action', '=', 'settings_change')
        .execute(),
    );
    expect(audit.map((a) => a.fields)).toContainEqual(['letterTemplate.acknowledgement.de']);

    const reset = await call(dpo, 'DELETE', '/letter-templates/acknowledgement/de');
    expect(reset.statusCode).toBe(200);
    expect(reset.json()).toMatchObject({ isDefault: true, ...DEFAULT_LETTER_TEMPLATES.acknowledgement.de });
    const again = await writeLetter(request.id, { kind: 'acknowledgement' });
    expect(again.body).toMatch(/^Sehr geehrte\/r /);
  });

  it('writes the access answer only from the completed request’s export', async () => {
    const request = await newRequest({ identityStatus: 'not_required' });
    await expectRefused(
      call(dpo, 'POST', `/requests/${request.id}/letters`, { kind: 'access_answer' }),
      409,
      'export_not_available',
    );
    const fulfil = await call(dpo, 'POST', `/requests/${request.id}/fulfil`, {});
    expect(fulfil.statusCode, fulfil.body).toBe(200);
    const letter = await writeLetter(request.id, { kind: 'access_answer' });
    expect(letter.subject).toBe(`Auskunft nach Art. 15 DSGVO zu Ihrem Antrag ${request.number}`);
    expect(letter.body).toContain(
      '1. Zwecke der Verarbeitung und Rechtsgrundlagen (Art. 15 Abs. 1 lit. a DSGVO):',
    );
    expect(letter.body).toContain('7. Automatisierte Entscheidungsfindung');
    expect(letter.body).toContain('– Stammdaten: 1');
    const text = await pdfText((await call(dpo, 'GET', `/letters/${letter.id}/pdf`)).rawPayload);
    expect(text).toContain('Art. 15 Abs. 1 lit. a');
  });

  it('refuses a letter that does not fit the request, and non-DPO roles', async () => {
    const request = await newRequest();
    await expectRefused(
      call(dpo, 'POST', `/requests/${request.id}/letters`, { kind: 'refusal' }),
      409,
      'letter_not_applicable',
    );
    await expectRefused(
      call(dpo, 'POST', `/requests/${request.id}/letters`, { kind: 'erasure_confirmation' }),
      409,
      'letter_not_applicable',
    );
    await expectRefused(
      call(sales, 'POST', `/requests/${request.id}/letters`, { kind: 'acknowledgement' }),
      403,
      'forbidden',
    );
    await expectRefused(
      call(dpo, 'POST', '/requests/00000000-0000-4000-8000-000000000000/letters', {
        kind: 'acknowledgement',
      }),
      404,
      'not_found',
    );
  });

  it('marks a letter as sent once', async () => {
    const request = await newRequest();
    const letter = await writeLetter(request.id, { kind: 'identity_request' });
    const sent = await call(dpo, 'POST', `/letters/${letter.id}/sent`);
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json().sentAt).toBe(NOW.toISOString());
    const again = await call(dpo, 'POST', `/letters/${letter.id}/sent`);
    expect(again.json().sentAt).toBe(NOW.toISOString());
    const events = await asSystem(t.db.kysely, (tx) =>
      tx
        .selectFrom('dsr_events')
        .select('kind')
        .where('request_id', '=', request.id)
        .where('kind', '=', 'letter_sent')
        .execute(),
    );
    expect(events).toHaveLength(1);
  });

  it('keeps no readable letter once the person’s key is shredded', async () => {
    const request = await newRequest();
    const letter = await writeLetter(request.id, { kind: 'acknowledgement' });
    await inTenant(t.db.kysely, t.tenantId, (tx) => shredSubjectKey(tx, t.ctx, request.personId));
    await expectRefused(call(dpo, 'GET', `/letters/${letter.id}/pdf`), 409, 'letter_unavailable');
    await expectRefused(
      call(dpo, 'POST', `/requests/${request.id}/letters`, { kind: 'acknowledgement' }),
      409,
      'letter_unavailable',
    );
    const list = await call(dpo, 'GET', `/requests/${request.id}/letters`);
    expect(list.json().items).toEqual([
      expect.objectContaining({ id: letter.id, subject: null, body: null }),
    ]);
    expect(list.body).not.toContain('Weißmüller');
  });
});
