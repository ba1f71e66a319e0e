import type { Tx } from '../../db/tenant.ts';
import {
  type AutoTrigger,
  type Criterion,
  type ManualCriterion,
  type RequiredReason,
  screen,
} from '../../domain/dpia/criteria.ts';
import { type PurposeDpiaState, purposeDpiaState } from '../../domain/dpia/dpia-rules.ts';
import { berlinDay, isoDay } from '../../domain/service/business-calendar.ts';
import * as repo from './dpia.repository.ts';

/** Whether a purpose needs a DPIA (Art. 35) and where it stands. */
export type DpiaStatus = {
  purposeId: string;
  required: boolean;
  /** the trigger keys found (special categories, profiling, DSK list items, WP248 criteria) */
  triggers: string[];
  status: 'none' | 'draft' | 'signed_off' | 'review_due';
  dpiaId: string | null;
  signedOffAt: string | null;
  reviewAt: string | null;
};

/** The full screening of one purpose, as the screening page shows it. */
export type PurposeScreening = {
  purposeId: string;
  labelDe: string;
  labelEn: string;
  auto: { key: AutoTrigger; count: number }[];
  criteria: ManualCriterion[];
  note: string | null;
  screenedAt: string | null;
  screeningVersion: number | null;
  triggers: Criterion[];
  wp248: ManualCriterion[];
  required: boolean;
  reasons: RequiredReason[];
  status: PurposeDpiaState;
  dpiaId: string | null;
  draftId: string | null;
  signedOffAt: string | null;
  reviewAt: string | null;
};

export const berlinToday = (now: Date) => isoDay(berlinDay(now));

/**
 * Screens every declared purpose: the automatic triggers from the live data (persons with Art. 9 data,
 * behaviour-based segments), the DPO's stored answers, and the DPIA standing. A handful of grouped
 * statements, independent of the number of persons beyond one scan.
 */
export const screenPurposes = async (tx: Tx, input: { now: Date }): Promise<PurposeScreening[]> => {
  const [purposes, screenings, special, segments, standings] = [
    await repo.listPurposes(tx),
    await repo.listScreenings(tx),
    await repo.specialCategoryCounts(tx),
    await repo.behaviourSegmentCounts(tx),
    await repo.dpiaStandings(tx),
  ];
  const today = berlinToday(input.now);
  const countOf = (rows: { purpose_id: string; count: number }[], id: string) =>
    rows.find((r) => r.purpose_id === id)?.count ?? 0;
  return purposes.map((p) => {
    const stored = screenings.find((s) => s.purpose_id === p.id);
    const auto: { key: AutoTrigger; count: number }[] = [];
    const specialCount = countOf(special, p.id);
    if (specialCount > 0) auto.push({ key: 'auto_special_categories', count: specialCount });
    const segmentCount = countOf(segments, p.id);
    if (segmentCount > 0) auto.push({ key: 'auto_behaviour_segments', count: segmentCount });
    const criteria = (stored?.criteria ?? []) as ManualCriterion[];
    const result = screen({ manual: criteria, auto: auto.map((a) => a.key) });
    const standing = standings.find((s) => s.purpose_id === p.id);
    const signedId = standing?.signed_id ?? null;
    const draftId = standing?.draft_id ?? null;
    return {
      purposeId: p.id,
      labelDe: p.label_de,
      labelEn: p.label_en,
      auto,
      criteria,
      note: stored?.note ?? null,
      screenedAt: stored ? stored.screened_at.toISOString() : null,
      screeningVersion: stored?.version ?? null,
      ...result,
      status: purposeDpiaState({
        signedOffReviewAt: signedId ? (standing?.review_at ?? null) : null,
        hasDraft: draftId !== null,
        today,
      }),
      dpiaId: signedId ?? draftId,
      draftId,
      signedOffAt:
        signedId && standing?.signed_off_at ? new Date(standing.signed_off_at).toISOString() : null,
      reviewAt: signedId ? (standing?.review_at ?? null) : null,
    };
  });
};

/** Every declared purpose with its DPIA status (for the record of processing activities). */
export const dpiaStatusByPurpose = async (tx: Tx, input: { now: Date }): Promise<DpiaStatus[]> =>
  (await screenPurposes(tx, input)).map((s) => ({
    purposeId: s.purposeId,
    required: s.required,
    triggers: s.triggers,
    status: s.status,
    dpiaId: s.dpiaId,
    signedOffAt: s.signedOffAt,
    reviewAt: s.reviewAt,
  }));
