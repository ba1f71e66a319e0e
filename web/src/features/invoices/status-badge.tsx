import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/ui/badge';
import type { InvoiceSummary } from './types';

/** Status of an invoice, and "overdue" for an open one due before today. */
export function InvoiceStatusBadge({ invoice }: { invoice: Pick<InvoiceSummary, 'status' | 'overdue'> }) {
  const { t } = useTranslation();
  if (invoice.overdue)
    return (
      <Badge tone="danger" data-testid="invoice-overdue">
        {t('billing.status.overdue')}
      </Badge>
    );
  const tone = { open: 'warning', paid: 'success', cancelled: 'neutral' } as const;
  return <Badge tone={tone[invoice.status]}>{t(`billing.status.${invoice.status}`)}</Badge>;
}
