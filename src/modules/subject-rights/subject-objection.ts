import type { Tx } from '../../db/tenant.ts';
import type { AppContext } from '../../server/context.ts';

/**
 * Art. 21(2)/(3): the person objects to direct marketing themselves (one-click link of a mail sent
 * on legitimate interest, the preference page, the privacy portal). Same effect as the staff
 * `recordObjection`: marketing_objection_at set, direct-marketing purposes removed, audit entry with
 * no staff actor and a note naming the way (`via`). Idempotent. Owner: signups (public withdrawal).
 * STUB until implemented; the signature is the contract.
 */
export const recordObjectionBySubject = async (
  _tx: Tx,
  _ctx: AppContext,
  _input: { tenantId: string; personId: string; via: 'one_click' | 'preference_page' | 'portal' },
): Promise<void> => {
  throw new Error('not implemented: recordObjectionBySubject');
};
