import type { Tx } from '../../db/tenant.ts';
import type { Finding } from '../../domain/self-check/checks.ts';
import type { AppContext } from '../../server/context.ts';

/**
 * Self-check contribution of the retention sweep: `retention_overdue` (what the sweep would delete
 * today, per data type) and `deletion_rule_missing` (targets without an active data type).
 * Owner: the retention sweep (helper 2). Called inside the self-check's tenant transaction.
 */
export const retentionFindings = async (
  _tx: Tx,
  _ctx: AppContext,
  _input: { tenantId: string; now: Date },
): Promise<Finding[]> => [];
