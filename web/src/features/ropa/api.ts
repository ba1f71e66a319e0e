import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

type FetchResult<T> = { data?: T; error?: unknown; response: Response };
type Init = { params?: { query?: Record<string, string> }; body?: unknown; signal?: AbortSignal };

/**
 * The shared client (session headers, CSRF, language) without path typing: the /ropa paths are not
 * in the generated schema yet. Replace with typed calls once `npm run openapi` includes them.
 */
const client = api as unknown as {
  GET: <T>(path: string, init?: Init) => Promise<FetchResult<T>>;
  POST: <T>(path: string, init?: Init) => Promise<FetchResult<T>>;
  PUT: <T>(path: string, init?: Init) => Promise<FetchResult<T>>;
  PATCH: <T>(path: string, init?: Init) => Promise<FetchResult<T>>;
};

type Bilingual = { de: string; en: string };

export type RopaSettings = {
  controllerName: string | null;
  controllerAddress: string | null;
  controllerContact: string | null;
  jointControllers: string | null;
  representative: string | null;
  dpoName: string | null;
  dpoContact: string | null;
  toms: string | null;
  version: number;
  updatedAt: string | null;
};
export type RopaSettingsInput = Omit<RopaSettings, 'updatedAt'>;

export const TEXT_FIELDS = [
  'name',
  'description',
  'legalBases',
  'subjectCategories',
  'dataCategories',
  'recipients',
  'transfers',
  'erasure',
  'toms',
  'controllerName',
  'controllerContact',
  'controllerRepresentative',
  'controllerDpo',
  'processingCategories',
] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

export type ActivityFacts = {
  purposeId: string;
  personCount: number;
  special: boolean;
  subjectKinds: string[];
  dataCategories: string[];
  recipients: { id: string; name: string; kind: string; country: string | null }[];
  transfers: { id: string; name: string; country: string; mechanism: string | null }[];
  erasure: { dataTypeId: string; name: Bilingual; period: Bilingual; startEvent: string }[];
  dpia: { required: boolean; status: string; reviewAt: string | null } | null;
};

export type RopaActivity = Record<TextField, string | null> & {
  id: string;
  part: 'controller' | 'processor';
  purposeId: string | null;
  purpose: { id: string; label: Bilingual } | null;
  status: 'draft' | 'confirmed' | 'changed';
  confirmedAt: string | null;
  confirmedBy: string | null;
  version: number;
  facts: ActivityFacts | null;
  live: { de: Record<string, string>; en: Record<string, string> };
  missing: string[];
};

export type Ropa = { settings: RopaSettings; jurisdiction: string; activities: RopaActivity[] };

export type ActivityPatch = Partial<Record<TextField, string | null>> & {
  version: number;
  status?: 'draft' | 'confirmed';
  active?: boolean;
};
export type ActivityCreate = { part: 'controller' | 'processor'; name: string; controllerName?: string };

export const ropaQuery = () =>
  queryOptions({
    queryKey: ['ropa'] as const,
    queryFn: ({ signal }) => unwrap(client.GET<Ropa>('/api/v1/ropa', { signal })),
  });

const useRopaMutation = <I, O>(call: (input: I) => Promise<FetchResult<O>>) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: I) => unwrap(call(input)),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['ropa'] }),
  });
};

export const useSaveSettings = () =>
  useRopaMutation((body: RopaSettingsInput) => client.PUT<Ropa>('/api/v1/ropa/settings', { body }));

export const useCreateActivity = () =>
  useRopaMutation((body: ActivityCreate) => client.POST<RopaActivity>('/api/v1/ropa/activities', { body }));

export const usePatchActivity = (id: string) =>
  useRopaMutation((body: ActivityPatch) =>
    client.PATCH<RopaActivity>(`/api/v1/ropa/activities/${id}`, { body }),
  );

export type ExportFormat = 'pdf' | 'csv' | 'json';
export type ExportPart = 'all' | 'controller' | 'processor';

export const exportUrl = (input: { format: ExportFormat; lang: 'de' | 'en'; part: ExportPart }) => {
  const query = new URLSearchParams({ format: input.format, lang: input.lang });
  if (input.part !== 'all') query.set('part', input.part);
  return `/api/v1/ropa/export?${query.toString()}`;
};
