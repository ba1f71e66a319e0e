import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Button } from '../../components/ui/button';
import { Field } from '../../components/ui/field';
import { Input, Select } from '../../components/ui/input';
import { type Dpia, type Measure, type Risk, toRiskInput, useUpdateDpia } from './api';
import { LevelBadge } from './dpia-badges';
import { Step } from './dpia-questionnaire';
import { StepSelect } from './dpia-risks';

/** Art. 35(7)(d): the measures against each risk and the residual risk after them. */
export function MeasuresStep({ dpia, editable }: { dpia: Dpia; editable: boolean }) {
  const { t } = useTranslation();
  return (
    <Step title={t('dpia.detail.stepMeasures')} testId="dpia-step-measures">
      {dpia.risks.length === 0 ? <p className="text-sm text-slate-600">{t('dpia.risk.none')}</p> : null}
      {dpia.risks.map((risk) => (
        <RiskMeasures key={`${risk.id}-${dpia.version}`} dpia={dpia} risk={risk} editable={editable} />
      ))}
      {dpia.risks.length > 0 ? (
        <p className="text-sm" data-testid="dpia-residual-overall">
          {t('dpia.measure.overall', {
            level: dpia.residualLevel
              ? t(`dpia.risk.levels.${dpia.residualLevel}`)
              : t('dpia.measure.notAssessed'),
          })}
        </p>
      ) : null}
    </Step>
  );
}

function RiskMeasures({ dpia, risk, editable }: { dpia: Dpia; risk: Risk; editable: boolean }) {
  const { t } = useTranslation();
  const update = useUpdateDpia(dpia.id);
  const [text, setText] = useState('');
  const [kind, setKind] = useState<Measure['kind']>('technical');
  const [residualLikelihood, setResidualLikelihood] = useState<number | null>(risk.residualLikelihood);
  const [residualSeverity, setResidualSeverity] = useState<number | null>(risk.residualSeverity);
  const save = (measures: Measure[]) =>
    update.mutate({
      version: dpia.version,
      risks: dpia.risks.map((r) =>
        r.id === risk.id
          ? { ...toRiskInput(r), measures, residualLikelihood, residualSeverity }
          : toRiskInput(r),
      ),
    });
  return (
    <div className="rounded-md border border-slate-200 p-3 text-sm" data-testid="dpia-risk-measures">
      <div className="mb-2 flex flex-wrap items-center gap-2">
        <span className="font-medium">{risk.title}</span>
        <LevelBadge level={risk.level} />
        <span className="text-slate-500">{t('dpia.measure.residual')}:</span>
        <LevelBadge level={risk.residualLevel} testId="dpia-residual-level" />
      </div>
      {risk.measures.length === 0 ? (
        <p className="text-slate-600" data-testid="dpia-no-measures">
          {t('dpia.measure.none')}
        </p>
      ) : (
        <ul className="list-disc pl-5" data-testid="dpia-measure-list">
          {risk.measures.map((m, i) => (
            // measures have no id of their own; their order is their identity
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <li key={i}>
              {m.text} <span className="text-slate-500">({t(`dpia.measure.kinds.${m.kind}`)})</span>
            </li>
          ))}
        </ul>
      )}
      {editable ? (
        <div className="mt-3 grid gap-3 sm:grid-cols-4">
          <Field label={t('dpia.measure.label')} className="sm:col-span-3">
            {(control) => (
              <Input
                {...control}
                value={text}
                onChange={(e) => setText(e.target.value)}
                data-testid="dpia-measure-text"
              />
            )}
          </Field>
          <Field label={t('dpia.measure.kind')}>
            {(control) => (
              <Select {...control} value={kind} onChange={(e) => setKind(e.target.value as Measure['kind'])}>
                <option value="technical">{t('dpia.measure.kinds.technical')}</option>
                <option value="organisational">{t('dpia.measure.kinds.organisational')}</option>
              </Select>
            )}
          </Field>
          <Field label={t('dpia.measure.residualLikelihood')} className="sm:col-span-2">
            {(control) => (
              <StepSelect
                {...control}
                allowEmpty
                value={residualLikelihood}
                onChange={setResidualLikelihood}
                testId="dpia-residual-likelihood"
              />
            )}
          </Field>
          <Field label={t('dpia.measure.residualSeverity')} className="sm:col-span-2">
            {(control) => (
              <StepSelect
                {...control}
                allowEmpty
                value={residualSeverity}
                onChange={setResidualSeverity}
                testId="dpia-residual-severity"
              />
            )}
          </Field>
          <ErrorMessage error={update.error} className="sm:col-span-4" />
          <div className="flex gap-2 sm:col-span-4">
            <Button
              disabled={!text.trim() || update.isPending}
              data-testid="dpia-measure-add"
              onClick={() => save([...risk.measures, { text: text.trim(), kind }])}
            >
              {t('dpia.measure.add')}
            </Button>
            <Button variant="secondary" disabled={update.isPending} onClick={() => save(risk.measures)}>
              {t('dpia.measure.saveResidual')}
            </Button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
