import type { Tx } from '../../db/tenant.ts';
import { isDpiaMissing } from '../../domain/dpia/dpia-rules.ts';
import { type Finding, MAX_REFS } from '../../domain/self-check/checks.ts';
import type { AppContext } from '../../server/context.ts';
import { screenPurposes } from './dpia.status.ts';

/**
 * Self-check contribution of the DPIA module: `dpia_missing` — purposes whose screening requires a DPIA
 * (Art. 35) without a signed-off one, or whose review date has passed. Refs are purpose ids; the detail
 * counts the purposes by state (none, draft, review_due).
 */
export const dpiaFindings = async (
  tx: Tx,
  _ctx: AppContext,
  input: { tenantId: string; now: Date },
): Promise<Finding[]> => {
  const missing = (await screenPurposes(tx, { now: input.now })).filter((s) =>
    isDpiaMissing({ required: s.required, state: s.status }),
  );
  const detail: Record<string, number> = {};
  for (const s of missing) detail[s.status] = (detail[s.status] ?? 0) + 1;
  return [
    {
      check: 'dpia_missing',
      count: missing.length,
      refs: missing.slice(0, MAX_REFS).map((s) => ({ type: 'purpose', id: s.purposeId })),
      ...(missing.length > 0 ? { detail } : {}),
    },
  ];
};
