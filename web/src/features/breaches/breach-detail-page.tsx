import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { Badge } from '../../components/ui/badge';
import { useFormat } from '../../lib/format';
import { breachQuery } from './api';
import { AssessmentCard } from './breach-assessment-card';
import { ClosingCard } from './breach-closing-card';
import { Section } from './breach-form-parts';
import { NotificationCard, SubjectsCard } from './breach-notification-cards';
import { DeadlineBadge } from './deadline-badge';
import type { BreachDetail } from './types';

const route = getRouteApi('/_app/breaches/$breachId');

/** One breach for the DPO: the Art. 33(3) assessment, the notification, the Art. 34 decision, the history. */
export function BreachDetailPage() {
  const { t } = useTranslation();
  const { breachId } = route.useParams();
  const query = useQuery(breachQuery(breachId));
  const breach = query.data;
  if (query.isPending) return <Loading />;
  if (!breach) return <ErrorMessage error={query.error} />;
  const closed = breach.status === 'closed';
  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title={
          <>
            <span className="font-mono text-slate-500" data-testid="breach-detail-number">
              {breach.number}
            </span>{' '}
            <span data-testid="breach-detail-title">{breach.title}</span>
          </>
        }
      >
        <div className="mt-2 flex flex-wrap items-center gap-2">
          <Badge tone={closed ? 'neutral' : 'brand'} data-testid="breach-status" data-status={breach.status}>
            {t(`breaches.status.${breach.status}`)}
          </Badge>
          <DeadlineBadge deadline={breach.deadline} />
          <Link to="/breaches" className="text-sm text-brand-700 hover:underline">
            {t('breaches.detail.back')}
          </Link>
        </div>
      </PageHeader>
      <ErrorMessage error={query.error} />
      <Facts breach={breach} />
      {closed ? (
        <p className="text-sm text-slate-600" role="note">
          {t('breaches.detail.closedHint')}
        </p>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="flex flex-col gap-4 lg:col-span-2">
          <AssessmentCard breach={breach} />
          <NotificationCard breach={breach} />
          <SubjectsCard key={`subjects-${breach.version}`} breach={breach} />
          <ClosingCard breach={breach} />
        </div>
        <div className="flex flex-col gap-4">
          <MissingCard breach={breach} />
          <HistoryCard breach={breach} />
        </div>
      </div>
    </div>
  );
}

function Facts({ breach }: { breach: BreachDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const rows: [string, ReactNode][] = [
    [t('breaches.form.awareAt'), format.dateTime(breach.awareAt)],
    [t('breaches.form.occurredAt'), breach.occurredAt ? format.dateTime(breach.occurredAt) : '–'],
    [t('breaches.detail.notifyBy'), format.dateTime(breach.deadline.notifyBy)],
    [t('breaches.detail.reportedBy'), breach.reportedBy?.name ?? t('breaches.detail.unknown')],
  ];
  return (
    <Section title={t('breaches.detail.facts')} testId="breach-facts">
      <p className="text-sm whitespace-pre-line" data-testid="breach-description">
        {breach.description}
      </p>
      <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-500">{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </Section>
  );
}

function MissingCard({ breach }: { breach: BreachDetail }) {
  const { t } = useTranslation();
  return (
    <Section title={t('breaches.detail.missingTitle')} testId="breach-missing">
      {breach.missing.length === 0 ? (
        <p className="text-sm text-emerald-800" data-testid="breach-complete">
          {t('breaches.detail.complete')}
        </p>
      ) : (
        <ul className="list-disc pl-5 text-sm" data-testid="breach-missing-list">
          {breach.missing.map((field) => (
            <li key={field} data-field={field}>
              {t(`breaches.fields.${field}` as 'breaches.fields.nature', { defaultValue: field })}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function HistoryCard({ breach }: { breach: BreachDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Section title={t('breaches.detail.history')} testId="breach-history">
      <ol className="flex flex-col gap-2 text-sm" data-testid="breach-events">
        {breach.events.map((event) => (
          <li
            key={`${event.at}-${event.kind}`}
            className="border-l-2 border-slate-200 pl-3"
            data-testid="breach-event"
            data-kind={event.kind}
          >
            <p className="font-medium">{t(`breaches.events.${event.kind}`)}</p>
            <p className="text-xs text-slate-500">
              {format.timestamp(event.at)} · {event.actorName ?? t('breaches.events.system')}
            </p>
            {event.detail ? <p className="whitespace-pre-line text-slate-700">{event.detail}</p> : null}
          </li>
        ))}
      </ol>
    </Section>
  );
}
