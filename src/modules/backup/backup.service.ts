import type { AppContext } from '../../server/context.ts';

/** `custos backup --out FILE`: a complete plain-SQL dump (pg_dump format) of the database. Owner: backup. */
export const writeBackup = async (_ctx: AppContext, _input: { out: string }): Promise<{ bytes: number }> => {
  throw new Error('writeBackup: not implemented yet');
};

/** `custos restore --in FILE`: restores a dump, then re-applies every erasure of the journal. Owner: backup. */
export const restoreBackup = async (
  _ctx: AppContext,
  _input: { in: string },
): Promise<{ reapplied: number }> => {
  throw new Error('restoreBackup: not implemented yet');
};
