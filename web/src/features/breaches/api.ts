import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type {
  AuthorityNotification,
  Breach,
  BreachDetail,
  BreachPatch,
  BreachReport,
  SubjectsDecisionInput,
} from './types';

type FetchResult<T> = { data?: T; error?: unknown; response: Response };
type Init = { params?: { query?: Record<string, string> }; body?: unknown; signal?: AbortSignal };

/**
 * The shared client (session headers, CSRF, language) without path typing: the /breaches paths are
 * not in the generated schema yet. Replace with typed calls once `npm run openapi` includes them.
 */
const client = api as unknown as {
  GET: <T>(path: string, init?: Init) => Promise<FetchResult<T>>;
  POST: <T>(path: string, init?: Init) => Promise<FetchResult<T>>;
  PATCH: <T>(path: string, init?: Init) => Promise<FetchResult<T>>;
};

export type BreachListStatus = 'open' | 'closed' | 'all';

export const breachesQuery = (status: BreachListStatus) =>
  queryOptions({
    queryKey: ['breaches', 'list', { status }] as const,
    queryFn: ({ signal }) =>
      unwrap(client.GET<{ items: Breach[] }>('/api/v1/breaches', { params: { query: { status } }, signal })),
  });

export const breachQuery = (id: string) =>
  queryOptions({
    queryKey: ['breaches', 'detail', id] as const,
    queryFn: ({ signal }) => unwrap(client.GET<BreachDetail>(`/api/v1/breaches/${id}`, { signal })),
  });

export const useReportBreach = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BreachReport) => unwrap(client.POST<Breach>('/api/v1/breaches', { body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['breaches', 'list'] }),
  });
};

/** Every change to one breach answers with the breach; the detail (with its history) is fetched again. */
const useBreachMutation = <I>(call: (input: I) => Promise<FetchResult<Breach>>) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: I) => unwrap(call(input)),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['breaches'] }),
  });
};

export const useUpdateBreach = (id: string) =>
  useBreachMutation((body: BreachPatch) => client.PATCH<Breach>(`/api/v1/breaches/${id}`, { body }));

export const useRecordNotification = (id: string) =>
  useBreachMutation((body: AuthorityNotification) =>
    client.POST<Breach>(`/api/v1/breaches/${id}/authority-notification`, { body }),
  );

export const useDecideSubjects = (id: string) =>
  useBreachMutation((body: SubjectsDecisionInput) =>
    client.POST<Breach>(`/api/v1/breaches/${id}/subjects-decision`, { body }),
  );

export const useCloseBreach = (id: string) =>
  useBreachMutation((body: { note?: string }) =>
    client.POST<Breach>(`/api/v1/breaches/${id}/close`, { body }),
  );

export const useReopenBreach = (id: string) =>
  useBreachMutation((_: undefined) => client.POST<Breach>(`/api/v1/breaches/${id}/reopen`, { body: {} }));
