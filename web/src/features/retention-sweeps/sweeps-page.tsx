import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { useFormat } from '../../lib/format';
import { AccountabilityTabs } from '../accountability/accountability-tabs';
import { canDo } from '../auth/permissions';
import { useCurrentUser } from '../auth/session';
import { previewQuery, type Sweep, sweepsQuery, useRunSweep } from './api';
import { PreviewCard, useDataTypeName } from './preview-card';

const STATUS_TONE = { running: 'brand', completed: 'success', failed: 'danger' } as const;

function SweepHistory({ items }: { items: Sweep[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const nameOf = useDataTypeName();
  if (items.length === 0)
    return <p className="py-2 text-sm text-slate-600">{t('retentionSweeps.history.empty')}</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="sweep-list">
        <thead className="border-b border-slate-200 text-xs text-slate-500 uppercase">
          <tr>
            <th scope="col" className="py-2 pr-3">
              {t('retentionSweeps.history.startedAt')}
            </th>
            <th scope="col" className="py-2 pr-3">
              {t('retentionSweeps.history.trigger')}
            </th>
            <th scope="col" className="py-2 pr-3">
              {t('retentionSweeps.history.status')}
            </th>
            <th scope="col" className="py-2 pr-3">
              {t('retentionSweeps.history.total')}
            </th>
            <th scope="col" className="py-2">
              {t('retentionSweeps.history.counts')}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {items.map((sweep) => (
            <tr key={sweep.id} data-testid="sweep-row" className="align-top">
              <td className="py-2 pr-3 whitespace-nowrap">{format.dateTime(sweep.startedAt)}</td>
              <td className="py-2 pr-3">{t(`retentionSweeps.trigger.${sweep.trigger}`)}</td>
              <td className="py-2 pr-3">
                <Badge tone={STATUS_TONE[sweep.status]}>{t(`retentionSweeps.status.${sweep.status}`)}</Badge>
              </td>
              <td className="py-2 pr-3 font-medium" data-testid="sweep-total">
                {format.number(sweep.total)}
              </td>
              <td className="py-2">
                <ul className="space-y-0.5 text-xs text-slate-600">
                  {sweep.counts.map((c) => (
                    <li key={c.dataTypeId}>
                      {nameOf(c)}: {format.number(c.deleted)} / {format.number(c.held)}
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Retention sweeps: the preview of what is due, running a sweep now, and the past reports (counts only). */
export function SweepsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const user = useCurrentUser();
  const preview = useQuery(previewQuery());
  const sweeps = useQuery(sweepsQuery());
  const run = useRunSweep();
  const [confirming, setConfirming] = useState(false);
  const due = preview.data?.dataTypes.reduce((sum, d) => sum + d.due, 0) ?? 0;
  return (
    <div>
      <PageHeader
        title={t('accountability.tabs.sweeps')}
        actions={
          canDo(user?.role, 'retention.manage') ? (
            <Button onClick={() => setConfirming(true)} disabled={run.isPending} data-testid="sweep-run">
              {t('retentionSweeps.run.button')}
            </Button>
          ) : null
        }
      />
      <AccountabilityTabs />
      <p className="mb-4 max-w-3xl text-sm text-slate-600">{t('retentionSweeps.intro')}</p>
      {run.data ? (
        <p
          role="status"
          className="mb-4 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900"
          data-testid="sweep-result"
        >
          {t('retentionSweeps.run.done', { count: run.data.total, formatted: format.number(run.data.total) })}
        </p>
      ) : null}
      <ErrorMessage error={run.error} />
      {preview.isPending ? <Loading /> : null}
      <ErrorMessage error={preview.error} />
      {preview.data ? <PreviewCard preview={preview.data} /> : null}
      <Card>
        <CardHeader>
          <CardTitle>{t('retentionSweeps.history.title')}</CardTitle>
        </CardHeader>
        <CardContent>
          {sweeps.isPending ? <Loading /> : null}
          <ErrorMessage error={sweeps.error} />
          {sweeps.data ? <SweepHistory items={sweeps.data.items} /> : null}
        </CardContent>
      </Card>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={t('retentionSweeps.run.confirmTitle')}
        description={t('retentionSweeps.run.confirmText', { count: due })}
        confirmLabel={t('retentionSweeps.run.confirm')}
        pending={run.isPending}
        onConfirm={() => {
          setConfirming(false);
          run.mutate();
        }}
      />
    </div>
  );
}
