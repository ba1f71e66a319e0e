import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Button } from '../../components/ui/button';
import { CheckboxGroup } from '../../components/ui/checkbox-group';
import { Field } from '../../components/ui/field';
import { Input, Textarea } from '../../components/ui/input';
import type { DataCategory } from '../recipients/api';
import { useDataCategories } from '../recipients/category-label';
import { useUpdateBreach } from './api';
import { count, Section, text } from './breach-form-parts';
import { BREACH_NATURES, BREACH_RISKS, type BreachDetail, type BreachNature, type BreachRisk } from './types';

export function AssessmentCard({ breach }: { breach: BreachDetail }) {
  const { t } = useTranslation();
  const categories = useDataCategories();
  const update = useUpdateBreach(breach.id);
  const [saved, setSaved] = useState(false);
  const [form, setForm] = useState({
    nature: breach.nature as string[],
    dataCategories: breach.dataCategories as string[],
    subjectCategories: breach.subjectCategories ?? '',
    subjectsApprox: breach.subjectsApprox?.toString() ?? '',
    recordsApprox: breach.recordsApprox?.toString() ?? '',
    contact: breach.contact ?? '',
    consequences: breach.consequences ?? '',
    measures: breach.measures ?? '',
    risk: (breach.risk ?? '') as BreachRisk | '',
    riskReasoning: breach.riskReasoning ?? '',
  });
  const set =
    <K extends keyof typeof form>(key: K) =>
    (value: (typeof form)[K]) => {
      setSaved(false);
      setForm((f) => ({ ...f, [key]: value }));
    };
  const closed = breach.status === 'closed';
  // Not re-keyed by version: the form keeps what was typed; saving sends the version last read.
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      {
        version: breach.version,
        nature: form.nature as BreachNature[],
        dataCategories: form.dataCategories as DataCategory[],
        subjectCategories: text(form.subjectCategories),
        subjectsApprox: count(form.subjectsApprox),
        recordsApprox: count(form.recordsApprox),
        contact: text(form.contact),
        consequences: text(form.consequences),
        measures: text(form.measures),
        risk: form.risk === '' ? null : form.risk,
        riskReasoning: text(form.riskReasoning),
      },
      { onSuccess: () => setSaved(true) },
    );
  };
  const textarea = (key: 'consequences' | 'measures' | 'riskReasoning', label: string) => (
    <Field label={label}>
      {(c) => (
        <Textarea
          {...c}
          rows={3}
          maxLength={4000}
          value={form[key]}
          onChange={(e) => set(key)(e.target.value)}
          data-testid={`breach-${key}`}
        />
      )}
    </Field>
  );
  return (
    <Section title={t('breaches.detail.assessment')} testId="breach-assessment">
      <form onSubmit={submit} data-testid="assessment-form">
        <fieldset disabled={closed} className="flex flex-col gap-4">
          <CheckboxGroup
            legend={t('breaches.detail.nature')}
            columns={1}
            options={BREACH_NATURES.map((n) => ({ value: n, label: t(`breaches.detail.natures.${n}`) }))}
            value={form.nature}
            onChange={set('nature')}
          />
          <CheckboxGroup
            legend={t('breaches.detail.dataCategories')}
            options={categories.categories.map((c) => ({ value: c.id, label: categories.label(c.id) }))}
            value={form.dataCategories}
            onChange={set('dataCategories')}
          />
          <Field
            label={t('breaches.detail.subjectCategories')}
            hint={t('breaches.detail.subjectCategoriesHint')}
          >
            {(c) => (
              <Input
                {...c}
                maxLength={1000}
                value={form.subjectCategories}
                onChange={(e) => set('subjectCategories')(e.target.value)}
                data-testid="breach-subjectCategories"
              />
            )}
          </Field>
          <div className="grid gap-3 sm:grid-cols-2">
            <Field label={t('breaches.detail.subjectsApprox')}>
              {(c) => (
                <Input
                  {...c}
                  type="number"
                  min={0}
                  step={1}
                  inputMode="numeric"
                  value={form.subjectsApprox}
                  onChange={(e) => set('subjectsApprox')(e.target.value)}
                  data-testid="breach-subjectsApprox"
                />
              )}
            </Field>
            <Field label={t('breaches.detail.recordsApprox')}>
              {(c) => (
                <Input
                  {...c}
                  type="number"
                  min={0}
                  step={1}
                  inputMode="numeric"
                  value={form.recordsApprox}
                  onChange={(e) => set('recordsApprox')(e.target.value)}
                  data-testid="breach-recordsApprox"
                />
              )}
            </Field>
          </div>
          <Field label={t('breaches.detail.contact')}>
            {(c) => (
              <Input
                {...c}
                maxLength={500}
                value={form.contact}
                onChange={(e) => set('contact')(e.target.value)}
                data-testid="breach-contact"
              />
            )}
          </Field>
          {textarea('consequences', t('breaches.detail.consequences'))}
          {textarea('measures', t('breaches.detail.measures'))}
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-1 text-sm font-medium text-slate-800">{t('breaches.detail.risk')}</legend>
            {BREACH_RISKS.map((risk) => (
              <label key={risk} className="flex items-start gap-2 text-sm">
                <input
                  type="radio"
                  name={`risk-${breach.id}`}
                  value={risk}
                  className="mt-0.5 size-4 accent-brand-700"
                  checked={form.risk === risk}
                  onChange={() => set('risk')(risk)}
                />
                {t(`breaches.detail.risks.${risk}`)}
              </label>
            ))}
          </fieldset>
          {textarea('riskReasoning', t('breaches.detail.riskReasoning'))}
          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" disabled={update.isPending} data-testid="assessment-save">
              {t('breaches.detail.saveAssessment')}
            </Button>
            {saved ? (
              <span role="status" className="text-sm text-emerald-800" data-testid="assessment-saved">
                {t('breaches.detail.saved')}
              </span>
            ) : null}
          </div>
          <ErrorMessage error={update.error} />
        </fieldset>
      </form>
    </Section>
  );
}
