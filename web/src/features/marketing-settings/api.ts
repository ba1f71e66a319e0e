import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPath, getJson, patchJson, postJson, putJson } from '../consent/http';
import type {
  ConsentForm,
  ConsentWording,
  ConsentWordingInput,
  Language,
  MailKind,
  MailStatus,
  MailTemplate,
  MailTemplateKey,
  MarketingSettings,
  MarketingSettingsInput,
  OutboxMail,
  OutboxMailDetail,
} from '../consent/types';

export const marketingSettingsQuery = () =>
  queryOptions({
    queryKey: ['marketing-settings'] as const,
    queryFn: ({ signal }) => getJson<MarketingSettings>(apiPath(['marketing', 'settings']), signal),
  });

export const useSaveMarketingSettings = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: MarketingSettingsInput) =>
      putJson<MarketingSettings>(apiPath(['marketing', 'settings']), body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['marketing-settings'] }),
  });
};

export const mailTemplatesQuery = () =>
  queryOptions({
    queryKey: ['mail-templates'] as const,
    queryFn: ({ signal }) => getJson<{ items: MailTemplate[] }>(apiPath(['mail-templates']), signal),
  });

export const mailTemplateVersionsQuery = (key: MailTemplateKey, language: Language) =>
  queryOptions({
    queryKey: ['mail-templates', key, language, 'versions'] as const,
    queryFn: ({ signal }) =>
      getJson<{ items: MailTemplate[] }>(apiPath(['mail-templates', key, language, 'versions']), signal),
  });

export const useSaveMailTemplate = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { key: MailTemplateKey; language: Language; subject: string; body: string }) =>
      postJson<MailTemplate>(apiPath(['mail-templates']), body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['mail-templates'] }),
  });
};

export const useCreateWording = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ConsentWordingInput) => postJson<ConsentWording>(apiPath(['consent-wordings']), body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['consent-wordings'] }),
  });
};

export const consentFormsQuery = () =>
  queryOptions({
    queryKey: ['consent-forms'] as const,
    queryFn: ({ signal }) => getJson<{ items: ConsentForm[] }>(apiPath(['consent-forms']), signal),
  });

export const useCreateForm = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; purposeId: string; language: Language; redirectUrl?: string }) =>
      postJson<ConsentForm>(apiPath(['consent-forms']), body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['consent-forms'] }),
  });
};

export const useUpdateForm = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      ...body
    }: {
      id: string;
      name?: string;
      active?: boolean;
      redirectUrl?: string | null;
    }) => patchJson<ConsentForm>(apiPath(['consent-forms', id]), body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['consent-forms'] }),
  });
};

export type OutboxFilter = { kind?: MailKind; status?: MailStatus };

export const outboxQuery = (filter: OutboxFilter) =>
  infiniteQueryOptions({
    queryKey: ['outbox', filter] as const,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ signal, pageParam }) =>
      getJson<{ items: OutboxMail[]; nextCursor: string | null }>(
        apiPath(['outbox'], { kind: filter.kind, status: filter.status, cursor: pageParam, limit: '50' }),
        signal,
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const outboxMailQuery = (id: string) =>
  queryOptions({
    queryKey: ['outbox', 'detail', id] as const,
    queryFn: ({ signal }) => getJson<OutboxMailDetail>(apiPath(['outbox', id]), signal),
  });
