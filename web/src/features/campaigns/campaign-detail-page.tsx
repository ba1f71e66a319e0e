import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DetailList } from '../../components/detail-list';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Dialog } from '../../components/ui/dialog';
import { Field } from '../../components/ui/field';
import { Input } from '../../components/ui/input';
import { toDateTimeLocal, useFormat } from '../../lib/format';
import { canDo } from '../auth/permissions';
import { useCurrentUser } from '../auth/session';
import { segmentPreviewQuery, segmentQuery } from '../segments/api';
import { EvaluationView } from '../segments/evaluation-view';
import { usePurposes } from '../segments/marketing-purposes';
import { cleanDefinition } from '../segments/types';
import {
  campaignQuery,
  useCancelCampaign,
  useLettersDownload,
  useScheduleCampaign,
  useSendCampaign,
} from './api';
import { MarketingTabs } from './marketing-tabs';
import { RecipientsCard } from './recipients-card';
import { ResponseReportCard } from './response-report-card';
import { CampaignStatusBadge } from './status-badge';
import { beforeRun, type Campaign, channelOf } from './types';

const route = getRouteApi('/_app/marketing/campaigns/$campaignId');

/** Who the campaign would reach right now, for its purpose and channel, and why the others not. */
function ReachCard({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const purposes = usePurposes();
  const segment = useQuery(segmentQuery(campaign.segmentId));
  const preview = useQuery(
    segmentPreviewQuery(
      segment.data
        ? {
            definition: cleanDefinition(segment.data.definition),
            purposeId: campaign.purposeId,
            channel: channelOf(campaign.kind),
          }
        : null,
    ),
  );
  return (
    <Card aria-labelledby="reach-title" data-testid="campaign-reach">
      <CardHeader>
        <div>
          <CardTitle id="reach-title">{t('campaigns.reach.title')}</CardTitle>
          <p className="text-sm text-slate-600">
            {t('campaigns.reach.detailHint', {
              segment: segment.data?.name ?? '…',
              purpose: purposes.label(campaign.purposeId),
              channel: t(`segments.channels.${channelOf(campaign.kind)}`),
            })}
          </p>
        </div>
      </CardHeader>
      <CardContent>
        <ErrorMessage error={segment.error} />
        <EvaluationView
          evaluation={preview.data}
          pending={preview.isPending}
          fetching={preview.isFetching}
          error={preview.error}
          forUse
        />
      </CardContent>
    </Card>
  );
}

function ActionsCard({ campaign, eligible }: { campaign: Campaign; eligible: number | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  const send = useSendCampaign(campaign.id);
  const schedule = useScheduleCampaign(campaign.id);
  const cancel = useCancelCampaign(campaign.id);
  const [dialog, setDialog] = useState<'send' | 'schedule' | 'cancel' | null>(null);
  const [at, setAt] = useState(() => toDateTimeLocal(new Date(Date.now() + 24 * 3600_000)));
  const atDate = new Date(at);
  const atValid = !Number.isNaN(atDate.getTime()) && atDate.getTime() > Date.now();
  const close = () => {
    setDialog(null);
    send.reset();
    schedule.reset();
    cancel.reset();
  };
  const error = send.error ?? schedule.error ?? cancel.error;
  return (
    <Card aria-labelledby="actions-title" data-testid="campaign-actions">
      <CardHeader>
        <CardTitle id="actions-title">{t('campaigns.actions.title')}</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {campaign.status === 'scheduled' && campaign.scheduledAt ? (
          <p className="text-sm text-slate-700" data-testid="campaign-scheduled-at">
            {t('campaigns.actions.scheduledFor', { at: format.dateTime(campaign.scheduledAt) })}
          </p>
        ) : null}
        <div className="flex flex-wrap gap-2">
          {campaign.kind === 'email' ? (
            <Button onClick={() => setDialog('send')} data-testid="campaign-send">
              {t('campaigns.actions.send')}
            </Button>
          ) : null}
          {campaign.kind === 'email' && campaign.status === 'draft' ? (
            <Button variant="secondary" onClick={() => setDialog('schedule')} data-testid="campaign-schedule">
              {campaign.recurrence === 'none'
                ? t('campaigns.actions.schedule')
                : t('campaigns.actions.start')}
            </Button>
          ) : null}
          <Button variant="secondary" onClick={() => setDialog('cancel')} data-testid="campaign-cancel">
            {t('campaigns.actions.cancel')}
          </Button>
        </div>
        {dialog === null ? <ErrorMessage error={error} /> : null}
      </CardContent>
      {dialog === 'send' ? (
        <Dialog
          open
          onOpenChange={(open) => !open && close()}
          title={t('campaigns.actions.sendTitle')}
          description={
            eligible === undefined
              ? t('campaigns.actions.sendTextUnknown')
              : t('campaigns.actions.sendText', { count: eligible })
          }
        >
          <div className="flex flex-col gap-3" data-testid="send-dialog">
            <p className="text-sm text-slate-600">{t('campaigns.actions.sendRecheck')}</p>
            <ErrorMessage error={send.error} />
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button
                onClick={() => send.mutate(undefined, { onSuccess: () => setDialog(null) })}
                disabled={send.isPending}
                data-testid="confirm-send"
              >
                {t('campaigns.actions.sendConfirm')}
              </Button>
            </div>
          </div>
        </Dialog>
      ) : null}
      {dialog === 'schedule' ? (
        <Dialog
          open
          onOpenChange={(open) => !open && close()}
          title={t('campaigns.actions.scheduleTitle')}
          description={t('campaigns.actions.scheduleText')}
        >
          <div className="flex flex-col gap-3" data-testid="schedule-dialog">
            <Field
              label={t('campaigns.actions.scheduleAt')}
              required
              error={atValid ? undefined : { message: 'validation.dateNotFuture' }}
            >
              {(c) => (
                <Input
                  {...c}
                  type="datetime-local"
                  value={at}
                  onChange={(e) => setAt(e.target.value)}
                  data-testid="schedule-at"
                />
              )}
            </Field>
            <ErrorMessage error={schedule.error} />
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button
                onClick={() => schedule.mutate(atDate.toISOString(), { onSuccess: () => setDialog(null) })}
                disabled={schedule.isPending || !atValid}
                data-testid="confirm-schedule"
              >
                {t('campaigns.actions.scheduleConfirm')}
              </Button>
            </div>
          </div>
        </Dialog>
      ) : null}
      {dialog === 'cancel' ? (
        <Dialog
          open
          onOpenChange={(open) => !open && close()}
          title={t('campaigns.actions.cancelTitle')}
          description={t('campaigns.actions.cancelText')}
        >
          <div className="flex flex-col gap-3">
            <ErrorMessage error={cancel.error} />
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={close}>
                {t('campaigns.actions.keep')}
              </Button>
              <Button
                variant="danger"
                onClick={() => cancel.mutate(undefined, { onSuccess: () => setDialog(null) })}
                disabled={cancel.isPending}
                data-testid="confirm-cancel"
              >
                {t('campaigns.actions.cancelConfirm')}
              </Button>
            </div>
          </div>
        </Dialog>
      ) : null}
    </Card>
  );
}

/** Letters are printed, not sent: the PDF holds one letter per recipient the rules allow. */
function LettersCard({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const download = useLettersDownload(campaign.id);
  return (
    <Card aria-labelledby="letters-title" data-testid="campaign-letters">
      <CardHeader>
        <CardTitle id="letters-title">{t('campaigns.letters.title')}</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-2">
        <p className="text-sm text-slate-600">
          {campaign.status === 'sent' ? t('campaigns.letters.hintAgain') : t('campaigns.letters.hint')}
        </p>
        <div>
          <Button
            variant="secondary"
            onClick={() => download.mutate()}
            disabled={download.isPending}
            data-testid="campaign-letters-pdf"
          >
            {t('campaigns.letters.download')}
          </Button>
        </div>
        <ErrorMessage error={download.error} />
      </CardContent>
    </Card>
  );
}

function Facts({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const format = useFormat();
  const purposes = usePurposes();
  const segment = useQuery(segmentQuery(campaign.segmentId));
  const recurrence =
    campaign.recurrence === 'yearly' && campaign.recurrenceDate
      ? t('campaigns.recurrenceYearlyOn', { date: campaign.recurrenceDate.split('-').reverse().join('.') })
      : t(`campaigns.recurrences.${campaign.recurrence}`);
  return (
    <Card aria-labelledby="facts-title">
      <CardHeader>
        <CardTitle id="facts-title">{t('campaigns.detail.facts')}</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <DetailList
          items={[
            { label: t('campaigns.form.kind'), value: t(`campaigns.kinds.${campaign.kind}`) },
            { label: t('campaigns.form.occasion'), value: t(`campaigns.occasions.${campaign.occasion}`) },
            {
              label: t('campaigns.form.segment'),
              value: (
                <Link
                  to="/marketing/segments/$segmentId"
                  params={{ segmentId: campaign.segmentId }}
                  className="text-brand-700 hover:underline"
                >
                  {segment.data?.name ?? t('campaigns.detail.segment')}
                </Link>
              ),
            },
            { label: t('campaigns.form.purpose'), value: purposes.label(campaign.purposeId) },
            { label: t('campaigns.form.language'), value: t(`language.${campaign.language}`) },
            { label: t('campaigns.form.recurrence'), value: recurrence },
            { label: t('campaigns.detail.scheduledAt'), value: format.dateTime(campaign.scheduledAt) },
            {
              label: t('campaigns.detail.sentAt'),
              value: format.dateTime(campaign.sentAt),
              testId: 'campaign-sent-at',
            },
            {
              label: t('campaigns.form.linkUrl'),
              value: campaign.linkUrl ? (
                <a
                  href={campaign.linkUrl}
                  className="text-brand-700 hover:underline"
                  rel="noreferrer noopener"
                  target="_blank"
                >
                  {campaign.linkUrl}
                </a>
              ) : null,
            },
          ]}
        />
        <div className="rounded-md border border-slate-200 bg-slate-50 p-3">
          <p className="text-sm font-semibold text-slate-900" data-testid="campaign-subject">
            {campaign.subject}
          </p>
          <p className="mt-2 text-sm whitespace-pre-wrap text-slate-700">{campaign.body}</p>
        </div>
      </CardContent>
    </Card>
  );
}

function Stats({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const { number } = useFormat();
  const keys = ['recipients', 'sent', 'skipped', 'bounced', 'failed'] as const;
  return (
    <dl className="grid grid-cols-2 gap-2 sm:grid-cols-5" data-testid="campaign-stats">
      {keys.map((k) => (
        <div key={k} className="rounded-md border border-slate-200 bg-white px-3 py-2">
          <dt className="text-xs text-slate-600">{t(`campaigns.stats.${k}`)}</dt>
          <dd className="text-lg font-semibold tabular-nums" data-testid={`stat-${k}`}>
            {number(campaign.stats?.[k] ?? 0)}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function CampaignDetailPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { campaignId } = route.useParams();
  const query = useQuery(campaignQuery(campaignId));
  const campaign = query.data;
  const segment = useQuery({ ...segmentQuery(campaign?.segmentId ?? ''), enabled: Boolean(campaign) });
  const preview = useQuery(
    segmentPreviewQuery(
      campaign && segment.data && beforeRun(campaign.status)
        ? {
            definition: cleanDefinition(segment.data.definition),
            purposeId: campaign.purposeId,
            channel: channelOf(campaign.kind),
          }
        : null,
    ),
  );
  if (query.isPending) return <Loading />;
  if (query.isError || !campaign) return <ErrorMessage error={query.error} />;
  const canManage = canDo(user?.role, 'marketing.manage');
  const before = beforeRun(campaign.status);
  const after = campaign.status === 'sent' || campaign.status === 'sending' || campaign.stats?.recipients > 0;
  return (
    <div className="flex flex-col gap-4">
      <MarketingTabs />
      <Link to="/marketing/campaigns" className="text-sm text-brand-700 hover:underline">
        ← {t('campaigns.backToList')}
      </Link>
      <PageHeader title={<span data-testid="campaign-title">{campaign.name}</span>}>
        <div className="mt-1 flex flex-wrap items-center gap-2">
          <CampaignStatusBadge status={campaign.status} />
          <span className="text-sm text-slate-600">
            {t(`campaigns.kinds.${campaign.kind}`)} · {t(`campaigns.occasions.${campaign.occasion}`)}
          </span>
        </div>
      </PageHeader>
      {after ? <Stats campaign={campaign} /> : null}
      <div className="grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="flex flex-col gap-4">
          {before ? <ReachCard campaign={campaign} /> : null}
          {after ? <ResponseReportCard campaignId={campaign.id} /> : null}
          {after ? <RecipientsCard campaignId={campaign.id} /> : null}
        </div>
        <div className="flex flex-col gap-4">
          {canManage && before ? <ActionsCard campaign={campaign} eligible={preview.data?.eligible} /> : null}
          {campaign.kind === 'letter' && campaign.status !== 'cancelled' && canManage ? (
            <LettersCard campaign={campaign} />
          ) : null}
          <Facts campaign={campaign} />
        </div>
      </div>
    </div>
  );
}
