import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { api, unwrap } from '../../api/client';
import { ErrorMessage } from '../../components/error-message';
import { Button } from '../../components/ui/button';
import { Field } from '../../components/ui/field';
import { Input } from '../../components/ui/input';
import { applyServerErrors } from '../../lib/server-errors';
import { emailSchema, PASSWORD_MIN_LENGTH, passwordSchema, requiredText } from '../../lib/validation';
import { AuthLayout } from './auth-layout';
import { setupStatusQuery } from './session';

const setupSchema = z
  .object({
    setupCode: requiredText(100),
    organizationName: requiredText(200),
    adminName: requiredText(200),
    adminEmail: emailSchema,
    adminPassword: passwordSchema,
    passwordRepeat: z.string(),
  })
  .refine((v) => v.adminPassword === v.passwordRepeat, {
    path: ['passwordRepeat'],
    message: 'validation.passwordMismatch',
  });

const FIELDS = ['setupCode', 'organizationName', 'adminName', 'adminEmail', 'adminPassword'] as const;

/** First run: creates the organisation (tenant) and its first administrator. */
export function SetupPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useForm({
    resolver: zodResolver(setupSchema),
    defaultValues: {
      setupCode: '',
      organizationName: '',
      adminName: '',
      adminEmail: '',
      adminPassword: '',
      passwordRepeat: '',
    },
  });
  const setup = useMutation({
    mutationFn: ({ passwordRepeat: _, ...body }: z.infer<typeof setupSchema>) =>
      unwrap(api.POST('/api/v1/setup', { body })),
    onSuccess: () => {
      queryClient.setQueryData(setupStatusQuery.queryKey, { initialized: true });
      void navigate({ to: '/login' });
    },
    onError: (error) => applyServerErrors(error, form.setError, FIELDS),
  });
  const { errors } = form.formState;
  return (
    <AuthLayout title={t('setup.title')} wide>
      <p className="text-sm text-slate-600">{t('setup.intro')}</p>
      <form noValidate className="flex flex-col gap-4" onSubmit={form.handleSubmit((v) => setup.mutate(v))}>
        <Field label={t('setup.setupCode')} hint={t('setup.setupCodeHint')} error={errors.setupCode} required>
          {(c) => <Input {...c} autoComplete="off" spellCheck={false} {...form.register('setupCode')} />}
        </Field>
        <Field label={t('setup.organizationName')} error={errors.organizationName} required>
          {(c) => <Input {...c} autoComplete="organization" {...form.register('organizationName')} />}
        </Field>
        <Field label={t('setup.adminName')} error={errors.adminName} required>
          {(c) => <Input {...c} autoComplete="name" {...form.register('adminName')} />}
        </Field>
        <Field label={t('setup.adminEmail')} error={errors.adminEmail} required>
          {(c) => <Input {...c} type="email" autoComplete="username" {...form.register('adminEmail')} />}
        </Field>
        <Field
          label={t('setup.adminPassword')}
          hint={t('setup.passwordHint', { count: PASSWORD_MIN_LENGTH })}
          error={errors.adminPassword}
          required
        >
          {(c) => (
            <Input {...c} type="password" autoComplete="new-password" {...form.register('adminPassword')} />
          )}
        </Field>
        <Field label={t('setup.passwordRepeat')} error={errors.passwordRepeat} required>
          {(c) => (
            <Input {...c} type="password" autoComplete="new-password" {...form.register('passwordRepeat')} />
          )}
        </Field>
        <ErrorMessage error={setup.error} />
        <Button type="submit" disabled={setup.isPending} data-testid="setup-submit">
          {t('setup.submit')}
        </Button>
      </form>
      <div className="rounded-md bg-slate-50 p-3 text-sm text-slate-600">
        <p>{t('setup.cliHint')}</p>
        <code className="mt-2 block overflow-x-auto rounded bg-slate-900 px-3 py-2 text-xs text-slate-100">
          npx custos init --admin-email E --admin-password P
        </code>
      </div>
    </AuthLayout>
  );
}
