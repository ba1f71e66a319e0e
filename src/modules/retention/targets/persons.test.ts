import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, personBody, type TestApp } from '../../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../../test/support/database.ts';
import { asSystem, inTenant } from '../../../db/tenant.ts';
import { dueCutoff, type RetentionPeriod } from '../../../domain/retention/periods.ts';
import type { SweepTargetId } from '../../../domain/retention/targets.ts';
import { berlinInstant } from '../../../domain/service/business-calendar.ts';
import { reapplyErasures } from '../../erasure/erasure-journal.ts';
import { readJournal } from '../../erasure/erasure-journal-file.ts';
import { PERSON_TARGETS } from './persons.ts';
import type { DueRecord, TargetScope } from './target.ts';

/**
 * The person and consent targets on a fixed day (1 April 2026, Berlin), each with the period the
 * shipped DE concept gives it: the boundary day before and at the cutoff (in Berlin time, across
 * daylight saving and the year end), every exclusion (held, restricted, open business, consent, open
 * request), the re-check in `remove`, and that a removed person is erased (404, erasure row, key
 * shredded, no suppression entry) and a removed consent leaves the ledger consistent.
 */

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const API = '/api/v1';
const NOW = new Date('2026-04-01T10:00:00Z');
const TODAY = '2026-04-01';
const period = (years: number, roundToYearEnd = false): RetentionPeriod => ({
  years,
  months: 0,
  days: 0,
  roundToYearEnd,
});
type PersonTargetId = Extract<
  SweepTargetId,
  'stale_prospects' | 'former_customers' | 'person_expiry' | 'consent_proofs' | 'phone_consent_proofs'
>;
const RULES: Record<PersonTargetId, RetentionPeriod> = {
  stale_prospects: period(1),
  former_customers: period(3, true),
  person_expiry: period(0),
  consent_proofs: period(3, true),
  phone_consent_proofs: period(5),
};
const target = (id: PersonTargetId) => {
  const found = PERSON_TARGETS.find((x) => x.id === id);
  if (!found) throw new Error(`no target ${id}`);
  return found;
};

describe.each(testDatabaseKinds())('person and consent targets on %s', (kind) => {
  let t: TestApp;
  let openStage: string;
  let emailWording: string;
  let phoneWording: string;
  let counter = 0;

  const system = <T>(fn: Parameters<typeof asSystem<T>>[1]) => asSystem(t.db.kysely, fn);
  const exec = (query: ReturnType<typeof sql>) => system((tx) => query.execute(tx));

  const withScope = <T>(id: PersonTargetId, fn: (scope: TargetScope) => Promise<T>) =>
    inTenant(t.db.kysely, t.tenantId, (tx) => {
      const cutoff = dueCutoff({ period: RULES[id], today: TODAY });
      const [year, month, day] = cutoff.split('-').map(Number) as [number, number, number];
      return fn({
        tx,
        ctx: t.ctx,
        tenantId: t.tenantId,
        rule: { dataTypeId: `dt_${id}`, target: id, period: RULES[id] },
        today: TODAY,
        cutoff,
        cutoffInstant: berlinInstant({ year, month, day }),
      });
    });
  const due = (id: PersonTargetId) =>
    withScope(id, (s) => target(id).due({ ...s, afterId: null, limit: 100_000 }));
  const dueIds = async (id: PersonTargetId) => (await due(id)).map((r) => r.id);
  const count = (id: PersonTargetId) => withScope(id, (s) => target(id).count(s));
  const remove = (id: PersonTargetId, ids: string[]) =>
    withScope(id, (s) => target(id).remove({ ...s, ids }));

  /** A person of this kind collected at `collectedAt` (and optionally expiring), with e-mail and phone. */
  const person = async (
    personKind: 'prospect' | 'customer' | 'contact_person',
    collectedAt: string,
    extra: { expiresAt?: string; organizationId?: string } = {},
  ) => {
    counter += 1;
    const res = await t.call(t.adminToken, {
      method: 'POST',
      url: `${API}/persons`,
      body: personBody({
        email: `p${counter}@example.de`,
        phone: `+49 30 5550${String(counter).padStart(3, '0')}`,
        ...(extra.organizationId ? { organizationId: extra.organizationId } : {}),
      }),
    });
    if (res.statusCode !== 201) throw new Error(`person: ${res.statusCode} ${res.body}`);
    const id = res.json().id as string;
    await exec(sql`update persons set kind = ${personKind}, collected_at = ${collectedAt}::timestamptz,
      expires_at = ${extra.expiresAt ?? null}::timestamptz where id = ${id}::uuid`);
    return id;
  };
  const interaction = (personId: string, occurredAt: string) =>
    exec(sql`insert into interactions (tenant_id, person_id, kind, occurred_at, subject)
      values (${t.tenantId}::uuid, ${personId}::uuid, 'call', ${occurredAt}::timestamptz, 'Anruf')`);
  const deal = (personId: string, at: string, closedAt: string | null) =>
    exec(sql`insert into deals (tenant_id, title, person_id, stage_id, probability, created_at, updated_at, closed_at)
      values (${t.tenantId}::uuid, 'Deal', ${personId}::uuid, ${openStage}::uuid, 10, ${at}::timestamptz,
        ${at}::timestamptz, ${closedAt}::timestamptz)`);
  const invoice = (personId: string, issuedAt: string, status: 'open' | 'paid', paidAt: string | null) =>
    exec(sql`insert into invoices (tenant_id, number, person_id, status, issued_at, due_at, paid_at, net_total,
        tax_total, gross_total, billing_name, retention_rule, retain_until, created_at, updated_at)
      values (${t.tenantId}::uuid, ${`R-${randomUUID().slice(0, 8)}`}, ${personId}::uuid, ${status},
        ${issuedAt}::date, ${issuedAt}::date, ${paidAt}::date, 100, 19, 119, 'Kunde', 'DE.voucher', '2031-12-31',
        ${`${issuedAt}T12:00:00Z`}::timestamptz, ${`${issuedAt}T12:00:00Z`}::timestamptz)`);
  const hold = (
    objectType: 'person' | 'organization' | 'consent',
    objectId: string,
    options: { until?: string; released?: boolean } = {},
  ) =>
    exec(sql`insert into legal_holds (tenant_id, object_type, object_id, reason, until, released_at)
      values (${t.tenantId}::uuid, ${objectType}, ${objectId}::uuid, 'dispute', ${options.until ?? null}::date,
        ${options.released ? NOW.toISOString() : null}::timestamptz)`);
  const openRequest = (personId: string) =>
    exec(sql`insert into dsr_requests (tenant_id, number, type, channel, person_id, received_at, due_at)
      values (${t.tenantId}::uuid, ${`A-${randomUUID().slice(0, 8)}`}, 'access', 'email', ${personId}::uuid,
        ${NOW.toISOString()}::timestamptz, '2026-05-01')`);
  const consent = async (
    personId: string,
    c: {
      channel: 'email' | 'phone';
      givenAt: string;
      withdrawnAt?: string;
      supersededAt?: string;
      lastUsedAt?: string;
      supersedesId?: string;
      signupId?: string;
    },
  ) => {
    const id = randomUUID();
    await exec(sql`insert into consents (id, tenant_id, person_id, purpose_id, channel, wording_id, method, given_at,
        withdrawn_at, withdrawal_method, superseded_at, last_used_at, supersedes_id, signup_id)
      values (${id}::uuid, ${t.tenantId}::uuid, ${personId}::uuid, 'newsletter', ${c.channel},
        ${c.channel === 'email' ? emailWording : phoneWording}::uuid, 'in_person', ${c.givenAt}::timestamptz,
        ${c.withdrawnAt ?? null}::timestamptz, ${c.withdrawnAt ? 'staff' : null},
        ${c.supersededAt ?? null}::timestamptz, ${c.lastUsedAt ?? null}::timestamptz,
        ${c.supersedesId ?? null}::uuid, ${c.signupId ?? null}::uuid)`);
    return id;
  };
  const wording = async (channel: 'email' | 'phone') => {
    const id = randomUUID();
    await exec(sql`insert into consent_wordings (id, tenant_id, purpose_id, channel, language, version, text,
        text_sha256, advertiser)
      values (${id}::uuid, ${t.tenantId}::uuid, 'newsletter', ${channel}, 'de', 1, 'Ja, ich möchte Post.',
        ${'a'.repeat(64)}, 'Muster GmbH')`);
    return id;
  };

  beforeAll(async () => {
    t = await createTestApp(kind, { now: () => NOW });
    const stage = await system((tx) =>
      tx.selectFrom('pipeline_stages').select('id').where('outcome', '=', 'open').executeTakeFirstOrThrow(),
    );
    openStage = stage.id;
    emailWording = await wording('email');
    phoneWording = await wording('phone');
  });
  afterAll(() => t?.close());

  it('judges by the cutoff of each rule on the fixed day', () => {
    const cutoffs = Object.fromEntries(
      Object.entries(RULES).map(([id, p]) => [id, dueCutoff({ period: p, today: TODAY })]),
    );
    expect(cutoffs).toEqual({
      stale_prospects: '2025-04-01',
      former_customers: '2023-01-01',
      person_expiry: '2026-04-01',
      consent_proofs: '2023-01-01',
      phone_consent_proofs: '2021-04-01',
    });
  });

  it('stale prospects: due from the last contact, the Berlin day before the cutoff (summer time)', async () => {
    // Berlin midnight of 1 April 2025 is 22:00 UTC the day before (CEST)
    const lastDay = await person('prospect', '2025-03-31T21:59:59Z');
    const cutoffDay = await person('prospect', '2025-03-31T22:00:00Z');
    const contactedLater = await person('prospect', '2020-01-01T10:00:00Z');
    await interaction(contactedLater, '2025-06-01T10:00:00Z');
    const oldDealActivity = await person('prospect', '2020-01-01T10:00:00Z');
    await deal(oldDealActivity, '2025-05-01T10:00:00Z', '2025-05-02T10:00:00Z');
    const customer = await person('customer', '2020-01-01T10:00:00Z');
    const contactPerson = await person('contact_person', '2020-01-01T10:00:00Z');

    const rows = await due('stale_prospects');
    const ids = rows.map((r) => r.id);
    expect(ids).toContain(lastDay);
    expect(rows.find((r) => r.id === lastDay)?.start).toBe('2025-03-31');
    for (const notDue of [cutoffDay, contactedLater, oldDealActivity, customer, contactPerson])
      expect(ids).not.toContain(notDue);
  });

  it('stale prospects: open business, any consent, an open request exclude; holds and restriction hold', async () => {
    const old = '2020-01-01T10:00:00Z';
    const openDeal = await person('prospect', old);
    await deal(openDeal, old, null);
    const unpaid = await person('prospect', old);
    await invoice(unpaid, '2020-01-02', 'open', null);
    const validConsent = await person('prospect', old);
    await consent(validConsent, { channel: 'email', givenAt: old });
    const endedConsent = await person('prospect', old);
    await consent(endedConsent, { channel: 'email', givenAt: old, withdrawnAt: '2020-02-01T10:00:00Z' });
    const requested = await person('prospect', old);
    await openRequest(requested);
    const free = await person('prospect', old);

    const org = (
      await t.call(t.adminToken, {
        method: 'POST',
        url: `${API}/organizations`,
        body: { name: 'Gesperrt AG' },
      })
    ).json().id as string;
    const heldPerson = await person('prospect', old);
    await hold('person', heldPerson);
    const heldOrg = await person('prospect', old, { organizationId: org });
    await hold('organization', org);
    const heldToday = await person('prospect', old);
    await hold('person', heldToday, { until: TODAY });
    const holdPassed = await person('prospect', old);
    await hold('person', holdPassed, { until: '2026-03-31' });
    const holdReleased = await person('prospect', old);
    await hold('person', holdReleased, { released: true });
    const restricted = await person('prospect', old);
    await exec(sql`update persons set restricted_at = ${old}::timestamptz where id = ${restricted}::uuid`);

    const before = await count('stale_prospects');
    const ids = await dueIds('stale_prospects');
    for (const dueId of [free, holdPassed, holdReleased]) expect(ids).toContain(dueId);
    for (const notDue of [openDeal, unpaid, validConsent, endedConsent, requested])
      expect(ids).not.toContain(notDue);
    for (const heldId of [heldPerson, heldOrg, heldToday, restricted]) expect(ids).not.toContain(heldId);
    expect(before.held).toBeGreaterThanOrEqual(4);
    expect(before.due).toBe(ids.length);

    // lifting the restriction makes the person due again: held counts one less, due one more
    await exec(sql`update persons set restricted_at = null where id = ${restricted}::uuid`);
    const after = await count('stale_prospects');
    expect(after).toEqual({ due: before.due + 1, held: before.held - 1 });
  });

  it('former customers: end of the relationship with year-end rounding (winter time, date columns)', async () => {
    // 3 years from the year end: 2022 is due, 2023 is not; Berlin midnight of 1 Jan 2023 is 23:00 UTC
    const lastDay = await person('customer', '2018-01-01T10:00:00Z');
    await interaction(lastDay, '2022-12-31T22:59:59Z');
    const nextYear = await person('customer', '2018-01-01T10:00:00Z');
    await interaction(nextYear, '2022-12-31T23:00:00Z');
    const invoicedLater = await person('customer', '2018-01-01T10:00:00Z');
    await invoice(invoicedLater, '2022-06-01', 'paid', '2023-01-02');
    const paidInTime = await person('customer', '2018-01-01T10:00:00Z');
    await invoice(paidInTime, '2022-06-01', 'paid', '2022-12-31');
    const unpaid = await person('customer', '2018-01-01T10:00:00Z');
    await invoice(unpaid, '2019-06-01', 'open', null);
    const closedDeal = await person('customer', '2018-01-01T10:00:00Z');
    await deal(closedDeal, '2019-01-01T10:00:00Z', '2023-01-10T10:00:00Z');
    const prospect = await person('prospect', '2018-01-01T10:00:00Z');

    const rows = await due('former_customers');
    const ids = rows.map((r) => r.id);
    expect(ids).toContain(lastDay);
    expect(ids).toContain(paidInTime);
    expect(rows.find((r) => r.id === lastDay)?.start).toBe('2022-12-31');
    expect(rows.find((r) => r.id === paidInTime)?.start).toBe('2022-12-31');
    for (const notDue of [nextYear, invoicedLater, unpaid, closedDeal, prospect])
      expect(ids).not.toContain(notDue);
  });

  it('person expiry: due from the day after the expiry day, whatever the kind, once nothing is open', async () => {
    const expiredYesterday = await person('contact_person', '2025-01-01T10:00:00Z', {
      expiresAt: '2026-03-31T21:59:59Z',
    });
    const expiresToday = await person('customer', '2025-01-01T10:00:00Z', {
      expiresAt: '2026-03-31T22:00:00Z',
    });
    const withConsent = await person('customer', '2025-01-01T10:00:00Z', {
      expiresAt: '2026-01-01T10:00:00Z',
    });
    await consent(withConsent, { channel: 'email', givenAt: '2025-02-01T10:00:00Z' });
    const heldExpired = await person('customer', '2025-01-01T10:00:00Z', {
      expiresAt: '2026-01-01T10:00:00Z',
    });
    await hold('person', heldExpired);
    const withOpenDeal = await person('customer', '2025-01-01T10:00:00Z', {
      expiresAt: '2026-01-01T10:00:00Z',
    });
    await deal(withOpenDeal, '2025-06-01T10:00:00Z', null);

    const ids = await dueIds('person_expiry');
    expect(ids).toContain(expiredYesterday);
    for (const notDue of [expiresToday, withConsent, heldExpired, withOpenDeal])
      expect(ids).not.toContain(notDue);
  });

  it('erases a due person: 404, erasure row, key shredded, journal line, no suppression entry', async () => {
    const gone = await person('prospect', '2020-01-01T10:00:00Z');
    await interaction(gone, '2021-01-01T10:00:00Z');
    const suppressionsBefore = await system((tx) =>
      tx
        .selectFrom('suppressions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    );

    expect(await remove('stale_prospects', [gone])).toBe(1);

    const res = await t.call(t.adminToken, { method: 'GET', url: `${API}/persons/${gone}` });
    expect(res.statusCode).toBe(404);
    const erasure = await system((tx) =>
      tx.selectFrom('erasures').selectAll().where('person_id', '=', gone).executeTakeFirstOrThrow(),
    );
    expect(erasure.request_id).toBeNull();
    expect(erasure.erased_by).toBeNull();
    expect(erasure.summary).toMatchObject({
      retention: 'dt_stale_prospects',
      suppressions: 0,
      keyShredded: true,
      deleted: { persons: 1, interactions: 1 },
    });
    const key = await system((tx) =>
      tx.selectFrom('subject_keys').selectAll().where('subject_id', '=', gone).executeTakeFirstOrThrow(),
    );
    expect(key.shredded_at).not.toBeNull();
    expect(key.wrapped_key).toBeNull();
    const suppressionsAfter = await system((tx) =>
      tx
        .selectFrom('suppressions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    );
    expect(Number(suppressionsAfter.n)).toBe(Number(suppressionsBefore.n));
    const journal = await readJournal(t.ctx.config.erasureJournalPath);
    expect(journal.find((e) => e.personId === gone)).toMatchObject({
      retention: 'dt_stale_prospects',
      suppressions: [],
      requestId: null,
    });
    const audit = await system((tx) =>
      tx
        .selectFrom('audit_log')
        .select('note')
        .where('subject_id', '=', gone)
        .where('action', '=', 'erase')
        .executeTakeFirstOrThrow(),
    );
    expect(audit.note).toContain('retention erasure (data type dt_stale_prospects)');
    // a restore brings the row back: re-applying the journal erases it again, still without suppression
    await system((tx) =>
      tx
        .insertInto('persons')
        .values({
          id: gone,
          tenant_id: t.tenantId,
          kind: 'prospect',
          first_name: 'Anna',
          last_name: 'Müller',
          email: `p${counter}@example.de`,
          phone: '+49 30 5550999',
          legal_basis: 'contract',
          purposes: ['sales'],
          source_kind: 'business_card',
          collected_at: '2020-01-01T10:00:00Z',
          updated_at: '2020-01-01T10:00:00Z',
        })
        .execute(),
    );
    expect((await reapplyErasures(t.ctx)).reapplied).toBe(1);
    expect((await t.call(t.adminToken, { method: 'GET', url: `${API}/persons/${gone}` })).statusCode).toBe(
      404,
    );
    const suppressionsRestored = await system((tx) =>
      tx
        .selectFrom('suppressions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    );
    expect(Number(suppressionsRestored.n)).toBe(Number(suppressionsBefore.n));
    // the person may come back of their own accord: the same e-mail address is accepted again
    const again = await t.call(t.adminToken, {
      method: 'POST',
      url: `${API}/persons`,
      body: personBody({ email: `p${counter}@example.de`, phone: null }),
    });
    expect(again.statusCode).toBe(201);
  });

  it('remove re-checks in the same transaction: a new contact or a hold since the listing keeps the person', async () => {
    const recontacted = await person('prospect', '2020-01-01T10:00:00Z');
    const heldSince = await person('prospect', '2020-01-01T10:00:00Z');
    const requestedSince = await person('prospect', '2020-01-01T10:00:00Z');
    const listed = await dueIds('stale_prospects');
    for (const id of [recontacted, heldSince, requestedSince]) expect(listed).toContain(id);

    await interaction(recontacted, '2026-03-30T10:00:00Z');
    await hold('person', heldSince);
    await openRequest(requestedSince);
    expect(await remove('stale_prospects', [recontacted, heldSince, requestedSince])).toBe(0);
    const left = await system((tx) =>
      tx
        .selectFrom('persons')
        .select('id')
        .where('id', 'in', [recontacted, heldSince, requestedSince])
        .execute(),
    );
    expect(left).toHaveLength(3);
    // ids of another target's kind are not removed either
    const customer = await person('customer', '2020-01-01T10:00:00Z');
    expect(await remove('stale_prospects', [customer])).toBe(0);
  });

  it('pages in id order: every page after the last id, together the whole due set, matching the count', async () => {
    for (const id of Object.keys(RULES) as PersonTargetId[]) {
      const all = await dueIds(id);
      const paged: string[] = [];
      let afterId: string | null = null;
      for (;;) {
        const after: string | null = afterId;
        const page: DueRecord[] = await withScope(id, (s) =>
          target(id).due({ ...s, afterId: after, limit: 2 }),
        );
        if (page.length === 0) break;
        paged.push(...page.map((r) => r.id));
        afterId = page[page.length - 1]?.id ?? null;
      }
      expect(paged).toEqual(all);
      expect([...all].sort()).toEqual(all);
      expect((await count(id)).due).toBe(all.length);
    }
  });

  it('consent proofs: e-mail consents no longer in force, from the day they ended, year-end rounded', async () => {
    const p = await person('customer', '2019-01-01T10:00:00Z');
    const withdrawn2022 = await consent(p, {
      channel: 'email',
      givenAt: '2019-02-01T10:00:00Z',
      withdrawnAt: '2022-12-31T22:59:59Z',
    });
    const withdrawn2023 = await consent(p, {
      channel: 'email',
      givenAt: '2019-02-01T10:00:00Z',
      withdrawnAt: '2022-12-31T23:00:00Z',
    });
    const valid = await consent(p, { channel: 'email', givenAt: '2019-02-01T10:00:00Z' });
    const phone = await consent(p, {
      channel: 'phone',
      givenAt: '2015-02-01T10:00:00Z',
      withdrawnAt: '2016-01-01T10:00:00Z',
    });
    const q = await person('customer', '2019-01-01T10:00:00Z');
    const heldConsent = await consent(q, {
      channel: 'email',
      givenAt: '2019-02-01T10:00:00Z',
      withdrawnAt: '2020-01-01T10:00:00Z',
    });
    await hold('consent', heldConsent);
    const r = await person('customer', '2019-01-01T10:00:00Z');
    const restrictedOwner = await consent(r, {
      channel: 'email',
      givenAt: '2019-02-01T10:00:00Z',
      withdrawnAt: '2020-01-01T10:00:00Z',
    });
    await exec(
      sql`update persons set restricted_at = ${NOW.toISOString()}::timestamptz where id = ${r}::uuid`,
    );
    const s = await person('customer', '2019-01-01T10:00:00Z');
    const requestOpen = await consent(s, {
      channel: 'email',
      givenAt: '2019-02-01T10:00:00Z',
      withdrawnAt: '2020-01-01T10:00:00Z',
    });
    await openRequest(s);

    const rows = await due('consent_proofs');
    const ids = rows.map((x) => x.id);
    expect(ids).toContain(withdrawn2022);
    expect(rows.find((x) => x.id === withdrawn2022)?.start).toBe('2022-12-31');
    for (const notDue of [withdrawn2023, valid, phone, heldConsent, restrictedOwner, requestOpen])
      expect(ids).not.toContain(notDue);
    expect((await count('consent_proofs')).held).toBeGreaterThanOrEqual(2);
  });

  it('phone consent proofs: five years from the later of the last use and the end (§ 7a UWG)', async () => {
    const p = await person('customer', '2014-01-01T10:00:00Z');
    const usedBefore = await consent(p, {
      channel: 'phone',
      givenAt: '2015-01-01T10:00:00Z',
      withdrawnAt: '2020-01-01T10:00:00Z',
      lastUsedAt: '2021-03-31T21:59:59Z',
    });
    const usedAtCutoff = await consent(p, {
      channel: 'phone',
      givenAt: '2015-01-01T10:00:00Z',
      withdrawnAt: '2020-01-01T10:00:00Z',
      lastUsedAt: '2021-03-31T22:00:00Z',
    });
    const endedLate = await consent(p, {
      channel: 'phone',
      givenAt: '2015-01-01T10:00:00Z',
      withdrawnAt: '2021-06-01T10:00:00Z',
      lastUsedAt: '2016-01-01T10:00:00Z',
    });
    const neverUsed = await consent(p, {
      channel: 'phone',
      givenAt: '2015-01-01T10:00:00Z',
      supersededAt: '2018-01-01T10:00:00Z',
    });
    const email = await consent(p, {
      channel: 'email',
      givenAt: '2015-01-01T10:00:00Z',
      withdrawnAt: '2016-01-01T10:00:00Z',
    });

    const rows = await due('phone_consent_proofs');
    const ids = rows.map((x) => x.id);
    expect(ids).toContain(usedBefore);
    expect(ids).toContain(neverUsed);
    expect(rows.find((x) => x.id === usedBefore)?.start).toBe('2021-03-31');
    for (const notDue of [usedAtCutoff, endedLate, email]) expect(ids).not.toContain(notDue);
  });

  it('removes consents and their proof, keeping the ledger consistent (supersedes chain, sign-up, mail)', async () => {
    const p = await person('customer', '2015-01-01T10:00:00Z');
    const form = randomUUID();
    const mail = randomUUID();
    const signup = randomUUID();
    await exec(sql`insert into consent_forms (id, tenant_id, name, purpose_id, language)
      values (${form}::uuid, ${t.tenantId}::uuid, 'Newsletter', 'newsletter', 'de')`);
    await exec(sql`insert into outbound_mails (id, tenant_id, kind, person_id, to_address, from_address, subject,
        body_text, message_id, status)
      values (${mail}::uuid, ${t.tenantId}::uuid, 'double_opt_in', ${p}::uuid, 'p@example.de', 'crm@example.de',
        'Bitte bestätigen', 'Link', ${`<${mail}@custos>`}, 'sent')`);
    // the old consent (from a double opt-in) was superseded in 2019 by one still in force
    const old = await consent(p, {
      channel: 'email',
      givenAt: '2016-01-01T10:00:00Z',
      supersededAt: '2019-05-01T10:00:00Z',
      signupId: signup,
    });
    await exec(sql`insert into consent_signups (id, tenant_id, form_id, wording_id, email, language, requested_at,
        token_hash, expires_at, mail_id, confirmed_at, person_id, consent_id)
      values (${signup}::uuid, ${t.tenantId}::uuid, ${form}::uuid, ${emailWording}::uuid, 'p@example.de', 'de',
        '2016-01-01T09:00:00Z', ${randomUUID()}, '2016-01-03T09:00:00Z', ${mail}::uuid, '2016-01-01T10:00:00Z',
        ${p}::uuid, ${old}::uuid)`);
    const current = await consent(p, {
      channel: 'email',
      givenAt: '2019-05-01T10:00:00Z',
      supersedesId: old,
    });
    await exec(sql`update consents set superseded_by_id = ${current}::uuid where id = ${old}::uuid`);
    // a chain that goes as a whole: a withdrawn consent and the one it superseded
    const first = await consent(p, {
      channel: 'email',
      givenAt: '2016-01-01T10:00:00Z',
      supersededAt: '2017-01-01T10:00:00Z',
    });
    const second = await consent(p, {
      channel: 'email',
      givenAt: '2017-01-01T10:00:00Z',
      withdrawnAt: '2018-01-01T10:00:00Z',
      supersedesId: first,
    });
    await exec(sql`update consents set superseded_by_id = ${second}::uuid where id = ${first}::uuid`);

    const listed = await dueIds('consent_proofs');
    for (const id of [old, first, second]) expect(listed).toContain(id);
    expect(await remove('consent_proofs', [old, first, second, current])).toBe(3);

    const left = await system((tx) =>
      tx.selectFrom('consents').select(['id', 'supersedes_id']).where('person_id', '=', p).execute(),
    );
    expect(left).toEqual([{ id: current, supersedes_id: null }]);
    const signups = await system((tx) =>
      tx.selectFrom('consent_signups').select('id').where('id', '=', signup).execute(),
    );
    expect(signups).toEqual([]);
    const mails = await system((tx) =>
      tx.selectFrom('outbound_mails').select('id').where('id', '=', mail).execute(),
    );
    expect(mails).toEqual([]);
    // the person stays: only the proofs went
    expect((await t.call(t.adminToken, { method: 'GET', url: `${API}/persons/${p}` })).statusCode).toBe(200);
  });
});
