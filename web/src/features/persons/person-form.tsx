import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useMemo } from 'react';
import { Controller, FormProvider, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../api/types';
import { AddressFields } from '../../components/address-fields';
import { ErrorMessage } from '../../components/error-message';
import { Button } from '../../components/ui/button';
import { Card, CardContent } from '../../components/ui/card';
import { CheckboxGroup } from '../../components/ui/checkbox-group';
import { Field } from '../../components/ui/field';
import { Input, Select, Textarea } from '../../components/ui/input';
import { todayIso } from '../../lib/format';
import { applyServerErrors } from '../../lib/server-errors';
import { canDo } from '../auth/permissions';
import { departmentsQuery } from '../departments/api';
import { OrganizationPicker } from '../organizations/organization-picker';
import { TagPicker } from '../tags/tag-picker';
import { EmailCheckHint, PhoneCheckHint, PostalCodeSuggestion } from './contact-hints';
import { PERSON_FIELDS, type PersonFormValues, personSchema } from './person-schema';
import { PERSON_KINDS } from './person-search';
import { PrivacyFieldset } from './privacy-fieldset';
import { SpecialCategoryFields } from './special-category-fields';

type PersonFormProps = {
  mode: 'create' | 'edit';
  role: Role | undefined;
  defaultValues: PersonFormValues;
  hiddenFields?: string[];
  onSubmit: (
    values: PersonFormValues,
    dirty: Partial<Record<keyof PersonFormValues, unknown>>,
  ) => Promise<unknown>;
  onCancel: () => void;
  error: unknown;
  pending: boolean;
};

/** Create and edit form of a person: contact data, organisation, tags, and the privacy facts. */
const NONE: string[] = [];

export function PersonForm(props: PersonFormProps) {
  const { mode, role, defaultValues, hiddenFields = NONE, onSubmit, onCancel, error, pending } = props;
  const { t } = useTranslation();
  const schema = useMemo(() => personSchema({ mode, hiddenFields }), [mode, hiddenFields]);
  const form = useForm<PersonFormValues>({ resolver: zodResolver(schema), defaultValues });
  const departments = useQuery(departmentsQuery);
  const { register, control, formState } = form;
  // Read here so react-hook-form tracks dirty fields (the edit page sends only what changed).
  const { errors, dirtyFields } = formState;
  const hidden = (field: string) => hiddenFields.includes(field);
  const noAccess = <p className="text-sm text-slate-500 italic">{t('common.noAccess')}</p>;

  const submit = form.handleSubmit(async (values) => {
    try {
      await onSubmit(values, dirtyFields as Partial<Record<keyof PersonFormValues, unknown>>);
    } catch (failure) {
      applyServerErrors(failure, form.setError, PERSON_FIELDS);
    }
  });

  const text = (
    name: 'firstName' | 'lastName' | 'email' | 'phone' | 'jobTitle',
    type = 'text',
    required = false,
    check: ReactNode = null,
  ) => (
    <Field label={t(`persons.fields.${name}`)} error={errors[name]} required={required}>
      {(c) =>
        hidden(name) ? (
          noAccess
        ) : (
          <>
            <Input {...c} type={type} {...register(name)} />
            {check}
          </>
        )
      }
    </Field>
  );

  return (
    <FormProvider {...form}>
      <form noValidate onSubmit={submit} className="flex flex-col gap-4" data-testid="person-form">
        <Card>
          <CardContent className="flex flex-col gap-4">
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label={t('persons.fields.kind')} error={errors.kind}>
                {(c) => (
                  <Select {...c} {...register('kind')}>
                    {PERSON_KINDS.map((kind) => (
                      <option key={kind} value={kind}>
                        {t(`personKinds.${kind}`)}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
              <div className="hidden sm:block" />
              {text('firstName', 'text', true)}
              {text('lastName', 'text', true)}
              {text('email', 'email', false, <EmailCheckHint />)}
              {text('phone', 'tel', false, <PhoneCheckHint />)}
              <Field label={t('persons.fields.birthDate')} error={errors.birthDate}>
                {(c) =>
                  hidden('birthDate') ? (
                    noAccess
                  ) : (
                    <Input {...c} type="date" max={todayIso()} {...register('birthDate')} />
                  )
                }
              </Field>
              {text('jobTitle')}
              <Field label={t('persons.fields.organization')} error={errors.organization}>
                {(c) => (
                  <Controller
                    control={control}
                    name="organization"
                    render={({ field }) => (
                      <OrganizationPicker {...c} value={field.value} onChange={field.onChange} />
                    )}
                  />
                )}
              </Field>
            </div>
            {hidden('address') ? null : (
              <div className="flex flex-col gap-2">
                <AddressFields />
                <PostalCodeSuggestion />
              </div>
            )}
            <Field label={t('persons.fields.notes')} error={errors.notes} hint={t('persons.notesHint')}>
              {(c) => (hidden('notes') ? noAccess : <Textarea {...c} {...register('notes')} />)}
            </Field>
            {hidden('tags') ? null : (
              <Controller
                control={control}
                name="tagIds"
                render={({ field }) => (
                  <TagPicker
                    value={field.value}
                    onChange={field.onChange}
                    canCreate={canDo(role, 'tags.manage')}
                  />
                )}
              />
            )}
            {departments.data && departments.data.items.length > 0 ? (
              <Controller
                control={control}
                name="departmentIds"
                render={({ field }) => (
                  <CheckboxGroup
                    legend={t('persons.fields.departments')}
                    columns={3}
                    value={field.value}
                    onChange={field.onChange}
                    options={departments.data.items.map((d) => ({ value: d.id, label: d.name }))}
                  />
                )}
              />
            ) : null}
            {canDo(role, 'special.write') && !hidden('accessibilityNeeds') ? <SpecialCategoryFields /> : null}
          </CardContent>
        </Card>
        <PrivacyFieldset mode={mode} />
        <ErrorMessage error={error} />
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={pending} data-testid="person-save">
            {mode === 'create' ? t('persons.create') : t('common.save')}
          </Button>
          <Button variant="secondary" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </div>
      </form>
    </FormProvider>
  );
}
