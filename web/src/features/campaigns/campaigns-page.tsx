import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { PageHeader } from '../../components/page-header';
import { buttonClass } from '../../components/ui/button';
import { Card } from '../../components/ui/card';
import { Table, TBody, Td, THead, Th, Tr } from '../../components/ui/table';
import { useFormat } from '../../lib/format';
import { canDo } from '../auth/permissions';
import { useCurrentUser } from '../auth/session';
import { campaignsQuery } from './api';
import { MarketingTabs } from './marketing-tabs';
import { CampaignStatusBadge } from './status-badge';

/** Every campaign with its status, when it went or goes out, and how many it reached. */
export function CampaignsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const user = useCurrentUser();
  const canManage = canDo(user?.role, 'marketing.manage');
  const list = useQuery(campaignsQuery);
  const items = list.data?.items ?? [];
  return (
    <div className="flex flex-col gap-4">
      <MarketingTabs />
      <PageHeader
        title={t('campaigns.title')}
        actions={
          canManage ? (
            <Link to="/marketing/campaigns/new" className={buttonClass()} data-testid="campaign-new">
              {t('campaigns.new')}
            </Link>
          ) : null
        }
      >
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t('campaigns.intro')}</p>
      </PageHeader>
      <ErrorMessage error={list.error} />
      <Card>
        <Table data-testid="campaign-list" aria-busy={list.isFetching}>
          <THead>
            <tr>
              <Th scope="col">{t('campaigns.columns.name')}</Th>
              <Th scope="col">{t('campaigns.columns.kind')}</Th>
              <Th scope="col">{t('campaigns.columns.occasion')}</Th>
              <Th scope="col">{t('campaigns.columns.status')}</Th>
              <Th scope="col">{t('campaigns.columns.when')}</Th>
              <Th scope="col" className="text-right">
                {t('campaigns.columns.sent')}
              </Th>
            </tr>
          </THead>
          <TBody>
            {list.data && items.length === 0 ? (
              <tr>
                <Td colSpan={6} className="py-8 text-center text-slate-500">
                  {t('campaigns.empty')}
                </Td>
              </tr>
            ) : (
              items.map((c) => (
                <Tr key={c.id} data-testid="campaign-row" data-campaign-id={c.id}>
                  <Td>
                    <Link
                      to="/marketing/campaigns/$campaignId"
                      params={{ campaignId: c.id }}
                      className="font-medium text-brand-700 hover:underline"
                      data-testid="campaign-link"
                    >
                      {c.name}
                    </Link>
                  </Td>
                  <Td>{t(`campaigns.kinds.${c.kind}`)}</Td>
                  <Td>{t(`campaigns.occasions.${c.occasion}`)}</Td>
                  <Td>
                    <CampaignStatusBadge status={c.status} />
                  </Td>
                  <Td className="whitespace-nowrap">
                    {c.sentAt
                      ? format.dateTime(c.sentAt)
                      : c.scheduledAt
                        ? format.dateTime(c.scheduledAt)
                        : c.recurrence !== 'none'
                          ? t(`campaigns.recurrences.${c.recurrence}`)
                          : '–'}
                  </Td>
                  <Td className="text-right tabular-nums">
                    {c.stats ? `${format.number(c.stats.sent)} / ${format.number(c.stats.recipients)}` : '–'}
                  </Td>
                </Tr>
              ))
            )}
          </TBody>
        </Table>
      </Card>
    </div>
  );
}
