import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Table, TBody, Td, THead, Th, Tr } from '../../components/ui/table';
import { useFormat } from '../../lib/format';
import { ChartWithTable, colorOf } from '../dashboard/chart-parts';
import { campaignReportQuery } from './api';
import type { CampaignReport, GroupRow } from './types';

/** The API sends the rate as a fraction (0.25); a value above 1 is taken as a percentage already. */
const fraction = (rate: number) => (rate > 1 ? rate / 100 : rate);

const usePercent = () => {
  const { locale } = useFormat();
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  return (rate: number) => percent.format(fraction(rate));
};

function GroupTable({ rows, groupName }: { rows: GroupRow[]; groupName: (r: GroupRow) => string }) {
  const { t } = useTranslation();
  const { number } = useFormat();
  const percent = usePercent();
  return (
    <Table data-testid="report-table" className="min-w-0">
      <caption className="pb-2 text-left text-sm text-slate-600">
        {t('campaigns.report.tableCaption')}
      </caption>
      <THead>
        <tr>
          <Th scope="col">{t('campaigns.report.group')}</Th>
          <Th scope="col" className="text-right">
            {t('campaigns.report.recipients')}
          </Th>
          <Th scope="col" className="text-right">
            {t('campaigns.report.responded')}
          </Th>
          <Th scope="col" className="text-right">
            {t('campaigns.report.clicked')}
          </Th>
          <Th scope="col" className="text-right">
            {t('campaigns.report.replied')}
          </Th>
          <Th scope="col" className="text-right">
            {t('campaigns.report.ordered')}
          </Th>
          <Th scope="col" className="text-right">
            {t('campaigns.report.rate')}
          </Th>
        </tr>
      </THead>
      <TBody>
        {rows.map((r) => (
          <Tr
            key={r.customerGroupId ?? 'none'}
            data-testid="report-row"
            data-group-id={r.customerGroupId ?? ''}
          >
            <Th scope="row" className="font-normal" data-testid="report-group">
              {groupName(r)}
            </Th>
            <Td className="text-right tabular-nums">{number(r.recipients)}</Td>
            <Td className="text-right font-medium tabular-nums" data-testid="report-responded">
              {number(r.responded)}
            </Td>
            <Td className="text-right tabular-nums">{number(r.clicked)}</Td>
            <Td className="text-right tabular-nums">{number(r.replied)}</Td>
            <Td className="text-right tabular-nums">{number(r.ordered)}</Td>
            <Td className="text-right font-medium tabular-nums" data-testid="report-rate">
              {percent(r.responseRate)}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

function Totals({ report }: { report: CampaignReport }) {
  const { t } = useTranslation();
  const { number } = useFormat();
  const keys = [
    'recipients',
    'sent',
    'skipped',
    'bounced',
    'clicked',
    'replied',
    'ordered',
    'unsubscribed',
  ] as const;
  return (
    <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4" data-testid="report-totals">
      {keys.map((k) => (
        <div key={k} className="rounded-md border border-slate-200 px-3 py-2">
          <dt className="text-xs text-slate-600">{t(`campaigns.totals.${k}`)}</dt>
          <dd className="text-lg font-semibold tabular-nums" data-testid={`total-${k}`}>
            {number(report.totals[k] ?? 0)}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * "Which customer group responded?": responses per customer group of the recipients' organisations,
 * as a chart (response rate and counts) and as a table with the same numbers for everyone else.
 */
export function ResponseReportCard({ campaignId }: { campaignId: string }) {
  const { t, i18n } = useTranslation();
  const percent = usePercent();
  const report = useQuery(campaignReportQuery(campaignId, i18n.language));
  const data = report.data;
  const groupName = (r: GroupRow) => r.name || t('campaigns.report.noGroup');
  const rows = data?.byCustomerGroup ?? [];
  const chartData = rows.map((r) => ({
    group: groupName(r),
    recipients: r.recipients,
    responded: r.responded,
    rate: Math.round(fraction(r.responseRate) * 1000) / 10,
  }));
  return (
    <Card aria-labelledby="report-title" data-testid="report-card" aria-busy={report.isFetching}>
      <CardHeader>
        <div>
          <CardTitle id="report-title">{t('campaigns.report.title')}</CardTitle>
          <p className="text-sm text-slate-600">{t('campaigns.report.subtitle')}</p>
        </div>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <ErrorMessage error={report.error} />
        {data ? (
          <>
            <Totals report={data} />
            <ChartWithTable
              empty={rows.length === 0 ? t('campaigns.report.empty') : undefined}
              chart={
                <ResponsiveContainer width="100%" height="100%">
                  <BarChart data={chartData} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
                    <CartesianGrid strokeDasharray="3 3" vertical={false} />
                    <XAxis dataKey="group" tick={{ fontSize: 12 }} interval={0} />
                    <YAxis yAxisId="count" tick={{ fontSize: 12 }} allowDecimals={false} width={40} />
                    <YAxis
                      yAxisId="rate"
                      orientation="right"
                      tick={{ fontSize: 12 }}
                      width={48}
                      domain={[0, 100]}
                      unit=" %"
                    />
                    <Tooltip
                      formatter={(value, name, item) =>
                        item.dataKey === 'rate' ? [percent(Number(value) / 100), name] : [value, name]
                      }
                    />
                    <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
                    <Bar
                      yAxisId="count"
                      dataKey="recipients"
                      name={t('campaigns.report.recipients')}
                      fill={colorOf(4)}
                      maxBarSize={48}
                      isAnimationActive={false}
                    />
                    <Bar
                      yAxisId="count"
                      dataKey="responded"
                      name={t('campaigns.report.responded')}
                      fill={colorOf(0)}
                      maxBarSize={48}
                      isAnimationActive={false}
                    />
                    <Bar
                      yAxisId="rate"
                      dataKey="rate"
                      name={t('campaigns.report.rate')}
                      fill={colorOf(1)}
                      maxBarSize={48}
                      isAnimationActive={false}
                    />
                  </BarChart>
                </ResponsiveContainer>
              }
              table={<GroupTable rows={rows} groupName={groupName} />}
            />
          </>
        ) : report.isPending ? (
          <Loading />
        ) : null}
      </CardContent>
    </Card>
  );
}
