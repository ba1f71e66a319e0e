import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery } from '@tanstack/react-query';
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
import { applyServerErrors } from '../../lib/server-errors';
import { canDo } from '../auth/permissions';
import { customerGroupsQuery } from '../customer-groups/api';
import { departmentsQuery } from '../departments/api';
import { TagPicker } from '../tags/tag-picker';
import {
  ORGANIZATION_FIELDS,
  ORGANIZATION_KINDS,
  type OrganizationFormValues,
  organizationSchema,
} from './organization-schema';

type Dirty = Partial<Record<keyof OrganizationFormValues, unknown>>;
type OrganizationFormProps = {
  mode: 'create' | 'edit';
  role: Role | undefined;
  defaultValues: OrganizationFormValues;
  onSubmit: (values: OrganizationFormValues, dirty: Dirty) => Promise<unknown>;
  onCancel: () => void;
  error: unknown;
  pending: boolean;
};

type TextField = 'name' | 'legalForm' | 'vatId' | 'website' | 'email' | 'phone';

export function OrganizationForm({
  mode,
  role,
  defaultValues,
  onSubmit,
  onCancel,
  error,
  pending,
}: OrganizationFormProps) {
  const { t } = useTranslation();
  const form = useForm<OrganizationFormValues>({ resolver: zodResolver(organizationSchema), defaultValues });
  const departments = useQuery(departmentsQuery);
  const groups = useQuery(customerGroupsQuery);
  const { register, control } = form;
  const { errors, dirtyFields } = form.formState;
  const submit = form.handleSubmit(async (values) => {
    try {
      await onSubmit(values, dirtyFields as Dirty);
    } catch (failure) {
      applyServerErrors(failure, form.setError, ORGANIZATION_FIELDS);
    }
  });
  const text = (name: TextField, type = 'text', required = false) => (
    <Field label={t(`organizations.fields.${name}`)} error={errors[name]} required={required}>
      {(c) => <Input {...c} type={type} {...register(name)} />}
    </Field>
  );
  return (
    <FormProvider {...form}>
      <form noValidate onSubmit={submit} className="flex flex-col gap-4" data-testid="organization-form">
        <Card>
          <CardContent className="flex flex-col gap-4">
            <div className="grid gap-4 sm:grid-cols-2">
              {text('name', 'text', true)}
              <Field label={t('organizations.fields.kind')} error={errors.kind}>
                {(c) => (
                  <Select {...c} {...register('kind')}>
                    {ORGANIZATION_KINDS.map((kind) => (
                      <option key={kind} value={kind}>
                        {t(`organizationKinds.${kind}`)}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
              {text('legalForm')}
              {text('vatId')}
              {text('email', 'email')}
              {text('phone', 'tel')}
              {text('website', 'url')}
              <Field label={t('billing.org.customerGroup')} error={errors.customerGroupId}>
                {(c) => (
                  <Select {...c} {...register('customerGroupId')} data-testid="organization-customer-group">
                    <option value="">{t('billing.org.noGroup')}</option>
                    {groups.data?.items.map((g) => (
                      <option key={g.id} value={g.id}>
                        {g.name}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
              <Field
                label={t('billing.org.customerNumber')}
                hint={t('billing.org.customerNumberHint')}
                error={errors.customerNumber}
              >
                {(c) => (
                  <Input {...c} {...register('customerNumber')} data-testid="organization-customer-number" />
                )}
              </Field>
            </div>
            <AddressFields />
            <Field label={t('organizations.fields.notes')} error={errors.notes}>
              {(c) => <Textarea {...c} {...register('notes')} />}
            </Field>
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
            {departments.data && departments.data.items.length > 0 ? (
              <Controller
                control={control}
                name="departmentIds"
                render={({ field }) => (
                  <CheckboxGroup
                    legend={t('organizations.fields.departments')}
                    columns={3}
                    value={field.value}
                    onChange={field.onChange}
                    options={departments.data.items.map((d) => ({ value: d.id, label: d.name }))}
                  />
                )}
              />
            ) : null}
          </CardContent>
        </Card>
        <ErrorMessage error={error} />
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={pending} data-testid="organization-save">
            {mode === 'create' ? t('organizations.create') : t('common.save')}
          </Button>
          <Button variant="secondary" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </div>
      </form>
    </FormProvider>
  );
}
