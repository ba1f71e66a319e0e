import { queryOptions, useMutation } from '@tanstack/react-query';
import { apiPath, getJson, postJson } from '../consent/http';
import type { Language, PublicConfirmation, PublicForm, PublicPreferences } from '../consent/types';

export const publicFormQuery = (formId: string) =>
  queryOptions({
    queryKey: ['public', 'form', formId] as const,
    queryFn: ({ signal }) => getJson<PublicForm>(apiPath(['public', 'forms', formId]), signal),
    staleTime: Number.POSITIVE_INFINITY,
  });

export type SignupInput = {
  email: string;
  firstName?: string;
  lastName?: string;
  wordingId: string;
  consent: true;
  language?: Language;
};

export const useSignup = (formId: string) =>
  useMutation({
    mutationFn: (body: SignupInput) =>
      postJson<{ status: 'confirmation_sent' }>(apiPath(['public', 'forms', formId, 'signups']), body),
  });

export const useConfirmSignup = () =>
  useMutation({
    mutationFn: (token: string) =>
      postJson<PublicConfirmation>(apiPath(['public', 'consent', 'confirm']), { token }),
  });

export const preferencesQuery = (token: string) =>
  queryOptions({
    queryKey: ['public', 'preferences', token] as const,
    queryFn: ({ signal }) => getJson<PublicPreferences>(apiPath(['public', 'preferences', token]), signal),
  });

export const useUnsubscribe = (token: string) =>
  useMutation({
    mutationFn: () =>
      postJson<{ status: 'withdrawn' | 'objected' }>(apiPath(['public', 'unsubscribe', token]), {}),
  });

export const usePreferenceWithdraw = (token: string) =>
  useMutation({
    mutationFn: (consentId: string) =>
      postJson<unknown>(apiPath(['public', 'preferences', token, 'withdraw']), { consentId }),
  });

export const usePreferenceObject = (token: string) =>
  useMutation({
    mutationFn: () => postJson<unknown>(apiPath(['public', 'preferences', token, 'object']), {}),
  });
