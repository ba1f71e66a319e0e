import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { Button } from '../../components/ui/button';
import { Field } from '../../components/ui/field';
import { Input } from '../../components/ui/input';
import type { Language } from '../consent/types';
import { publicFormQuery, useSignup } from './api';
import { PublicLayout, usePublicLanguage } from './public-layout';

const route = getRouteApi('/signup/$formId');

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The hosted sign-up form: the consent wording verbatim and an unticked box (double opt-in follows). */
export function SignupPage() {
  const { t, i18n } = useTranslation();
  const { formId } = route.useParams();
  const { lang } = route.useSearch();
  const form = useQuery(publicFormQuery(formId));
  usePublicLanguage(lang, form.data?.language);
  const signup = useSignup(formId);
  const [email, setEmail] = useState('');
  const [firstName, setFirstName] = useState('');
  const [lastName, setLastName] = useState('');
  const [agreed, setAgreed] = useState(false);
  const [tried, setTried] = useState(false);
  const checkboxId = useId();
  const emailInvalid = !EMAIL.test(email.trim());

  if (form.isPending)
    return (
      <PublicLayout title={t('publicConsent.signup.title')}>
        <Loading />
      </PublicLayout>
    );
  if (form.isError)
    return (
      <PublicLayout title={t('publicConsent.signup.title')}>
        <ErrorMessage error={form.error} />
      </PublicLayout>
    );
  const data = form.data;

  if (signup.isSuccess)
    return (
      <PublicLayout title={data.name}>
        <div
          role="status"
          className="rounded-lg border border-emerald-200 bg-emerald-50 p-4 text-emerald-900"
          data-testid="signup-sent"
        >
          <p className="font-medium">{t('publicConsent.signup.sent')}</p>
          <p className="mt-1 text-sm">{t('publicConsent.signup.sentHint')}</p>
        </div>
      </PublicLayout>
    );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (emailInvalid || !agreed) return;
    signup.mutate({
      email: email.trim(),
      firstName: firstName.trim() || undefined,
      lastName: lastName.trim() || undefined,
      wordingId: data.wording.id,
      consent: true,
      language: (i18n.language.startsWith('en') ? 'en' : 'de') as Language,
    });
  };

  return (
    <PublicLayout title={data.name}>
      <form
        onSubmit={submit}
        noValidate
        className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-xs"
        data-testid="signup-form"
      >
        <Field
          label={t('publicConsent.signup.email')}
          required
          error={
            tried && emailInvalid
              ? { message: t('publicConsent.signup.emailInvalid'), type: 'server' }
              : undefined
          }
        >
          {(c) => (
            <Input
              {...c}
              type="email"
              autoComplete="email"
              inputMode="email"
              value={email}
              maxLength={320}
              onChange={(e) => setEmail(e.target.value)}
            />
          )}
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t('publicConsent.signup.firstName')}>
            {(c) => (
              <Input
                {...c}
                autoComplete="given-name"
                value={firstName}
                maxLength={100}
                onChange={(e) => setFirstName(e.target.value)}
              />
            )}
          </Field>
          <Field label={t('publicConsent.signup.lastName')}>
            {(c) => (
              <Input
                {...c}
                autoComplete="family-name"
                value={lastName}
                maxLength={100}
                onChange={(e) => setLastName(e.target.value)}
              />
            )}
          </Field>
        </div>
        <div className="flex flex-col gap-1">
          <div className="flex items-start gap-3">
            <input
              id={checkboxId}
              type="checkbox"
              className="mt-1 size-5 shrink-0 accent-brand-700"
              checked={agreed}
              onChange={(e) => setAgreed(e.target.checked)}
              aria-invalid={tried && !agreed}
              aria-describedby={tried && !agreed ? `${checkboxId}-error` : undefined}
              data-testid="signup-consent"
            />
            <label
              htmlFor={checkboxId}
              className="text-sm whitespace-pre-line text-slate-900"
              data-testid="signup-wording"
            >
              {data.wording.text}
            </label>
          </div>
          {tried && !agreed ? (
            <p
              id={`${checkboxId}-error`}
              className="text-sm text-red-700"
              role="alert"
              data-testid="signup-consent-error"
            >
              {t('publicConsent.signup.consentRequired')}
            </p>
          ) : null}
        </div>
        <p className="text-xs text-slate-500">{t('publicConsent.signup.withdrawHint')}</p>
        <ErrorMessage error={signup.error} />
        <Button
          type="submit"
          disabled={signup.isPending}
          className="w-full sm:w-auto"
          data-testid="signup-submit"
        >
          {t('publicConsent.signup.submit')}
        </Button>
      </form>
    </PublicLayout>
  );
}
