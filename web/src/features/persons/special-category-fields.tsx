import { useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/ui/field';
import { Select, Textarea } from '../../components/ui/input';
import { useCatalogue } from '../privacy/catalogue';
import type { PersonFormValues } from './person-schema';

/** Accessibility needs are health data (Art. 9 GDPR): entering them requires an Art. 9(2) condition. */
export function SpecialCategoryFields() {
  const { t } = useTranslation();
  const { catalogue, specialBasisLabel } = useCatalogue();
  const { register, control, formState } = useFormContext<PersonFormValues>();
  const needs = useWatch({ control, name: 'accessibilityNeeds' });
  const { errors } = formState;
  return (
    <div className="flex flex-col gap-4 rounded-md border border-amber-200 bg-amber-50/50 p-3">
      <Field
        label={t('persons.fields.accessibilityNeeds')}
        hint={t('persons.accessibilityHint')}
        error={errors.accessibilityNeeds}
      >
        {(c) => <Textarea {...c} rows={2} {...register('accessibilityNeeds')} />}
      </Field>
      {needs.trim() ? (
        <Field label={t('privacy.specialCategoryBasis')} error={errors.specialCategoryBasis} required>
          {(c) => (
            <Select {...c} {...register('specialCategoryBasis')}>
              <option value="">{t('common.choose')}</option>
              {(catalogue?.specialCategoryBases ?? []).map((basis) => (
                <option key={basis.id} value={basis.id}>
                  {`${specialBasisLabel(basis.id)} (${basis.article})`}
                </option>
              ))}
            </Select>
          )}
        </Field>
      ) : null}
    </div>
  );
}
