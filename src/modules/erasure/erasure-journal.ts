import type { AppContext } from '../../server/context.ts';

/**
 * Re-applies every erasure of the journal file (kept outside the database) whose person exists
 * again, e.g. after a restore. Idempotent. Owner: erasure; used by backup (custos restore).
 */
export const reapplyErasures = async (_ctx: AppContext): Promise<{ entries: number; reapplied: number }> => {
  throw new Error('reapplyErasures: not implemented yet');
};
