import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Select } from '../../components/ui/input';
import { Table, TBody, Td, THead, Th, Tr } from '../../components/ui/table';
import { cn } from '../../lib/cn';
import { type RevenueReport, revenueQuery } from './api';
import { ChartWithTable, colorOf, useMoney } from './chart-parts';
import {
  CURRENCIES,
  type Currency,
  GROUPINGS,
  type Grouping,
  PERIODS,
  type Period,
  quarterRangeOf,
} from './periods';

type Props = {
  period: Period;
  groupBy: Grouping;
  currency: Currency;
  onChange: (next: { period?: Period; groupBy?: Grouping; currency?: Currency }) => void;
};

const quarterName = (quarter: string, language: string) =>
  language.startsWith('en') ? quarter.replace('-', ' ') : quarter.replace(/(\d{4})-Q(\d)/, 'Q$2 $1');

function RevenueTable({ report, language }: { report: RevenueReport; language: string }) {
  const { t } = useTranslation();
  const money = useMoney();
  const labelOf = (s: RevenueReport['series'][number]) =>
    s.noCustomerGroup ? t('dashboard.revenue.noCustomerGroup') : s.label;
  const grouping =
    report.groupBy === 'product' ? t('dashboard.revenue.byProduct') : t('dashboard.revenue.byCustomerGroup');
  return (
    <Table data-testid="revenue-table" className="min-w-0">
      <caption className="pb-2 text-left text-sm text-slate-600">
        {t('dashboard.revenue.tableCaption', {
          currency: report.currency,
          grouping,
          from: quarterName(report.quarters[0] ?? '', language),
          to: quarterName(report.quarters.at(-1) ?? '', language),
        })}
      </caption>
      <THead>
        <tr>
          <Th scope="col">
            {report.groupBy === 'product'
              ? t('dashboard.revenue.product')
              : t('dashboard.revenue.customerGroup')}
          </Th>
          {report.quarters.map((q) => (
            <Th key={q} scope="col" className="text-right" data-quarter={q}>
              {quarterName(q, language)}
            </Th>
          ))}
          {report.quarters.length > 1 ? (
            <Th scope="col" className="text-right">
              {t('dashboard.total')}
            </Th>
          ) : null}
        </tr>
      </THead>
      <TBody>
        {report.series.map((s) => (
          <Tr key={s.key} data-testid="revenue-row" data-key={s.key}>
            <Th scope="row" className="font-normal">
              {labelOf(s)}
            </Th>
            {s.values.map((v, i) => (
              <Td
                key={report.quarters[i]}
                className="text-right tabular-nums"
                data-quarter={report.quarters[i]}
              >
                {money(v, report.currency)}
              </Td>
            ))}
            {report.quarters.length > 1 ? (
              <Td className="text-right font-medium tabular-nums">{money(s.total, report.currency)}</Td>
            ) : null}
          </Tr>
        ))}
        <Tr data-testid="revenue-total-row" className="border-t-2 border-slate-200 font-semibold">
          <Th scope="row">{t('dashboard.total')}</Th>
          {report.totals.map((v, i) => (
            <Td
              key={report.quarters[i]}
              className="text-right tabular-nums"
              data-quarter={report.quarters[i]}
            >
              {money(v, report.currency)}
            </Td>
          ))}
          {report.quarters.length > 1 ? (
            <Td className="text-right tabular-nums">{money(report.total, report.currency)}</Td>
          ) : null}
        </Tr>
      </TBody>
    </Table>
  );
}

function RevenueChart({ report, language }: { report: RevenueReport; language: string }) {
  const { t } = useTranslation();
  const money = useMoney();
  const data = report.quarters.map((q, i) => ({
    quarter: quarterName(q, language),
    ...Object.fromEntries(report.series.map((s) => [s.key, Number(s.values[i])])),
  }));
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="quarter" tick={{ fontSize: 12 }} />
        <YAxis
          tick={{ fontSize: 12 }}
          width={72}
          tickFormatter={(v: number) => money(v, report.currency, true)}
        />
        <Tooltip formatter={(v) => money(Number(v), report.currency)} />
        <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
        {report.series.map((s, i) => (
          <Bar
            key={s.key}
            dataKey={s.key}
            name={s.noCustomerGroup ? t('dashboard.revenue.noCustomerGroup') : s.label}
            stackId="revenue"
            maxBarSize={96}
            fill={colorOf(i)}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

/** Net revenue per quarter, stacked by customer group or product, with period, split and currency. */
export function RevenueCard({ period, groupBy, currency, onChange }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const range = quarterRangeOf(period, new Date());
  const report = useQuery(revenueQuery({ ...range, groupBy, currency }, i18n.language));
  const data = report.data;
  const empty = data?.series.every((s) => s.total === '0.00') ? t('dashboard.revenue.empty') : undefined;
  return (
    <Card data-testid="revenue-card" aria-busy={report.isFetching}>
      <CardHeader>
        <div>
          <CardTitle>{t('dashboard.revenue.title')}</CardTitle>
          <p className="text-sm text-slate-600">{t('dashboard.revenue.subtitle', { currency })}</p>
        </div>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <div className="flex flex-wrap items-end gap-3">
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-period`} className="text-sm font-medium text-slate-800">
              {t('dashboard.revenue.period')}
            </label>
            <Select
              id={`${id}-period`}
              value={period}
              onChange={(e) => onChange({ period: e.target.value as Period })}
              className="w-48"
            >
              {PERIODS.map((p) => (
                <option key={p} value={p}>
                  {t(`dashboard.revenue.periods.${p}`)}
                </option>
              ))}
            </Select>
          </div>
          <fieldset className="flex flex-col gap-1">
            <legend className="mb-1 text-sm font-medium text-slate-800">
              {t('dashboard.revenue.groupBy')}
            </legend>
            <div className="inline-flex rounded-md border border-slate-300 bg-white p-0.5">
              {GROUPINGS.map((g) => (
                <button
                  key={g}
                  type="button"
                  aria-pressed={groupBy === g}
                  onClick={() => onChange({ groupBy: g })}
                  className={cn(
                    'h-9 rounded px-3 text-sm font-medium focus-visible:outline-2 focus-visible:outline-brand-600',
                    groupBy === g ? 'bg-brand-700 text-white' : 'text-slate-700 hover:bg-slate-100',
                  )}
                >
                  {g === 'product'
                    ? t('dashboard.revenue.byProduct')
                    : t('dashboard.revenue.byCustomerGroup')}
                </button>
              ))}
            </div>
          </fieldset>
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-currency`} className="text-sm font-medium text-slate-800">
              {t('dashboard.revenue.currency')}
            </label>
            <Select
              id={`${id}-currency`}
              value={currency}
              onChange={(e) => onChange({ currency: e.target.value as Currency })}
              className="w-28"
            >
              {CURRENCIES.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </Select>
          </div>
        </div>
        <ErrorMessage error={report.error} />
        {data ? (
          <ChartWithTable
            empty={empty}
            chart={<RevenueChart report={data} language={i18n.language} />}
            table={<RevenueTable report={data} language={i18n.language} />}
          />
        ) : report.isPending ? (
          <Loading />
        ) : null}
      </CardContent>
    </Card>
  );
}
