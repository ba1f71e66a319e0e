import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { cn } from '../../lib/cn';
import { useFormat } from '../../lib/format';
import { type Evaluation, EXCLUSION_REASONS } from './types';

type EvaluationViewProps = {
  evaluation: Evaluation | undefined;
  pending: boolean;
  fetching: boolean;
  error: unknown;
  /** Without purpose and channel the server can only count matches, not who may be advertised to. */
  forUse: boolean;
  testId?: string;
};

/**
 * How many persons the filter matches, how many the marketing use may reach, and why the others
 * are left out (each reason in plain words), with a sample of recipients. The counts are a live
 * region, so screen readers hear the new numbers after a change.
 */
export function EvaluationView({
  evaluation,
  pending,
  fetching,
  error,
  forUse,
  testId,
}: EvaluationViewProps) {
  const { t } = useTranslation();
  const { number } = useFormat();
  if (error) return <ErrorMessage error={error} />;
  if (!evaluation) return pending ? <Loading label={t('segments.preview.counting')} /> : null;
  const excludedTotal = EXCLUSION_REASONS.reduce((sum, r) => sum + (evaluation.excluded[r] ?? 0), 0);
  return (
    <div className="flex flex-col gap-4" data-testid={testId ?? 'evaluation'} aria-busy={fetching}>
      <div aria-live="polite" className="grid grid-cols-2 gap-3">
        <div className="rounded-md border border-slate-200 p-3">
          <p className="text-xs text-slate-600">{t('segments.preview.matched')}</p>
          <p className="text-2xl font-semibold tabular-nums" data-testid="evaluation-matched">
            {number(evaluation.matched)}
          </p>
        </div>
        {forUse ? (
          <div className="rounded-md border border-emerald-200 bg-emerald-50 p-3">
            <p className="text-xs text-emerald-900">{t('segments.preview.eligible')}</p>
            <p
              className="text-2xl font-semibold text-emerald-900 tabular-nums"
              data-testid="evaluation-eligible"
            >
              {number(evaluation.eligible)}
            </p>
          </div>
        ) : null}
      </div>
      {forUse ? (
        <section aria-labelledby="excluded-title">
          <h3 id="excluded-title" className="text-sm font-semibold text-slate-900">
            {t('segments.preview.excludedTitle', { count: excludedTotal })}
          </h3>
          <p className="mb-2 text-xs text-slate-600">{t('segments.preview.excludedHint')}</p>
          <ul className="flex flex-col divide-y divide-slate-100" data-testid="evaluation-excluded">
            {EXCLUSION_REASONS.map((reason) => {
              const count = evaluation.excluded[reason] ?? 0;
              return (
                <li
                  key={reason}
                  className={cn('flex items-start gap-3 py-2', count === 0 && 'text-slate-500')}
                  data-testid={`excluded-${reason}`}
                  data-count={count}
                >
                  <span
                    className={cn(
                      'w-10 shrink-0 text-right font-semibold tabular-nums',
                      count > 0 ? 'text-amber-800' : '',
                    )}
                  >
                    {number(count)}
                  </span>
                  <span className="text-sm">
                    <span className={cn('font-medium', count > 0 && 'text-slate-900')}>
                      {t(`segments.reasons.${reason}.label`)}
                    </span>
                    <span className={cn('block text-xs', count > 0 ? 'text-slate-600' : '')}>
                      {t(`segments.reasons.${reason}.explain`)}
                    </span>
                  </span>
                </li>
              );
            })}
          </ul>
        </section>
      ) : (
        <p className="text-sm text-amber-800" role="note">
          {t('segments.preview.chooseUse')}
        </p>
      )}
      {evaluation.sample.length > 0 ? (
        <section aria-labelledby="sample-title">
          <h3 id="sample-title" className="text-sm font-semibold text-slate-900">
            {t('segments.preview.sampleTitle', { count: evaluation.sample.length })}
          </h3>
          <ul className="mt-1 flex flex-col gap-1 text-sm" data-testid="evaluation-sample">
            {evaluation.sample.map((s) => (
              <li
                key={s.personId}
                className="flex flex-wrap items-baseline gap-2"
                data-testid="sample-person"
              >
                <Link
                  to="/persons/$personId"
                  params={{ personId: s.personId }}
                  className="text-brand-700 hover:underline"
                >
                  {[s.firstName, s.lastName].filter(Boolean).join(' ')}
                </Link>
                {s.basis ? (
                  <span className="text-xs text-slate-500">
                    {t(`segments.bases.${s.basis as 'consent'}`, { defaultValue: s.basis })}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
