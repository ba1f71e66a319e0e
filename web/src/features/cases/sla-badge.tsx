import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/ui/badge';
import type { SlaState } from './types';

const TONES = { met: 'success', ok: 'neutral', due_soon: 'warning', breached: 'danger' } as const;

/** The SLA state as a coloured badge with text (colour is never the only signal). */
export function SlaBadge({ state }: { state: SlaState }) {
  const { t } = useTranslation();
  return (
    <Badge tone={TONES[state]} data-testid="sla-badge" data-state={state}>
      {t(`service.sla.${state}`)}
    </Badge>
  );
}
