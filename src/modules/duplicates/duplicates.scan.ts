import type { Tx } from '../../db/tenant.ts';
import { DEFAULT_MAX_BLOCK } from '../../domain/matching/blocking.ts';
import { prepareRecord } from '../../domain/matching/prepare.ts';
import { DEFAULT_MATCH_THRESHOLD, scorePair } from '../../domain/matching/score.ts';
import type { PreparedRecord } from '../../domain/matching/types.ts';
import * as repo from './duplicates.repository.ts';
import { matchRecordOf, refreshMatchKeys } from './match-keys.ts';

const PAGE = 1000;

/** The tenant's threshold: its setting `duplicateThreshold`, else the engine's default. */
export const thresholdOf = async (tx: Tx) => (await repo.tenantThreshold(tx)) ?? DEFAULT_MATCH_THRESHOLD;

/** Prepared records of the given persons, keyed by id (persons that are gone are missing). */
export const preparedOf = async (tx: Tx, ids: string[]) => {
  const out = new Map<string, PreparedRecord>();
  for (let i = 0; i < ids.length; i += PAGE)
    for (const row of await repo.matchColumnsOf(tx, ids.slice(i, i + PAGE)))
      out.set(row.id, prepareRecord({ record: matchRecordOf(row) }));
  return out;
};

/**
 * A tenant-wide scan in the caller's transaction: refreshes every person's blocking keys, takes the
 * pairs sharing a key in SQL, scores them with the engine and keeps the pairs at or above the
 * threshold as open suggestions. Decided pairs (dismissed, merged) are never suggested again; open
 * suggestions the scan no longer finds are removed.
 */
export const scanWithin = async (tx: Tx, input: { tenantId: string; now: Date }) => {
  let after: string | null = null;
  for (;;) {
    const ids = await repo.personIdsAfter(tx, after, PAGE);
    if (ids.length === 0) break;
    await refreshMatchKeys(tx, { tenantId: input.tenantId, personIds: ids });
    after = ids[ids.length - 1]!;
  }
  const threshold = await thresholdOf(tx);
  const pairs = await repo.candidatePairs(tx, DEFAULT_MAX_BLOCK);
  const decided = await repo.decidedPairs(tx);
  const prepared = await preparedOf(tx, [...new Set(pairs.flatMap((p) => [p.a, p.b]))]);
  const rows: repo.SuggestionInsert[] = [];
  const keep = new Set<string>();
  for (const { a, b } of pairs) {
    const key = `${a}|${b}`;
    if (decided.has(key)) continue;
    const pa = prepared.get(a);
    const pb = prepared.get(b);
    if (!pa || !pb) continue;
    const scored = scorePair({ a: pa, b: pb });
    if (scored.score < threshold) continue;
    keep.add(key);
    rows.push({
      tenant_id: input.tenantId,
      person_a: a,
      person_b: b,
      score: scored.score,
      explanation: JSON.stringify(scored.contributions),
      names_swapped: scored.namesSwapped,
      found_at: input.now,
    });
  }
  await repo.upsertSuggestions(tx, rows);
  const removed = await repo.deleteOpenExcept(tx, keep);
  return { candidates: pairs.length, suggestions: rows.length, removed };
};
