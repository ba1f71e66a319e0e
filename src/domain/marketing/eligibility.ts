import type { LegalBasis } from '../privacy/legal-bases.ts';

/** Channels of advertising; each needs its own basis (BGH I ZR 164/09: a DOI e-mail proves no phone consent). */
export const MARKETING_CHANNELS = ['email', 'phone', 'letter', 'sms'] as const;
export type MarketingChannel = (typeof MARKETING_CHANNELS)[number];

/** Why a person in a segment is left out of a marketing use, in the order the rules are checked. */
export const EXCLUSION_REASONS = [
  'restricted',
  'objected',
  'no_address',
  'bounced',
  'withdrawn',
  'no_consent',
] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

/** What the rule needs to know about one person, for one purpose and channel. */
export type PersonMarketingFacts = {
  /** Art. 18: only stored, never used */
  restricted: boolean;
  /** Art. 21(2): objected to direct marketing */
  objected: boolean;
  /** an address for the channel: e-mail (email), phone number (phone, sms), postal address (letter) */
  hasAddress: boolean;
  /** the e-mail address bounced (email channel only) */
  bounced: boolean;
  /** the id of a valid (not withdrawn, not superseded) consent for this purpose and channel */
  validConsentId: string | null;
  /** a consent for this purpose and channel was withdrawn and none is valid */
  withdrawnConsent: boolean;
  /** the person's record names this purpose (needed for legitimate interest) */
  purposeOnRecord: boolean;
  /** § 7(3) UWG: the address was obtained in a sale (the person has an order or an invoice) */
  existingCustomer: boolean;
};

export type Eligibility =
  | { eligible: true; basis: 'consent'; consentId: string }
  | { eligible: true; basis: 'legitimate_interest' }
  | { eligible: false; reason: ExclusionReason };

/**
 * May this person be advertised to for this purpose through this channel, and on which basis?
 *
 * 1. restricted (Art. 18) and objectors (Art. 21(2)) never;
 * 2. no address for the channel, or an e-mail address that bounced: nothing to send to;
 * 3. a valid consent for exactly this purpose and channel, if the purpose allows consent;
 * 4. a withdrawn consent for this purpose and channel ends it (no fallback to legitimate interest);
 * 5. legitimate interest, if the purpose allows it and the record names the purpose: by letter
 *    (Art. 6(1)(f), recital 47), by e-mail only to existing customers (§ 7(3) UWG; every mail then
 *    carries the objection notice), never by phone or SMS (§ 7(2) UWG needs prior express consent);
 * 6. otherwise no basis.
 */
export const marketingEligibility = (input: {
  facts: PersonMarketingFacts;
  purposeBases: readonly LegalBasis[];
  channel: MarketingChannel;
}): Eligibility => {
  const { facts, purposeBases, channel } = input;
  if (facts.restricted) return { eligible: false, reason: 'restricted' };
  if (facts.objected) return { eligible: false, reason: 'objected' };
  if (!facts.hasAddress) return { eligible: false, reason: 'no_address' };
  if (channel === 'email' && facts.bounced) return { eligible: false, reason: 'bounced' };
  if (facts.validConsentId && purposeBases.includes('consent'))
    return { eligible: true, basis: 'consent', consentId: facts.validConsentId };
  if (facts.withdrawnConsent) return { eligible: false, reason: 'withdrawn' };
  if (
    purposeBases.includes('legitimate_interest') &&
    facts.purposeOnRecord &&
    legitimateInterestReaches(channel, facts)
  )
    return { eligible: true, basis: 'legitimate_interest' };
  return { eligible: false, reason: 'no_consent' };
};

const legitimateInterestReaches = (channel: MarketingChannel, facts: PersonMarketingFacts) =>
  channel === 'letter' || (channel === 'email' && facts.existingCustomer);

/** A purpose can carry advertising when it rests on consent or legitimate interest. */
export const isAdvertisingPurpose = (purposeBases: readonly LegalBasis[]) =>
  purposeBases.includes('consent') || purposeBases.includes('legitimate_interest');

/** Empty counts for every exclusion reason (segment evaluations report all of them, zeros included). */
export const emptyExclusions = (): Record<ExclusionReason, number> =>
  Object.fromEntries(EXCLUSION_REASONS.map((r) => [r, 0])) as Record<ExclusionReason, number>;
