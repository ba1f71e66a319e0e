import type { Tx } from '../../db/tenant.ts';
import type { Finding } from '../../domain/self-check/checks.ts';
import type { AppContext } from '../../server/context.ts';

/** Self-check contribution of the DPIA module: `dpia_missing`. Owner: DPIA (helper 6). */
export const dpiaFindings = async (
  _tx: Tx,
  _ctx: AppContext,
  _input: { tenantId: string; now: Date },
): Promise<Finding[]> => [];
