import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { cn } from '../../lib/cn';
import { useFormat } from '../../lib/format';
import { AccountabilityTabs } from '../accountability/accountability-tabs';
import { type Finding, type SelfCheckReport, selfCheckQuery } from './api';
import { CheckPageLink, RefLink } from './self-check-links';

/** How many records a card lists before "and N more". */
const SHOWN_REFS = 10;

/**
 * The DPO dashboard (Art. 5(2) GDPR): the self-check of the live data, green when no check finds a
 * violation, red otherwise, one card per check with its count, what it means and the records found.
 */
export function SelfCheckPage() {
  const { t } = useTranslation();
  const check = useQuery(selfCheckQuery());
  return (
    <div>
      <PageHeader
        title={t('accountability.tabs.selfCheck')}
        actions={
          <Button
            variant="secondary"
            onClick={() => void check.refetch()}
            disabled={check.isFetching}
            data-testid="self-check-rerun"
          >
            {check.isFetching ? t('selfCheck.running') : t('selfCheck.rerun')}
          </Button>
        }
      />
      <AccountabilityTabs />
      <p className="mb-4 max-w-3xl text-sm text-slate-600">{t('selfCheck.intro')}</p>
      {check.isPending ? <Loading label={t('selfCheck.running')} /> : null}
      <ErrorMessage error={check.error} />
      {check.data ? <Report report={check.data} busy={check.isFetching} /> : null}
    </div>
  );
}

function Report({ report, busy }: { report: SelfCheckReport; busy: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const failing = report.findings.filter((f) => f.severity === 'violation' && f.count > 0).length;
  return (
    <div aria-busy={busy}>
      <div
        role="status"
        data-testid="self-check-status"
        data-status={report.ok ? 'ok' : 'violations'}
        className={cn(
          'mb-4 flex flex-wrap items-center gap-4 rounded-lg border px-5 py-4',
          report.ok
            ? 'border-emerald-300 bg-emerald-50 text-emerald-900'
            : 'border-red-300 bg-red-50 text-red-900',
        )}
      >
        <span
          aria-hidden="true"
          className={cn(
            'flex size-12 items-center justify-center rounded-full text-2xl font-bold text-white',
            report.ok ? 'bg-emerald-600' : 'bg-red-600',
          )}
        >
          {report.ok ? '✓' : '!'}
        </span>
        <div>
          <p className="text-xl font-semibold">
            {report.ok ? t('selfCheck.ok') : t('selfCheck.violations', { count: failing })}
          </p>
          <p className="text-sm" data-testid="self-check-checked-at">
            {t('selfCheck.checkedAt', { date: format.dateTime(report.checkedAt) })}
          </p>
        </div>
      </div>
      <div className="grid gap-3 md:grid-cols-2">
        {report.findings.map((finding) => (
          <CheckCard key={finding.check} finding={finding} />
        ))}
      </div>
    </div>
  );
}

function CheckCard({ finding }: { finding: Finding }) {
  const { t } = useTranslation();
  const passing = finding.count === 0;
  const tone = passing ? 'success' : finding.severity === 'violation' ? 'danger' : 'warning';
  const titleId = `self-check-${finding.check}-title`;
  const more = finding.count - Math.min(finding.refs.length, SHOWN_REFS);
  return (
    <Card
      aria-labelledby={titleId}
      data-testid={`self-check-card-${finding.check}`}
      data-count={finding.count}
      className={cn(!passing && (finding.severity === 'violation' ? 'border-red-300' : 'border-amber-300'))}
    >
      <CardHeader>
        <CardTitle id={titleId}>{t(`selfCheck.checks.${finding.check}.title`)}</CardTitle>
        <Badge tone={tone} data-testid="self-check-count">
          {passing
            ? t('selfCheck.passed')
            : t(finding.severity === 'violation' ? 'selfCheck.found' : 'selfCheck.warned', {
                count: finding.count,
              })}
        </Badge>
      </CardHeader>
      <CardContent className="space-y-2 text-sm">
        <p className="text-slate-700">{t(`selfCheck.checks.${finding.check}.explanation`)}</p>
        <p className="text-xs text-slate-500">{t(`selfCheck.checks.${finding.check}.article`)}</p>
        {!passing && finding.detail ? (
          <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
            {Object.entries(finding.detail).map(([key, value]) => (
              <li key={key}>
                {t(`selfCheck.detail.${key}`, { defaultValue: key })}: <strong>{value}</strong>
              </li>
            ))}
          </ul>
        ) : null}
        {finding.refs.length > 0 ? (
          <ul className="flex flex-wrap gap-x-3 gap-y-1" aria-label={t('selfCheck.records')}>
            {finding.refs.slice(0, SHOWN_REFS).map((ref) => (
              <li key={`${ref.type}:${ref.id}`}>
                <RefLink reference={ref} />
              </li>
            ))}
            {more > 0 ? <li className="text-slate-500">{t('selfCheck.more', { count: more })}</li> : null}
          </ul>
        ) : null}
        {!passing ? <CheckPageLink check={finding.check} /> : null}
      </CardContent>
    </Card>
  );
}
