import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { api, setCsrfToken, unwrap } from '../../api/client';
import type { LoginResult } from '../../api/types';
import { ErrorMessage } from '../../components/error-message';
import { Button } from '../../components/ui/button';
import { Field } from '../../components/ui/field';
import { Input } from '../../components/ui/input';

const credentialsSchema = z.object({
  email: z.string().trim().min(1, 'validation.required').pipe(z.email('validation.email')),
  password: z.string().min(1, 'validation.required'),
});

/** Step one of the login: e-mail and password. */
export function CredentialsForm({ onResult }: { onResult: (result: LoginResult) => void }) {
  const { t } = useTranslation();
  const form = useForm({
    resolver: zodResolver(credentialsSchema),
    defaultValues: { email: '', password: '' },
  });
  const login = useMutation({
    mutationFn: (values: z.infer<typeof credentialsSchema>) =>
      unwrap(api.POST('/api/v1/auth/login', { body: values })),
    onSuccess: (result) => {
      setCsrfToken(result.csrfToken);
      onResult(result);
    },
    onError: () => form.resetField('password'),
  });
  const { errors } = form.formState;
  return (
    <form noValidate className="flex flex-col gap-4" onSubmit={form.handleSubmit((v) => login.mutate(v))}>
      <Field label={t('auth.email')} error={errors.email}>
        {(c) => <Input {...c} type="email" autoComplete="username" autoFocus {...form.register('email')} />}
      </Field>
      <Field label={t('auth.password')} error={errors.password}>
        {(c) => (
          <Input {...c} type="password" autoComplete="current-password" {...form.register('password')} />
        )}
      </Field>
      <ErrorMessage error={login.error} />
      <Button type="submit" disabled={login.isPending} data-testid="login-submit">
        {t('auth.signIn')}
      </Button>
    </form>
  );
}

const codeSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'validation.totpCode'),
});

/** Step two when the account has 2FA: the 6-digit code from the authenticator app. */
export function MfaForm({
  onResult,
  onCancel,
}: {
  onResult: (result: LoginResult) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm({ resolver: zodResolver(codeSchema), defaultValues: { code: '' } });
  const verify = useMutation({
    mutationFn: (values: z.infer<typeof codeSchema>) =>
      unwrap(api.POST('/api/v1/auth/mfa', { body: values })),
    onSuccess: (result) => {
      setCsrfToken(result.csrfToken);
      onResult(result);
    },
    onError: () => form.reset({ code: '' }),
  });
  return (
    <form noValidate className="flex flex-col gap-4" onSubmit={form.handleSubmit((v) => verify.mutate(v))}>
      <p className="text-sm text-slate-600">{t('auth.mfaIntro')}</p>
      <Field label={t('auth.mfaCode')} error={form.formState.errors.code}>
        {(c) => (
          <Input
            {...c}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            autoFocus
            {...form.register('code')}
          />
        )}
      </Field>
      <ErrorMessage error={verify.error} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={verify.isPending} data-testid="mfa-submit">
          {t('auth.verify')}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}
