import type { Tx } from '../../db/tenant.ts';
import type { AppContext } from '../../server/context.ts';

/**
 * A request the person makes themselves in the privacy portal (channel 'web'): numbered, due date as
 * for every request, identity recorded as verified by the magic link sent to their e-mail address,
 * no staff creator; it lands in the DPO inbox. Owner: portal.
 * STUB until implemented; the signature is the contract.
 */
export const createRequestFromSubject = async (
  _tx: Tx,
  _ctx: AppContext,
  _input: {
    tenantId: string;
    personId: string;
    type: 'access' | 'rectification' | 'erasure' | 'restriction' | 'objection';
    locale: 'de' | 'en';
    details: Record<string, unknown> | null;
  },
): Promise<{ id: string; number: string; dueAt: string }> => {
  throw new Error('not implemented: createRequestFromSubject');
};
