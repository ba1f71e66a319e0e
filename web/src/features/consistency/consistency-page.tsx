import { useMutation } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { PageHeader } from '../../components/page-header';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Select } from '../../components/ui/input';
import { Table, TBody, Td, THead, Th, Tr } from '../../components/ui/table';
import { useFormat } from '../../lib/format';
import {
  CONSISTENCY_TARGETS,
  type ConsistencyMapping,
  type ConsistencyReport,
  type ConsistencyTarget,
  compareFile,
  downloadReportCsv,
} from './api';
import { ReportLists } from './report-lists';

/**
 * "How far do the records in different systems agree?": upload an export of an ERP or another
 * branch's CRM, check the suggested column mapping, read matched / only here / only there and the
 * agreement per field. The report lives in this page only; the CSV download gives the same report.
 */
export function ConsistencyPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [file, setFile] = useState<File | null>(null);
  const [mapping, setMapping] = useState<ConsistencyMapping | undefined>(undefined);
  const [report, setReport] = useState<ConsistencyReport | null>(null);
  const compare = useMutation({
    mutationFn: (input: { file: File; mapping?: ConsistencyMapping }) =>
      compareFile(input.file, input.mapping),
    onSuccess: (r) => {
      setReport(r);
      setMapping(r.mapping);
    },
  });
  const download = useMutation({
    mutationFn: () => downloadReportCsv(file as File, mapping ?? {}),
  });
  const pct = (p: number | null) => (p === null ? '–' : `${format.number(p)} %`);
  const setColumn = (column: string, target: string) => {
    const next = { ...(mapping ?? {}) };
    if (target === '') delete next[column];
    else next[column] = target as ConsistencyTarget;
    setMapping(next);
  };
  return (
    <div>
      <PageHeader title={t('consistency.title')} />
      <p className="mb-4 max-w-3xl text-sm text-slate-600">{t('consistency.intro')}</p>
      <Card className="mb-4">
        <CardContent className="flex flex-wrap items-center gap-3 pt-4">
          <label className="text-sm">
            <span className="mr-2 font-medium">{t('consistency.file')}</span>
            <input
              type="file"
              accept=".csv,.txt,.xlsx,.vcf,text/csv"
              data-testid="consistency-file"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setMapping(undefined);
                setReport(null);
              }}
            />
          </label>
          <Button
            disabled={!file || compare.isPending}
            onClick={() => file && compare.mutate({ file, mapping })}
            data-testid="consistency-compare"
          >
            {compare.isPending ? t('consistency.comparing') : t('consistency.compare')}
          </Button>
          {report ? (
            <Button
              variant="secondary"
              disabled={download.isPending}
              onClick={() => download.mutate()}
              data-testid="consistency-download"
            >
              {t('consistency.downloadCsv')}
            </Button>
          ) : null}
        </CardContent>
      </Card>
      <ErrorMessage error={compare.error ?? download.error} />
      {report ? (
        <div className="space-y-4">
          <Card>
            <CardHeader>
              <CardTitle>{t('consistency.mapping')}</CardTitle>
            </CardHeader>
            <CardContent className="space-y-2">
              <p className="text-xs text-slate-500">{t('consistency.mappingHint')}</p>
              <div className="grid gap-2 md:grid-cols-3">
                {report.columns.map((column) => (
                  <div key={column} className="flex items-center gap-2 text-sm">
                    <span className="w-32 truncate font-medium" id={`map-${column}`}>
                      {column}
                    </span>
                    <Select
                      value={mapping?.[column] ?? ''}
                      aria-labelledby={`map-${column}`}
                      onChange={(e) => setColumn(column, e.target.value)}
                      data-testid={`consistency-map-${column}`}
                    >
                      <option value="">{t('consistency.ignore')}</option>
                      {CONSISTENCY_TARGETS.map((target) => (
                        <option key={target} value={target}>
                          {t(`consistency.targets.${target}`)}
                        </option>
                      ))}
                    </Select>
                  </div>
                ))}
              </div>
              <Button
                variant="secondary"
                disabled={!file || compare.isPending}
                onClick={() => file && compare.mutate({ file, mapping })}
              >
                {t('consistency.compareAgain')}
              </Button>
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>{t('consistency.summary')}</CardTitle>
            </CardHeader>
            <CardContent>
              <dl className="grid grid-cols-2 gap-3 text-sm md:grid-cols-5" data-testid="consistency-summary">
                {(['fileRows', 'custosPersons', 'matched', 'onlyInCustos', 'onlyInFile'] as const).map(
                  (key) => (
                    <div key={key} data-testid={`consistency-${key}`} data-count={report.summary[key]}>
                      <dt className="text-slate-500">{t(`consistency.counts.${key}`)}</dt>
                      <dd className="text-2xl font-semibold">{format.number(report.summary[key])}</dd>
                    </div>
                  ),
                )}
              </dl>
              <p className="mt-3 text-sm" data-testid="consistency-agreement">
                {t('consistency.overall', { percent: pct(report.summary.agreementRate) })}
              </p>
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>{t('consistency.perField')}</CardTitle>
            </CardHeader>
            <CardContent>
              <Table>
                <THead>
                  <Tr>
                    <Th>{t('consistency.field')}</Th>
                    <Th>{t('consistency.agreement')}</Th>
                    <Th>{t('consistency.agreeCompared')}</Th>
                    <Th>{t('consistency.missingInFile')}</Th>
                    <Th>{t('consistency.missingInCustos')}</Th>
                  </Tr>
                </THead>
                <TBody>
                  {report.fields.map((f) => (
                    <Tr key={f.field} data-testid={`consistency-field-${f.field}`}>
                      <Td>{t(`consistency.fields.${f.field}`)}</Td>
                      <Td>
                        <div className="flex items-center gap-2">
                          <div className="h-2 w-24 rounded bg-slate-100" aria-hidden="true">
                            <div
                              className="h-2 rounded bg-emerald-500"
                              style={{ width: `${f.agreementRate ?? 0}%` }}
                            />
                          </div>
                          {pct(f.agreementRate)}
                        </div>
                      </Td>
                      <Td>
                        {f.agree} / {f.compared}
                      </Td>
                      <Td>{f.missingInFile}</Td>
                      <Td>{f.missingInCustos}</Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            </CardContent>
          </Card>
          <ReportLists report={report} />
          <p className="text-xs text-slate-500">
            <Link to="/data-quality" className="hover:underline">
              {t('dataQuality.title')}
            </Link>
          </p>
        </div>
      ) : null}
    </div>
  );
}
