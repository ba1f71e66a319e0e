import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Table, TBody, Td, THead, Th, Tr } from '../../components/ui/table';
import { useFormat } from '../../lib/format';
import { type CasesByAgeReport, casesByAgeQuery } from './api';
import { ChartWithTable } from './chart-parts';

const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
const PRIORITY_COLORS = { low: '#56B4E9', normal: '#0072B2', high: '#E69F00', urgent: '#D55E00' } as const;

function CasesTable({ report }: { report: CasesByAgeReport }) {
  const { t } = useTranslation();
  const { number } = useFormat();
  return (
    <Table data-testid="cases-table" className="min-w-0">
      <caption className="pb-2 text-left text-sm text-slate-600">{t('dashboard.cases.tableCaption')}</caption>
      <THead>
        <tr>
          <Th scope="col">{t('dashboard.cases.age')}</Th>
          {PRIORITIES.map((p) => (
            <Th key={p} scope="col" className="text-right">
              {t(`dashboard.cases.priorities.${p}`)}
            </Th>
          ))}
          <Th scope="col" className="text-right">
            {t('dashboard.total')}
          </Th>
          <Th scope="col" className="text-right whitespace-normal">
            {t('dashboard.cases.breached')}
          </Th>
        </tr>
      </THead>
      <TBody>
        {report.buckets.map((b) => (
          <Tr key={b.bucket} data-testid="cases-row" data-bucket={b.bucket}>
            <Th scope="row" className="font-normal whitespace-nowrap">
              {t(`dashboard.cases.buckets.${b.bucket}`)}
            </Th>
            {PRIORITIES.map((p) => (
              <Td key={p} className="text-right tabular-nums">
                {number(b.byPriority[p])}
              </Td>
            ))}
            <Td className="text-right font-medium tabular-nums">{number(b.total)}</Td>
            <Td className={`text-right tabular-nums ${b.breached > 0 ? 'font-semibold text-red-700' : ''}`}>
              {number(b.breached)}
            </Td>
          </Tr>
        ))}
        <Tr className="border-t-2 border-slate-200 font-semibold">
          <Th scope="row">{t('dashboard.total')}</Th>
          {PRIORITIES.map((p) => (
            <Td key={p} className="text-right tabular-nums">
              {number(report.byPriority[p])}
            </Td>
          ))}
          <Td className="text-right tabular-nums">{number(report.total)}</Td>
          <Td className="text-right tabular-nums">{number(report.breached)}</Td>
        </Tr>
      </TBody>
    </Table>
  );
}

/** Open support cases by age since receipt, stacked by priority, with SLA breaches in the table. */
export function CasesCard() {
  const { t } = useTranslation();
  const report = useQuery(casesByAgeQuery);
  const data = report.data;
  const chartData = (data?.buckets ?? []).map((b) => ({
    bucket: t(`dashboard.cases.buckets.${b.bucket}`),
    ...b.byPriority,
  }));
  return (
    <Card data-testid="cases-card" aria-busy={report.isFetching}>
      <CardHeader>
        <div>
          <CardTitle>{t('dashboard.cases.title')}</CardTitle>
          <p className="text-sm text-slate-600">{t('dashboard.cases.subtitle')}</p>
        </div>
      </CardHeader>
      <CardContent>
        <ErrorMessage error={report.error} />
        {data ? (
          <ChartWithTable
            empty={data.total === 0 ? t('dashboard.cases.empty') : undefined}
            chart={
              <ResponsiveContainer width="100%" height="100%">
                <BarChart data={chartData} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} />
                  <XAxis dataKey="bucket" tick={{ fontSize: 12 }} interval={0} />
                  <YAxis tick={{ fontSize: 12 }} allowDecimals={false} width={40} />
                  <Tooltip />
                  <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
                  {PRIORITIES.map((p) => (
                    <Bar
                      key={p}
                      dataKey={p}
                      name={t(`dashboard.cases.priorities.${p}`)}
                      stackId="cases"
                      maxBarSize={64}
                      fill={PRIORITY_COLORS[p]}
                      isAnimationActive={false}
                    />
                  ))}
                </BarChart>
              </ResponsiveContainer>
            }
            table={<CasesTable report={data} />}
          />
        ) : report.isPending ? (
          <Loading />
        ) : null}
      </CardContent>
    </Card>
  );
}
