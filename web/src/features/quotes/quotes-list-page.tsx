import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';
import { Badge } from '../../components/ui/badge';
import { buttonClass } from '../../components/ui/button';
import { useFormat } from '../../lib/format';
import { canDo } from '../auth/permissions';
import { useCurrentUser } from '../auth/session';
import { useMoney } from '../deals/money';
import { quotesListQuery } from './api';
import { DocumentListCard, documentColumns, usePaging } from './document-list';
import type { QuoteSummary } from './types';

export const QUOTE_TONE = {
  draft: 'neutral',
  sent: 'brand',
  accepted: 'success',
  rejected: 'danger',
  expired: 'warning',
} as const;

export function QuotesListPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const format = useFormat();
  const money = useMoney();
  const paging = usePaging();
  const list = useQuery(quotesListQuery({ page: paging.page, pageSize: paging.pageSize, order: 'desc' }));
  const columns = useMemo(
    () =>
      documentColumns<QuoteSummary>(t, money, {
        number: (quote) => (
          <Link
            to="/quotes/$quoteId"
            params={{ quoteId: quote.id }}
            className="font-medium text-brand-700 hover:underline"
            data-testid="quote-link"
          >
            {quote.number}
          </Link>
        ),
        status: (quote) => (
          <Badge tone={QUOTE_TONE[quote.status]}>{t(`sales.quotes.status.${quote.status}`)}</Badge>
        ),
        own: [
          {
            id: 'issuedAt',
            header: t('sales.quotes.fields.issuedAt'),
            cell: ({ row }) => format.date(row.original.issuedAt),
          },
          {
            id: 'validUntil',
            header: t('sales.quotes.fields.validUntil'),
            cell: ({ row }) => format.date(row.original.validUntil),
          },
        ],
      }),
    [t, format.date, money],
  );
  return (
    <div>
      <PageHeader
        title={t('sales.quotes.title')}
        actions={
          canDo(user?.role, 'contract.write') ? (
            <Link to="/quotes/new" search={{}} className={buttonClass()} data-testid="new-quote">
              {t('sales.quotes.new')}
            </Link>
          ) : null
        }
      />
      <DocumentListCard
        testId="quotes-table"
        columns={columns}
        list={list}
        emptyText={t('sales.quotes.empty')}
        paging={paging}
      />
    </div>
  );
}
