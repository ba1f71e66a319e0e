import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Table, TBody, Td, THead, Th, Tr } from '../../components/ui/table';
import { useFormat } from '../../lib/format';
import { canDo } from '../auth/permissions';
import { useCurrentUser } from '../auth/session';
import { type CategoryQuality, type QualityCategory, type QualityCheck, qualityDashboardQuery } from './api';
import { QualityListPanel } from './quality-list';
import { StaleSetting } from './stale-setting';

/** A share as a bar: green when high is good (completeness), red when high is bad (defects). */
function Bar({ percent, good }: { percent: number | null; good: boolean }) {
  const value = percent ?? 0;
  return (
    <div className="h-2 w-24 rounded bg-slate-100" aria-hidden="true">
      <div
        className={good ? 'h-2 rounded bg-emerald-500' : 'h-2 rounded bg-red-500'}
        style={{ width: `${Math.min(100, value)}%` }}
      />
    </div>
  );
}

type Selection = { check: QualityCheck; category?: QualityCategory };

/**
 * The data quality dashboard: per data category how complete and how valid the persons' data are,
 * plus open duplicate suggestions and stale persons; each figure opens the list to work through.
 */
export function DataQualityPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const dashboard = useQuery(qualityDashboardQuery());
  const role = useCurrentUser()?.role;
  const [selected, setSelected] = useState<Selection | null>(null);
  const pct = (p: number | null) => (p === null ? '–' : `${format.number(p)} %`);
  const pick = (s: Selection) => () => setSelected(s);
  const linkClass = 'font-medium text-brand-700 underline-offset-2 hover:underline';
  return (
    <div>
      <PageHeader title={t('dataQuality.title')} />
      <p className="mb-4 max-w-3xl text-sm text-slate-600">{t('dataQuality.intro')}</p>
      {dashboard.isPending ? <Loading /> : null}
      <ErrorMessage error={dashboard.error} />
      {dashboard.data ? (
        <div className="space-y-4">
          <p className="text-sm" data-testid="quality-persons">
            {t('dataQuality.persons', { count: dashboard.data.persons })}
          </p>
          <Card>
            <CardHeader>
              <CardTitle>{t('dataQuality.byCategory')}</CardTitle>
            </CardHeader>
            <CardContent>
              <Table>
                <THead>
                  <Tr>
                    <Th>{t('dataQuality.category')}</Th>
                    <Th>{t('dataQuality.completeness')}</Th>
                    <Th>{t('dataQuality.validity')}</Th>
                    <Th>{t('dataQuality.problems')}</Th>
                  </Tr>
                </THead>
                <TBody>
                  {dashboard.data.categories.map((c: CategoryQuality) => (
                    <Tr key={c.category} data-testid={`quality-row-${c.category}`}>
                      <Td className="font-medium">{t(`dataQuality.categories.${c.category}`)}</Td>
                      <Td>
                        <div className="flex items-center gap-2">
                          <Bar percent={c.completePercent} good />
                          <span>{pct(c.completePercent)}</span>
                          {c.complete < dashboard.data.persons ? (
                            <button
                              type="button"
                              className={linkClass}
                              data-testid={`quality-incomplete-${c.category}`}
                              onClick={pick({ check: 'incomplete', category: c.category })}
                            >
                              {t('dataQuality.incompleteCount', {
                                count: dashboard.data.persons - c.complete,
                              })}
                            </button>
                          ) : null}
                        </div>
                        <div className="mt-1 text-xs text-slate-500">
                          {c.fields
                            .map((f) => `${t(`dataQuality.fields.${f.field}`)} ${pct(f.filledPercent)}`)
                            .join(' · ')}
                        </div>
                      </Td>
                      <Td>
                        <div className="flex items-center gap-2">
                          <Bar percent={c.invalidPercent} good={false} />
                          {c.invalid + c.warnings > 0 ? (
                            <button
                              type="button"
                              className={linkClass}
                              data-testid={`quality-invalid-${c.category}`}
                              onClick={pick({ check: 'invalid', category: c.category })}
                            >
                              {t('dataQuality.invalidCount', { count: c.invalid })}
                              {c.warnings > 0
                                ? ` · ${t('dataQuality.warningCount', { count: c.warnings })}`
                                : ''}
                            </button>
                          ) : (
                            <span>{t('dataQuality.allValid')}</span>
                          )}
                        </div>
                      </Td>
                      <Td className="text-xs text-slate-600">
                        {c.problems
                          .map((p) => `${t(`dataQuality.problem.${p.problem}`)}: ${p.count}`)
                          .join(' · ')}
                      </Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            </CardContent>
          </Card>
          <div className="grid gap-3 md:grid-cols-2">
            <Card data-testid="quality-duplicates">
              <CardHeader>
                <CardTitle>{t('dataQuality.duplicates')}</CardTitle>
              </CardHeader>
              <CardContent className="space-y-2 text-sm">
                <p>
                  {t('dataQuality.duplicatesText', {
                    open: dashboard.data.duplicates.open,
                    persons: dashboard.data.duplicates.persons,
                  })}
                </p>
                {dashboard.data.duplicates.open > 0 ? (
                  <button
                    type="button"
                    className={linkClass}
                    onClick={pick({ check: 'duplicates' })}
                    data-testid="quality-duplicates-list"
                  >
                    {t('dataQuality.showList')}
                  </button>
                ) : null}
              </CardContent>
            </Card>
            <Card data-testid="quality-staleness">
              <CardHeader>
                <CardTitle>{t('dataQuality.staleness')}</CardTitle>
              </CardHeader>
              <CardContent className="space-y-2 text-sm">
                <p data-testid="quality-stale-count" data-count={dashboard.data.staleness.stale}>
                  {t('dataQuality.staleText', {
                    count: dashboard.data.staleness.stale,
                    months: dashboard.data.staleness.months,
                    percent: pct(dashboard.data.staleness.stalePercent),
                  })}
                </p>
                {canDo(role, 'quality.manage') ? (
                  <StaleSetting
                    key={dashboard.data.staleness.months}
                    months={dashboard.data.staleness.months}
                  />
                ) : null}
                {dashboard.data.staleness.stale > 0 ? (
                  <button
                    type="button"
                    className={linkClass}
                    onClick={pick({ check: 'stale' })}
                    data-testid="quality-stale-list"
                  >
                    {t('dataQuality.showList')}
                  </button>
                ) : null}
              </CardContent>
            </Card>
          </div>
          {selected ? (
            <QualityListPanel key={`${selected.check}-${selected.category ?? ''}`} {...selected} />
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
