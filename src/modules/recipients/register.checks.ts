import type { Tx } from '../../db/tenant.ts';
import { type Finding, MAX_REFS } from '../../domain/self-check/checks.ts';
import { assessEntry, type RegisterWarning } from '../../domain/transfers/transfers.ts';
import type { AppContext } from '../../server/context.ts';
import { factsOfRow } from './register.facts.ts';
import { listActiveEntries } from './register.repository.ts';

/** The register warnings that are self-check violations, by check id. */
const VIOLATIONS = {
  processor_without_avv: 'avv_missing',
  transfer_without_mechanism: 'transfer_without_mechanism',
} as const satisfies Record<string, RegisterWarning>;

/**
 * Self-check contribution of the system and processor register: `processor_without_avv` (active
 * processors without an AVV date, Art. 28(3)) and `transfer_without_mechanism` (active entries in a
 * third country with neither a documented mechanism nor an adequacy decision that covers it,
 * Art. 44). Refs: `{type: 'recipient', id}`. Owner: the register (helper 4).
 */
export const registerFindings = async (
  tx: Tx,
  _ctx: AppContext,
  _input: { tenantId: string; now: Date },
): Promise<Finding[]> => {
  const assessed = (await listActiveEntries(tx)).map((row) => ({
    id: row.id,
    warnings: assessEntry(factsOfRow(row)).warnings,
  }));
  return (Object.entries(VIOLATIONS) as [keyof typeof VIOLATIONS, RegisterWarning][]).map(
    ([check, warning]) => {
      const hits = assessed.filter((e) => e.warnings.includes(warning));
      return {
        check,
        count: hits.length,
        refs: hits.slice(0, MAX_REFS).map((e) => ({ type: 'recipient', id: e.id })),
      };
    },
  );
};
