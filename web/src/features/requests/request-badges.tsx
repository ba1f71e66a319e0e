import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/ui/badge';
import type { RequestStatus, Warning } from './types';

/** Overdue or due soon, in words and colour (a deadline must not hide in a number). */
export function DeadlineBadge({ warning }: { warning: Warning }) {
  const { t } = useTranslation();
  if (!warning) return null;
  return (
    <Badge
      tone={warning === 'overdue' ? 'danger' : 'warning'}
      data-testid="request-warning"
      data-warning={warning}
    >
      <span aria-hidden="true" className="mr-1">
        ⚠
      </span>
      {t(`requests.warnings.${warning}`)}
    </Badge>
  );
}

export function RequestStatusBadge({ status }: { status: RequestStatus }) {
  const { t } = useTranslation();
  const tone = status === 'open' ? 'brand' : status === 'completed' ? 'success' : 'neutral';
  return (
    <Badge tone={tone} data-testid="request-status" data-status={status}>
      {t(`requests.statuses.${status}`)}
    </Badge>
  );
}

/** "12 days" or "3 days overdue"; nothing for closed requests. */
export function DaysLeft({ days }: { days: number | null | undefined }) {
  const { t } = useTranslation();
  if (days === null || days === undefined) return null;
  return (
    <span className={days < 0 ? 'font-medium text-red-800' : undefined} data-testid="request-days-left">
      {days < 0 ? t('requests.overdueBy', { count: -days }) : t('requests.daysLeft', { count: days })}
    </span>
  );
}

/** The person's name; `null` means the person no longer exists (erased). */
export function PersonName({ name }: { name: string | null }) {
  const { t } = useTranslation();
  if (name === null)
    return <span className="text-slate-500 italic">{t('requests.detail.personErased')}</span>;
  return <>{name}</>;
}
