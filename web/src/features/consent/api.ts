import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPath, getJson, postJson } from './http';
import type { ConsentChannel, ConsentInput, ConsentView, ConsentWording, Language } from './types';

/** The person's whole consent ledger (valid, withdrawn, superseded), newest first. */
export const personConsentsQuery = (personId: string) =>
  queryOptions({
    queryKey: ['persons', 'detail', personId, 'consents'] as const,
    queryFn: ({ signal }) =>
      getJson<{ items: ConsentView[] }>(apiPath(['persons', personId, 'consents']), signal),
  });

export type WordingFilter = { purposeId?: string; channel?: ConsentChannel; language?: Language };

/** Consent wordings (all versions) for a purpose, channel and language; each filter is optional. */
export const consentWordingsQuery = (filter: WordingFilter) =>
  queryOptions({
    queryKey: ['consent-wordings', filter] as const,
    queryFn: ({ signal }) =>
      getJson<{ items: ConsentWording[] }>(
        apiPath(['consent-wordings'], {
          purposeId: filter.purposeId,
          channel: filter.channel,
          language: filter.language,
        }),
        signal,
      ),
  });

/** The wording in force: the one marked current, else the highest version. */
export const currentWording = (items: ConsentWording[] | undefined): ConsentWording | undefined =>
  items?.find((w) => w.current) ?? [...(items ?? [])].sort((a, b) => b.version - a.version)[0];

/** The printable ledger (the browser follows the link with the session cookie). */
export const consentHistoryPdfUrl = (personId: string) =>
  apiPath(['persons', personId, 'consents', 'history.pdf']);

export const useRecordConsent = (personId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ConsentInput) =>
      postJson<ConsentView>(apiPath(['persons', personId, 'consents']), body),
    // recording a consent may add the purpose to the person
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['persons', 'detail', personId] }),
  });
};

export const useWithdrawConsent = (personId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ consentId, note }: { consentId: string; note?: string }) =>
      postJson<ConsentView>(
        apiPath(['persons', personId, 'consents', consentId, 'withdraw']),
        note ? { note } : {},
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['persons', 'detail', personId] }),
  });
};
