import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { DetailList } from '../../components/detail-list';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Field } from '../../components/ui/field';
import { Select } from '../../components/ui/input';
import { useFormat } from '../../lib/format';
import { canDo } from '../auth/permissions';
import { useCurrentUser } from '../auth/session';
import { caseQuery, useUpdateCase } from './api';
import { CaseThread } from './case-thread';
import { SlaBadge } from './sla-badge';
import { CASE_PRIORITIES, type CaseDetail, type CasePriority, NEXT_STATUSES } from './types';

const route = getRouteApi('/_app/cases/$caseId');

function CaseControls({ item }: { item: CaseDetail }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const update = useUpdateCase(item.id);
  const change = (patch: Omit<Parameters<typeof update.mutate>[0], 'version'>) =>
    update.mutate({ ...patch, version: item.version });
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('service.cases.controls')}</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <div className="flex flex-wrap gap-2" data-testid="case-status-actions">
          {NEXT_STATUSES[item.status].map((status) => (
            <Button
              key={status}
              variant={status === 'resolved' ? 'primary' : 'secondary'}
              size="sm"
              disabled={update.isPending}
              onClick={() => change({ status })}
              data-testid={`case-status-${status}`}
            >
              {t(
                item.status === 'resolved' && status === 'open'
                  ? 'service.statusActions.reopen'
                  : `service.statusActions.${status as 'open' | 'waiting' | 'resolved' | 'closed'}`,
              )}
            </Button>
          ))}
        </div>
        <div className="grid gap-3 sm:grid-cols-2 sm:items-end">
          <Field label={t('service.cases.priority')}>
            {(c) => (
              <Select
                {...c}
                value={item.priority}
                disabled={update.isPending || item.status === 'closed'}
                onChange={(e) => change({ priority: e.target.value as CasePriority })}
                data-testid="case-priority-select"
              >
                {CASE_PRIORITIES.map((p) => (
                  <option key={p} value={p}>
                    {t(`service.priorities.${p}`)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          {user && item.assignee?.id !== user.id ? (
            <Button
              variant="secondary"
              disabled={update.isPending}
              onClick={() => change({ assigneeId: user.id })}
              data-testid="case-assign-me"
            >
              {t('service.cases.assignToMe')}
            </Button>
          ) : null}
        </div>
        <ErrorMessage error={update.error} />
      </CardContent>
    </Card>
  );
}

export function CaseDetailPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const user = useCurrentUser();
  const { caseId } = route.useParams();
  const query = useQuery(caseQuery(caseId));
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorMessage error={query.error} />;
  const item = query.data;
  const pending = !item.firstRespondedAt && !item.resolvedAt;
  return (
    <div className="flex flex-col gap-4">
      <Link to="/cases" className="text-sm text-brand-700 hover:underline">
        ← {t('service.cases.backToList')}
      </Link>
      <PageHeader title={<span data-testid="case-subject-title">{item.subject}</span>}>
        <div className="mt-1 flex flex-wrap items-center gap-2">
          <span className="font-mono text-sm text-slate-600" data-testid="case-number">
            {item.number}
          </span>
          <Badge tone="brand" data-testid="case-status">
            {t(`service.statuses.${item.status}`)}
          </Badge>
          <Badge tone={item.priority === 'urgent' || item.priority === 'high' ? 'danger' : 'neutral'}>
            {t(`service.priorities.${item.priority}`)}
          </Badge>
          <SlaBadge state={item.slaState} />
        </div>
      </PageHeader>
      <div className="grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="flex flex-col gap-4">
          <CaseThread item={item} canWrite={canDo(user?.role, 'communication.write')} />
        </div>
        <div className="flex flex-col gap-4">
          {canDo(user?.role, 'service.write') ? <CaseControls item={item} /> : null}
          <Card>
            <CardContent>
              <DetailList
                items={[
                  {
                    label: t('service.cases.customer'),
                    value: (
                      <span className="flex flex-col">
                        {item.person ? (
                          <Link
                            to="/persons/$personId"
                            params={{ personId: item.person.id }}
                            className="text-brand-700 hover:underline"
                          >
                            {item.person.name}
                          </Link>
                        ) : null}
                        {item.organization ? (
                          <Link
                            to="/organizations/$organizationId"
                            params={{ organizationId: item.organization.id }}
                            className="text-brand-700 hover:underline"
                          >
                            {item.organization.name}
                          </Link>
                        ) : null}
                      </span>
                    ),
                  },
                  { label: t('service.cases.channel'), value: t(`service.channels.${item.channel}`) },
                  { label: t('service.cases.category'), value: t(`service.categories.${item.category}`) },
                  { label: t('service.cases.receivedAt'), value: format.dateTime(item.receivedAt) },
                  {
                    label: t('service.cases.firstResponseDue'),
                    value: (
                      <span className="flex flex-wrap items-center gap-2">
                        {format.dateTime(item.sla.firstResponse.dueAt)}
                        <SlaBadge state={item.sla.firstResponse.state} />
                      </span>
                    ),
                  },
                  ...(pending
                    ? []
                    : [
                        {
                          label: t('service.cases.respondedAt'),
                          value: format.dateTime(item.firstRespondedAt ?? item.resolvedAt),
                        },
                      ]),
                  {
                    label: t('service.cases.resolutionDue'),
                    value: (
                      <span className="flex flex-wrap items-center gap-2">
                        {format.dateTime(item.sla.resolution.dueAt)}
                        <SlaBadge state={item.sla.resolution.state} />
                      </span>
                    ),
                  },
                  {
                    label: t('service.cases.assignee'),
                    value: (
                      <span data-testid="case-assignee">
                        {item.assignee?.displayName ?? t('service.cases.nobody')}
                      </span>
                    ),
                  },
                ]}
              />
            </CardContent>
          </Card>
        </div>
      </div>
    </div>
  );
}
