import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { DetailList } from '../../components/detail-list';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardContent } from '../../components/ui/card';
import { useFormat } from '../../lib/format';
import { canDo } from '../auth/permissions';
import { useCurrentUser } from '../auth/session';
import { quoteQuery, useOrderFromQuote, useUpdateQuote } from './api';
import { customerOf, DocumentLines } from './document-view';
import { QUOTE_TONE } from './quotes-list-page';
import type { QuoteStatus } from './types';

const route = getRouteApi('/_app/quotes/$quoteId');

/** The status changes the server allows from each status (draft → sent → accepted | rejected | expired). */
const NEXT: Record<QuoteStatus, QuoteStatus[]> = {
  draft: ['sent', 'rejected'],
  sent: ['accepted', 'rejected', 'expired'],
  accepted: [],
  rejected: [],
  expired: [],
};

export function QuoteDetailPage() {
  const { t } = useTranslation();
  const { quoteId } = route.useParams();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const format = useFormat();
  const quote = useQuery(quoteQuery(quoteId));
  const update = useUpdateQuote(quoteId);
  const toOrder = useOrderFromQuote(quoteId);
  const canWrite = canDo(user?.role, 'contract.write');
  if (quote.isPending) return <Loading />;
  if (quote.error) return <ErrorMessage error={quote.error} />;
  const q = quote.data;
  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title={t('sales.quotes.detailTitle', { number: q.number })}
        actions={
          canWrite ? (
            <>
              {NEXT[q.status].map((status) => (
                <Button
                  key={status}
                  variant={status === 'accepted' ? 'primary' : 'secondary'}
                  disabled={update.isPending}
                  onClick={() => update.mutate({ version: q.version, status })}
                >
                  {t(`sales.quotes.actions.${status}` as 'sales.quotes.actions.sent')}
                </Button>
              ))}
              {q.status === 'accepted' && !q.orderId ? (
                <Button
                  disabled={toOrder.isPending}
                  onClick={async () => {
                    try {
                      const order = await toOrder.mutateAsync();
                      await navigate({ to: '/orders/$orderId', params: { orderId: order.id } });
                    } catch {
                      // shown below
                    }
                  }}
                >
                  {t('sales.quotes.createOrder')}
                </Button>
              ) : null}
            </>
          ) : null
        }
      >
        <Badge tone={QUOTE_TONE[q.status]} className="mt-1" data-testid="quote-status">
          {t(`sales.quotes.status.${q.status}`)}
        </Badge>
      </PageHeader>
      <ErrorMessage error={update.error ?? toOrder.error} />
      <Card>
        <CardContent>
          <DetailList
            items={[
              { label: t('sales.quotes.fields.customer'), value: customerOf(q) },
              { label: t('sales.quotes.fields.issuedAt'), value: format.date(q.issuedAt) },
              { label: t('sales.quotes.fields.validUntil'), value: format.date(q.validUntil) },
              {
                label: t('sales.quotes.deal'),
                value: q.dealId ? (
                  <Link
                    to="/deals/$dealId"
                    params={{ dealId: q.dealId }}
                    className="text-brand-700 hover:underline"
                  >
                    {t('sales.quotes.deal')}
                  </Link>
                ) : null,
              },
              {
                label: t('sales.quotes.order'),
                value: q.orderId ? (
                  <Link
                    to="/orders/$orderId"
                    params={{ orderId: q.orderId }}
                    className="text-brand-700 hover:underline"
                  >
                    {t('sales.quotes.order')}
                  </Link>
                ) : null,
              },
            ]}
          />
        </CardContent>
      </Card>
      <DocumentLines doc={q} />
    </div>
  );
}
