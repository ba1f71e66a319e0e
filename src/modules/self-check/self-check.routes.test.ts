import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, personBody, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { createExtraTenant, type ExtraTenant } from '../../../test/support/tenant.ts';
import { asSystem } from '../../db/tenant.ts';
import { CHECK_IDS, type CheckId } from '../../domain/self-check/checks.ts';

vi.setConfig({ hookTimeout: 240_000, testTimeout: 120_000 });
const API = '/api/v1';
const HOUR = 3_600_000;
const WORDING = 'Ja, ich möchte den Newsletter der Muster GmbH per E-Mail erhalten. Abmeldung jederzeit.';

type Report = {
  checkedAt: string;
  ok: boolean;
  findings: {
    check: CheckId;
    severity: string;
    count: number;
    refs: { type: string; id: string; personId?: string }[];
    detail?: Record<string, number | string>;
  }[];
};

/**
 * The self-check finds each planted violation and nothing else, and a fresh installation is clean.
 * Violations are planted as the owner (asSystem), as a faulty import or a bug would leave them, or
 * through the API where the API allows it (a late request or breach); each test removes its plant.
 */
describe.each(testDatabaseKinds())('self-check on %s', (kind) => {
  let clock = new Date('2026-05-04T08:00:00Z');
  let t: TestApp;
  let b: ExtraTenant;
  let dpo: string;
  let sales: string;
  let bDpo: string;

  const call = (token: string, method: 'GET' | 'POST', url: string, body?: object) =>
    t.call(token, { method, url: `${API}${url}`, ...(body ? { body } : {}) });
  const check = async (token = dpo): Promise<Report> => {
    const res = await call(token, 'GET', '/self-check');
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const system = (statement: ReturnType<typeof sql>) => asSystem(t.db.kysely, (tx) => statement.execute(tx));
  const newPerson = async (overrides: Record<string, unknown> = {}) => {
    const res = await call(dpo, 'POST', '/persons', personBody(overrides));
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const expectClean = (report: Report) => {
    expect(report.findings.filter((f) => f.count > 0)).toEqual([]);
    expect(report.ok).toBe(true);
  };
  /** Exactly `check` fires, once, naming `ref`; every other check counts 0. */
  const expectOnly = (report: Report, check: CheckId, ref: { type: string; id: string }) => {
    expect(report.ok).toBe(false);
    expect(report.findings[0]).toMatchObject({ check, severity: 'violation', count: 1 });
    expect(report.findings[0]!.refs).toEqual([expect.objectContaining(ref)]);
    expect(report.findings.slice(1).every((f) => f.count === 0 && f.refs.length === 0)).toBe(true);
    return report.findings[0]!;
  };

  beforeAll(async () => {
    t = await createTestApp(kind, { now: () => clock });
    b = await createExtraTenant(t, { label: 'tenant-b' });
    bDpo = (await b.userWithToken({ role: 'dpo' })).token;
    dpo = (await t.userWithToken({ role: 'dpo' })).token;
    sales = (await t.userWithToken({ role: 'sales' })).token;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a fresh installation is clean: ok, every check once with count 0', async () => {
    const report = await check();
    expectClean(report);
    expect(report.checkedAt).toBe(clock.toISOString());
    expect(report.findings.map((f) => f.check).sort()).toEqual([...CHECK_IDS].sort());
    expect(report.findings.every((f) => f.refs.length === 0 && f.detail === undefined)).toBe(true);
    expectClean(await check(bDpo));
  });

  it('admin and DPO run it; every other role is refused', async () => {
    expect((await call(t.adminToken, 'GET', '/self-check')).statusCode).toBe(200);
    for (const role of ['sales', 'marketing', 'support', 'accounting', 'readonly'] as const) {
      const { token } = await t.userWithToken({ role });
      const res = await call(token, 'GET', '/self-check');
      expect(res.statusCode, role).toBe(403);
      expect(res.json().code).toBe('forbidden');
    }
    expect((await t.call(null, { method: 'GET', url: `${API}/self-check` })).statusCode).toBe(401);
  });

  it('stays clean with everyday records kept by the rules', async () => {
    const customer = await newPerson({ email: 'kunde@example.de' });
    const wording = await call(t.adminToken, 'POST', '/consent-wordings', {
      purposeId: 'newsletter',
      channel: 'email',
      language: 'de',
      text: WORDING,
      advertiser: 'Muster GmbH',
    });
    expect(wording.statusCode, wording.body).toBe(201);
    // a customer under contract subscribes to the newsletter: the consent covers that purpose
    const consent = await call(sales, 'POST', `/persons/${customer}/consents`, {
      purposeId: 'newsletter',
      channel: 'email',
      wordingId: wording.json().id,
      method: 'in_person',
      givenAt: new Date(clock.getTime() - HOUR).toISOString(),
      proof: { note: 'Messestand, Formular unterschrieben' },
    });
    expect(consent.statusCode, consent.body).toBe(201);
    const request = await call(dpo, 'POST', '/requests', {
      type: 'access',
      personId: customer,
      channel: 'email',
      receivedAt: new Date(clock.getTime() - 20 * 24 * HOUR).toISOString(),
    });
    expect(request.statusCode, request.body).toBe(201);
    const fresh = await call(sales, 'POST', '/breaches', {
      title: 'Fehlversand',
      description: 'Eine Mail ging an den falschen Empfänger.',
      awareAt: new Date(clock.getTime() - 71 * HOUR).toISOString(),
    });
    expect(fresh.statusCode, fresh.body).toBe(201);
    const noRisk = await call(sales, 'POST', '/breaches', {
      title: 'Verlorener USB-Stick',
      description: 'Verschlüsselt, Schlüssel nicht betroffen.',
      awareAt: new Date(clock.getTime() - 100 * HOUR).toISOString(),
    });
    const late = await call(sales, 'POST', '/breaches', {
      title: 'Spät entdeckt',
      description: 'Die Meldung verzögert sich.',
      awareAt: new Date(clock.getTime() - 100 * HOUR).toISOString(),
    });
    await system(sql`update breaches set risk = 'none' where id = ${noRisk.json().id}`);
    await system(
      sql`update breaches set risk = 'risk', late_reason = 'Forensik abgewartet' where id = ${late.json().id}`,
    );
    expectClean(await check());
    // the withdrawn consent stays as Art. 7(1) proof: the purpose is still covered
    const withdrawn = await call(
      sales,
      'POST',
      `/persons/${customer}/consents/${consent.json().id}/withdraw`,
      {},
    );
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expectClean(await check());
    // the later tests move the clock: the fresh breach is notified in time
    await system(
      sql`update breaches set risk = 'risk', authority_notified_at = ${clock} where id = ${fresh.json().id}`,
    );
  });

  it('person_without_purpose: an undeclared purpose', async () => {
    const id = await newPerson();
    await system(sql`update persons set purposes = array['sales', 'astrologie'] where id = ${id}`);
    try {
      const finding = expectOnly(await check(), 'person_without_purpose', { type: 'person', id });
      expect(finding.detail).toEqual({ undeclaredPurpose: 1, legalBasisNotAllowed: 0 });
    } finally {
      await system(sql`update persons set purposes = array['sales'] where id = ${id}`);
    }
    expectClean(await check());
  });

  it('person_without_purpose: a legal basis the purpose does not allow, without a consent', async () => {
    const id = await newPerson();
    await system(
      sql`update persons set legal_basis = 'legal_obligation', purposes = array['marketing'] where id = ${id}`,
    );
    try {
      const finding = expectOnly(await check(), 'person_without_purpose', { type: 'person', id });
      expect(finding.detail).toEqual({ undeclaredPurpose: 0, legalBasisNotAllowed: 1 });
    } finally {
      await system(
        sql`update persons set legal_basis = 'contract', purposes = array['sales'] where id = ${id}`,
      );
    }
    expectClean(await check());
  });

  it('special_without_art9: health data under an Art. 6 basis instead of an Art. 9(2) condition', async () => {
    const id = await newPerson({ accessibilityNeeds: 'Gehörlos', specialCategoryBasis: 'explicit_consent' });
    // health data for a purpose may make other checks fire (a DPIA for the purpose): compare with that
    const before = await check();
    expect(before.findings.find((f) => f.check === 'special_without_art9')!.count).toBe(0);
    await system(sql`update persons set accessibility_legal_basis = 'legitimate_interest' where id = ${id}`);
    try {
      const after = await check();
      expect(after.ok).toBe(false);
      const changed = after.findings.filter(
        (f) => JSON.stringify(f) !== JSON.stringify(before.findings.find((g) => g.check === f.check)),
      );
      expect(changed).toEqual([
        { check: 'special_without_art9', severity: 'violation', count: 1, refs: [{ type: 'person', id }] },
      ]);
    } finally {
      await system(
        sql`update persons set accessibility_needs = null, accessibility_legal_basis = null where id = ${id}`,
      );
    }
    expectClean(await check());
  });

  describe('consent_without_proof', () => {
    let person: string;
    let consentId: string;
    let wordingId: string;
    beforeAll(async () => {
      person = await newPerson({ email: 'abonnent@example.de', legalBasis: 'consent', purposes: ['sales'] });
      wordingId = (
        await asSystem(t.db.kysely, (tx) =>
          tx
            .selectFrom('consent_wordings')
            .select('id')
            .where('tenant_id', '=', t.tenantId)
            .where('text', '=', WORDING)
            .executeTakeFirstOrThrow(),
        )
      ).id;
      const res = await call(sales, 'POST', `/persons/${person}/consents`, {
        purposeId: 'newsletter',
        channel: 'email',
        wordingId,
        method: 'letter',
        givenAt: new Date(clock.getTime() - HOUR).toISOString(),
        proof: { documentRef: 'Ordner Einwilligungen 2026/17' },
      });
      expect(res.statusCode, res.body).toBe(201);
      consentId = res.json().id;
      expectClean(await check());
    });

    it('an empty proof record', async () => {
      const { rows } = await system(sql`select proof from consents where id = ${consentId}`);
      const proof = (rows[0] as { proof: unknown }).proof;
      // tampering as the owner: since migration 0018 a consent's proof changes only with the merge flag
      const tamper = (value: string) =>
        asSystem(t.db.kysely, async (tx) => {
          await sql`select set_config('custos.merge', 'on', true)`.execute(tx);
          await sql`update consents set proof = ${value}::jsonb where id = ${consentId}`.execute(tx);
        });
      await tamper('{}');
      try {
        const finding = expectOnly(await check(), 'consent_without_proof', {
          type: 'consent',
          id: consentId,
        });
        expect(finding.refs[0]!.personId).toBe(person);
        expect(finding.detail).toEqual({ emptyProof: 1, wordingMismatch: 0, doubleOptInUnconfirmed: 0 });
      } finally {
        await tamper(JSON.stringify(proof));
      }
      expectClean(await check());
    });

    it('a wording whose text no longer matches its hash', async () => {
      await system(sql`update consent_wordings set text = text || ' Geändert.' where id = ${wordingId}`);
      try {
        const report = await check();
        // both consents on this wording (the withdrawn one of the earlier test is no longer in force)
        expect(report.findings[0]).toMatchObject({ check: 'consent_without_proof', count: 1 });
        expectOnly(report, 'consent_without_proof', { type: 'consent', id: consentId });
        expect(report.findings[0]!.detail).toMatchObject({ wordingMismatch: 1 });
      } finally {
        await system(sql`update consent_wordings set text = ${WORDING} where id = ${wordingId}`);
      }
      expectClean(await check());
    });

    it('a double opt-in consent without a confirmed sign-up', async () => {
      const other = await newPerson({
        email: 'doi@example.de',
        legalBasis: 'consent',
        purposes: ['newsletter'],
      });
      const id = (
        (
          await system(sql`insert into consents
            (tenant_id, person_id, purpose_id, channel, address, wording_id, method, given_at, proof)
            values (${t.tenantId}, ${other}, 'newsletter', 'email', 'doi@example.de', ${wordingId},
              'double_opt_in', ${clock}, '{"sealed": "v1.abc"}'::jsonb) returning id`)
        ).rows as { id: string }[]
      )[0]!.id;
      try {
        const finding = expectOnly(await check(), 'consent_without_proof', { type: 'consent', id });
        expect(finding.detail).toMatchObject({ doubleOptInUnconfirmed: 1, emptyProof: 0 });
      } finally {
        await system(
          sql`update consents set withdrawn_at = ${clock}, withdrawal_method = 'staff' where id = ${id}`,
        );
      }
      expectClean(await check());
    });
  });

  it('request_overdue: an open request past its Art. 12(3) deadline', async () => {
    const personId = await newPerson({ email: 'anfrage@example.de' });
    const res = await call(dpo, 'POST', '/requests', {
      type: 'access',
      personId,
      channel: 'letter',
      receivedAt: new Date(clock.getTime() - 40 * 24 * HOUR).toISOString(),
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    try {
      const finding = expectOnly(await check(), 'request_overdue', { type: 'request', id });
      expect(finding.refs[0]).toEqual({ type: 'request', id, personId });
    } finally {
      await system(sql`update dsr_requests set status = 'withdrawn', closed_at = ${clock} where id = ${id}`);
    }
    expectClean(await check());
  });

  it('breach_overdue: a breach 72 hours old, neither notified nor assessed as without risk', async () => {
    const res = await call(sales, 'POST', '/breaches', {
      title: 'Laptop verloren',
      description: 'Ein Laptop mit Kundenliste ist weg.',
      awareAt: new Date(clock.getTime() - 60 * HOUR).toISOString(),
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    expectClean(await check());
    const now = clock;
    clock = new Date(now.getTime() + 13 * HOUR);
    try {
      const finding = expectOnly(await check(), 'breach_overdue', { type: 'breach', id });
      expect(finding.detail).toEqual({ unassessed: 1 });
    } finally {
      await system(sql`update breaches set risk = 'none' where id = ${id}`);
    }
    expectClean(await check());
    clock = now;
  });

  it("a violation in another tenant is not this tenant's finding", async () => {
    const id = (
      (
        await system(sql`insert into persons (tenant_id, kind, first_name, last_name, legal_basis, purposes,
          source_kind, collected_at) values (${b.tenantId}, 'prospect', 'B', 'B', 'contract',
          array['horoskop'], 'import', ${clock}) returning id`)
      ).rows as { id: string }[]
    )[0]!.id;
    expectClean(await check());
    expectOnly(await check(bDpo), 'person_without_purpose', { type: 'person', id });
  });
});
