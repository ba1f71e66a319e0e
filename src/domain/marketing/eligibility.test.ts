import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LegalBasis } from '../privacy/legal-bases.ts';
import {
  EXCLUSION_REASONS,
  emptyExclusions,
  isAdvertisingPurpose,
  MARKETING_CHANNELS,
  type MarketingChannel,
  marketingEligibility,
  type PersonMarketingFacts,
} from './eligibility.ts';

/** A person that may be advertised to on every basis; each test takes away what it needs. */
const base: PersonMarketingFacts = {
  restricted: false,
  objected: false,
  hasAddress: true,
  bounced: false,
  validConsentId: null,
  withdrawnConsent: false,
  purposeOnRecord: true,
  existingCustomer: false,
};
const BOTH: LegalBasis[] = ['consent', 'legitimate_interest'];
const CONSENT_ONLY: LegalBasis[] = ['consent'];
const LI_ONLY: LegalBasis[] = ['legitimate_interest'];

const decide = (
  facts: Partial<PersonMarketingFacts>,
  channel: MarketingChannel,
  purposeBases: LegalBasis[] = BOTH,
) => {
  const r = marketingEligibility({ facts: { ...base, ...facts }, purposeBases, channel });
  return r.eligible ? r.basis : r.reason;
};

describe('marketingEligibility: each exclusion reason', () => {
  it.each([
    ['restricted (Art. 18)', { restricted: true, validConsentId: 'c1' }, 'restricted'],
    ['objected (Art. 21(2))', { objected: true, validConsentId: 'c1' }, 'objected'],
    ['no address for the channel', { hasAddress: false, validConsentId: 'c1' }, 'no_address'],
    ['bounced e-mail address', { bounced: true, validConsentId: 'c1' }, 'bounced'],
    ['withdrawn consent', { withdrawnConsent: true, existingCustomer: true }, 'withdrawn'],
    ['no consent, not a customer', {}, 'no_consent'],
  ] as const)('%s → %s', (_label, facts, expected) => {
    expect(decide(facts, 'email')).toBe(expected);
  });

  it('bounces only matter for e-mail', () => {
    for (const channel of ['letter', 'phone', 'sms'] as const)
      expect(decide({ bounced: true, validConsentId: 'c1' }, channel)).toBe('consent');
  });
});

describe('marketingEligibility: order of precedence', () => {
  // every fact set to its excluding value; removing them one at a time walks down the reasons
  const worst: Partial<PersonMarketingFacts> = {
    restricted: true,
    objected: true,
    hasAddress: false,
    bounced: true,
    validConsentId: null,
    withdrawnConsent: true,
    purposeOnRecord: false,
  };
  it.each([
    [{}, 'restricted'],
    [{ restricted: false }, 'objected'],
    [{ restricted: false, objected: false }, 'no_address'],
    [{ restricted: false, objected: false, hasAddress: true }, 'bounced'],
    [{ restricted: false, objected: false, hasAddress: true, bounced: false }, 'withdrawn'],
    [
      { restricted: false, objected: false, hasAddress: true, bounced: false, withdrawnConsent: false },
      'no_consent',
    ],
  ] as const)('%o → %s', (lift, expected) => {
    expect(decide({ ...worst, ...lift }, 'email')).toBe(expected);
  });

  it('restriction and objection win over a valid consent', () => {
    expect(decide({ restricted: true, objected: true, validConsentId: 'c1' }, 'letter')).toBe('restricted');
    expect(decide({ objected: true, validConsentId: 'c1' }, 'letter')).toBe('objected');
  });

  it('a valid consent wins over an older withdrawn one (a renewed consent counts)', () => {
    expect(decide({ validConsentId: 'c2', withdrawnConsent: true }, 'email')).toBe('consent');
  });

  it('the exclusion reasons are listed in the order they are checked', () => {
    expect(EXCLUSION_REASONS).toEqual([
      'restricted',
      'objected',
      'no_address',
      'bounced',
      'withdrawn',
      'no_consent',
    ]);
  });
});

describe('marketingEligibility: consent and legitimate interest per channel', () => {
  // [channel, existing customer, purpose bases, consent?, expected]
  it.each([
    // consent reaches every channel, when the purpose allows consent
    ['email', false, BOTH, true, 'consent'],
    ['letter', false, BOTH, true, 'consent'],
    ['phone', false, BOTH, true, 'consent'],
    ['sms', false, BOTH, true, 'consent'],
    ['email', false, CONSENT_ONLY, true, 'consent'],
    ['phone', false, CONSENT_ONLY, true, 'consent'],
    // a consent is no basis when the purpose rests on legitimate interest only
    ['phone', false, LI_ONLY, true, 'no_consent'],
    ['email', false, LI_ONLY, true, 'no_consent'],
    ['letter', false, LI_ONLY, true, 'legitimate_interest'],
    // letter: legitimate interest is enough (recital 47)
    ['letter', false, BOTH, false, 'legitimate_interest'],
    ['letter', true, BOTH, false, 'legitimate_interest'],
    ['letter', false, LI_ONLY, false, 'legitimate_interest'],
    // e-mail: legitimate interest only for existing customers (§ 7(3) UWG)
    ['email', true, BOTH, false, 'legitimate_interest'],
    ['email', false, BOTH, false, 'no_consent'],
    ['email', true, LI_ONLY, false, 'legitimate_interest'],
    // phone and SMS: consent only (§ 7(2) UWG), even for customers
    ['phone', true, BOTH, false, 'no_consent'],
    ['sms', true, BOTH, false, 'no_consent'],
    ['phone', true, LI_ONLY, false, 'no_consent'],
    ['sms', false, LI_ONLY, false, 'no_consent'],
    // newsletter: consent only, so no legitimate interest even by letter or for customers
    ['letter', true, CONSENT_ONLY, false, 'no_consent'],
    ['email', true, CONSENT_ONLY, false, 'no_consent'],
  ] as const)(
    '%s, customer %s, bases %j, consent %s → %s',
    (channel, existingCustomer, bases, consent, expected) => {
      expect(decide({ existingCustomer, validConsentId: consent ? 'c1' : null }, channel, [...bases])).toBe(
        expected,
      );
    },
  );

  it('returns the consent id for consent-based eligibility', () => {
    expect(
      marketingEligibility({
        facts: { ...base, validConsentId: 'c-42' },
        purposeBases: BOTH,
        channel: 'email',
      }),
    ).toEqual({ eligible: true, basis: 'consent', consentId: 'c-42' });
  });

  it('legitimate interest needs the purpose on the record', () => {
    expect(decide({ purposeOnRecord: false }, 'letter')).toBe('no_consent');
    expect(decide({ purposeOnRecord: false, existingCustomer: true }, 'email')).toBe('no_consent');
    expect(decide({ purposeOnRecord: true }, 'letter')).toBe('legitimate_interest');
  });

  it('consent does not need the purpose on the record', () => {
    expect(decide({ purposeOnRecord: false, validConsentId: 'c1' }, 'phone')).toBe('consent');
  });
});

describe('marketingEligibility: a withdrawn consent never falls back to legitimate interest', () => {
  it.each(
    MARKETING_CHANNELS.flatMap((channel) => [true, false].map((customer) => [channel, customer] as const)),
  )('%s, existing customer %s', (channel, existingCustomer) => {
    expect(decide({ withdrawnConsent: true, existingCustomer }, channel, BOTH)).toBe('withdrawn');
    expect(decide({ withdrawnConsent: true, existingCustomer }, channel, LI_ONLY)).toBe('withdrawn');
  });
});

// ---- properties -------------------------------------------------------------------------------------

const factsArb = fc.record({
  restricted: fc.boolean(),
  objected: fc.boolean(),
  hasAddress: fc.boolean(),
  bounced: fc.boolean(),
  validConsentId: fc.option(fc.uuid(), { nil: null }),
  withdrawnConsent: fc.boolean(),
  purposeOnRecord: fc.boolean(),
  existingCustomer: fc.boolean(),
});
const channelArb = fc.constantFrom(...MARKETING_CHANNELS);
const basesArb = fc.subarray(['consent', 'contract', 'legitimate_interest'] as LegalBasis[]);

describe('marketingEligibility: properties', () => {
  it('restricted or objected is never eligible', () => {
    fc.assert(
      fc.property(factsArb, channelArb, basesArb, (facts, channel, purposeBases) => {
        fc.pre(facts.restricted || facts.objected);
        expect(marketingEligibility({ facts, purposeBases, channel }).eligible).toBe(false);
      }),
    );
  });

  it('without an address, or with a bounced e-mail address, nobody is eligible', () => {
    fc.assert(
      fc.property(factsArb, channelArb, basesArb, (facts, channel, purposeBases) => {
        fc.pre(!facts.hasAddress || (channel === 'email' && facts.bounced));
        expect(marketingEligibility({ facts, purposeBases, channel }).eligible).toBe(false);
      }),
    );
  });

  it('phone and SMS are only ever reached on consent, and consent only with a consent id', () => {
    fc.assert(
      fc.property(factsArb, channelArb, basesArb, (facts, channel, purposeBases) => {
        const r = marketingEligibility({ facts, purposeBases, channel });
        if (r.eligible && (channel === 'phone' || channel === 'sms')) expect(r.basis).toBe('consent');
        if (r.eligible && r.basis === 'consent') {
          expect(r.consentId).toBe(facts.validConsentId);
          expect(purposeBases).toContain('consent');
        }
        if (r.eligible && r.basis === 'legitimate_interest') {
          expect(purposeBases).toContain('legitimate_interest');
          expect(facts.purposeOnRecord).toBe(true);
          expect(facts.withdrawnConsent).toBe(false);
        }
      }),
    );
  });

  it('a purpose that is no advertising purpose reaches nobody', () => {
    fc.assert(
      fc.property(factsArb, channelArb, (facts, channel) => {
        expect(marketingEligibility({ facts, purposeBases: ['contract'], channel }).eligible).toBe(false);
      }),
    );
  });

  it('the answer is always a basis or one of the exclusion reasons', () => {
    fc.assert(
      fc.property(factsArb, channelArb, basesArb, (facts, channel, purposeBases) => {
        const r = marketingEligibility({ facts, purposeBases, channel });
        if (!r.eligible) expect(EXCLUSION_REASONS).toContain(r.reason);
      }),
    );
  });
});

describe('isAdvertisingPurpose and emptyExclusions', () => {
  it.each([
    [['consent'], true],
    [['legitimate_interest'], true],
    [['contract', 'legitimate_interest'], true],
    [['contract'], false],
    [['legal_obligation', 'contract'], false],
    [[], false],
  ] as const)('%j → %s', (bases, expected) => {
    expect(isAdvertisingPurpose([...bases])).toBe(expected);
  });

  it('lists every reason with zero', () => {
    expect(emptyExclusions()).toEqual({
      restricted: 0,
      objected: 0,
      no_address: 0,
      bounced: 0,
      withdrawn: 0,
      no_consent: 0,
    });
  });
});
