import type { Tx } from '../../../db/tenant.ts';
import type { RetentionPeriod } from '../../../domain/retention/periods.ts';
import type { SweepTargetId } from '../../../domain/retention/targets.ts';
import type { AppContext } from '../../../server/context.ts';

/** One active deletion rule the sweep carries out: a data type with a target, and its period. */
export type SweepRule = {
  dataTypeId: string;
  target: SweepTargetId;
  period: RetentionPeriod;
};

/**
 * What a target is judged by. `cutoff` is the first German calendar day that is NOT due
 * (`dueCutoff` of the rule's period on `today`); `cutoffInstant` is its midnight in Berlin, so
 * timestamp columns compare as `start < cutoffInstant`, date columns as `start < cutoff`.
 */
export type TargetScope = {
  tx: Tx;
  ctx: AppContext;
  tenantId: string;
  rule: SweepRule;
  /** the sweep's day as 'YYYY-MM-DD' (Berlin) */
  today: string;
  cutoff: string;
  cutoffInstant: Date;
};

/** A due record: its id and the day its period started (for the preview's "why"). */
export type DueRecord = { id: string; start: string };

/**
 * A set of records the sweep can delete. Records under an active legal hold (on the record itself
 * or on the person it belongs to) are never due. `due` pages in id order; `remove` deletes exactly
 * the given ids that are still due (re-checked in the same statement), so an interrupted sweep
 * resumes without deleting twice or skipping.
 */
export type SweepTarget = {
  id: SweepTargetId;
  due: (scope: TargetScope & { afterId: string | null; limit: number }) => Promise<DueRecord[]>;
  count: (scope: TargetScope) => Promise<{ due: number; held: number }>;
  remove: (scope: TargetScope & { ids: string[] }) => Promise<number>;
};
