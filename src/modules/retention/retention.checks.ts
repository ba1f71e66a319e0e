import type { Tx } from '../../db/tenant.ts';
import { jurisdictionOf } from '../../domain/billing/retention.ts';
import { SWEEP_TARGET_IDS } from '../../domain/retention/targets.ts';
import { type Finding, MAX_REFS } from '../../domain/self-check/checks.ts';
import type { AppContext } from '../../server/context.ts';
import { activeRules } from './deletion-concept.rules.ts';
import { rulesWithTargets, scopeOf } from './sweep.runner.ts';
import { tenantSettings } from './sweeps.repository.ts';

/**
 * Self-check contribution of the retention sweep: `retention_overdue` (what the sweep would delete
 * today, per data type: the same count as the preview) and `deletion_rule_missing` (sweep targets
 * without an active data type in the tenant's jurisdiction). Called inside the self-check's tenant
 * transaction; data types and targets by id only.
 */
export const retentionFindings = async (
  tx: Tx,
  ctx: AppContext,
  input: { tenantId: string; now: Date },
): Promise<Finding[]> => {
  const jurisdiction = jurisdictionOf(await tenantSettings(tx));
  const rules = await rulesWithTargets(tx, { tenantId: input.tenantId, jurisdiction });
  const detail: Record<string, number> = {};
  let overdue = 0;
  for (const { rule, target } of rules) {
    const { due } = await target.count(scopeOf({ tx, ctx, tenantId: input.tenantId, rule, asOf: input.now }));
    if (due === 0) continue;
    detail[rule.dataTypeId] = due;
    overdue += due;
  }
  const covered = new Set((await activeRules(tx, { jurisdiction })).map((r) => r.target));
  const missing = SWEEP_TARGET_IDS.filter((id) => !covered.has(id));
  return [
    {
      check: 'retention_overdue',
      count: overdue,
      refs: Object.keys(detail)
        .slice(0, MAX_REFS)
        .map((id) => ({ type: 'data_type', id })),
      ...(overdue > 0 ? { detail } : {}),
    },
    {
      check: 'deletion_rule_missing',
      count: missing.length,
      refs: missing.slice(0, MAX_REFS).map((id) => ({ type: 'sweep_target', id })),
      ...(missing.length > 0 ? { detail: { jurisdiction } } : {}),
    },
  ];
};
