import { useEffect } from 'react';
import { Controller, useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { CheckboxGroup } from '../../components/ui/checkbox-group';
import { Field, useErrorText } from '../../components/ui/field';
import { Input, Select } from '../../components/ui/input';
import { allowedLegalBases, useCatalogue } from '../privacy/catalogue';
import type { PersonFormValues } from './person-schema';

/**
 * "Datenschutz / Privacy": purposes, the legal basis (only those every chosen purpose allows),
 * where the data came from, and an optional expiry. All but the expiry are mandatory.
 */
export function PrivacyFieldset({ mode }: { mode: 'create' | 'edit' }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { catalogue, purposeLabel, purposeDescription, sourceKindLabel, legalBasisLabel } = useCatalogue();
  const { control, register, formState, setValue, getValues } = useFormContext<PersonFormValues>();
  const purposes = useWatch({ control, name: 'purposes' });
  const legalBasis = useWatch({ control, name: 'legalBasis' });
  const allowed = allowedLegalBases(catalogue, purposes);
  const { errors } = formState;

  // A basis that the chosen purposes no longer allow is cleared, so it must be chosen again.
  useEffect(() => {
    if (catalogue && legalBasis && !allowed.some((b) => b.id === legalBasis)) {
      setValue('legalBasis', '', { shouldDirty: true });
    }
  }, [catalogue, legalBasis, allowed, setValue]);

  return (
    <fieldset
      className="flex flex-col gap-4 rounded-lg border border-brand-100 bg-brand-50/40 p-4"
      data-testid="privacy-fieldset"
    >
      <legend className="px-1 text-base font-semibold text-brand-800">{t('privacy.title')}</legend>
      <p className="text-sm text-slate-600">{t('privacy.formIntro')}</p>
      <Controller
        control={control}
        name="purposes"
        render={({ field }) => (
          <CheckboxGroup
            legend={t('privacy.purposes')}
            required
            value={field.value}
            onChange={field.onChange}
            error={errorText(errors.purposes)}
            options={(catalogue?.purposes ?? []).map((p) => ({
              value: p.id,
              label: purposeLabel(p.id),
              hint: purposeDescription(p),
            }))}
          />
        )}
      />
      <Field
        label={t('privacy.legalBasis')}
        error={errors.legalBasis}
        hint={purposes.length ? t('privacy.legalBasisHint') : t('privacy.choosePurposesFirst')}
        required
      >
        {(c) => (
          <Select {...c} {...register('legalBasis')}>
            <option value="">{t('common.choose')}</option>
            {allowed.map((basis) => (
              <option key={basis.id} value={basis.id}>
                {`${legalBasisLabel(basis.id)} (${basis.article})`}
              </option>
            ))}
          </Select>
        )}
      </Field>
      {mode === 'edit' ? (
        <div className="text-sm" data-testid="privacy-source-fixed">
          <p className="font-medium text-slate-800">{t('privacy.source')}</p>
          <p>
            {sourceKindLabel(getValues('source.kind'))}
            {getValues('source.detail') ? ` – ${getValues('source.detail')}` : ''}
          </p>
          <p className="text-xs text-slate-500">{t('privacy.sourceFixed')}</p>
        </div>
      ) : (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t('privacy.sourceKind')} error={errors.source?.kind} required>
            {(c) => (
              <Select {...c} {...register('source.kind')}>
                <option value="">{t('common.choose')}</option>
                {(catalogue?.sourceKinds ?? []).map((kind) => (
                  <option key={kind} value={kind}>
                    {sourceKindLabel(kind)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field
            label={t('privacy.sourceDetail')}
            hint={t('privacy.sourceDetailHint')}
            error={errors.source?.detail}
          >
            {(c) => <Input {...c} {...register('source.detail')} />}
          </Field>
        </div>
      )}
      <Field label={t('privacy.expiresAt')} hint={t('privacy.expiresAtHint')} error={errors.expiresAt}>
        {(c) => <Input {...c} type="date" className="sm:w-56" {...register('expiresAt')} />}
      </Field>
    </fieldset>
  );
}
