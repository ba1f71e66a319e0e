import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

type FetchResult<T> = { data?: T; error?: unknown; response: Response };
type Init = { params?: { query?: Record<string, string> }; body?: unknown; signal?: AbortSignal };

/** The shared client (session headers, CSRF, language) without path typing, as in the breach register. */
const client = api as unknown as {
  GET: <T>(path: string, init?: Init) => Promise<FetchResult<T>>;
  POST: <T>(path: string, init?: Init) => Promise<FetchResult<T>>;
};

export type SweepRule = {
  years: number;
  months: number;
  days: number;
  roundToYearEnd: boolean;
  startType: 'collection' | 'end_of_process' | 'end_of_relationship';
};

export type ObjectType =
  | 'person'
  | 'invoice'
  | 'interaction'
  | 'case'
  | 'quote'
  | 'order'
  | 'deal'
  | 'consent';

export type PreviewEntry = {
  dataTypeId: string;
  nameDe: string;
  nameEn: string;
  target: string;
  method: 'delete' | 'erase_person';
  rule: SweepRule;
  cutoff: string;
  due: number;
  held: number;
  items: { objectType: ObjectType; id: string; start: string; end: string }[];
};

export type Preview = { asOf: string; today: string; jurisdiction: string; dataTypes: PreviewEntry[] };

export type Sweep = {
  id: string;
  status: 'running' | 'completed' | 'failed';
  trigger: 'scheduler' | 'manual' | 'cli';
  asOf: string;
  today: string;
  jurisdiction: string;
  startedBy: string | null;
  startedAt: string;
  heartbeatAt: string;
  finishedAt: string | null;
  errorCode: string | null;
  total: number;
  counts: {
    dataTypeId: string;
    nameDe: string | null;
    nameEn: string | null;
    target: string | null;
    deleted: number;
    held: number;
  }[];
};

export const previewQuery = () =>
  queryOptions({
    queryKey: ['retention', 'preview'] as const,
    queryFn: ({ signal }) => unwrap(client.GET<Preview>('/api/v1/retention/preview', { signal })),
  });

export const sweepsQuery = () =>
  queryOptions({
    queryKey: ['retention', 'sweeps'] as const,
    queryFn: ({ signal }) => unwrap(client.GET<{ items: Sweep[] }>('/api/v1/retention/sweeps', { signal })),
  });

/** Runs the sweep now; the preview and the list are fetched again afterwards. */
export const useRunSweep = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(client.POST<Sweep>('/api/v1/retention/sweeps', { body: {} })),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['retention'] }),
  });
};
