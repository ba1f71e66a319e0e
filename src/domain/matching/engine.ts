import { buildBlocks, DEFAULT_MAX_BLOCK, forEachCandidate } from './blocking.ts';
import { prepareRecord } from './prepare.ts';
import { DEFAULT_MATCH_THRESHOLD, scorePair } from './score.ts';
import type { MatchRecord, PreparedRecord } from './types.ts';

export type MatchPair = { a: string; b: string; score: number };

/**
 * Finds the pairs of records that are the same person: normalise each record once, block, score each
 * candidate pair once, keep pairs at or above the threshold. Work grows with the number of candidate
 * pairs (blocks are capped at `maxBlock`), not with n².
 */
export const findDuplicates = ({
  records,
  threshold = DEFAULT_MATCH_THRESHOLD,
  maxBlock = DEFAULT_MAX_BLOCK,
  onProgress,
}: {
  records: readonly MatchRecord[];
  threshold?: number;
  maxBlock?: number;
  /** Called with (done, total) while records are prepared, then once more at the end. */
  onProgress?: (done: number, total: number) => void;
}): { pairs: MatchPair[]; candidates: number } => {
  const prepared: PreparedRecord[] = new Array(records.length);
  const total = records.length;
  for (let i = 0; i < total; i++) {
    prepared[i] = prepareRecord({ record: records[i]! });
    if (onProgress && i % 10_000 === 0) onProgress(i, total);
  }
  const blocks = buildBlocks({ records: prepared, maxBlock });
  const pairs: MatchPair[] = [];
  let candidates = 0;
  forEachCandidate({
    blocks,
    visit: (a, b) => {
      candidates += 1;
      const { score } = scorePair({ a: prepared[a]!, b: prepared[b]! });
      if (score >= threshold) {
        const [x, y] = records[a]!.id <= records[b]!.id ? [a, b] : [b, a];
        pairs.push({ a: records[x]!.id, b: records[y]!.id, score });
      }
    },
  });
  onProgress?.(total, total);
  return { pairs, candidates };
};
