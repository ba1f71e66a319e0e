import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
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
import { orderQuery, useUpdateOrder } from './api';
import { customerOf, DocumentLines } from './document-view';
import { ORDER_TONE } from './orders-list-page';

const route = getRouteApi('/_app/orders/$orderId');

export function OrderDetailPage() {
  const { t } = useTranslation();
  const { orderId } = route.useParams();
  const user = useCurrentUser();
  const format = useFormat();
  const order = useQuery(orderQuery(orderId));
  const update = useUpdateOrder(orderId);
  const canWrite = canDo(user?.role, 'contract.write');
  if (order.isPending) return <Loading />;
  if (order.error) return <ErrorMessage error={order.error} />;
  const o = order.data;
  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title={t('sales.orders.detailTitle', { number: o.number })}
        actions={
          canWrite && o.status === 'open'
            ? (['fulfilled', 'cancelled'] as const).map((status) => (
                <Button
                  key={status}
                  variant={status === 'fulfilled' ? 'primary' : 'secondary'}
                  disabled={update.isPending}
                  onClick={() => update.mutate({ version: o.version, status })}
                >
                  {t(`sales.orders.actions.${status}`)}
                </Button>
              ))
            : null
        }
      >
        <Badge tone={ORDER_TONE[o.status]} className="mt-1" data-testid="order-status">
          {t(`sales.orders.status.${o.status}`)}
        </Badge>
      </PageHeader>
      <ErrorMessage error={update.error} />
      <Card>
        <CardContent>
          <DetailList
            items={[
              { label: t('sales.quotes.fields.customer'), value: customerOf(o) },
              { label: t('sales.orders.fields.orderedAt'), value: format.date(o.orderedAt) },
              { label: t('sales.orders.fields.externalRef'), value: o.externalRef },
              {
                label: t('sales.orders.quote'),
                value: o.quoteId ? (
                  <Link
                    to="/quotes/$quoteId"
                    params={{ quoteId: o.quoteId }}
                    className="text-brand-700 hover:underline"
                  >
                    {t('sales.orders.quote')}
                  </Link>
                ) : null,
              },
              {
                label: t('sales.quotes.deal'),
                value: o.dealId ? (
                  <Link
                    to="/deals/$dealId"
                    params={{ dealId: o.dealId }}
                    className="text-brand-700 hover:underline"
                  >
                    {t('sales.quotes.deal')}
                  </Link>
                ) : null,
              },
            ]}
          />
        </CardContent>
      </Card>
      <DocumentLines doc={o} />
    </div>
  );
}
