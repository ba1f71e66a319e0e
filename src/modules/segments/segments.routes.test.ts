import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { snapshotData } from '../../../test/support/snapshot.ts';
import { createExtraTenant, type ExtraTenant } from '../../../test/support/tenant.ts';
import { inTenant } from '../../db/tenant.ts';
import type { SegmentDefinition } from '../../domain/marketing/segment-definition.ts';
import {
  eligibilityOfPersonsWithin,
  evaluateDefinitionWithin,
  evaluateSegmentWithin,
} from './segments.evaluation.ts';
import { EVERY_DEPARTMENT } from './segments.repository.ts';

vi.setConfig({ hookTimeout: 240_000, testTimeout: 120_000 });
const API = '/api/v1';
/** 15 June 2026, 12:00 in Berlin */
const NOW = new Date('2026-06-15T10:00:00Z');
const day = 86_400_000;

type PersonSeed = {
  first: string;
  last: string;
  email?: string | null;
  street?: string | null;
  postalCode?: string;
  city?: string;
  restricted?: boolean;
  objected?: boolean;
  purposes?: string[];
  birthDate?: string;
  departments?: string[];
  organizationId?: string;
  createdAt?: Date;
  kind?: string;
};

describe.each(testDatabaseKinds())('segments on %s', (kind) => {
  let t: TestApp;
  let b: ExtraTenant;
  let marketing: string;
  let sales: string;
  let support: string;
  let salesInVertrieb: string;
  let tagNews: string;
  let tagVip: string;
  let groupId: string;
  let orgId: string;
  const ids: Record<string, string> = {};

  const insertPerson = async (p: PersonSeed) => {
    const id = randomUUID();
    await inTenant(t.db.kysely, t.tenantId, (tx) =>
      tx
        .insertInto('persons')
        .values({
          id,
          tenant_id: t.tenantId,
          kind: p.kind ?? 'customer',
          first_name: p.first,
          last_name: p.last,
          email: p.email === undefined ? `${p.first.toLowerCase()}@example.de` : p.email,
          phone: null,
          street: p.street === undefined ? 'Hauptstraße 1' : p.street,
          postal_code: p.postalCode ?? '30159',
          city: p.city ?? 'Hannover',
          country: 'DE',
          birth_date: p.birthDate ?? null,
          organization_id: p.organizationId ?? null,
          department_ids: p.departments ?? [],
          legal_basis: 'contract',
          purposes: p.purposes ?? ['sales'],
          source_kind: 'other',
          collected_at: NOW,
          created_at: p.createdAt ?? NOW,
          updated_at: NOW,
          restricted_at: p.restricted ? NOW : null,
          marketing_objection_at: p.objected ? NOW : null,
        })
        .execute(),
    );
    ids[p.first] = id;
    return id;
  };

  const addConsent = async (personId: string, purposeId: string, channel: string, withdrawn = false) =>
    inTenant(t.db.kysely, t.tenantId, async (tx) => {
      const wording =
        (
          await tx
            .selectFrom('consent_wordings')
            .select('id')
            .where('purpose_id', '=', purposeId)
            .where('channel', '=', channel as 'email')
            .executeTakeFirst()
        )?.id ??
        (
          await tx
            .insertInto('consent_wordings')
            .values({
              tenant_id: t.tenantId,
              purpose_id: purposeId,
              channel: channel as 'email',
              language: 'de',
              version: 1,
              text: 'Ich möchte Werbung erhalten.',
              text_sha256: '0'.repeat(64),
              advertiser: 'Muster GmbH',
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      await tx
        .insertInto('consents')
        .values({
          tenant_id: t.tenantId,
          person_id: personId,
          purpose_id: purposeId,
          channel: channel as 'email',
          wording_id: wording,
          method: 'import',
          given_at: new Date(NOW.getTime() - 100 * day),
          ...(withdrawn
            ? { withdrawn_at: new Date(NOW.getTime() - 10 * day), withdrawal_method: 'one_click' }
            : {}),
        } as never)
        .execute();
    });

  const tag = (personId: string, tagId: string) =>
    inTenant(t.db.kysely, t.tenantId, (tx) =>
      tx
        .insertInto('person_tags')
        .values({ tenant_id: t.tenantId, person_id: personId, tag_id: tagId })
        .execute(),
    );

  const order = (personId: string, orderedAt = '2026-01-10') =>
    inTenant(t.db.kysely, t.tenantId, (tx) =>
      sql`insert into orders (tenant_id, number, person_id, status, ordered_at, net_total, tax_total, gross_total)
        values (${t.tenantId}, ${`A-${randomUUID().slice(0, 8)}`}, ${personId}, 'fulfilled', ${orderedAt}, 10, 1.9, 11.9)`.execute(
        tx,
      ),
    );

  const interaction = (personId: string, daysAgo: number, k = 'call') =>
    inTenant(t.db.kysely, t.tenantId, (tx) =>
      tx
        .insertInto('interactions')
        .values({
          tenant_id: t.tenantId,
          person_id: personId,
          kind: k,
          occurred_at: new Date(NOW.getTime() - daysAgo * day),
          subject: 'Gespräch',
        })
        .execute(),
    );

  beforeAll(async () => {
    t = await createTestApp(kind, { now: () => NOW });
    b = await createExtraTenant(t, { label: 'tenant-b' });
    marketing = (await t.userWithToken({ role: 'marketing' })).token;
    sales = (await t.userWithToken({ role: 'sales' })).token;
    support = (await t.userWithToken({ role: 'support' })).token;
    salesInVertrieb = (await t.userWithToken({ role: 'sales', departmentNames: ['Vertrieb'] })).token;
    const mk = async (name: string) =>
      (await t.call(t.adminToken, { method: 'POST', url: `${API}/tags`, body: { name } })).json()
        .id as string;
    tagNews = await mk('Newsletter');
    tagVip = await mk('VIP');
    await inTenant(t.db.kysely, t.tenantId, async (tx) => {
      groupId = (
        await tx
          .selectFrom('customer_groups')
          .select('id')
          .where('name', '=', 'Fachhandel')
          .executeTakeFirstOrThrow()
      ).id;
      orgId = (
        await tx
          .insertInto('organizations')
          .values({
            tenant_id: t.tenantId,
            name: 'Händler KG',
            kind: 'partner',
            customer_group_id: groupId,
            updated_at: NOW,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    });
    // the newsletter population: one person per outcome for marketing by e-mail
    const a = await insertPerson({ first: 'Anna', last: 'Adler' });
    await addConsent(a, 'marketing', 'email');
    await addConsent(a, 'newsletter', 'email');
    const r = await insertPerson({ first: 'Rita', last: 'Richter', restricted: true });
    await addConsent(r, 'marketing', 'email');
    const o = await insertPerson({ first: 'Otto', last: 'Ober', objected: true });
    await addConsent(o, 'marketing', 'email');
    const w = await insertPerson({ first: 'Willi', last: 'Weber', purposes: ['sales', 'marketing'] });
    await addConsent(w, 'marketing', 'email', true);
    await order(w);
    const bo = await insertPerson({ first: 'Berta', last: 'Bauer' });
    await addConsent(bo, 'marketing', 'email');
    await inTenant(t.db.kysely, t.tenantId, (tx) =>
      tx
        .insertInto('mail_bounces')
        .values({ tenant_id: t.tenantId, address: 'berta@example.de', bounced_at: NOW })
        .execute(),
    );
    const n = await insertPerson({ first: 'Nora', last: 'Neumann', email: null, street: null });
    await addConsent(n, 'marketing', 'email');
    await insertPerson({ first: 'Gerd', last: 'Graf' }); // no consent, no customer
    const l = await insertPerson({ first: 'Lena', last: 'Lang', purposes: ['sales', 'marketing'] });
    await order(l); // existing customer, marketing on record: legitimate interest (§ 7(3) UWG)
    for (const p of [a, r, o, w, bo, n, ids.Gerd as string, l]) await tag(p, tagNews);
    // outside the tag
    const z = await insertPerson({ first: 'Zoe', last: 'Zander', postalCode: '10115', city: 'Berlin' });
    await addConsent(z, 'marketing', 'email');
  });
  afterAll(() => t?.close());

  const newsletterDefinition = (): SegmentDefinition => ({
    match: 'all',
    conditions: [
      { field: 'tag', op: 'has', tagId: tagNews },
      { field: 'postalCode', prefix: '30' },
    ],
  });

  const preview = (token: string, body: object) =>
    t.call(token, { method: 'POST', url: `${API}/segments/preview`, body });

  it('counts matched, eligible and every exclusion reason for marketing by e-mail', async () => {
    const res = await preview(marketing, {
      definition: newsletterDefinition(),
      purposeId: 'marketing',
      channel: 'email',
    });
    expect(res.statusCode).toBe(200);
    // the marketing role sees every unscoped person (no departments)
    expect(res.json()).toMatchObject({
      matched: 8,
      eligible: 2,
      excluded: { restricted: 1, objected: 1, no_address: 1, bounced: 1, withdrawn: 1, no_consent: 1 },
      purposeId: 'marketing',
      channel: 'email',
      evaluatedAt: NOW.toISOString(),
    });
    expect(res.json().sample).toEqual([
      { personId: ids.Anna, firstName: 'Anna', lastName: 'Adler', basis: 'consent' },
      { personId: ids.Lena, firstName: 'Lena', lastName: 'Lang', basis: 'legitimate_interest' },
    ]);
  });

  it('newsletter is consent only: the existing customer is not reached on legitimate interest', async () => {
    const res = await preview(marketing, {
      definition: newsletterDefinition(),
      purposeId: 'newsletter',
      channel: 'email',
    });
    expect(res.json()).toMatchObject({
      matched: 8,
      eligible: 1,
      // Willi withdrew only his marketing consent: for the newsletter he simply has none
      excluded: { restricted: 1, objected: 1, no_address: 1, bounced: 1, withdrawn: 0, no_consent: 3 },
    });
  });

  it('by letter: legitimate interest reaches those with the purpose on record; bounces do not matter', async () => {
    const res = await preview(marketing, {
      definition: newsletterDefinition(),
      purposeId: 'marketing',
      channel: 'letter',
    });
    // letter consents: none; Lena (marketing on record) on legitimate interest; Willi withdrew e-mail only
    expect(res.json()).toMatchObject({
      matched: 8,
      eligible: 2,
      excluded: { restricted: 1, objected: 1, no_address: 1, bounced: 0, withdrawn: 0, no_consent: 3 },
    });
  });

  it('a segment without purpose reports matched persons only', async () => {
    const res = await preview(sales, { definition: newsletterDefinition() });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      matched: 8,
      eligible: 0,
      excluded: { restricted: 0, objected: 0, no_address: 0, bounced: 0, withdrawn: 0, no_consent: 0 },
      purposeId: null,
      channel: null,
    });
    expect(res.json().sample.map((s: { lastName: string }) => s.lastName)).toEqual([
      'Adler',
      'Bauer',
      'Graf',
      'Lang',
      'Neumann',
      'Ober',
      'Richter',
      'Weber',
    ]);
    expect(res.json().sample.every((s: { basis: unknown }) => s.basis === null)).toBe(true);
  });

  it('saves, lists, reads, changes with the version, evaluates and archives a segment', async () => {
    const created = await t.call(marketing, {
      method: 'POST',
      url: `${API}/segments`,
      body: {
        name: ' Newsletter Hannover ',
        description: 'Alle mit Newsletter-Tag in 30…',
        definition: newsletterDefinition(),
        purposeId: 'marketing',
        channel: 'email',
      },
    });
    expect(created.statusCode).toBe(201);
    const s = created.json();
    expect(s).toMatchObject({
      name: 'Newsletter Hannover',
      purposeId: 'marketing',
      channel: 'email',
      version: 1,
    });
    const list = await t.call(sales, { method: 'GET', url: `${API}/segments` });
    expect(list.json().items.map((x: { id: string }) => x.id)).toContain(s.id);
    expect((await t.call(sales, { method: 'GET', url: `${API}/segments/${s.id}` })).json()).toEqual(s);
    const evaluation = await t.call(sales, { method: 'GET', url: `${API}/segments/${s.id}/evaluation` });
    expect(evaluation.json()).toMatchObject({ matched: 8, eligible: 2 });
    // campaigns evaluate tenant-wide, with the recipients
    const within = await inTenant(t.db.kysely, t.tenantId, (tx) =>
      evaluateSegmentWithin(tx, t.ctx, { tenantId: t.tenantId, segmentId: s.id, includeRecipients: true }),
    );
    expect(within).toMatchObject({ matched: 8, eligible: 2 });
    expect(within.recipients?.map((r) => [r.lastName, r.basis, r.email])).toEqual([
      ['Adler', 'consent', 'anna@example.de'],
      ['Lang', 'legitimate_interest', 'lena@example.de'],
    ]);
    expect(within.recipients?.[0]?.consentId).toEqual(expect.any(String));
    // … for the campaign's own purpose and channel
    const byLetter = await inTenant(t.db.kysely, t.tenantId, (tx) =>
      evaluateSegmentWithin(tx, t.ctx, {
        tenantId: t.tenantId,
        segmentId: s.id,
        purposeId: 'newsletter',
        channel: 'letter',
        includeRecipients: false,
      }),
    );
    expect(byLetter).toMatchObject({ matched: 8, eligible: 0 });
    expect(byLetter.recipients).toBeUndefined();

    const changed = await t.call(marketing, {
      method: 'PUT',
      url: `${API}/segments/${s.id}`,
      body: {
        name: 'Newsletter Region 30',
        definition: newsletterDefinition(),
        purposeId: null,
        channel: null,
        version: 1,
      },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ version: 2, purposeId: null, channel: null, description: null });
    const stale = await t.call(marketing, {
      method: 'PUT',
      url: `${API}/segments/${s.id}`,
      body: { name: 'Anders', definition: newsletterDefinition(), version: 1 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('version_conflict');
    // a segment without purpose cannot feed a campaign
    await expect(
      inTenant(t.db.kysely, t.tenantId, (tx) =>
        evaluateSegmentWithin(tx, t.ctx, { tenantId: t.tenantId, segmentId: s.id, includeRecipients: true }),
      ),
    ).rejects.toMatchObject({ code: 'segment_purpose_required' });

    const removed = await t.call(marketing, { method: 'DELETE', url: `${API}/segments/${s.id}` });
    expect(removed.statusCode).toBe(204);
    expect((await t.call(marketing, { method: 'GET', url: `${API}/segments/${s.id}` })).statusCode).toBe(404);
    // the name is free again once archived
    const again = await t.call(marketing, {
      method: 'POST',
      url: `${API}/segments`,
      body: { name: 'newsletter region 30', definition: newsletterDefinition() },
    });
    expect(again.statusCode).toBe(201);
  });

  it('refuses bad segments without storing anything', async () => {
    const first = await t.call(marketing, {
      method: 'POST',
      url: `${API}/segments`,
      body: { name: 'Einmalig', definition: newsletterDefinition() },
    });
    expect(first.statusCode).toBe(201);
    const foreignTag = (
      await t.call(b.adminToken, { method: 'POST', url: `${API}/tags`, body: { name: 'Fremd' } })
    ).json().id;
    const before = await snapshotData(t.db);
    const post = (body: object) => t.call(marketing, { method: 'POST', url: `${API}/segments`, body });
    const cases: [object, number, string][] = [
      [{ name: 'EINMALIG', definition: newsletterDefinition() }, 409, 'segment_name_taken'],
      [
        { name: 'X1', definition: newsletterDefinition(), purposeId: 'marketing' },
        422,
        'segment_purpose_required',
      ],
      [{ name: 'X2', definition: newsletterDefinition(), channel: 'email' }, 422, 'segment_purpose_required'],
      [
        { name: 'X3', definition: newsletterDefinition(), purposeId: 'lottery', channel: 'email' },
        422,
        'unknown_purpose',
      ],
      [
        { name: 'X4', definition: newsletterDefinition(), purposeId: 'billing', channel: 'letter' },
        422,
        'campaign_not_marketing',
      ],
      [
        {
          name: 'X5',
          definition: { match: 'all', conditions: [{ field: 'tag', op: 'has', tagId: randomUUID() }] },
        },
        422,
        'unknown_tag',
      ],
      [
        {
          name: 'X6',
          definition: { match: 'all', conditions: [{ field: 'customerGroup', ids: [randomUUID()] }] },
        },
        422,
        'unknown_customer_group',
      ],
      [
        {
          name: 'X7',
          definition: { match: 'all', conditions: [{ field: 'purpose', purposeId: 'lottery' }] },
        },
        422,
        'unknown_purpose',
      ],
      [
        {
          name: 'X8',
          definition: { match: 'all', conditions: Array(21).fill({ field: 'city', value: 'Berlin' }) },
        },
        422,
        'validation_failed',
      ],
      [{ name: 'X9', definition: { match: 'some', conditions: [] } }, 422, 'validation_failed'],
      [
        { name: 'X10', definition: { match: 'all', conditions: [{ field: 'salary', min: 1 }] } },
        422,
        'validation_failed',
      ],
    ];
    for (const [body, status, code] of cases) {
      const res = await post(body);
      expect([res.statusCode, res.json().code], JSON.stringify(body)).toEqual([status, code]);
    }
    // another tenant's tag is unknown here (row-level security)
    const foreign = await post({
      name: 'X11',
      definition: { match: 'all', conditions: [{ field: 'tag', op: 'has', tagId: foreignTag }] },
    });
    expect(foreign.json().code).toBe('unknown_tag');
    // rights: sales reads, only marketing.manage writes; support may not even read
    expect(
      (
        await t.call(sales, {
          method: 'POST',
          url: `${API}/segments`,
          body: { name: 'S', definition: newsletterDefinition() },
        })
      ).statusCode,
    ).toBe(403);
    expect((await t.call(support, { method: 'GET', url: `${API}/segments` })).statusCode).toBe(403);
    expect((await preview(support, { definition: newsletterDefinition() })).statusCode).toBe(403);
    expect(await snapshotData(t.db)).toEqual(before);
    // another tenant does not see the segment
    expect(
      (await t.call(b.adminToken, { method: 'GET', url: `${API}/segments/${first.json().id}` })).statusCode,
    ).toBe(404);
  });

  it('refuses to archive a segment a scheduled campaign uses (409 segment_in_use)', async () => {
    const s = (
      await t.call(marketing, {
        method: 'POST',
        url: `${API}/segments`,
        body: {
          name: 'Kampagne',
          definition: newsletterDefinition(),
          purposeId: 'marketing',
          channel: 'email',
        },
      })
    ).json();
    await inTenant(t.db.kysely, t.tenantId, (tx) =>
      tx
        .insertInto('campaigns')
        .values({
          tenant_id: t.tenantId,
          name: 'Sommer',
          kind: 'email',
          occasion: 'offer',
          segment_id: s.id,
          purpose_id: 'marketing',
          language: 'de',
          subject: 'Sommerangebot',
          body: 'Hallo {{firstName}}',
          status: 'scheduled',
          scheduled_at: new Date(NOW.getTime() + day),
          updated_at: NOW,
        } as never)
        .execute(),
    );
    const res = await t.call(marketing, { method: 'DELETE', url: `${API}/segments/${s.id}` });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('segment_in_use');
    expect((await t.call(marketing, { method: 'GET', url: `${API}/segments/${s.id}` })).statusCode).toBe(200);
  });

  it('a user sees only the persons of their departments in counts and samples', async () => {
    const vertrieb = t.departmentId('Vertrieb');
    const kundenservice = t.departmentId('Kundenservice');
    const v = await insertPerson({ first: 'Vera', last: 'Vogt', departments: [vertrieb] });
    const k = await insertPerson({ first: 'Karl', last: 'Kunz', departments: [kundenservice] });
    await tag(v, tagVip);
    await tag(k, tagVip);
    const def = { match: 'all', conditions: [{ field: 'tag', op: 'has', tagId: tagVip }] };
    const names = async (token: string) =>
      (await preview(token, { definition: def })).json().sample.map((s: { lastName: string }) => s.lastName);
    expect(await names(t.adminToken)).toEqual(['Kunz', 'Vogt']);
    expect(await names(salesInVertrieb)).toEqual(['Vogt']);
    expect(await names(sales)).toEqual([]);
    // campaigns evaluate tenant-wide
    const all = await inTenant(t.db.kysely, t.tenantId, (tx) =>
      evaluateDefinitionWithin(tx, t.ctx, {
        definition: def as SegmentDefinition,
        use: null,
        visibility: EVERY_DEPARTMENT,
        includeRecipients: false,
      }),
    );
    expect(all.matched).toBe(2);
  });

  describe('conditions', () => {
    const matchedNames = async (definition: SegmentDefinition, now = NOW) =>
      inTenant(t.db.kysely, t.tenantId, async (tx) =>
        (
          await evaluateDefinitionWithin(
            tx,
            { ...t.ctx, now: () => now },
            {
              definition,
              use: null,
              visibility: EVERY_DEPARTMENT,
              includeRecipients: false,
            },
          )
        ).sample.map((s) => s.first_name),
      );

    beforeAll(async () => {
      await insertPerson({
        first: 'Silvester',
        last: 'Xa',
        birthDate: '1980-12-31',
        city: 'Celle',
        postalCode: '29221',
      });
      await insertPerson({
        first: 'Neujahr',
        last: 'Xb',
        birthDate: '1990-01-02',
        city: 'Celle',
        postalCode: '29221',
      });
      await insertPerson({
        first: 'Schalt',
        last: 'Xc',
        birthDate: '1988-02-29',
        city: 'Celle',
        postalCode: '29221',
      });
      await insertPerson({
        first: 'Maerz',
        last: 'Xd',
        birthDate: '1970-03-01',
        city: 'Celle',
        postalCode: '29221',
      });
      const old = await insertPerson({
        first: 'Alt',
        last: 'Xe',
        city: 'Celle',
        postalCode: '29221',
        createdAt: new Date('2020-05-01T10:00:00Z'),
        organizationId: orgId,
        kind: 'contact_person',
      });
      await interaction(old, 400);
      const recent = await insertPerson({ first: 'Neu', last: 'Xf', city: 'CELLE', postalCode: '29223' });
      await interaction(recent, 10, 'meeting');
      await order(recent, '2026-06-01');
      await inTenant(t.db.kysely, t.tenantId, async (tx) => {
        const won = await tx
          .selectFrom('pipeline_stages')
          .select('id')
          .where('outcome', '=', 'won')
          .executeTakeFirstOrThrow();
        const open = await tx
          .selectFrom('pipeline_stages')
          .select('id')
          .where('outcome', '=', 'open')
          .executeTakeFirstOrThrow();
        await tx
          .insertInto('deals')
          .values([
            {
              tenant_id: t.tenantId,
              title: 'Won',
              person_id: recent,
              stage_id: won.id,
              value: 100,
              probability: 100,
              closed_at: new Date(NOW.getTime() - 5 * day),
              updated_at: NOW,
            },
            {
              tenant_id: t.tenantId,
              title: 'Open',
              organization_id: orgId,
              stage_id: open.id,
              value: 100,
              probability: 10,
              updated_at: NOW,
            },
          ] as never)
          .execute();
      });
    });

    const celle = { field: 'city', value: 'celle' } as const;
    const all = (...conditions: SegmentDefinition['conditions']): SegmentDefinition => ({
      match: 'all',
      conditions: [celle, ...conditions],
    });

    it('birthdays in Berlin days, across the year end and for 29 February', async () => {
      // 30 Dec 2026, 23:30 UTC is already 31 December in Berlin
      const silvesterEve = new Date('2026-12-30T23:30:00Z');
      expect(await matchedNames(all({ field: 'birthday', withinDays: 0 }), silvesterEve)).toEqual([
        'Silvester',
      ]);
      expect(await matchedNames(all({ field: 'birthday', withinDays: 2 }), silvesterEve)).toEqual([
        'Silvester',
        'Neujahr',
      ]);
      // 28 February 2027 (a common year): the 29 February birthday is celebrated today
      const feb28 = new Date('2027-02-28T09:00:00Z');
      expect(await matchedNames(all({ field: 'birthday', withinDays: 0 }), feb28)).toEqual(['Schalt']);
      expect(await matchedNames(all({ field: 'birthday', withinDays: 1 }), feb28)).toEqual([
        'Schalt',
        'Maerz',
      ]);
      // in a leap year 29 February is its own day
      expect(
        await matchedNames(all({ field: 'birthday', withinDays: 0 }), new Date('2028-02-28T09:00:00Z')),
      ).toEqual([]);
      expect(
        await matchedNames(all({ field: 'birthday', withinDays: 0 }), new Date('2028-02-29T09:00:00Z')),
      ).toEqual(['Schalt']);
    });

    it('the campaigns birthdayOn narrows to one day', async () => {
      const s = (
        await t.call(marketing, {
          method: 'POST',
          url: `${API}/segments`,
          body: { name: 'Geburtstag Celle', definition: all(), purposeId: 'marketing', channel: 'letter' },
        })
      ).json();
      const r = await inTenant(t.db.kysely, t.tenantId, (tx) =>
        evaluateSegmentWithin(tx, t.ctx, {
          tenantId: t.tenantId,
          segmentId: s.id,
          includeRecipients: false,
          birthdayOn: '2026-12-31',
        }),
      );
      expect(r.matched).toBe(1);
    });

    it('created, interactions, deals, orders, organisation kind, customer group, person kind; all and any', async () => {
      expect(await matchedNames(all({ field: 'createdAt', op: 'before', date: '2021-01-01' }))).toEqual([
        'Alt',
      ]);
      expect(
        (await matchedNames(all({ field: 'createdAt', op: 'after', date: '2021-01-01' }))).sort(),
      ).toEqual(['Maerz', 'Neu', 'Neujahr', 'Schalt', 'Silvester']);
      expect(await matchedNames(all({ field: 'lastInteraction', op: 'within', days: 365 }))).toEqual(['Neu']);
      expect(
        await matchedNames(all({ field: 'lastInteraction', op: 'within', days: 365, kind: 'call' })),
      ).toEqual([]);
      expect(await matchedNames(all({ field: 'lastInteraction', op: 'within', days: 500 }))).toEqual([
        'Alt',
        'Neu',
      ]);
      expect(
        (await matchedNames(all({ field: 'lastInteraction', op: 'notWithin', days: 365 }))).sort(),
      ).toEqual(['Alt', 'Maerz', 'Neujahr', 'Schalt', 'Silvester']);
      expect(await matchedNames(all({ field: 'deal', op: 'open' }))).toEqual(['Alt']);
      expect(await matchedNames(all({ field: 'deal', op: 'wonWithin', days: 30 }))).toEqual(['Neu']);
      expect(await matchedNames(all({ field: 'deal', op: 'wonWithin', days: 2 }))).toEqual([]);
      expect(await matchedNames(all({ field: 'order', op: 'any' }))).toEqual(['Neu']);
      expect(await matchedNames(all({ field: 'order', op: 'within', days: 14 }))).toEqual(['Neu']);
      expect(await matchedNames(all({ field: 'order', op: 'within', days: 7 }))).toEqual([]);
      expect(await matchedNames(all({ field: 'organizationKind', values: ['partner'] }))).toEqual(['Alt']);
      expect(await matchedNames(all({ field: 'customerGroup', ids: [groupId] }))).toEqual(['Alt']);
      expect(await matchedNames(all({ field: 'personKind', values: ['contact_person'] }))).toEqual(['Alt']);
      expect(await matchedNames(all({ field: 'postalCode', prefix: '29223' }))).toEqual(['Neu']);
      expect(await matchedNames(all({ field: 'country', values: ['AT'] }))).toEqual([]);
      expect(await matchedNames(all({ field: 'purpose', purposeId: 'sales' }))).toHaveLength(6);
      expect(
        (
          await matchedNames({
            match: 'any',
            conditions: [
              { field: 'customerGroup', ids: [groupId] },
              { field: 'deal', op: 'wonWithin', days: 30 },
            ],
          })
        ).sort(),
      ).toEqual(['Alt', 'Neu']);
      // a literal % or _ in a prefix is no wildcard
      expect(await matchedNames(all({ field: 'postalCode', prefix: '2922' }))).toHaveLength(6);
    });

    it('eligibilityOfPersonsWithin sees a withdrawal at once', async () => {
      const p = await insertPerson({ first: 'Jetzt', last: 'Xg' });
      await addConsent(p, 'marketing', 'email');
      const check = () =>
        inTenant(t.db.kysely, t.tenantId, (tx) =>
          eligibilityOfPersonsWithin(tx, t.ctx, {
            tenantId: t.tenantId,
            personIds: [p, randomUUID()],
            purposeId: 'marketing',
            channel: 'email',
          }),
        );
      expect((await check()).get(p)).toMatchObject({ eligible: true, basis: 'consent' });
      expect((await check()).size).toBe(1);
      await inTenant(t.db.kysely, t.tenantId, (tx) =>
        tx
          .updateTable('consents')
          .set({ withdrawn_at: NOW, withdrawal_method: 'one_click' })
          .where('person_id', '=', p)
          .execute(),
      );
      expect((await check()).get(p)).toEqual({ eligible: false, reason: 'withdrawn' });
    });
  });
});
