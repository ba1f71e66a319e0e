import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import {
  assertArchivable,
  assertPipeline,
  firstOpenStage,
  planStageMove,
  reorderStages,
  type Stage,
} from './stage-rules.ts';

const NOW = new Date('2026-03-15T10:00:00Z');
const stage = (
  id: string,
  position: number,
  outcome: Stage['outcome'],
  probability = 50,
  archived = false,
) => ({
  id,
  position,
  outcome,
  probability,
  archived,
});
const NEW = stage('new', 0, 'open', 10);
const PROPOSAL = stage('proposal', 1, 'open', 50);
const OLD = stage('old', 2, 'open', 30, true);
const WON = stage('won', 3, 'won', 100);
const LOST = stage('lost', 4, 'lost', 0);

const reasonOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    const e = error as AppError;
    return `${e.code}:${e.params.reason ?? ''}`;
  }
  return 'allowed';
};
const deal = (cents: bigint) => ({ valueCents: cents });

describe('stage moves', () => {
  it('moves an open deal forwards and backwards between open stages with the stage probability', () => {
    expect(planStageMove({ deal: deal(100n), from: NEW, to: PROPOSAL, now: NOW })).toEqual({
      stageId: 'proposal',
      probability: 50,
      closedAt: null,
      lostReason: null,
    });
    expect(planStageMove({ deal: deal(0n), from: PROPOSAL, to: NEW, now: NOW })).toMatchObject({
      stageId: 'new',
      probability: 10,
    });
  });

  it('refuses a move to the stage the deal is in', () => {
    expect(reasonOf(() => planStageMove({ deal: deal(1n), from: NEW, to: NEW, now: NOW }))).toBe(
      'invalid_stage_move:same_stage',
    );
  });

  it('refuses archived stages', () => {
    expect(reasonOf(() => planStageMove({ deal: deal(1n), from: NEW, to: OLD, now: NOW }))).toBe(
      'invalid_stage_move:stage_archived',
    );
  });

  it('wins only with a value above zero, closing now with probability 100', () => {
    expect(reasonOf(() => planStageMove({ deal: deal(0n), from: PROPOSAL, to: WON, now: NOW }))).toBe(
      'invalid_stage_move:won_needs_value',
    );
    expect(planStageMove({ deal: deal(1n), from: PROPOSAL, to: WON, now: NOW })).toEqual({
      stageId: 'won',
      probability: 100,
      closedAt: NOW,
      lostReason: null,
    });
  });

  it('loses only with a reason, closing now with probability 0', () => {
    for (const lostReason of [undefined, null, '', '   '])
      expect(
        reasonOf(() => planStageMove({ deal: deal(1n), from: NEW, to: LOST, lostReason, now: NOW })),
      ).toBe('invalid_stage_move:lost_needs_reason');
    expect(
      planStageMove({ deal: deal(0n), from: NEW, to: LOST, lostReason: ' Preis zu hoch ', now: NOW }),
    ).toEqual({ stageId: 'lost', probability: 0, closedAt: NOW, lostReason: 'Preis zu hoch' });
  });

  it('leaves won and lost only by an explicit reopen into an open stage', () => {
    for (const [from, to] of [
      [WON, NEW],
      [WON, LOST],
      [LOST, PROPOSAL],
      [LOST, WON],
    ] as const)
      expect(
        reasonOf(() => planStageMove({ deal: deal(5n), from, to, lostReason: 'x', now: NOW })),
        `${from.id}→${to.id}`,
      ).toBe('invalid_stage_move:closed_needs_reopen');
    expect(
      reasonOf(() => planStageMove({ deal: deal(5n), from: WON, to: LOST, reopen: true, now: NOW })),
    ).toBe('invalid_stage_move:reopen_needs_open_stage');
    expect(
      reasonOf(() => planStageMove({ deal: deal(5n), from: WON, to: OLD, reopen: true, now: NOW })),
    ).toBe('invalid_stage_move:stage_archived');
    expect(planStageMove({ deal: deal(5n), from: LOST, to: PROPOSAL, reopen: true, now: NOW })).toEqual({
      stageId: 'proposal',
      probability: 50,
      closedAt: null,
      lostReason: null,
    });
    expect(planStageMove({ deal: deal(5n), from: WON, to: NEW, reopen: true, now: NOW })).toMatchObject({
      closedAt: null,
      probability: 10,
    });
  });

  it('refuses a reopen of a deal that is open', () => {
    expect(
      reasonOf(() => planStageMove({ deal: deal(5n), from: NEW, to: PROPOSAL, reopen: true, now: NOW })),
    ).toBe('invalid_stage_move:reopen_not_closed');
  });

  it('puts the reason in details for clients', () => {
    try {
      planStageMove({ deal: deal(0n), from: NEW, to: WON, now: NOW });
    } catch (error) {
      expect((error as AppError).details).toEqual({ reason: 'won_needs_value' });
    }
  });
});

describe('pipeline configuration', () => {
  const base = [NEW, PROPOSAL, WON, LOST];
  it('accepts a pipeline with open stages and one won and one lost stage', () => {
    expect(() => assertPipeline(base)).not.toThrow();
    expect(() => assertPipeline([...base, OLD, { ...WON, id: 'won2', archived: true }])).not.toThrow();
  });
  it('needs at least one open stage that is not archived', () => {
    expect(reasonOf(() => assertPipeline([OLD, WON, LOST]))).toBe('invalid_pipeline:needs_open_stage');
  });
  it('needs exactly one won stage', () => {
    expect(reasonOf(() => assertPipeline([NEW, LOST]))).toBe('invalid_pipeline:needs_one_won_stage');
    expect(reasonOf(() => assertPipeline([NEW, WON, { ...WON, id: 'w2' }, LOST]))).toBe(
      'invalid_pipeline:needs_one_won_stage',
    );
    expect(reasonOf(() => assertPipeline([NEW, { ...WON, archived: true }, LOST]))).toBe(
      'invalid_pipeline:needs_one_won_stage',
    );
  });
  it('needs exactly one lost stage', () => {
    expect(reasonOf(() => assertPipeline([NEW, WON]))).toBe('invalid_pipeline:needs_one_lost_stage');
    expect(reasonOf(() => assertPipeline([NEW, WON, LOST, { ...LOST, id: 'l2' }]))).toBe(
      'invalid_pipeline:needs_one_lost_stage',
    );
  });
  it('archives only a stage without open deals', () => {
    expect(() => assertArchivable(0)).not.toThrow();
    expect(reasonOf(() => assertArchivable(2))).toBe('stage_in_use:');
  });
  it('reorders by shifting the others, clamping the position', () => {
    const stages = [NEW, PROPOSAL, OLD, WON, LOST];
    expect(reorderStages(stages, 'lost', 0).map((s) => s.id)).toEqual([
      'lost',
      'new',
      'proposal',
      'old',
      'won',
    ]);
    expect(reorderStages(stages, 'new', 2)).toEqual([
      { id: 'proposal', position: 0 },
      { id: 'old', position: 1 },
      { id: 'new', position: 2 },
      { id: 'won', position: 3 },
      { id: 'lost', position: 4 },
    ]);
    expect(
      reorderStages(stages, 'new', 99)
        .map((s) => s.id)
        .at(-1),
    ).toBe('new');
    expect(
      reorderStages(
        [
          { ...NEW, position: 7 },
          { ...WON, position: 3 },
        ],
        'won',
        0,
      ),
    ).toEqual([
      { id: 'won', position: 0 },
      { id: 'new', position: 1 },
    ]);
  });
  it('starts new deals in the first open stage that is not archived', () => {
    expect(firstOpenStage([WON, PROPOSAL, { ...NEW, archived: true }, LOST])?.id).toBe('proposal');
    expect(firstOpenStage([WON, LOST])).toBeUndefined();
  });
});
