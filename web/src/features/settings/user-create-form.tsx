import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery } from '@tanstack/react-query';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { Role } from '../../api/types';
import { ErrorMessage } from '../../components/error-message';
import { Button } from '../../components/ui/button';
import { CheckboxGroup } from '../../components/ui/checkbox-group';
import { Field } from '../../components/ui/field';
import { Input, Select } from '../../components/ui/input';
import { applyServerErrors } from '../../lib/server-errors';
import { emailSchema, PASSWORD_MIN_LENGTH, passwordSchema, requiredText } from '../../lib/validation';
import { ROLES } from '../auth/permissions';
import { departmentsQuery } from '../departments/api';
import { useCreateUser } from './api';

const schema = z.object({
  email: emailSchema,
  displayName: requiredText(200),
  password: passwordSchema,
  role: z.enum(ROLES as [Role, ...Role[]]),
  departmentIds: z.array(z.string()),
});
type Values = z.infer<typeof schema>;
const EMPTY: Values = { email: '', displayName: '', password: '', role: 'sales', departmentIds: [] };

export function UserCreateForm() {
  const { t } = useTranslation();
  const departments = useQuery(departmentsQuery);
  const create = useCreateUser();
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: EMPTY });
  const { errors } = form.formState;
  const submit = form.handleSubmit((values) =>
    create.mutate(values, {
      onSuccess: () => form.reset(EMPTY),
      onError: (error) => applyServerErrors(error, form.setError, Object.keys(EMPTY)),
    }),
  );
  return (
    <form noValidate onSubmit={submit} className="flex flex-col gap-4" data-testid="user-create-form">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t('users.displayName')} error={errors.displayName} required>
          {(c) => <Input {...c} {...form.register('displayName')} />}
        </Field>
        <Field label={t('auth.email')} error={errors.email} required>
          {(c) => <Input {...c} type="email" autoComplete="off" {...form.register('email')} />}
        </Field>
        <Field
          label={t('users.initialPassword')}
          hint={t('setup.passwordHint', { count: PASSWORD_MIN_LENGTH })}
          error={errors.password}
          required
        >
          {(c) => <Input {...c} type="password" autoComplete="new-password" {...form.register('password')} />}
        </Field>
        <Field label={t('users.role')} error={errors.role} required>
          {(c) => (
            <Select {...c} {...form.register('role')}>
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {t(`roles.${role}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
      </div>
      <Controller
        control={form.control}
        name="departmentIds"
        render={({ field }) => (
          <CheckboxGroup
            legend={t('users.departments')}
            columns={3}
            value={field.value}
            onChange={field.onChange}
            emptyText={t('departments.none')}
            options={(departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
          />
        )}
      />
      <ErrorMessage error={create.error} />
      {create.isSuccess ? (
        <p role="status" className="text-sm text-emerald-800">
          {t('users.created')}
        </p>
      ) : null}
      <div>
        <Button type="submit" disabled={create.isPending} data-testid="user-create">
          {t('users.createButton')}
        </Button>
      </div>
    </form>
  );
}
