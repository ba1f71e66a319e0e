import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DetailList } from '../../components/detail-list';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { Badge } from '../../components/ui/badge';
import { Button, buttonClass } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { todayIso, useFormat } from '../../lib/format';
import { canDo } from '../auth/permissions';
import { useCurrentUser } from '../auth/session';
import { exportUrl, requestQuery, useAssignRequest } from './api';
import { LettersCard } from './letters-card';
import { NotificationsCard } from './notifications-card';
import { DaysLeft, DeadlineBadge, PersonName, RequestStatusBadge } from './request-badges';
import { ExtendDialog, FulfilDialog, RefuseDialog } from './request-dialogs';
import type { RequestDetail } from './types';
import { VerificationCard } from './verification-card';

const route = getRouteApi('/_app/requests/$requestId');

const isVerified = (r: RequestDetail) =>
  r.identityStatus
    ? r.identityStatus === 'verified' || r.identityStatus === 'not_required'
    : (r.verificationSteps ?? []).some((s) => s.outcome === 'passed');

/** Why the deadline can no longer be extended, or null when it can (Art. 12(3): first month only). */
const useExtensionBlock = (r: RequestDetail): string | null => {
  const { t } = useTranslation();
  if (r.extendedDueAt) return t('requests.actions.alreadyExtended', { reason: r.extensionReason ?? '' });
  // Art. 12(3): decided and notified within the first month, i.e. up to the original due date
  if (todayIso() > r.dueAt) return t('requests.actions.extendTooLate');
  return null;
};

function ActionsCard({ request }: { request: RequestDetail }) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<'fulfil' | 'extend' | 'refuse' | null>(null);
  const verified = isVerified(request);
  const extensionBlock = useExtensionBlock(request);
  const close = (open: boolean) => {
    if (!open) setDialog(null);
  };
  if (request.status !== 'open')
    return (
      <Card>
        <CardContent>
          <p className="text-sm text-slate-600">{t('requests.actions.closed')}</p>
        </CardContent>
      </Card>
    );
  return (
    <Card aria-labelledby="actions-title" data-testid="request-actions">
      <CardHeader>
        <CardTitle id="actions-title">{t('requests.actions.title')}</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        <div className="flex flex-wrap gap-2">
          <Button
            disabled={!verified}
            onClick={() => setDialog('fulfil')}
            data-testid="request-fulfil"
            variant={request.type === 'erasure' ? 'danger' : 'primary'}
          >
            {t('requests.actions.fulfil')}
          </Button>
          <Button
            variant="secondary"
            disabled={extensionBlock !== null}
            onClick={() => setDialog('extend')}
            data-testid="request-extend"
          >
            {t('requests.actions.extend')}
          </Button>
          <Button variant="secondary" onClick={() => setDialog('refuse')} data-testid="request-refuse">
            {t('requests.actions.refuse')}
          </Button>
        </div>
        {verified ? null : (
          <p className="text-sm text-amber-800" role="note" data-testid="verify-first">
            {t('requests.actions.verifyFirst')}
          </p>
        )}
        {extensionBlock ? (
          <p className="text-sm text-slate-600" data-testid="extension-blocked">
            {extensionBlock}
          </p>
        ) : null}
      </CardContent>
      {dialog === 'fulfil' ? <FulfilDialog request={request} open onOpenChange={close} /> : null}
      {dialog === 'extend' ? <ExtendDialog request={request} open onOpenChange={close} /> : null}
      {dialog === 'refuse' ? <RefuseDialog request={request} open onOpenChange={close} /> : null}
    </Card>
  );
}

function ExportCard({ request }: { request: RequestDetail }) {
  const { t } = useTranslation();
  return (
    <Card aria-labelledby="export-title" data-testid="export-card">
      <CardHeader>
        <CardTitle id="export-title">{t('requests.export.title')}</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-2">
        <p className="text-sm text-slate-600">{t('requests.export.hint')}</p>
        <div className="flex flex-wrap gap-2">
          <a
            href={exportUrl(request.id, 'json')}
            className={buttonClass('secondary')}
            download
            data-testid="export-json"
          >
            {t('requests.export.json')}
          </a>
          <a
            href={exportUrl(request.id, 'csv')}
            className={buttonClass('secondary')}
            download
            data-testid="export-csv"
          >
            {t('requests.export.csv')}
          </a>
        </div>
      </CardContent>
    </Card>
  );
}

function Timeline({ request }: { request: RequestDetail }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const events = request.events ?? [];
  const label = (kind: string) => {
    const key = `requests.events.${kind}`;
    return i18n.exists(key) ? t(key as 'requests.title') : kind.replaceAll('_', ' ');
  };
  return (
    <Card aria-labelledby="timeline-title">
      <CardHeader>
        <CardTitle id="timeline-title">{t('requests.timeline.title')}</CardTitle>
      </CardHeader>
      <CardContent>
        {events.length === 0 ? (
          <p className="text-sm text-slate-600">{t('requests.timeline.empty')}</p>
        ) : (
          <ol className="flex flex-col gap-2 border-l border-slate-200 pl-4" data-testid="request-events">
            {events.map((e) => (
              <li key={e.id} className="text-sm" data-testid="request-event" data-kind={e.kind}>
                <span className="text-slate-500">{format.dateTime(e.at)}</span>{' '}
                <span className="font-medium text-slate-900">{label(e.kind)}</span>
                {typeof e.actor === 'object' && e.actor?.displayName ? (
                  <span className="text-slate-500"> · {e.actor.displayName}</span>
                ) : null}
                {e.detail ? <p className="text-slate-700">{e.detail}</p> : null}
              </li>
            ))}
          </ol>
        )}
      </CardContent>
    </Card>
  );
}

export function RequestDetailPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const user = useCurrentUser();
  const { requestId } = route.useParams();
  const query = useQuery(requestQuery(requestId));
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorMessage error={query.error} />;
  const r = query.data;
  const canManage = canDo(user?.role, 'requests.manage');
  const corrections = r.details?.corrections ? Object.entries(r.details.corrections) : [];
  const exportable =
    r.status === 'completed' &&
    (r.type === 'access' || r.type === 'portability') &&
    r.exportAvailable !== false;
  const notifiable = r.type === 'rectification' || r.type === 'erasure' || r.type === 'restriction';
  return (
    <div className="flex flex-col gap-4">
      <Link to="/requests" className="text-sm text-brand-700 hover:underline">
        ← {t('requests.backToList')}
      </Link>
      <PageHeader title={<span data-testid="request-title">{t(`requests.types.${r.type}`)}</span>}>
        <div className="mt-1 flex flex-wrap items-center gap-2">
          {r.number ? <span className="font-mono text-sm text-slate-600">{r.number}</span> : null}
          <RequestStatusBadge status={r.status} />
          {r.status === 'open' ? <DeadlineBadge warning={r.warning} /> : null}
        </div>
      </PageHeader>
      <div className="grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="flex flex-col gap-4">
          {canManage ? <ActionsCard request={r} /> : null}
          {exportable ? <ExportCard request={r} /> : null}
          <VerificationCard request={r} canManage={canManage} />
          <LettersCard request={r} canManage={canManage} />
          {notifiable ? <NotificationsCard requestId={r.id} canManage={canManage} /> : null}
        </div>
        <div className="flex flex-col gap-4">
          <Card aria-labelledby="facts-title">
            <CardHeader>
              <CardTitle id="facts-title">{t('requests.detail.facts')}</CardTitle>
            </CardHeader>
            <CardContent>
              <DetailList
                items={[
                  {
                    label: t('requests.detail.person'),
                    testId: 'request-person-name',
                    value:
                      r.personName === null ? (
                        <PersonName name={null} />
                      ) : (
                        <Link
                          to="/persons/$personId"
                          params={{ personId: r.personId }}
                          className="text-brand-700 hover:underline"
                        >
                          {r.personName}
                        </Link>
                      ),
                  },
                  { label: t('requests.form.channel'), value: t(`requests.channels.${r.channel}`) },
                  { label: t('requests.detail.receivedAt'), value: format.dateTime(r.receivedAt) },
                  {
                    label: t('requests.detail.dueAt'),
                    testId: 'request-due',
                    value: (
                      <span className="flex flex-wrap items-center gap-2">
                        {format.date(r.effectiveDueAt ?? r.dueAt)}
                        {r.status === 'open' ? <DaysLeft days={r.daysLeft} /> : null}
                      </span>
                    ),
                  },
                  ...(r.extendedDueAt
                    ? [
                        { label: t('requests.detail.extendedDueAt'), value: format.date(r.extendedDueAt) },
                        { label: t('requests.detail.extensionReason'), value: r.extensionReason },
                      ]
                    : []),
                  { label: t('requests.detail.locale'), value: t(`requests.locales.${r.locale ?? 'de'}`) },
                  {
                    label: t('requests.detail.requester'),
                    value: [r.requester?.name, r.requester?.contact].filter(Boolean).join(' · '),
                  },
                  { label: t('requests.detail.requesterNote'), value: r.requester?.note },
                  ...(corrections.length
                    ? [
                        {
                          label: t('requests.detail.corrections'),
                          value: (
                            <ul>
                              {corrections.map(([field, value]) => (
                                <li key={field}>
                                  {t(`requests.fields.${field as 'firstName'}`, { defaultValue: field })}:{' '}
                                  {String(value ?? '')}
                                </li>
                              ))}
                            </ul>
                          ),
                        },
                      ]
                    : []),
                  ...(r.details?.reason
                    ? [{ label: t('requests.form.reason'), value: r.details.reason }]
                    : []),
                  ...(r.refusalReason
                    ? [
                        {
                          label: t('requests.detail.refusal'),
                          value: `${t(`requests.actions.refusalReasons.${r.refusalReason}`)}${r.refusalDetails ? ` – ${r.refusalDetails}` : ''}`,
                        },
                      ]
                    : []),
                  ...(r.outcome ? [{ label: t('requests.detail.outcome'), value: r.outcome }] : []),
                  ...(r.closedAt
                    ? [{ label: t('requests.detail.closedAt'), value: format.dateTime(r.closedAt) }]
                    : []),
                  {
                    label: t('requests.detail.assignee'),
                    value: <Assignee request={r} canManage={canManage} />,
                  },
                ]}
              />
              {r.identityStatus ? null : (
                <Badge className="mt-3" tone={isVerified(r) ? 'success' : 'warning'}>
                  {t(
                    isVerified(r)
                      ? 'requests.identityStatuses.verified'
                      : 'requests.identityStatuses.pending',
                  )}
                </Badge>
              )}
            </CardContent>
          </Card>
          <Timeline request={r} />
        </div>
      </div>
    </div>
  );
}

/** Who works the request; the DPO takes an open request with one click. */
const Assignee = ({ request, canManage }: { request: RequestDetail; canManage: boolean }) => {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const assign = useAssignRequest(request.id);
  const mine = request.assignee?.id === user?.id;
  return (
    <span className="flex flex-wrap items-center gap-2">
      <span data-testid="request-assignee">
        {request.assignee?.displayName ?? t('requests.detail.unassigned')}
      </span>
      {canManage && user && request.status === 'open' && !mine ? (
        <Button
          variant="secondary"
          size="sm"
          disabled={assign.isPending}
          onClick={() => assign.mutate({ version: request.version, assigneeId: user.id })}
        >
          {t('requests.detail.assignToMe')}
        </Button>
      ) : null}
      {assign.error ? <ErrorMessage error={assign.error} /> : null}
    </span>
  );
};
