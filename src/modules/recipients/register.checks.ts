import type { Tx } from '../../db/tenant.ts';
import type { Finding } from '../../domain/self-check/checks.ts';
import type { AppContext } from '../../server/context.ts';

/**
 * Self-check contribution of the system and processor register: `processor_without_avv` and
 * `transfer_without_mechanism`. Owner: the register (helper 4).
 */
export const registerFindings = async (
  _tx: Tx,
  _ctx: AppContext,
  _input: { tenantId: string; now: Date },
): Promise<Finding[]> => [];
