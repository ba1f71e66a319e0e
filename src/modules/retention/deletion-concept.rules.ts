import type { Tx } from '../../db/tenant.ts';
import type { SweepRule } from './targets/target.ts';

/**
 * Seeds the shipped deletion concept (standard periods, deletion classes, DE and AT data types) for
 * a tenant where it is missing; idempotent, safe to call before every read or sweep. Owner: the
 * deletion concept (helper 1).
 */
export const ensureDeletionConcept = async (_tx: Tx, _input: { tenantId: string }): Promise<void> => {
  throw new Error('not implemented yet');
};

/** The active data types with a target in the given jurisdiction, as rules the sweep carries out. */
export const activeRules = async (_tx: Tx, _input: { jurisdiction: string }): Promise<SweepRule[]> => {
  throw new Error('not implemented yet');
};
