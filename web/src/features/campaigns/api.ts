import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, toApiError } from '../../api/errors';
import { call } from '../segments/marketing-api';
import type { Campaign, CampaignInput, CampaignRecipient, CampaignReport, ResponseInput } from './types';

const path = (id: string) => ({ params: { path: { id } } });

export const campaignsQuery = queryOptions({
  queryKey: ['campaigns', 'list'] as const,
  queryFn: ({ signal }) => call<{ items: Campaign[] }>('GET', '/campaigns', { signal }),
});

export const campaignQuery = (id: string) =>
  queryOptions({
    queryKey: ['campaigns', 'detail', id] as const,
    queryFn: ({ signal }) => call<Campaign>('GET', '/campaigns/{id}', { ...path(id), signal }),
  });

export const campaignRecipientsQuery = (id: string) =>
  queryOptions({
    queryKey: ['campaigns', 'detail', id, 'recipients'] as const,
    queryFn: ({ signal }) =>
      call<{ items: CampaignRecipient[] }>('GET', '/campaigns/{id}/recipients', { ...path(id), signal }),
  });

export const campaignReportQuery = (id: string, language: string) =>
  queryOptions({
    // the language is part of the key: the server names the group-less row in it
    queryKey: ['campaigns', 'detail', id, 'report', language] as const,
    queryFn: ({ signal }) => call<CampaignReport>('GET', '/campaigns/{id}/report', { ...path(id), signal }),
  });

export const lettersPdfUrl = (id: string) => `/api/v1/campaigns/${encodeURIComponent(id)}/letters.pdf`;

/**
 * Fetches the letters PDF and hands it to the browser as a download. Not a plain link: the first
 * download runs the campaign (and can be refused, e.g. campaign_no_legal_basis), and that answer
 * belongs on the page, not in a JSON tab.
 */
export const useLettersDownload = (id: string) => {
  const queryClient = useQueryClient();
  const { i18n } = useTranslation();
  return useMutation({
    mutationFn: async () => {
      let response: Response;
      try {
        response = await fetch(lettersPdfUrl(id), {
          credentials: 'same-origin',
          headers: { 'Accept-Language': i18n.language.startsWith('en') ? 'en' : 'de' },
        });
      } catch (cause) {
        throw new ApiError(0, { code: 'network_error', message: '' }, { cause });
      }
      if (!response.ok) throw toApiError(response.status, await response.json().catch(() => null));
      const blob = await response.blob();
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `letters-${id.slice(0, 8)}.pdf`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
    // the first download runs the campaign: status, stats and recipients change
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['campaigns'] }),
  });
};

export const useCreateCampaign = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CampaignInput) => call<Campaign>('POST', '/campaigns', { body }),
    onSuccess: (created) => {
      queryClient.setQueryData(campaignQuery(created.id).queryKey, created);
      void queryClient.invalidateQueries({ queryKey: ['campaigns', 'list'] });
    },
  });
};

/** Every state change answers the campaign: keep it and refresh what depends on it. */
const useCampaignMutation = <V>(id: string, fn: (vars: V) => Promise<Campaign>) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (updated) => {
      queryClient.setQueryData(campaignQuery(id).queryKey, updated);
      void queryClient.invalidateQueries({ queryKey: ['campaigns', 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['campaigns', 'detail', id] });
    },
  });
};

export const useSendCampaign = (id: string) =>
  useCampaignMutation(id, () => call<Campaign>('POST', '/campaigns/{id}/send', { ...path(id), body: {} }));

export const useScheduleCampaign = (id: string) =>
  useCampaignMutation(id, (at: string) =>
    call<Campaign>('POST', '/campaigns/{id}/schedule', { ...path(id), body: { at } }),
  );

export const useCancelCampaign = (id: string) =>
  useCampaignMutation(id, () => call<Campaign>('POST', '/campaigns/{id}/cancel', { ...path(id), body: {} }));

export const useRecordResponse = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ResponseInput) =>
      call<unknown>('POST', '/campaigns/{id}/responses', { ...path(id), body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['campaigns', 'detail', id] }),
  });
};
