import type { Tx } from '../../db/tenant.ts';
import type { Actor, AppContext } from '../../server/context.ts';

export type ErasureSummary = {
  /** rows deleted per table (counts only, never values) */
  deleted: Record<string, number>;
  /** invoices kept in restricted form for their statutory retention */
  retainedInvoices: number;
  suppressions: number;
};

/**
 * Art. 17: deletes the person from every table, shreds their data key, keeps billing data of invoices
 * within their retention period restricted, records suppression entries and the erasure journal
 * (database and file). Runs inside the caller's transaction. Owner: erasure.
 */
export const erasePerson = async (
  _tx: Tx,
  _ctx: AppContext,
  _input: { actor: Actor | null; tenantId: string; personId: string; requestId: string | null },
): Promise<ErasureSummary> => {
  throw new Error('erasePerson: not implemented yet');
};
