import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { inTenant } from '../../db/tenant.ts';
import {
  EXCLUSION_REASONS,
  emptyExclusions,
  MARKETING_CHANNELS,
  type MarketingChannel,
  marketingEligibility,
  type PersonMarketingFacts,
} from '../../domain/marketing/eligibility.ts';
import type { LegalBasis } from '../../domain/privacy/legal-bases.ts';
import {
  eligibilityOfPersonsWithin,
  evaluateDefinitionWithin,
  marketingUseWithin,
} from './segments.evaluation.ts';
import * as repo from './segments.repository.ts';

vi.setConfig({ hookTimeout: 240_000, testTimeout: 120_000 });

/**
 * The SQL classification (segments.repository.ts) must agree with the pure rule marketingEligibility for
 * every combination of facts. 256 persons, one per combination of eight bits; each is evaluated for
 * every channel and for three purposes (consent + legitimate interest, consent only, legitimate interest
 * only), then recomputed in JavaScript from the seeded facts.
 */
const NOW = new Date('2026-06-15T10:00:00Z');
const BIT = {
  restricted: 1,
  objected: 2,
  hasAddress: 4,
  bounced: 8,
  validConsent: 16,
  withdrawnConsent: 32,
  purposeOnRecord: 64,
  existingCustomer: 128,
} as const;
const PURPOSES: { id: string; bases: LegalBasis[] }[] = [
  { id: 'marketing', bases: ['consent', 'legitimate_interest'] },
  { id: 'newsletter', bases: ['consent'] },
  { id: 'customer_letters', bases: ['legitimate_interest'] },
];

describe.each(testDatabaseKinds())(
  'segment eligibility in SQL agrees with marketingEligibility on %s',
  (kind) => {
    let t: TestApp;
    const consentIds = new Map<string, string>(); // `${n}/${purpose}/${channel}` → id of the valid consent
    beforeAll(async () => {
      t = await createTestApp(kind, { now: () => NOW });
      await inTenant(t.db.kysely, t.tenantId, async (tx) => {
        await sql`insert into purposes (tenant_id, id, label_de, label_en, description_de, description_en, legal_bases)
        values (${t.tenantId}, 'customer_letters', 'Kundenbriefe', 'Customer letters', 'Briefe', 'Letters',
          array['legitimate_interest'])`.execute(tx);
        await sql`insert into persons (tenant_id, kind, first_name, last_name, email, phone, street, postal_code,
          city, legal_basis, purposes, source_kind, collected_at, restricted_at, marketing_objection_at)
        select ${t.tenantId}, 'customer', 'P', lpad(n::text, 3, '0'),
          case when n & 4 > 0 then 'p' || n || '@example.de' end,
          case when n & 4 > 0 then '+49 30 ' || n end,
          case when n & 4 > 0 then 'Hauptstr. ' || n end,
          case when n & 4 > 0 then '30159' end,
          case when n & 4 > 0 then 'Hannover' end,
          'contract',
          case when n & 64 > 0 then array['sales', 'marketing', 'newsletter', 'customer_letters']
            else array['sales'] end,
          'other', ${NOW}::timestamptz,
          case when n & 1 > 0 then ${NOW}::timestamptz end,
          case when n & 2 > 0 then ${NOW}::timestamptz end
        from generate_series(0, 255) n`.execute(tx);
        await sql`insert into mail_bounces (tenant_id, address, bounced_at)
        select ${t.tenantId}, 'p' || n || '@example.de', ${NOW}::timestamptz from generate_series(0, 255) n
        where n & 8 > 0`.execute(tx);
        await sql`insert into orders (tenant_id, number, person_id, status, ordered_at, net_total, tax_total, gross_total)
        select ${t.tenantId}, 'A-' || p.last_name, p.id, 'fulfilled', '2025-01-10', 10, 1.9, 11.9
        from persons p where p.last_name::int & 128 > 0 and p.last_name::int & 256 = 0 and p.last_name::int % 2 = 0`.execute(
          tx,
        );
        // odd existing customers have an invoice instead of an order
        await sql`insert into invoices (tenant_id, number, person_id, status, issued_at, due_at, billing_name,
          retention_rule, retain_until, net_total, tax_total, gross_total)
        select ${t.tenantId}, 'R-' || p.last_name, p.id, 'paid', '2025-01-10', '2025-01-24', 'P',
          'hgb_257', '2035-12-31', 10, 1.9, 11.9
        from persons p where p.last_name::int & 128 > 0 and p.last_name::int % 2 = 1`.execute(tx);
        for (const purpose of PURPOSES)
          for (const channel of MARKETING_CHANNELS) {
            const wording = await sql<{
              id: string;
            }>`insert into consent_wordings (tenant_id, purpose_id, channel,
              language, version, text, text_sha256, advertiser)
            values (${t.tenantId}, ${purpose.id}, ${channel}, 'de', 1, 'Ich willige ein in Werbung.',
              ${'0'.repeat(64)}, 'Muster GmbH') returning id`.execute(tx);
            const wordingId = wording.rows[0]?.id;
            // withdrawn ones given earlier, valid ones later; a superseded one never counts
            await sql`insert into consents (tenant_id, person_id, purpose_id, channel, wording_id, method, given_at,
              withdrawn_at, withdrawal_method)
            select ${t.tenantId}, p.id, ${purpose.id}, ${channel}, ${wordingId}, 'import', '2024-01-01',
              '2024-06-01', 'staff'
            from persons p where p.last_name::int & 32 > 0`.execute(tx);
            await sql`insert into consents (tenant_id, person_id, purpose_id, channel, wording_id, method, given_at,
              superseded_at)
            select ${t.tenantId}, p.id, ${purpose.id}, ${channel}, ${wordingId}, 'import', '2023-01-01',
              '2023-06-01'
            from persons p`.execute(tx);
            const valid = await sql<{
              id: string;
              n: string;
            }>`insert into consents (tenant_id, person_id, purpose_id,
              channel, wording_id, method, given_at)
            select ${t.tenantId}, p.id, ${purpose.id}, ${channel}, ${wordingId}, 'import', '2025-01-01'
            from persons p where p.last_name::int & 16 > 0
            returning id, (select last_name from persons x where x.id = person_id) as n`.execute(tx);
            for (const r of valid.rows) consentIds.set(`${Number(r.n)}/${purpose.id}/${channel}`, r.id);
          }
      });
    });
    afterAll(() => t?.close());

    const factsOf = (n: number, purpose: string, channel: MarketingChannel): PersonMarketingFacts => ({
      restricted: (n & BIT.restricted) > 0,
      objected: (n & BIT.objected) > 0,
      hasAddress: (n & BIT.hasAddress) > 0,
      bounced: (n & BIT.bounced) > 0 && (n & BIT.hasAddress) > 0,
      validConsentId:
        (n & BIT.validConsent) > 0 ? (consentIds.get(`${n}/${purpose}/${channel}`) ?? null) : null,
      withdrawnConsent: (n & BIT.withdrawnConsent) > 0 && (n & BIT.validConsent) === 0,
      purposeOnRecord: (n & BIT.purposeOnRecord) > 0,
      existingCustomer: (n & BIT.existingCustomer) > 0,
    });

    const cases = PURPOSES.flatMap((p) => MARKETING_CHANNELS.map((channel) => ({ purpose: p, channel })));

    it.each(cases)(
      '$purpose.id by $channel: every person classified as the rule says',
      async ({ purpose, channel }) => {
        await inTenant(t.db.kysely, t.tenantId, async (tx) => {
          const use = await marketingUseWithin(tx, purpose.id, channel);
          const rows = await repo.classifyPersons(tx, sql`true`, use);
          expect(rows).toHaveLength(256);
          const expectedCounts = { ...emptyExclusions(), eligible: 0 };
          for (const row of rows) {
            const n = Number(row.last_name);
            const facts = factsOf(n, purpose.id, channel);
            // the facts columns are the seeded facts (bounced only matters for e-mail)
            expect({
              restricted: row.restricted,
              objected: row.objected,
              hasAddress: row.has_address,
              bounced: row.bounced,
              withdrawnConsent: row.withdrawn_consent,
              validConsentId: row.valid_consent_id,
              purposeOnRecord: row.purpose_on_record,
              existingCustomer: row.existing_customer,
            }).toEqual({
              restricted: facts.restricted,
              objected: facts.objected,
              hasAddress: facts.hasAddress,
              bounced: facts.bounced,
              withdrawnConsent: facts.withdrawnConsent,
              validConsentId: facts.validConsentId,
              purposeOnRecord: facts.purposeOnRecord,
              existingCustomer: facts.existingCustomer,
            });
            const rule = marketingEligibility({ facts, purposeBases: purpose.bases, channel });
            const sqlClass = row.cls;
            expect(sqlClass, `person ${n}`).toBe(rule.eligible ? rule.basis : rule.reason);
            if (rule.eligible) expectedCounts.eligible += 1;
            else expectedCounts[rule.reason] += 1;
          }
          // the aggregated evaluation gives the same counts as the per-person rule
          const evaluation = await evaluateDefinitionWithin(tx, t.ctx, {
            definition: { match: 'all', conditions: [] },
            use,
            visibility: repo.EVERY_DEPARTMENT,
            includeRecipients: false,
          });
          const { eligible, ...excluded } = expectedCounts;
          expect(evaluation).toMatchObject({ matched: 256, eligible, excluded });
          // and the send-time check of single persons agrees too
          const ids = rows.map((r) => r.id);
          const map = await eligibilityOfPersonsWithin(tx, t.ctx, {
            tenantId: t.tenantId,
            personIds: ids,
            purposeId: purpose.id,
            channel,
          });
          for (const row of rows)
            expect(map.get(row.id)).toEqual(
              marketingEligibility({
                facts: factsOf(Number(row.last_name), purpose.id, channel),
                purposeBases: purpose.bases,
                channel,
              }),
            );
        });
      },
    );

    it('covers every exclusion reason and both bases across the cases', async () => {
      const seen = new Set<string>();
      await inTenant(t.db.kysely, t.tenantId, async (tx) => {
        for (const { purpose, channel } of cases) {
          const use = await marketingUseWithin(tx, purpose.id, channel);
          for (const row of await repo.classifyPersons(tx, sql`true`, use)) seen.add(row.cls);
        }
      });
      expect([...seen].sort()).toEqual([...EXCLUSION_REASONS, 'consent', 'legitimate_interest'].sort());
    });
  },
);
