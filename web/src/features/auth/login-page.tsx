import { getRouteApi, useRouter } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoginResult } from '../../api/types';
import { AuthLayout } from './auth-layout';
import { CredentialsForm, MfaForm } from './login-form';
import { useStartSession } from './session';

const route = getRouteApi('/login');

/** Only same-origin paths are followed after login (no open redirect). */
const safeRedirect = (target: string | undefined) =>
  target?.startsWith('/') && !target.startsWith('//') && !target.startsWith('/login') ? target : '/persons';

export function LoginPage() {
  const { t } = useTranslation();
  const { redirect } = route.useSearch();
  const router = useRouter();
  const startSession = useStartSession();
  const [step, setStep] = useState<'credentials' | 'mfa'>('credentials');

  const onResult = (result: LoginResult) => {
    if (result.status === 'mfa_required' || !result.user) {
      setStep('mfa');
      return;
    }
    startSession({ user: result.user, csrfToken: result.csrfToken });
    router.history.push(safeRedirect(redirect));
  };

  return (
    <AuthLayout title={step === 'mfa' ? t('auth.mfaTitle') : t('auth.loginTitle')}>
      {step === 'credentials' ? (
        <CredentialsForm onResult={onResult} />
      ) : (
        <MfaForm onResult={onResult} onCancel={() => setStep('credentials')} />
      )}
    </AuthLayout>
  );
}
