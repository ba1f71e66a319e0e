import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';

/** Colours for series, distinguishable with common colour-vision deficiencies (Okabe–Ito). */
export const PALETTE = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#F0E442',
  '#000000',
];
export const colorOf = (i: number) => PALETTE[i % PALETTE.length]!;

/** Money in the UI language ("1.234,50 €" / "€1,234.50"); the API sends decimal strings. */
export const useMoney = () => {
  const { locale } = useFormat();
  return (value: string | number, currency: string, compact = false) =>
    new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      ...(compact ? { notation: 'compact', maximumFractionDigits: 1 } : {}),
    }).format(Number(value));
};

/**
 * A chart and the table of its numbers. The chart is a picture for sighted mouse users (hidden from
 * screen readers, which get the table); the table serves keyboards, screen readers and tests.
 */
export function ChartWithTable({
  chart,
  table,
  empty,
}: {
  chart: ReactNode;
  table: ReactNode;
  empty?: string;
}) {
  const { t } = useTranslation();
  if (empty) return <p className="py-6 text-sm text-slate-500">{empty}</p>;
  return (
    <div className="flex flex-col gap-4">
      <div className="h-72 w-full" aria-hidden="true">
        {chart}
      </div>
      <p className="sr-only">{t('dashboard.chartHint')}</p>
      {table}
    </div>
  );
}
