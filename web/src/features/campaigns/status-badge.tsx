import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/ui/badge';
import type { CampaignStatus } from './types';

const TONES = {
  draft: 'neutral',
  scheduled: 'brand',
  sending: 'warning',
  sent: 'success',
  cancelled: 'danger',
} as const;

export function CampaignStatusBadge({ status }: { status: CampaignStatus }) {
  const { t } = useTranslation();
  return (
    <Badge tone={TONES[status] ?? 'neutral'} data-testid="campaign-status" data-status={status}>
      {t(`campaigns.statuses.${status}`)}
    </Badge>
  );
}
