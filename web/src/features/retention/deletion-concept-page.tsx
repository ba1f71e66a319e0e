import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Select } from '../../components/ui/input';
import { AccountabilityTabs } from '../accountability/accountability-tabs';
import { canDo } from '../auth/permissions';
import { useCurrentUser } from '../auth/session';
import { conceptQuery, type DataType, type Jurisdiction, START_TYPES, useSetJurisdiction } from './api';
import { DataTypeDialog } from './data-type-dialog';

const JURISDICTIONS: Jurisdiction[] = ['DE', 'AT'];

/**
 * The deletion concept after DIN 66398: the matrix of deletion classes (standard periods × start
 * types) with the data types in their cells, and the catalogue of deletion rules sorted by period.
 * The DPO edits a data type in a dialog; the admin reads.
 */
export function DeletionConceptPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const user = useCurrentUser();
  const mayManage = canDo(user?.role, 'retention.manage');
  const [jurisdiction, setJurisdiction] = useState<Jurisdiction | null>(null);
  const [editing, setEditing] = useState<DataType | null>(null);
  const concept = useQuery(conceptQuery(jurisdiction));
  const setTenantJurisdiction = useSetJurisdiction();
  const data = concept.data;
  const name = (d: DataType) => (en ? d.nameEn : d.nameDe);

  return (
    <div>
      <PageHeader title={t('retention.title')} />
      <AccountabilityTabs />
      <p className="mb-3 max-w-3xl text-sm text-slate-600">{t('retention.intro')}</p>
      {concept.isPending ? <Loading /> : null}
      <ErrorMessage error={concept.error ?? setTenantJurisdiction.error} />
      {data ? (
        <>
          <div className="mb-4 flex flex-wrap items-center gap-3 text-sm">
            <label htmlFor="retention-jurisdiction">{t('retention.jurisdiction')}</label>
            <Select
              id="retention-jurisdiction"
              className="w-auto"
              value={data.jurisdiction}
              onChange={(e) => setJurisdiction(e.target.value as Jurisdiction)}
              data-testid="retention-jurisdiction"
            >
              {JURISDICTIONS.map((j) => (
                <option key={j} value={j}>
                  {t(`retention.jurisdictions.${j}`)}
                </option>
              ))}
            </Select>
            <span className="text-slate-600">
              {t('retention.tenantJurisdiction', {
                value: t(`retention.jurisdictions.${data.tenantJurisdiction}`),
              })}
            </span>
            {mayManage && data.jurisdiction !== data.tenantJurisdiction ? (
              <Button
                size="sm"
                variant="secondary"
                disabled={setTenantJurisdiction.isPending}
                onClick={() => setTenantJurisdiction.mutate(data.jurisdiction)}
              >
                {t('retention.makeTenantJurisdiction')}
              </Button>
            ) : null}
          </div>

          <Card className="mb-4">
            <CardHeader>
              <CardTitle>{t('retention.matrix')}</CardTitle>
            </CardHeader>
            <CardContent>
              <p className="mb-2 text-xs text-slate-500">{t('retention.matrixHint')}</p>
              <div className="overflow-x-auto">
                <table className="w-full text-left text-sm" data-testid="deletion-matrix">
                  <thead className="border-b border-slate-200 text-xs text-slate-500 uppercase">
                    <tr>
                      <th scope="col" className="py-2 pr-3">
                        {t('retention.period')}
                      </th>
                      {START_TYPES.map((s) => (
                        <th key={s} scope="col" className="py-2 pr-3">
                          {t(`retention.startTypes.${s}`)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {data.periods.map((p) => (
                      <tr key={p.id} data-testid={`matrix-row-${p.id}`}>
                        <th scope="row" className="py-2 pr-3 font-medium whitespace-nowrap">
                          {en ? p.labelEn : p.labelDe}
                        </th>
                        {START_TYPES.map((s) => {
                          const inCell = data.dataTypes.filter(
                            (d) => d.periodId === p.id && d.startType === s,
                          );
                          const used = data.classes.some((c) => c.periodId === p.id && c.startType === s);
                          return (
                            <td
                              key={s}
                              className={`py-2 pr-3 align-top ${used ? 'bg-slate-50' : ''}`}
                              data-testid={`matrix-cell-${p.id}-${s}`}
                            >
                              {inCell.length === 0 ? (
                                <span className="text-slate-400">{t('retention.emptyCell')}</span>
                              ) : (
                                <ul className="flex flex-col gap-1">
                                  {inCell.map((d) => (
                                    <li key={d.id} className={d.active ? '' : 'text-slate-400 line-through'}>
                                      {name(d)}
                                    </li>
                                  ))}
                                </ul>
                              )}
                            </td>
                          );
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </CardContent>
          </Card>

          <Card>
            <CardHeader>
              <CardTitle>{t('retention.catalogue')}</CardTitle>
            </CardHeader>
            <CardContent>
              <p className="mb-2 text-xs text-slate-500">{t('retention.catalogueHint')}</p>
              <div className="overflow-x-auto">
                <table className="w-full text-left text-sm" data-testid="deletion-catalogue">
                  <thead className="border-b border-slate-200 text-xs text-slate-500 uppercase">
                    <tr>
                      {(
                        [
                          'dataType',
                          'purpose',
                          'legalBasis',
                          'startEvent',
                          'period',
                          'minimum',
                          'execution',
                          'status',
                        ] as const
                      ).map((c) => (
                        <th key={c} scope="col" className="py-2 pr-3">
                          {t(`retention.columns.${c}`)}
                        </th>
                      ))}
                      {mayManage ? <th scope="col" className="py-2" /> : null}
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {data.dataTypes.map((d) => (
                      <tr key={d.id} data-testid={`rule-${d.id}`}>
                        <td className="py-2 pr-3 font-medium">{name(d)}</td>
                        <td className="py-2 pr-3">{en ? d.purposeLabelEn : d.purposeLabelDe}</td>
                        <td className="py-2 pr-3 text-xs">{d.legalBasis}</td>
                        <td className="py-2 pr-3">
                          <span className="block text-xs text-slate-500">
                            {t(`retention.startTypes.${d.startType}`)}
                          </span>
                          {d.startEvent}
                        </td>
                        <td className="py-2 pr-3 whitespace-nowrap" data-testid="rule-period">
                          {en ? d.periodLabelEn : d.periodLabelDe}
                        </td>
                        <td className="py-2 pr-3 text-xs">
                          {d.minimum ? (en ? d.minimum.minimumEn : d.minimum.minimumDe) : t('retention.none')}
                        </td>
                        <td className="py-2 pr-3 text-xs">{t(`retention.methods.${d.method}`)}</td>
                        <td className="py-2 pr-3">
                          <Badge tone={d.active ? 'success' : 'neutral'}>
                            {d.active ? t('retention.active') : t('retention.inactive')}
                          </Badge>
                        </td>
                        {mayManage ? (
                          <td className="py-2">
                            <Button
                              size="sm"
                              variant="secondary"
                              onClick={() => setEditing(d)}
                              data-testid={`edit-${d.id}`}
                            >
                              {t('retention.edit')}
                            </Button>
                          </td>
                        ) : null}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </CardContent>
          </Card>
          {editing ? (
            <DataTypeDialog dataType={editing} periods={data.periods} onClose={() => setEditing(null)} />
          ) : null}
        </>
      ) : null}
    </div>
  );
}
