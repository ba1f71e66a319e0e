import type { Tx } from '../../db/tenant.ts';
import type { Eligibility, ExclusionReason, MarketingChannel } from '../../domain/marketing/eligibility.ts';
import type { AppContext } from '../../server/context.ts';

/** One person a marketing use may reach, with what a mail or letter needs. */
export type EligibleRecipient = {
  personId: string;
  basis: 'consent' | 'legitimate_interest';
  consentId: string | null;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
  birthDate: string | null;
};

export type SegmentEvaluation = {
  /** persons the filter matches */
  matched: number;
  /** of them, those the purpose and channel may reach */
  eligible: number;
  /** of them, those left out, by reason (every reason listed, zeros included) */
  excluded: Record<ExclusionReason, number>;
  /** the eligible persons (only when asked for) */
  recipients?: EligibleRecipient[];
};

/*
 * Segment evaluation for the other modules (campaigns). Owner: segments.
 * STUBS until the segments module implements them; the signatures are the contract.
 */

/**
 * Evaluates a saved segment for its purpose and channel, or for the given ones (campaigns pass the
 * campaign's purpose and its channel: 'email' or 'letter'). `birthdayOn` (YYYY-MM-DD, Berlin date)
 * narrows to persons whose birthday is that day (recurring birthday campaigns).
 */
export const evaluateSegmentWithin = async (
  _tx: Tx,
  _ctx: AppContext,
  _input: {
    tenantId: string;
    segmentId: string;
    purposeId?: string;
    channel?: MarketingChannel;
    includeRecipients: boolean;
    birthdayOn?: string;
  },
): Promise<SegmentEvaluation> => {
  throw new Error('not implemented: evaluateSegmentWithin');
};

/**
 * The eligibility of these persons right now (send time: a withdrawal or objection since the
 * segment was evaluated takes effect at once).
 */
export const eligibilityOfPersonsWithin = async (
  _tx: Tx,
  _ctx: AppContext,
  _input: { tenantId: string; personIds: string[]; purposeId: string; channel: MarketingChannel },
): Promise<Map<string, Eligibility>> => {
  throw new Error('not implemented: eligibilityOfPersonsWithin');
};
