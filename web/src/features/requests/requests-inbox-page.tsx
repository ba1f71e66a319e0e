import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { PageHeader } from '../../components/page-header';
import { buttonClass } from '../../components/ui/button';
import { Card } from '../../components/ui/card';
import { Field } from '../../components/ui/field';
import { Select } from '../../components/ui/input';
import { Table, TBody, Td, THead, Th, Tr } from '../../components/ui/table';
import { useFormat } from '../../lib/format';
import { canDo } from '../auth/permissions';
import { useCurrentUser } from '../auth/session';
import { type InboxFilter, requestsListQuery } from './api';
import { DaysLeft, DeadlineBadge, PersonName, RequestStatusBadge } from './request-badges';

const route = getRouteApi('/_app/requests');

/** The DPO's inbox: every request by its effective deadline, the urgent ones marked. */
export function RequestsInboxPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const status: InboxFilter = search.status ?? 'open';
  const user = useCurrentUser();
  const canManage = canDo(user?.role, 'requests.manage');
  const list = useQuery({ ...requestsListQuery(status), enabled: canManage });
  const items = list.data?.items ?? [];

  return (
    <div>
      <PageHeader
        title={t('requests.title')}
        actions={
          <>
            {canManage ? (
              <Link
                to="/recipient-notifications"
                className={buttonClass('secondary')}
                data-testid="recipient-notifications-link"
              >
                {t('recipients.worklist.link')}
              </Link>
            ) : null}
            <Link to="/requests/new" className={buttonClass()} data-testid="new-request">
              {t('requests.new')}
            </Link>
          </>
        }
      />
      {search.recorded ? (
        <p
          role="status"
          className="mb-3 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900"
          data-testid="request-recorded"
        >
          {t('requests.recorded', { number: search.recorded })}
        </p>
      ) : null}
      {canManage ? null : <p className="text-sm text-slate-600">{t('requests.intakeOnly')}</p>}
      <div className={canManage ? 'mb-3 max-w-xs' : 'hidden'}>
        <Field label={t('requests.filter')}>
          {(c) => (
            <Select
              {...c}
              value={status}
              onChange={(e) =>
                void navigate({
                  search: { status: e.target.value === 'open' ? undefined : (e.target.value as InboxFilter) },
                })
              }
              data-testid="request-filter"
            >
              {(['open', 'closed', 'all'] as const).map((f) => (
                <option key={f} value={f}>
                  {t(`requests.filters.${f}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
      </div>
      <ErrorMessage error={list.error} />
      <Card className={canManage ? undefined : 'hidden'}>
        <Table data-testid="request-list" aria-busy={list.isFetching}>
          <THead>
            <tr>
              <Th>{t('requests.columns.due')}</Th>
              <Th>{t('requests.columns.type')}</Th>
              <Th>{t('requests.columns.channel')}</Th>
              <Th>{t('requests.columns.person')}</Th>
              <Th>{t('requests.columns.status')}</Th>
              <Th>{t('requests.columns.daysLeft')}</Th>
            </tr>
          </THead>
          <TBody>
            {list.data && items.length === 0 ? (
              <tr>
                <Td colSpan={6} className="py-8 text-center text-slate-500">
                  {t('requests.empty')}
                </Td>
              </tr>
            ) : (
              items.map((item) => (
                <Tr key={item.id} data-testid="request-row" data-request-id={item.id}>
                  <Td className="whitespace-nowrap">
                    <Link
                      to="/requests/$requestId"
                      params={{ requestId: item.id }}
                      className="font-medium text-brand-700 hover:underline"
                      data-testid="request-link"
                    >
                      {format.date(item.effectiveDueAt)}
                    </Link>
                    {item.number ? (
                      <div className="font-mono text-xs text-slate-500">{item.number}</div>
                    ) : null}
                  </Td>
                  <Td>{t(`requests.types.${item.type}`)}</Td>
                  <Td>{t(`requests.channels.${item.channel}`)}</Td>
                  <Td data-testid="request-person">
                    <PersonName name={item.personName} />
                  </Td>
                  <Td>
                    <RequestStatusBadge status={item.status} />
                  </Td>
                  <Td>
                    <span className="flex flex-wrap items-center gap-2">
                      {item.status === 'open' ? <DaysLeft days={item.daysLeft} /> : null}
                      <DeadlineBadge warning={item.status === 'open' ? item.warning : null} />
                    </span>
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
