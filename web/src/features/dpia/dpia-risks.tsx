import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Button } from '../../components/ui/button';
import { Field } from '../../components/ui/field';
import { Input, Select, Textarea } from '../../components/ui/input';
import { type Dpia, STEPS, toRiskInput, useUpdateDpia } from './api';
import { LevelBadge } from './dpia-badges';
import { Step } from './dpia-questionnaire';

/** A select of the four steps of likelihood or severity. */
export function StepSelect({
  value,
  onChange,
  testId,
  allowEmpty,
  ...control
}: {
  value: number | null;
  onChange: (value: number | null) => void;
  testId: string;
  allowEmpty?: boolean;
  id: string;
  'aria-invalid': boolean;
}) {
  const { t } = useTranslation();
  return (
    <Select
      {...control}
      value={value ?? ''}
      onChange={(e) => onChange(e.target.value ? Number(e.target.value) : null)}
      data-testid={testId}
    >
      {allowEmpty ? <option value="">–</option> : null}
      {STEPS.map((s) => (
        <option key={s} value={s}>
          {t(`dpia.risk.steps.${s}`)}
        </option>
      ))}
    </Select>
  );
}

/** The 4 × 4 matrix with the number of risks per cell before (and after) the measures. */
function Matrix({ dpia }: { dpia: Dpia }) {
  const { t } = useTranslation();
  const count = (l: number, s: number, residual: boolean) =>
    dpia.risks.filter((r) =>
      residual
        ? r.residualLikelihood === l && r.residualSeverity === s
        : r.likelihood === l && r.severity === s,
    ).length;
  const tone = (l: number, s: number) => {
    const p = l * s;
    return p <= 2 ? 'bg-emerald-50' : p <= 4 ? 'bg-amber-50' : p <= 8 ? 'bg-orange-100' : 'bg-red-100';
  };
  return (
    <table className="text-center text-xs" data-testid="dpia-matrix">
      <caption className="mb-1 text-left text-slate-600">
        {t('dpia.risk.matrix')} — {t('dpia.risk.matrixCaption')}
      </caption>
      <thead>
        <tr>
          <th scope="col" />
          {STEPS.map((s) => (
            <th key={s} scope="col" className="px-2 py-1 font-normal text-slate-500">
              {t(`dpia.risk.steps.${s}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {[...STEPS].reverse().map((l) => (
          <tr key={l}>
            <th scope="row" className="px-2 py-1 text-right font-normal text-slate-500">
              {t(`dpia.risk.steps.${l}`)}
            </th>
            {STEPS.map((s) => (
              <td key={s} className={`h-10 w-20 border border-white ${tone(l, s)}`}>
                {count(l, s, false) || count(l, s, true)
                  ? `${count(l, s, false)} / ${count(l, s, true)}`
                  : ''}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Art. 35(7)(c): the risks to the rights and freedoms of data subjects on the matrix. */
export function RisksStep({ dpia, editable }: { dpia: Dpia; editable: boolean }) {
  const { t } = useTranslation();
  const update = useUpdateDpia(dpia.id);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [likelihood, setLikelihood] = useState<number | null>(2);
  const [severity, setSeverity] = useState<number | null>(2);
  const add = () =>
    update.mutate(
      {
        version: dpia.version,
        risks: [
          ...dpia.risks.map(toRiskInput),
          {
            title: title.trim(),
            description: description.trim() || null,
            likelihood: likelihood ?? 1,
            severity: severity ?? 1,
            measures: [],
            residualLikelihood: null,
            residualSeverity: null,
          },
        ],
      },
      {
        onSuccess: () => {
          setTitle('');
          setDescription('');
        },
      },
    );
  return (
    <Step title={t('dpia.detail.stepRisks')} testId="dpia-step-risks">
      {dpia.risks.length === 0 ? <p className="text-sm text-slate-600">{t('dpia.risk.none')}</p> : null}
      <ul className="flex flex-col gap-2">
        {dpia.risks.map((r) => (
          <li key={r.id} className="rounded-md border border-slate-200 p-2 text-sm" data-testid="dpia-risk">
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-medium" data-testid="dpia-risk-title">
                {r.title}
              </span>
              <LevelBadge level={r.level} testId="dpia-risk-level" />
              <span className="text-xs text-slate-500">
                {t('dpia.risk.likelihood')} {r.likelihood}/4 · {t('dpia.risk.severity')} {r.severity}/4
              </span>
            </div>
            {r.description ? <p className="mt-1 text-slate-600">{r.description}</p> : null}
          </li>
        ))}
      </ul>
      <Matrix dpia={dpia} />
      {editable ? (
        <div className="grid gap-3 border-t border-slate-100 pt-3 sm:grid-cols-2">
          <Field label={t('dpia.risk.title')} required className="sm:col-span-2">
            {(control) => (
              <Input
                {...control}
                value={title}
                onChange={(e) => setTitle(e.target.value)}
                data-testid="dpia-risk-new-title"
              />
            )}
          </Field>
          <Field label={t('dpia.risk.description')} className="sm:col-span-2">
            {(control) => (
              <Textarea
                {...control}
                rows={2}
                value={description}
                onChange={(e) => setDescription(e.target.value)}
              />
            )}
          </Field>
          <Field label={t('dpia.risk.likelihood')}>
            {(control) => (
              <StepSelect
                {...control}
                value={likelihood}
                onChange={setLikelihood}
                testId="dpia-risk-new-likelihood"
              />
            )}
          </Field>
          <Field label={t('dpia.risk.severity')}>
            {(control) => (
              <StepSelect
                {...control}
                value={severity}
                onChange={setSeverity}
                testId="dpia-risk-new-severity"
              />
            )}
          </Field>
          <ErrorMessage error={update.error} className="sm:col-span-2" />
          <Button
            className="self-start"
            disabled={!title.trim() || update.isPending}
            onClick={add}
            data-testid="dpia-risk-add"
          >
            {t('dpia.risk.add')}
          </Button>
        </div>
      ) : null}
    </Step>
  );
}
