import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Button, buttonClass } from '../../components/ui/button';
import { type ImportCommit, type ImportReport, reportCsvUrl } from './api';

const COUNT_KEYS = [
  'total',
  'valid',
  'invalid',
  'duplicate',
  'suppressed',
  'fieldLocked',
  'sensitive',
] as const;

/** The counts, the columns dropped by minimisation and the problem rows of a dry run or commit. */
function ReportBody({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const keys = report.dryRun ? COUNT_KEYS : (['created', 'skipped', ...COUNT_KEYS.slice(2)] as const);
  return (
    <div className="flex flex-col gap-3">
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4" data-testid="import-counts">
        {keys.map((key) => (
          <div
            key={key}
            className="rounded-md border border-slate-200 px-3 py-2"
            data-testid={`import-count-${key}`}
          >
            <dt className="text-xs text-slate-500">{t(`importWizard.counts.${key}`)}</dt>
            <dd className="text-lg font-semibold">{report.counts[key]}</dd>
          </div>
        ))}
      </dl>
      {report.droppedColumns.length > 0 ? (
        <div className="text-sm" data-testid="import-dropped">
          <p className="font-medium">{t('importWizard.report.dropped')}</p>
          <ul className="list-disc pl-5">
            {report.droppedColumns.map((d) => (
              <li key={d.column}>
                {d.column} →{' '}
                {t(`importWizard.fields.${d.target}` as 'importWizard.fields.email', {
                  defaultValue: d.target,
                })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {report.rows.length > 0 ? (
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm" data-testid="import-problem-rows">
            <thead>
              <tr className="border-b border-slate-200 text-left">
                <th className="px-2 py-1">{t('importWizard.report.row')}</th>
                <th className="px-2 py-1">{t('importWizard.report.status')}</th>
                <th className="px-2 py-1">{t('importWizard.report.reasons')}</th>
              </tr>
            </thead>
            <tbody>
              {report.rows.map((row) => (
                <tr
                  key={row.rowNumber}
                  className="border-b border-slate-100"
                  data-testid={`import-row-${row.rowNumber}`}
                >
                  <td className="px-2 py-1">{row.rowNumber}</td>
                  <td className="px-2 py-1">
                    {t(`importWizard.status.${row.status}` as 'importWizard.status.valid', {
                      defaultValue: row.status,
                    })}
                  </td>
                  <td className="px-2 py-1">
                    {row.reasons
                      .map((r) =>
                        t(`importWizard.reasons.${r}` as 'importWizard.reasons.email_invalid', {
                          defaultValue: r,
                        }),
                      )
                      .join(', ')}
                    {row.duplicateOf ? (
                      <>
                        {' '}
                        <Link
                          to="/persons/$personId"
                          params={{ personId: row.duplicateOf.personId }}
                          className="text-brand-700 underline"
                        >
                          {t('importWizard.report.existing')}
                        </Link>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.rowsTruncated ? (
            <p className="text-xs text-slate-500">{t('importWizard.report.truncated')}</p>
          ) : null}
        </div>
      ) : null}
      <a
        href={reportCsvUrl(report.import.id)}
        download
        className={buttonClass('secondary')}
        data-testid="import-report-csv"
      >
        {t('importWizard.report.csv')}
      </a>
    </div>
  );
}

/** Step 4: the dry run's report and the commit options. */
export function StepDryRun({
  report,
  options,
  onOptions,
  pending,
  error,
  onBack,
  onCommit,
}: {
  report: ImportReport;
  options: ImportCommit;
  onOptions: (options: ImportCommit) => void;
  pending: boolean;
  error: unknown;
  onBack: () => void;
  onCommit: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="flex flex-col gap-4">
      <ReportBody report={report} />
      <fieldset className="flex flex-col gap-2 text-sm">
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            checked={options.excludeInvalidRows}
            data-testid="import-exclude-invalid"
            onChange={(e) => onOptions({ ...options, excludeInvalidRows: e.target.checked })}
          />
          {t('importWizard.commit.excludeInvalid')}
        </label>
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            checked={options.duplicates === 'skip'}
            data-testid="import-skip-duplicates"
            onChange={(e) => onOptions({ ...options, duplicates: e.target.checked ? 'skip' : 'create' })}
          />
          {t('importWizard.commit.skipDuplicates')}
        </label>
      </fieldset>
      <ErrorMessage error={error} />
      <div className="flex gap-2">
        <Button variant="secondary" onClick={onBack}>
          {t('importWizard.back')}
        </Button>
        <Button onClick={onCommit} disabled={pending} data-testid="import-commit">
          {t('importWizard.commit.button')}
        </Button>
      </div>
    </div>
  );
}

/** Step 5: what the commit did, with links. */
export function StepResult({ report, onRestart }: { report: ImportReport; onRestart: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="flex flex-col gap-4" data-testid="import-result">
      <p className="text-sm font-medium text-green-800">
        {t('importWizard.result.done', { created: report.counts.created, skipped: report.counts.skipped })}
      </p>
      <ReportBody report={report} />
      <div className="flex gap-2">
        <Link to="/persons" className={buttonClass('primary')} data-testid="import-to-persons">
          {t('importWizard.result.persons')}
        </Link>
        <Button variant="secondary" onClick={onRestart}>
          {t('importWizard.result.again')}
        </Button>
      </div>
    </div>
  );
}
