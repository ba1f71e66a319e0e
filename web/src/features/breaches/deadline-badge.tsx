import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/ui/badge';
import type { Breach, DeadlineState } from './types';

const TONES: Record<DeadlineState, 'brand' | 'warning' | 'danger' | 'success' | 'neutral'> = {
  open: 'brand',
  due_soon: 'warning',
  overdue: 'danger',
  notified: 'success',
  not_required: 'neutral',
};

/** The 72-hour deadline of Art. 33(1): its state in words and, while it runs, the hours left (or over). */
export function DeadlineBadge({ deadline }: { deadline: Breach['deadline'] }) {
  const { t } = useTranslation();
  const hours = deadline.hoursLeft;
  const running = deadline.state === 'open' || deadline.state === 'due_soon' || deadline.state === 'overdue';
  const rest =
    running && hours !== null
      ? hours >= 0
        ? t('breaches.deadline.hoursLeft', { count: hours })
        : t('breaches.deadline.hoursOver', { count: -hours })
      : null;
  return (
    <Badge tone={TONES[deadline.state]} data-testid="breach-deadline" data-state={deadline.state}>
      {t(`breaches.deadline.${deadline.state}`)}
      {rest ? ` · ${rest}` : ''}
    </Badge>
  );
}
