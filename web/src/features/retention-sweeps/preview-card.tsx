import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { useFormat } from '../../lib/format';
import type { Preview, PreviewEntry, SweepRule } from './api';

/** "6 Jahre ab Jahresende, ab Ende des Vorgangs" */
export function useRuleText() {
  const { t } = useTranslation();
  return (rule: SweepRule) => {
    const parts = (['years', 'months', 'days'] as const)
      .filter((unit) => rule[unit] > 0)
      .map((unit) => t(`retentionSweeps.period.${unit}`, { count: rule[unit] }));
    const period = parts.length ? parts.join(' ') : t('retentionSweeps.period.immediately');
    const yearEnd = rule.roundToYearEnd ? ` ${t('retentionSweeps.period.yearEnd')}` : '';
    return `${period}${yearEnd}, ${t(`retentionSweeps.startType.${rule.startType}`)}`;
  };
}

export function useDataTypeName() {
  const { i18n } = useTranslation();
  return (d: { nameDe: string | null; nameEn: string | null; dataTypeId: string }) =>
    (i18n.language.startsWith('en') ? d.nameEn : d.nameDe) ?? d.dataTypeId;
}

function PreviewRow({ entry }: { entry: PreviewEntry }) {
  const { t } = useTranslation();
  const format = useFormat();
  const ruleText = useRuleText();
  const name = useDataTypeName()(entry);
  const [open, setOpen] = useState(false);
  const itemsId = `preview-items-${entry.dataTypeId}`;
  return (
    <>
      <tr data-testid="preview-row" data-target={entry.target}>
        <td className="py-2 pr-3">
          <span className="font-medium">{name}</span>
          <span className="block text-xs text-slate-500">{t(`retentionSweeps.method.${entry.method}`)}</span>
        </td>
        <td className="py-2 pr-3">{ruleText(entry.rule)}</td>
        <td className="py-2 pr-3 whitespace-nowrap">{format.date(entry.cutoff)}</td>
        <td className="py-2 pr-3">
          <Badge tone={entry.due > 0 ? 'warning' : 'success'} data-testid="preview-due">
            {format.number(entry.due)}
          </Badge>
        </td>
        <td className="py-2 pr-3" data-testid="preview-held">
          {format.number(entry.held)}
        </td>
        <td className="py-2 text-right">
          {entry.items.length > 0 ? (
            <Button
              variant="secondary"
              size="sm"
              aria-expanded={open}
              aria-controls={itemsId}
              onClick={() => setOpen((o) => !o)}
              data-testid="preview-toggle"
            >
              {open ? t('retentionSweeps.preview.hide') : t('retentionSweeps.preview.show')}
            </Button>
          ) : null}
        </td>
      </tr>
      {open ? (
        <tr id={itemsId}>
          <td colSpan={6} className="bg-slate-50 px-3 py-2">
            <table
              className="w-full text-left text-xs"
              aria-label={t('retentionSweeps.preview.itemsOf', { name })}
            >
              <thead className="text-slate-500">
                <tr>
                  <th scope="col" className="py-1 pr-3">
                    {t('retentionSweeps.preview.object')}
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    {t('retentionSweeps.preview.start')}
                  </th>
                  <th scope="col" className="py-1">
                    {t('retentionSweeps.preview.end')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {entry.items.map((item) => (
                  <tr key={item.id} data-testid="preview-item">
                    <td className="py-1 pr-3">
                      {t(`retentionSweeps.objectType.${item.objectType}`)}{' '}
                      <span className="font-mono text-slate-500">{item.id.slice(0, 8)}</span>
                    </td>
                    <td className="py-1 pr-3">{format.date(item.start)}</td>
                    <td className="py-1">{format.date(item.end)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {entry.due > entry.items.length ? (
              <p className="mt-1 text-xs text-slate-500">
                {t('retentionSweeps.preview.more', { count: entry.due - entry.items.length })}
              </p>
            ) : null}
          </td>
        </tr>
      ) : null}
    </>
  );
}

/** What the sweep would delete today, per data type, with the rule, the cutoff and the records. */
export function PreviewCard({ preview }: { preview: Preview }) {
  const { t } = useTranslation();
  const format = useFormat();
  const due = preview.dataTypes.reduce((sum, d) => sum + d.due, 0);
  return (
    <Card className="mb-4">
      <CardHeader>
        <CardTitle>{t('retentionSweeps.preview.title')}</CardTitle>
        <p className="text-sm text-slate-600">
          {t('retentionSweeps.preview.asOf', {
            date: format.date(preview.today),
            jurisdiction: preview.jurisdiction,
          })}
        </p>
      </CardHeader>
      <CardContent>
        {preview.dataTypes.length === 0 ? (
          <p className="py-2 text-sm text-slate-600">{t('retentionSweeps.preview.empty')}</p>
        ) : (
          <>
            {due === 0 ? (
              <p className="mb-2 text-sm text-emerald-800" data-testid="preview-nothing-due">
                {t('retentionSweeps.preview.nothingDue')}
              </p>
            ) : null}
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm" data-testid="preview-table">
                <thead className="border-b border-slate-200 text-xs text-slate-500 uppercase">
                  <tr>
                    <th scope="col" className="py-2 pr-3">
                      {t('retentionSweeps.preview.dataType')}
                    </th>
                    <th scope="col" className="py-2 pr-3">
                      {t('retentionSweeps.preview.rule')}
                    </th>
                    <th scope="col" className="py-2 pr-3">
                      {t('retentionSweeps.preview.cutoff')}
                    </th>
                    <th scope="col" className="py-2 pr-3">
                      {t('retentionSweeps.preview.due')}
                    </th>
                    <th scope="col" className="py-2 pr-3">
                      {t('retentionSweeps.preview.held')}
                    </th>
                    <th scope="col" className="py-2">
                      <span className="sr-only">{t('retentionSweeps.preview.show')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {preview.dataTypes.map((entry) => (
                    <PreviewRow key={entry.dataTypeId} entry={entry} />
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </CardContent>
    </Card>
  );
}
