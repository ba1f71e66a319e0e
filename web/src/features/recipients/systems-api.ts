import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

/** The system and processor register (data map): GET /register/systems, AVV upload, entry changes. */

export const LOCATIONS = ['database', 'spreadsheet', 'paper', 'saas', 'application', 'other'] as const;
export type Location = (typeof LOCATIONS)[number];
export const TRANSFER_MECHANISMS = ['adequacy', 'dpf', 'scc', 'bcr', 'derogation'] as const;
export type TransferMechanism = (typeof TRANSFER_MECHANISMS)[number];
export const SCC_MODULES = ['c2c', 'c2p', 'p2p', 'p2c'] as const;
export type SccModule = (typeof SCC_MODULES)[number];
export const REGISTER_WARNINGS = [
  'avv_missing',
  'transfer_without_mechanism',
  'avv_document_missing',
  'scc_module_missing',
  'tia_missing',
  'dpf_check_missing',
  'country_missing',
] as const;
export type RegisterWarning = (typeof REGISTER_WARNINGS)[number];
/** The two warnings the self-check counts as violations. */
export const VIOLATIONS: readonly RegisterWarning[] = ['avv_missing', 'transfer_without_mechanism'];

export type SystemEntry = {
  id: string;
  name: string;
  kind: 'processor' | 'controller' | 'authority' | 'internal_system' | 'other';
  country: string | null;
  contact: string | null;
  notes: string | null;
  archivedAt: string | null;
  createdAt: string;
  location: Location | null;
  purposes: string[];
  dataCategories: string[];
  subjectGroups: string[];
  transferMechanism: TransferMechanism | null;
  sccModule: SccModule | null;
  tiaDate: string | null;
  dpfCheckedOn: string | null;
  transferNote: string | null;
  avvSignedOn: string | null;
  avvDocument: { fileName: string; size: number; uploadedAt: string } | null;
  toms: string | null;
  subProcessors: string | null;
  assessment: {
    thirdCountry: boolean;
    adequacy: { reference: string; scope: 'full' | 'partial' | 'certified_only' } | null;
    effectiveMechanism: TransferMechanism | null;
    mechanismImplied: boolean;
    warnings: RegisterWarning[];
  };
};

export type SystemRegister = {
  items: SystemEntry[];
  adequacyDecisions: {
    country: string;
    name: string;
    reference: string;
    scope: string;
    scopeNote: string | null;
  }[];
  counts: { processorWithoutAvv: number; transferWithoutMechanism: number };
};

/** What the create/edit dialog sends (POST /recipients, PATCH /recipients/{id}). */
export type SystemInput = {
  name: string;
  kind: SystemEntry['kind'];
  country: string | null;
  contact: string | null;
  notes: string | null;
  location: Location | null;
  purposes: string[];
  dataCategories: string[];
  subjectGroups: string[];
  transferMechanism: TransferMechanism | null;
  sccModule: SccModule | null;
  tiaDate: string | null;
  dpfCheckedOn: string | null;
  transferNote: string | null;
  avvSignedOn: string | null;
  toms: string | null;
  subProcessors: string | null;
};

type FetchResult<T> = { data?: T; error?: unknown; response: Response };
type Init = { params?: { query?: Record<string, string> }; body?: unknown; signal?: AbortSignal };
/** The shared client (session headers, CSRF, language) without path typing for the register routes. */
const client = api as unknown as {
  GET: <T>(path: string, init?: Init) => Promise<FetchResult<T>>;
  POST: <T>(path: string, init?: Init) => Promise<FetchResult<T>>;
  PATCH: <T>(path: string, init?: Init) => Promise<FetchResult<T>>;
  PUT: <T>(path: string, init?: Init) => Promise<FetchResult<T>>;
};

export const systemRegisterQuery = (includeArchived: boolean) =>
  queryOptions({
    queryKey: ['recipients', 'register', { includeArchived }] as const,
    queryFn: ({ signal }) =>
      unwrap(
        client.GET<SystemRegister>('/api/v1/register/systems', {
          params: { query: { includeArchived: includeArchived ? 'true' : 'false' } },
          signal,
        }),
      ),
  });

export const avvUrl = (id: string) => `/api/v1/register/systems/${id}/avv`;

const useRegisterMutation = <I>(call: (input: I) => Promise<FetchResult<SystemEntry>>) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: I) => unwrap(call(input)),
    // the recipients list (settings, disclosure form) shows the same rows
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['recipients'] }),
  });
};

export const useSaveSystem = () =>
  useRegisterMutation(({ id, body }: { id: string | null; body: SystemInput }) =>
    id === null
      ? client.POST<SystemEntry>('/api/v1/recipients', { body })
      : client.PATCH<SystemEntry>(`/api/v1/recipients/${id}`, { body }),
  );

export const useArchiveSystem = () =>
  useRegisterMutation(({ id, archived }: { id: string; archived: boolean }) =>
    client.PATCH<SystemEntry>(`/api/v1/recipients/${id}`, { body: { archived } }),
  );

/** Reads a file as base64 (without the data URL prefix). */
const base64Of = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });

export const useUploadAvv = () =>
  useRegisterMutation(async ({ id, file }: { id: string; file: File }) =>
    client.PUT<SystemEntry>(`/api/v1/register/systems/${id}/avv`, {
      body: { fileName: file.name, contentBase64: await base64Of(file) },
    }),
  );
