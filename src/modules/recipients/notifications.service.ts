import type { Tx } from '../../db/tenant.ts';
import type { AppContext } from '../../server/context.ts';

/**
 * Art. 19: one notification per recipient the person's data was disclosed to, for a rectification,
 * erasure or restriction. Must run before an erasure deletes the disclosure log. Owner: recipients.
 */
export const notifyRecipients = async (
  _tx: Tx,
  _ctx: AppContext,
  _input: {
    tenantId: string;
    personId: string;
    requestId: string;
    action: 'rectification' | 'erasure' | 'restriction';
  },
): Promise<number> => {
  throw new Error('notifyRecipients: not implemented yet');
};
