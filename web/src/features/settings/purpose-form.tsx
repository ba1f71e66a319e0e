import { zodResolver } from '@hookform/resolvers/zod';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { PurposeInput } from '../../api/types';
import { ErrorMessage } from '../../components/error-message';
import { Button } from '../../components/ui/button';
import { CheckboxGroup } from '../../components/ui/checkbox-group';
import { Field, useErrorText } from '../../components/ui/field';
import { Input, Textarea } from '../../components/ui/input';
import { applyServerErrors } from '../../lib/server-errors';
import { requiredText } from '../../lib/validation';
import { useCatalogue } from '../privacy/catalogue';
import { useCreatePurpose } from './api';

const schema = z.object({
  id: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,62}$/, 'validation.purposeId'),
  labelDe: requiredText(100),
  labelEn: requiredText(100),
  descriptionDe: requiredText(2000),
  descriptionEn: requiredText(2000),
  legalBases: z.array(z.string()).min(1, 'validation.legalBasesRequired'),
});
type Values = z.infer<typeof schema>;
const EMPTY: Values = {
  id: '',
  labelDe: '',
  labelEn: '',
  descriptionDe: '',
  descriptionEn: '',
  legalBases: [],
};

/** Declares a new purpose (admin and DPO only). */
export function PurposeForm() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { catalogue, legalBasisLabel } = useCatalogue();
  const create = useCreatePurpose();
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: EMPTY });
  const { errors } = form.formState;
  const submit = form.handleSubmit((values) =>
    create.mutate(
      { ...values, legalBases: values.legalBases as PurposeInput['legalBases'] },
      {
        onSuccess: () => form.reset(EMPTY),
        onError: (error) => applyServerErrors(error, form.setError, Object.keys(EMPTY)),
      },
    ),
  );
  return (
    <form noValidate onSubmit={submit} className="flex flex-col gap-4" data-testid="purpose-form">
      <Field label={t('purposes.id')} hint={t('purposes.idHint')} error={errors.id} required>
        {(c) => <Input {...c} className="sm:w-80" {...form.register('id')} />}
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t('purposes.labelDe')} error={errors.labelDe} required>
          {(c) => <Input {...c} lang="de" {...form.register('labelDe')} />}
        </Field>
        <Field label={t('purposes.labelEn')} error={errors.labelEn} required>
          {(c) => <Input {...c} lang="en" {...form.register('labelEn')} />}
        </Field>
        <Field label={t('purposes.descriptionDe')} error={errors.descriptionDe} required>
          {(c) => <Textarea {...c} lang="de" rows={3} {...form.register('descriptionDe')} />}
        </Field>
        <Field label={t('purposes.descriptionEn')} error={errors.descriptionEn} required>
          {(c) => <Textarea {...c} lang="en" rows={3} {...form.register('descriptionEn')} />}
        </Field>
      </div>
      <Controller
        control={form.control}
        name="legalBases"
        render={({ field }) => (
          <CheckboxGroup
            legend={t('purposes.legalBases')}
            required
            value={field.value}
            onChange={field.onChange}
            error={errorText(errors.legalBases)}
            options={(catalogue?.legalBases ?? []).map((b) => ({
              value: b.id,
              label: legalBasisLabel(b.id),
              hint: b.article,
            }))}
          />
        )}
      />
      <ErrorMessage error={create.error} />
      {create.isSuccess ? (
        <p role="status" className="text-sm text-emerald-800">
          {t('purposes.created')}
        </p>
      ) : null}
      <div>
        <Button type="submit" disabled={create.isPending} data-testid="purpose-create">
          {t('purposes.addButton')}
        </Button>
      </div>
    </form>
  );
}
