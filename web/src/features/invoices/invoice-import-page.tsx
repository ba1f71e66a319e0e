import { Link } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/errors';
import { ErrorMessage } from '../../components/error-message';
import { PageHeader } from '../../components/page-header';
import { Badge } from '../../components/ui/badge';
import { Button, buttonClass } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Field } from '../../components/ui/field';
import { Input, Select } from '../../components/ui/input';
import { Table, TBody, Td, THead, Th, Tr } from '../../components/ui/table';
import { useImportInvoices } from './api';
import {
  type Delimiter,
  guessDelimiter,
  guessMapping,
  IMPORT_FIELDS,
  type ImportOptions,
  previewCsv,
  REQUIRED_FIELDS,
} from './import-mapping';
import type { ImportField, ImportMapping, ImportReport } from './types';

const MAX_BYTES = 5 * 1024 * 1024;
const DELIMITERS: { value: Delimiter; key: 'semicolon' | 'comma' | 'tab' | 'pipe' }[] = [
  { value: ';', key: 'semicolon' },
  { value: ',', key: 'comma' },
  { value: '\t', key: 'tab' },
  { value: '|', key: 'pipe' },
];
const DATE_FORMATS: ImportOptions['dateFormat'][] = ['DD.MM.YYYY', 'YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY'];

/** The report of a refused import (422 import_failed) or of a dry run / import. */
const reportOf = (error: unknown): ImportReport | null =>
  isApiError(error) && error.code === 'import_failed' ? (error.rawDetails as ImportReport) : null;

/**
 * Import wizard: 1 file, 2 format (delimiter, decimal separator, date format), 3 column mapping with a
 * preview of the first rows, 4 dry run with every row error, 5 import. Nothing is written before step 5,
 * and step 5 writes all or nothing.
 */
export function InvoiceImportPage() {
  const { t } = useTranslation();
  const run = useImportInvoices();
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [tooLarge, setTooLarge] = useState(false);
  const [options, setOptions] = useState<ImportOptions>({
    delimiter: ';',
    decimal: ',',
    dateFormat: 'DD.MM.YYYY',
    defaultCurrency: 'EUR',
    paymentTermDays: 14,
  });
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [checked, setChecked] = useState<ImportReport | null>(null);
  const [done, setDone] = useState<ImportReport | null>(null);
  const preview = useMemo(
    () => (file ? previewCsv(file.text, options.delimiter) : null),
    [file, options.delimiter],
  );

  const reset = () => {
    setChecked(null);
    setDone(null);
    run.reset();
  };
  const chooseFile = async (chosen: File | undefined) => {
    reset();
    setTooLarge(false);
    if (!chosen) return setFile(null);
    if (chosen.size > MAX_BYTES) {
      setTooLarge(true);
      return setFile(null);
    }
    const text = await chosen.text();
    const delimiter = guessDelimiter(text);
    setOptions((o) => ({ ...o, delimiter }));
    setMapping(guessMapping(previewCsv(text, delimiter).headers));
    setFile({ name: chosen.name, text });
  };
  const setOption = <K extends keyof ImportOptions>(key: K, value: ImportOptions[K]) => {
    reset();
    setOptions((o) => ({ ...o, [key]: value }));
    if (key === 'delimiter' && file)
      setMapping(guessMapping(previewCsv(file.text, value as Delimiter).headers));
  };
  const setColumn = (field: ImportField, column: string) => {
    reset();
    setMapping((m) => {
      const next = { ...m } as Record<string, string>;
      if (column) next[field] = column;
      else delete next[field];
      return next as ImportMapping;
    });
  };
  const send = (dryRun: boolean) => {
    if (!file) return;
    run.mutate(
      { fileName: file.name, csv: file.text, mapping, options, dryRun },
      { onSuccess: (report) => (dryRun ? setChecked(report) : setDone(report)) },
    );
  };
  const failed = reportOf(run.error);
  const missing = REQUIRED_FIELDS.filter((f) => !mapping[f]);
  const noCustomer = !mapping.customerNumber && !mapping.customerEmail;

  return (
    <div className="mx-auto flex max-w-5xl flex-col gap-4">
      <PageHeader title={t('billing.import.title')}>
        <p className="text-sm text-slate-600">{t('billing.import.intro')}</p>
      </PageHeader>

      <Card>
        <CardHeader>
          <CardTitle>{t('billing.import.step1')}</CardTitle>
        </CardHeader>
        <CardContent>
          <Field
            label={t('billing.import.file')}
            hint={t('billing.import.fileHint')}
            error={tooLarge ? { message: t('billing.import.tooLarge'), type: 'server' } : undefined}
          >
            {(c) => (
              <Input
                {...c}
                type="file"
                accept=".csv,text/csv,text/plain"
                className="py-1.5"
                data-testid="import-file"
                onChange={(e) => void chooseFile(e.target.files?.[0])}
              />
            )}
          </Field>
        </CardContent>
      </Card>

      {file && preview ? (
        <>
          <Card>
            <CardHeader>
              <CardTitle>{t('billing.import.step2')}</CardTitle>
            </CardHeader>
            <CardContent className="grid gap-4 sm:grid-cols-3">
              <Field label={t('billing.import.delimiter')}>
                {(c) => (
                  <Select
                    {...c}
                    value={options.delimiter}
                    onChange={(e) => setOption('delimiter', e.target.value as Delimiter)}
                    data-testid="import-delimiter"
                  >
                    {DELIMITERS.map((d) => (
                      <option key={d.key} value={d.value}>
                        {t(`billing.import.delimiters.${d.key}`)}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
              <Field label={t('billing.import.decimal')}>
                {(c) => (
                  <Select
                    {...c}
                    value={options.decimal}
                    onChange={(e) => setOption('decimal', e.target.value as ImportOptions['decimal'])}
                    data-testid="import-decimal"
                  >
                    <option value=",">{t('billing.import.decimalComma')}</option>
                    <option value=".">{t('billing.import.decimalDot')}</option>
                  </Select>
                )}
              </Field>
              <Field label={t('billing.import.dateFormat')}>
                {(c) => (
                  <Select
                    {...c}
                    value={options.dateFormat}
                    onChange={(e) => setOption('dateFormat', e.target.value as ImportOptions['dateFormat'])}
                    data-testid="import-date-format"
                  >
                    {DATE_FORMATS.map((f) => (
                      <option key={f} value={f}>
                        {f}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
            </CardContent>
          </Card>

          <Card>
            <CardHeader>
              <CardTitle>{t('billing.import.step3')}</CardTitle>
            </CardHeader>
            <CardContent className="flex flex-col gap-4">
              <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" data-testid="import-mapping">
                {IMPORT_FIELDS.map((field) => (
                  <Field
                    key={field}
                    label={t(`billing.import.fields.${field}`)}
                    required={REQUIRED_FIELDS.includes(field)}
                  >
                    {(c) => (
                      <Select
                        {...c}
                        value={mapping[field] ?? ''}
                        onChange={(e) => setColumn(field, e.target.value)}
                        data-testid={`map-${field}`}
                      >
                        <option value="">{t('billing.import.notMapped')}</option>
                        {preview.headers.map((h) => (
                          <option key={h} value={h}>
                            {h}
                          </option>
                        ))}
                      </Select>
                    )}
                  </Field>
                ))}
              </div>
              {noCustomer ? (
                <p className="text-sm text-amber-800">{t('billing.import.customerHint')}</p>
              ) : null}
              <div>
                <h3 className="mb-2 text-sm font-medium">{t('billing.import.preview')}</h3>
                <div className="overflow-x-auto">
                  <Table data-testid="import-preview">
                    <THead>
                      <Tr>
                        {preview.headers.map((h) => (
                          <Th key={h}>{h}</Th>
                        ))}
                      </Tr>
                    </THead>
                    <TBody>
                      {preview.rows.map((row, i) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: preview rows have no identity
                        <Tr key={i}>
                          {preview.headers.map((h, j) => (
                            <Td key={h} className="whitespace-nowrap">
                              {row[j]}
                            </Td>
                          ))}
                        </Tr>
                      ))}
                    </TBody>
                  </Table>
                </div>
              </div>
            </CardContent>
          </Card>

          <Card>
            <CardHeader>
              <CardTitle>{t('billing.import.step4')}</CardTitle>
            </CardHeader>
            <CardContent className="flex flex-col gap-3">
              <div className="flex flex-wrap gap-2">
                <Button
                  variant="secondary"
                  disabled={run.isPending || missing.length > 0 || noCustomer}
                  onClick={() => send(true)}
                  data-testid="import-dry-run"
                >
                  {t('billing.import.dryRun')}
                </Button>
                <Button
                  disabled={run.isPending || !checked || Boolean(done)}
                  onClick={() => send(false)}
                  data-testid="import-run"
                >
                  {t('billing.import.run')}
                </Button>
              </div>
              {checked && !done ? (
                <p className="text-sm text-emerald-800" data-testid="import-checked">
                  {t('billing.import.checked', {
                    invoices: checked.invoices,
                    lines: checked.lines,
                    rows: checked.rows,
                  })}
                </p>
              ) : null}
              {done ? (
                <div className="flex flex-wrap items-center gap-3" data-testid="import-done">
                  <Badge tone="success">{t('billing.import.doneBadge')}</Badge>
                  <span className="text-sm">
                    {t('billing.import.done', { invoices: done.invoices, lines: done.lines })}
                  </span>
                  <Link to="/invoices" className={buttonClass('secondary', 'sm')}>
                    {t('billing.import.toList')}
                  </Link>
                </div>
              ) : null}
              {failed ? <RowErrors report={failed} /> : <ErrorMessage error={run.error} />}
            </CardContent>
          </Card>
        </>
      ) : null}
    </div>
  );
}

function RowErrors({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  return (
    <div role="alert" className="flex flex-col gap-2" data-testid="import-errors">
      <p className="text-sm text-red-800">
        {t('billing.import.failed', { count: new Set(report.errors.map((e) => e.row)).size })}
      </p>
      <div className="max-h-96 overflow-auto">
        <Table>
          <THead>
            <Tr>
              <Th>{t('billing.import.row')}</Th>
              <Th>{t('billing.import.column')}</Th>
              <Th>{t('billing.import.problem')}</Th>
            </Tr>
          </THead>
          <TBody>
            {report.errors.map((e, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: one row may have several errors
              <Tr key={i}>
                <Td className="tabular-nums">{e.row}</Td>
                <Td>{e.column ?? '–'}</Td>
                <Td>
                  <span className="font-medium">{t(`billing.import.codes.${e.code}`)}</span>
                  <span className="block text-xs text-slate-500">{e.message}</span>
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      </div>
    </div>
  );
}
