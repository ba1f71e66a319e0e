import type { Tx } from '../../db/tenant.ts';
import type { AppContext } from '../../server/context.ts';
import { shredSubjectKey } from '../keys/keys.service.ts';

/**
 * Art. 17 for merges and suggestions (called by the erasure, before the person row goes): the merge
 * records of the person as survivor are deleted and the data keys kept for the merged persons are
 * shredded (their audit values and earlier requests become unreadable like the person's own), and
 * every suggestion naming the person is deleted. Returns the counts for the erasure summary.
 */
export const eraseMergeData = async (tx: Tx, ctx: AppContext, personId: string) => {
  const merges = await tx
    .deleteFrom('person_merges')
    .where('survivor_id', '=', personId)
    .returning('merged_person_id')
    .execute();
  for (const m of merges) await shredSubjectKey(tx, ctx, m.merged_person_id);
  const suggestions = await tx
    .deleteFrom('duplicate_suggestions')
    .where((eb) => eb.or([eb('person_a', '=', personId), eb('person_b', '=', personId)]))
    .executeTakeFirst();
  return {
    person_merges: merges.length,
    duplicate_suggestions: Number(suggestions.numDeletedRows ?? 0n),
  };
};
