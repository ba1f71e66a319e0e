import type { Tx } from '../../db/tenant.ts';
import type { Actor, AppContext } from '../../server/context.ts';

/** Art. 16: applies corrections (API field names of PersonPatch) in one step, audited. Owner: subject-rights. */
export const rectifyPerson = async (
  _tx: Tx,
  _ctx: AppContext,
  _input: { actor: Actor; personId: string; requestId: string; corrections: Record<string, unknown> },
): Promise<{ fields: string[] }> => {
  throw new Error('rectifyPerson: not implemented yet');
};

/** Art. 18: the person is only stored from now on. Owner: subject-rights. */
export const restrictPerson = async (
  _tx: Tx,
  _ctx: AppContext,
  _input: { actor: Actor; personId: string; requestId: string | null; reason: string },
): Promise<void> => {
  throw new Error('restrictPerson: not implemented yet');
};

/** Art. 21: an objection to direct marketing, honoured everywhere marketing reaches. Owner: subject-rights. */
export const recordObjection = async (
  _tx: Tx,
  _ctx: AppContext,
  _input: { actor: Actor; personId: string; requestId: string | null },
): Promise<void> => {
  throw new Error('recordObjection: not implemented yet');
};
