import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/ui/badge';
import type { DpiaStatus, PurposeState, RiskLevel } from './api';

const STATE_TONES = {
  none: 'neutral',
  draft: 'brand',
  signed_off: 'success',
  review_due: 'warning',
} as const;
const STATUS_TONES = { draft: 'brand', signed_off: 'success', superseded: 'neutral' } as const;
const LEVEL_TONES = { low: 'success', medium: 'warning', high: 'danger', very_high: 'danger' } as const;

/** Where a purpose's DPIA stands. */
export function StateBadge({ state }: { state: PurposeState }) {
  const { t } = useTranslation();
  return (
    <Badge tone={STATE_TONES[state]} data-testid="dpia-state" data-state={state}>
      {t(`dpia.states.${state}`)}
    </Badge>
  );
}

/** The status of one DPIA revision. */
export function StatusBadge({ status }: { status: DpiaStatus }) {
  const { t } = useTranslation();
  return (
    <Badge tone={STATUS_TONES[status]} data-testid="dpia-status" data-status={status}>
      {t(`dpia.statuses.${status}`)}
    </Badge>
  );
}

/** A risk level of the 4 × 4 matrix. */
export function LevelBadge({ level, testId }: { level: RiskLevel | null; testId?: string }) {
  const { t } = useTranslation();
  if (!level) return <span className="text-xs text-slate-500">{t('dpia.measure.notAssessed')}</span>;
  return (
    <Badge tone={LEVEL_TONES[level]} data-testid={testId} data-level={level}>
      {t(`dpia.risk.levels.${level}`)}
    </Badge>
  );
}
