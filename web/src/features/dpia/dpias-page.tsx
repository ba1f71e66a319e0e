import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { Badge } from '../../components/ui/badge';
import { Button, buttonClass } from '../../components/ui/button';
import { Card, CardContent } from '../../components/ui/card';
import { useFormat } from '../../lib/format';
import { AccountabilityTabs } from '../accountability/accountability-tabs';
import { canDo } from '../auth/permissions';
import { useCurrentUser } from '../auth/session';
import { type PurposeScreening, screeningQuery, useStartDpia } from './api';
import { StateBadge } from './dpia-badges';
import { ScreeningForm } from './dpia-screening-form';

/** The DPIA overview: every declared purpose with its screening, whether a DPIA is required and its state. */
export function DpiasPage() {
  const { t } = useTranslation();
  const list = useQuery(screeningQuery());
  const [editing, setEditing] = useState<string | null>(null);
  const items = list.data?.items ?? [];
  const current = items.find((i) => i.purposeId === editing);
  return (
    <div>
      <PageHeader title={t('accountability.tabs.dpias')} />
      <AccountabilityTabs />
      <p className="mb-3 max-w-3xl text-sm text-slate-600">{t('dpia.intro')}</p>
      {current ? (
        <ScreeningForm key={current.purposeId} screening={current} onDone={() => setEditing(null)} />
      ) : null}
      <Card>
        <CardContent>
          {list.isPending ? <Loading /> : null}
          <ErrorMessage error={list.error} />
          {items.length > 0 ? (
            <div className="overflow-x-auto">
              <table
                className="w-full text-left text-sm"
                data-testid="dpia-purposes"
                aria-busy={list.isFetching}
              >
                <thead className="border-b border-slate-200 text-xs text-slate-500 uppercase">
                  <tr>
                    <th scope="col" className="py-2 pr-3">
                      {t('dpia.columns.purpose')}
                    </th>
                    <th scope="col" className="py-2 pr-3">
                      {t('dpia.columns.triggers')}
                    </th>
                    <th scope="col" className="py-2 pr-3">
                      {t('dpia.columns.required')}
                    </th>
                    <th scope="col" className="py-2 pr-3">
                      {t('dpia.columns.status')}
                    </th>
                    <th scope="col" className="py-2">
                      {t('dpia.columns.actions')}
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {items.map((item) => (
                    <PurposeRow
                      key={item.purposeId}
                      item={item}
                      onScreen={() => setEditing(item.purposeId)}
                    />
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

function PurposeRow({ item, onScreen }: { item: PurposeScreening; onScreen: () => void }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const start = useStartDpia();
  const manage = canDo(user?.role, 'dpia.manage');
  const label = i18n.language.startsWith('en') ? item.labelEn : item.labelDe;
  return (
    <tr data-testid="dpia-purpose-row" data-purpose={item.purposeId}>
      <td className="py-2 pr-3 font-medium">{label}</td>
      <td className="py-2 pr-3">
        <div className="flex flex-wrap gap-1">
          {item.triggers.length === 0 ? <span className="text-slate-500">{t('dpia.noTriggers')}</span> : null}
          {item.triggers.map((key) => (
            <Badge key={key} tone={key.startsWith('auto_') ? 'warning' : 'neutral'}>
              {t(`dpia.criteria.${key}` as 'dpia.criteria.wp248_evaluation')}
            </Badge>
          ))}
        </div>
      </td>
      <td className="py-2 pr-3">
        {item.required ? (
          <Badge tone="danger" data-testid="dpia-required">
            {t('dpia.required')}
          </Badge>
        ) : (
          <span className="text-slate-500" data-testid="dpia-not-required">
            {t('dpia.notRequired')}
          </span>
        )}
        {item.reasons.length > 0 ? (
          <span className="block text-xs text-slate-500">
            {item.reasons.map((r) => t(`dpia.reasons.${r}` as 'dpia.reasons.dsk')).join(', ')}
          </span>
        ) : null}
      </td>
      <td className="py-2 pr-3">
        <StateBadge state={item.status} />
        {item.reviewAt ? (
          <span className="block text-xs text-slate-500">
            {t('dpia.columns.review')}: {format.date(item.reviewAt)}
          </span>
        ) : null}
      </td>
      <td className="py-2">
        <div className="flex flex-wrap items-center gap-2">
          {item.dpiaId ? (
            <Link
              to="/accountability/dpias/$dpiaId"
              params={{ dpiaId: item.dpiaId }}
              className={buttonClass('secondary', 'sm')}
              data-testid="dpia-open"
            >
              {t('dpia.open')}
            </Link>
          ) : null}
          {item.draftId && item.draftId !== item.dpiaId ? (
            <Link
              to="/accountability/dpias/$dpiaId"
              params={{ dpiaId: item.draftId }}
              className={buttonClass('secondary', 'sm')}
            >
              {t('dpia.openDraft')}
            </Link>
          ) : null}
          {manage && !item.dpiaId ? (
            <Button
              size="sm"
              disabled={start.isPending}
              data-testid="dpia-start"
              onClick={() =>
                start.mutate(
                  { purposeId: item.purposeId },
                  {
                    onSuccess: (dpia) =>
                      void navigate({ to: '/accountability/dpias/$dpiaId', params: { dpiaId: dpia.id } }),
                  },
                )
              }
            >
              {t('dpia.start')}
            </Button>
          ) : null}
          {manage ? (
            <Button size="sm" variant="ghost" onClick={onScreen} data-testid="dpia-screen">
              {t('dpia.screen')}
            </Button>
          ) : null}
        </div>
        <ErrorMessage error={start.error} className="mt-1" />
      </td>
    </tr>
  );
}
