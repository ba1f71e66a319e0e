import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Table, TBody, Td, THead, Th, Tr } from '../../components/ui/table';
import { useFormat } from '../../lib/format';
import { type PipelineReport, pipelineQuery } from './api';
import { ChartWithTable, colorOf, useMoney } from './chart-parts';

type Stage = PipelineReport['stages'][number];

/** The currency the chart shows: the one with the most open deals (EUR when there are none). */
const chartCurrency = (report: PipelineReport) =>
  [...report.totals].sort((a, b) => b.count - a.count || a.currency.localeCompare(b.currency))[0]?.currency ??
  'EUR';

function PipelineTable({ report, stageName }: { report: PipelineReport; stageName: (s: Stage) => string }) {
  const { t } = useTranslation();
  const money = useMoney();
  const { number } = useFormat();
  return (
    <Table data-testid="pipeline-table" className="min-w-0">
      <caption className="pb-2 text-left text-sm text-slate-600">
        {t('dashboard.pipeline.tableCaption')}
      </caption>
      <THead>
        <tr>
          <Th scope="col">{t('dashboard.pipeline.stage')}</Th>
          <Th scope="col" className="text-right">
            {t('dashboard.pipeline.deals')}
          </Th>
          <Th scope="col" className="text-right">
            {t('dashboard.pipeline.value')}
          </Th>
          <Th scope="col" className="text-right">
            {t('dashboard.pipeline.weighted')}
          </Th>
        </tr>
      </THead>
      <TBody>
        {report.stages.map((s) => (
          <Tr key={s.id} data-testid="pipeline-row" data-stage={s.nameEn}>
            <Th scope="row" className="font-normal">
              {stageName(s)} <span className="text-slate-500">({s.probability} %)</span>
            </Th>
            <Td className="text-right tabular-nums">{number(s.count)}</Td>
            <Td className="text-right tabular-nums">
              {s.amounts.length
                ? s.amounts.map((a) => <div key={a.currency}>{money(a.value, a.currency)}</div>)
                : t('dashboard.none')}
            </Td>
            <Td className="text-right tabular-nums">
              {s.amounts.length
                ? s.amounts.map((a) => <div key={a.currency}>{money(a.weighted, a.currency)}</div>)
                : t('dashboard.none')}
            </Td>
          </Tr>
        ))}
        <Tr className="border-t-2 border-slate-200 font-semibold">
          <Th scope="row">{t('dashboard.total')}</Th>
          <Td className="text-right tabular-nums">
            {number(report.totals.reduce((a, c) => a + c.count, 0))}
          </Td>
          <Td className="text-right tabular-nums">
            {report.totals.map((a) => (
              <div key={a.currency}>{money(a.value, a.currency)}</div>
            ))}
          </Td>
          <Td className="text-right tabular-nums">
            {report.totals.map((a) => (
              <div key={a.currency}>{money(a.weighted, a.currency)}</div>
            ))}
          </Td>
        </Tr>
      </TBody>
    </Table>
  );
}

/** Open deals per stage: value and weighted value (chart in the main currency; the table has them all). */
export function PipelineCard() {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const report = useQuery(pipelineQuery);
  const data = report.data;
  const stageName = (s: Stage) => (i18n.language.startsWith('en') ? s.nameEn : s.nameDe);
  const currency = data ? chartCurrency(data) : 'EUR';
  const chartData = (data?.stages ?? []).map((s) => {
    const a = s.amounts.find((x) => x.currency === currency);
    return { stage: stageName(s), value: Number(a?.value ?? 0), weighted: Number(a?.weighted ?? 0) };
  });
  return (
    <Card data-testid="pipeline-card" aria-busy={report.isFetching}>
      <CardHeader>
        <div>
          <CardTitle>{t('dashboard.pipeline.title')}</CardTitle>
          <p className="text-sm text-slate-600">
            {t('dashboard.pipeline.subtitle')}
            {data && data.totals.length > 1
              ? ` · ${t('dashboard.pipeline.chartCurrency', { currency })}`
              : ''}
          </p>
        </div>
      </CardHeader>
      <CardContent>
        <ErrorMessage error={report.error} />
        {data ? (
          <ChartWithTable
            empty={data.totals.length === 0 ? t('dashboard.pipeline.empty') : undefined}
            chart={
              <ResponsiveContainer width="100%" height="100%">
                <BarChart data={chartData} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} />
                  <XAxis dataKey="stage" tick={{ fontSize: 12 }} interval={0} />
                  <YAxis
                    tick={{ fontSize: 12 }}
                    width={72}
                    tickFormatter={(v: number) => money(v, currency, true)}
                  />
                  <Tooltip formatter={(v) => money(Number(v), currency)} />
                  <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
                  <Bar
                    dataKey="value"
                    name={t('dashboard.pipeline.value')}
                    fill={colorOf(0)}
                    maxBarSize={48}
                    isAnimationActive={false}
                  />
                  <Bar
                    dataKey="weighted"
                    name={t('dashboard.pipeline.weighted')}
                    fill={colorOf(1)}
                    maxBarSize={48}
                    isAnimationActive={false}
                  />
                </BarChart>
              </ResponsiveContainer>
            }
            table={<PipelineTable report={data} stageName={stageName} />}
          />
        ) : report.isPending ? (
          <Loading />
        ) : null}
      </CardContent>
    </Card>
  );
}
