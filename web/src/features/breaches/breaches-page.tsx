import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { Badge } from '../../components/ui/badge';
import { buttonClass } from '../../components/ui/button';
import { Card, CardContent } from '../../components/ui/card';
import { Select } from '../../components/ui/input';
import { useFormat } from '../../lib/format';
import { type BreachListStatus, breachesQuery } from './api';
import { DeadlineBadge } from './deadline-badge';

const FILTERS: BreachListStatus[] = ['open', 'closed', 'all'];

/** The DPO's breach register, newest first, each with its 72-hour deadline. */
export function BreachesPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [status, setStatus] = useState<BreachListStatus>('open');
  const list = useQuery(breachesQuery(status));
  const items = list.data?.items ?? [];
  return (
    <div>
      <PageHeader
        title={t('breaches.title')}
        actions={
          <Link to="/breaches/new" className={buttonClass()} data-testid="breach-report-link">
            {t('breaches.report')}
          </Link>
        }
      />
      <p className="mb-3 max-w-3xl text-sm text-slate-600">{t('breaches.intro')}</p>
      <div className="mb-3 flex items-center gap-2 text-sm">
        <label htmlFor="breach-filter">{t('breaches.filter')}</label>
        <Select
          id="breach-filter"
          className="w-auto"
          value={status}
          onChange={(e) => setStatus(e.target.value as BreachListStatus)}
          data-testid="breach-filter"
        >
          {FILTERS.map((f) => (
            <option key={f} value={f}>
              {t(`breaches.filters.${f}`)}
            </option>
          ))}
        </Select>
      </div>
      <Card>
        <CardContent>
          {list.isPending ? <Loading /> : null}
          <ErrorMessage error={list.error} />
          {list.data && items.length === 0 ? (
            <p className="py-4 text-sm text-slate-600" data-testid="breaches-empty">
              {t('breaches.empty')}
            </p>
          ) : null}
          {items.length > 0 ? (
            <div className="overflow-x-auto">
              <table
                className="w-full text-left text-sm"
                data-testid="breach-list"
                aria-busy={list.isFetching}
              >
                <thead className="border-b border-slate-200 text-xs text-slate-500 uppercase">
                  <tr>
                    <th scope="col" className="py-2 pr-3">
                      {t('breaches.columns.number')}
                    </th>
                    <th scope="col" className="py-2 pr-3">
                      {t('breaches.columns.title')}
                    </th>
                    <th scope="col" className="py-2 pr-3">
                      {t('breaches.columns.awareAt')}
                    </th>
                    <th scope="col" className="py-2 pr-3">
                      {t('breaches.columns.deadline')}
                    </th>
                    <th scope="col" className="py-2">
                      {t('breaches.columns.status')}
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {items.map((breach) => (
                    <tr key={breach.id} data-testid="breach-row">
                      <td className="py-2 pr-3 font-mono">
                        <Link
                          to="/breaches/$breachId"
                          params={{ breachId: breach.id }}
                          className="text-brand-700 hover:underline"
                          data-testid="breach-number"
                        >
                          {breach.number}
                        </Link>
                      </td>
                      <td className="py-2 pr-3" data-testid="breach-title">
                        {breach.title}
                      </td>
                      <td className="py-2 pr-3 whitespace-nowrap">{format.dateTime(breach.awareAt)}</td>
                      <td className="py-2 pr-3">
                        <DeadlineBadge deadline={breach.deadline} />
                        {breach.deadline.state === 'open' ||
                        breach.deadline.state === 'due_soon' ||
                        breach.deadline.state === 'overdue' ? (
                          <span className="block text-xs text-slate-500">
                            {t('breaches.deadline.notifyBy', {
                              date: format.dateTime(breach.deadline.notifyBy),
                            })}
                          </span>
                        ) : null}
                      </td>
                      <td className="py-2">
                        <Badge tone={breach.status === 'open' ? 'brand' : 'neutral'}>
                          {t(`breaches.status.${breach.status}`)}
                        </Badge>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </CardContent>
      </Card>
    </div>
  );
}
