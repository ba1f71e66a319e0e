/**
 * The rules of the deals pipeline: which stage moves are allowed, what a move does to the deal, and
 * which stage configurations keep the pipeline usable. Pure: the caller passes the clock's "now".
 */
import { AppError } from '../errors.ts';

export const STAGE_OUTCOMES = ['open', 'won', 'lost'] as const;
export type StageOutcome = (typeof STAGE_OUTCOMES)[number];

export type Stage = {
  id: string;
  position: number;
  probability: number;
  outcome: StageOutcome;
  archived: boolean;
};

/** Why a stage move is refused; the API names the reason (localised in messages.ts). */
export const STAGE_MOVE_REASONS = [
  'same_stage',
  'stage_archived',
  'won_needs_value',
  'lost_needs_reason',
  'closed_needs_reopen',
  'reopen_needs_open_stage',
  'reopen_not_closed',
] as const;
export type StageMoveReason = (typeof STAGE_MOVE_REASONS)[number];

const refuse = (reason: StageMoveReason): never => {
  throw new AppError('invalid_stage_move', { params: { reason }, details: { reason } });
};

export type StageMove = {
  /** The deal as it is. */
  deal: { valueCents: bigint };
  from: Stage;
  to: Stage;
  lostReason?: string | null;
  /** An explicit reopen of a won or lost deal into an open stage. */
  reopen?: boolean;
  now: Date;
};

/** What the move writes on the deal. */
export type StageMoveResult = {
  stageId: string;
  probability: number;
  closedAt: Date | null;
  lostReason: string | null;
};

/**
 * Decides a stage move. A deal moves freely between open stages (forwards and back); into the won
 * stage only with a value above zero (closed now, probability 100); into the lost stage only with a
 * reason (closed now, probability 0); out of won or lost only as an explicit reopen into an open stage,
 * which clears the closing date and the reason. Moving to the stage the deal is in is refused, so
 * every successful move is one entry of the stage history. Archived stages take no deals.
 */
export const planStageMove = ({ deal, from, to, lostReason, reopen, now }: StageMove): StageMoveResult => {
  if (from.id === to.id) refuse('same_stage');
  if (to.archived) refuse('stage_archived');
  const closed = from.outcome !== 'open';
  if (reopen) {
    if (!closed) refuse('reopen_not_closed');
    if (to.outcome !== 'open') refuse('reopen_needs_open_stage');
    return { stageId: to.id, probability: to.probability, closedAt: null, lostReason: null };
  }
  if (closed) refuse('closed_needs_reopen');
  if (to.outcome === 'won') {
    if (deal.valueCents <= 0n) refuse('won_needs_value');
    return { stageId: to.id, probability: 100, closedAt: now, lostReason: null };
  }
  if (to.outcome === 'lost') {
    const reason = lostReason?.trim();
    if (!reason) refuse('lost_needs_reason');
    return { stageId: to.id, probability: 0, closedAt: now, lostReason: reason ?? null };
  }
  return { stageId: to.id, probability: to.probability, closedAt: null, lostReason: null };
};

/** The deal status that follows from its stage. */
export const dealStatusOf = (outcome: StageOutcome): 'open' | 'won' | 'lost' => outcome;

/** Why a pipeline configuration is refused. */
export const PIPELINE_REASONS = ['needs_open_stage', 'needs_one_won_stage', 'needs_one_lost_stage'] as const;
export type PipelineReason = (typeof PIPELINE_REASONS)[number];

/**
 * A pipeline stays usable: at least one open stage, exactly one won and exactly one lost stage among
 * the stages that are not archived.
 */
export const assertPipeline = (stages: readonly Pick<Stage, 'outcome' | 'archived'>[]) => {
  const active = stages.filter((s) => !s.archived);
  const count = (outcome: StageOutcome) => active.filter((s) => s.outcome === outcome).length;
  const fail = (reason: PipelineReason): never => {
    throw new AppError('invalid_pipeline', { params: { reason }, details: { reason } });
  };
  if (count('open') < 1) fail('needs_open_stage');
  if (count('won') !== 1) fail('needs_one_won_stage');
  if (count('lost') !== 1) fail('needs_one_lost_stage');
};

/** A stage may be archived only while it holds no open deals. */
export const assertArchivable = (openDeals: number) => {
  if (openDeals > 0) throw new AppError('stage_in_use', { params: { count: openDeals } });
};

/**
 * Moves one stage to a new position (clamped to the list) and numbers all stages 0..n-1 again, so
 * the others shift. Returns the new position of every stage, in order.
 */
export const reorderStages = <S extends { id: string; position: number }>(
  stages: readonly S[],
  id: string,
  position: number,
): { id: string; position: number }[] => {
  const ordered = [...stages].sort((a, b) => a.position - b.position);
  const index = ordered.findIndex((s) => s.id === id);
  if (index < 0) return ordered.map((s, i) => ({ id: s.id, position: i }));
  const [moved] = ordered.splice(index, 1);
  const target = Math.max(0, Math.min(position, ordered.length));
  if (moved) ordered.splice(target, 0, moved);
  return ordered.map((s, i) => ({ id: s.id, position: i }));
};

/** The stage a new deal starts in: the first open, not archived stage by position. */
export const firstOpenStage = <S extends Stage>(stages: readonly S[]): S | undefined =>
  [...stages].sort((a, b) => a.position - b.position).find((s) => s.outcome === 'open' && !s.archived);
