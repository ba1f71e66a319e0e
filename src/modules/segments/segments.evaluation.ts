import type { Tx } from '../../db/tenant.ts';
import { businessDate } from '../../domain/accounts/account-view.ts';
import { AppError } from '../../domain/errors.ts';
import {
  type Eligibility,
  EXCLUSION_REASONS,
  type ExclusionReason,
  emptyExclusions,
  isAdvertisingPurpose,
  type MarketingChannel,
} from '../../domain/marketing/eligibility.ts';
import { SegmentDefinition } from '../../domain/marketing/segment-definition.ts';
import type { LegalBasis } from '../../domain/privacy/legal-bases.ts';
import type { AppContext } from '../../server/context.ts';
import * as repo from './segments.repository.ts';

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
 * Segment evaluation for the other modules (campaigns) and the segments routes. Owner: segments.
 *
 * One statement per evaluation: the definition compiles to a WHERE over persons, and for every matched
 * person the same statement computes the facts of `marketingEligibility` and classifies them with a
 * CASE that mirrors the rule (segments.repository.ts; segments.eligibility.test.ts proves they agree).
 * Called without an actor (campaigns), an evaluation covers the whole tenant; the routes pass the
 * acting user's department visibility.
 */

/** The marketing use for a purpose and channel: 422 unknown_purpose, campaign_not_marketing. */
export const marketingUseWithin = async (
  tx: Tx,
  purposeId: string,
  channel: MarketingChannel,
): Promise<repo.MarketingUse> => {
  const bases = (await repo.purposeBases(tx, purposeId)) as LegalBasis[] | undefined;
  if (!bases) throw new AppError('unknown_purpose', { params: { purpose: purposeId } });
  if (!isAdvertisingPurpose(bases))
    throw new AppError('campaign_not_marketing', { params: { purpose: purposeId } });
  return {
    purposeId,
    channel,
    consentAllowed: bases.includes('consent'),
    legitimateInterestAllowed: bases.includes('legitimate_interest'),
  };
};

const BASES = new Set(['consent', 'legitimate_interest']);

const toRecipient = (r: repo.ClassifiedRow): EligibleRecipient => ({
  personId: r.id,
  basis: r.cls as 'consent' | 'legitimate_interest',
  consentId: r.cls === 'consent' ? r.valid_consent_id : null,
  firstName: r.first_name,
  lastName: r.last_name,
  email: r.email,
  phone: r.phone,
  street: r.street,
  postalCode: r.postal_code,
  city: r.city,
  country: r.country,
  birthDate:
    r.birth_date === null
      ? null
      : typeof r.birth_date === 'string'
        ? r.birth_date.slice(0, 10)
        : businessDate(r.birth_date, 'UTC'),
});

/** Sums per-class counts into matched / eligible / excluded. */
export const summarise = (counts: Record<string, number>) => {
  const excluded = emptyExclusions();
  let matched = 0;
  let eligible = 0;
  for (const [cls, n] of Object.entries(counts)) {
    matched += n;
    if (BASES.has(cls)) eligible += n;
    else if ((EXCLUSION_REASONS as readonly string[]).includes(cls)) excluded[cls as ExclusionReason] += n;
  }
  return { matched, eligible, excluded };
};

export type EvaluationInput = {
  definition: SegmentDefinition;
  use: repo.MarketingUse | null;
  visibility: repo.Visibility;
  birthdayOn?: string;
};

/** Evaluates a definition: counts (and sample) or, with `includeRecipients`, every eligible person. */
export const evaluateDefinitionWithin = async (
  tx: Tx,
  ctx: AppContext,
  input: EvaluationInput & { includeRecipients: boolean },
) => {
  const now = ctx.now();
  const where = repo.matchWhere(
    input.definition,
    { now, today: businessDate(now) },
    input.visibility,
    input.birthdayOn,
  );
  if (input.includeRecipients && input.use) {
    const rows = await repo.classifyPersons(tx, where, input.use);
    const counts: Record<string, number> = {};
    for (const r of rows) counts[r.cls] = (counts[r.cls] ?? 0) + 1;
    const eligibleRows = rows.filter((r) => BASES.has(r.cls));
    return {
      ...summarise(counts),
      recipients: eligibleRows.map(toRecipient),
      sample: eligibleRows.slice(0, 20).map((r) => ({
        id: r.id,
        first_name: r.first_name,
        last_name: r.last_name,
        cls: r.cls,
      })),
    };
  }
  const { counts, sample } = await repo.evaluateCounts(tx, where, input.use);
  if (!input.use) return { matched: counts.matched ?? 0, eligible: 0, excluded: emptyExclusions(), sample };
  return { ...summarise(counts), sample };
};

/**
 * Evaluates a saved segment for its purpose and channel, or for the given ones (campaigns pass the
 * campaign's purpose and its channel: 'email' or 'letter'). `birthdayOn` (YYYY-MM-DD, Berlin date)
 * narrows to persons whose birthday is that day (recurring birthday campaigns).
 * Tenant-wide unless a `visibility` is given. 404 not_found for an unknown segment; 422 segment_purpose_required when
 * neither the segment nor the caller names a purpose and channel.
 */
export const evaluateSegmentWithin = async (
  tx: Tx,
  ctx: AppContext,
  input: {
    tenantId: string;
    segmentId: string;
    purposeId?: string;
    channel?: MarketingChannel;
    includeRecipients: boolean;
    birthdayOn?: string;
    /** whose persons: a campaign reaches only what its creator may see (default: every department) */
    visibility?: repo.Visibility;
  },
): Promise<SegmentEvaluation> => {
  const segment = await repo.findSegment(tx, input.segmentId);
  if (!segment) throw new AppError('not_found', { params: { entity: 'segment' } });
  const purposeId = input.purposeId ?? segment.purpose_id;
  const channel = input.channel ?? segment.channel;
  if (!purposeId || !channel) throw new AppError('segment_purpose_required');
  const use = await marketingUseWithin(tx, purposeId, channel);
  const result = await evaluateDefinitionWithin(tx, ctx, {
    definition: SegmentDefinition.parse(segment.definition),
    use,
    visibility: input.visibility ?? repo.EVERY_DEPARTMENT,
    includeRecipients: input.includeRecipients,
    ...(input.birthdayOn ? { birthdayOn: input.birthdayOn } : {}),
  });
  return {
    matched: result.matched,
    eligible: result.eligible,
    excluded: result.excluded,
    ...(input.includeRecipients && 'recipients' in result ? { recipients: result.recipients } : {}),
  };
};

/**
 * The eligibility of these persons right now (send time: a withdrawal or objection since the
 * segment was evaluated takes effect at once). Persons that no longer exist (erased) are absent
 * from the map.
 */
export const eligibilityOfPersonsWithin = async (
  tx: Tx,
  _ctx: AppContext,
  input: { tenantId: string; personIds: string[]; purposeId: string; channel: MarketingChannel },
): Promise<Map<string, Eligibility>> => {
  const result = new Map<string, Eligibility>();
  if (input.personIds.length === 0) return result;
  const use = await marketingUseWithin(tx, input.purposeId, input.channel);
  const rows = await repo.classifyPersons(tx, repo.personIdsWhere(input.personIds), use);
  for (const r of rows) result.set(r.id, eligibilityOfRow(r));
  return result;
};

export const eligibilityOfRow = (r: repo.ClassifiedRow): Eligibility => {
  if (r.cls === 'consent' && r.valid_consent_id)
    return { eligible: true, basis: 'consent', consentId: r.valid_consent_id };
  if (r.cls === 'legitimate_interest') return { eligible: true, basis: 'legitimate_interest' };
  return { eligible: false, reason: r.cls as ExclusionReason };
};
