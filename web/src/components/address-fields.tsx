import { type FieldErrors, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { AddressValues } from '../lib/validation';
import { Field } from './ui/field';
import { Input } from './ui/input';

type WithAddress = { address: AddressValues };

/** Street, postal code, city and country of a form that has an `address` object. */
export function AddressFields() {
  const { t } = useTranslation();
  const { register, formState } = useFormContext<WithAddress>();
  const errors = (formState.errors as FieldErrors<WithAddress>).address;
  return (
    <fieldset className="grid gap-4 sm:grid-cols-6">
      <legend className="mb-2 text-sm font-semibold text-slate-800">{t('address.title')}</legend>
      <Field label={t('address.street')} error={errors?.street} className="sm:col-span-6">
        {(c) => <Input {...c} autoComplete="street-address" {...register('address.street')} />}
      </Field>
      <Field label={t('address.postalCode')} error={errors?.postalCode} className="sm:col-span-2">
        {(c) => <Input {...c} autoComplete="postal-code" {...register('address.postalCode')} />}
      </Field>
      <Field label={t('address.city')} error={errors?.city} className="sm:col-span-3">
        {(c) => <Input {...c} autoComplete="address-level2" {...register('address.city')} />}
      </Field>
      <Field
        label={t('address.country')}
        error={errors?.country}
        hint={t('address.countryHint')}
        className="sm:col-span-1"
      >
        {(c) => <Input {...c} maxLength={2} autoComplete="country" {...register('address.country')} />}
      </Field>
    </fieldset>
  );
}
