import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

type FetchResult<T> = { data?: T; error?: unknown; response: Response };
type Init = { params?: { query?: Record<string, string> }; body?: unknown; signal?: AbortSignal };

/**
 * The shared client (session headers, CSRF, language) without path typing, like the breach register:
 * replace with typed calls once the generated schema includes /retention and /legal-holds.
 */
const client = api as unknown as {
  GET: <T>(path: string, init?: Init) => Promise<FetchResult<T>>;
  POST: <T>(path: string, init?: Init) => Promise<FetchResult<T>>;
  PATCH: <T>(path: string, init?: Init) => Promise<FetchResult<T>>;
  PUT: <T>(path: string, init?: Init) => Promise<FetchResult<T>>;
};

export type Jurisdiction = 'DE' | 'AT';
export type StartType = 'collection' | 'end_of_process' | 'end_of_relationship';
export const START_TYPES: StartType[] = ['collection', 'end_of_process', 'end_of_relationship'];

export type Period = { years: number; months: number; days: number; roundToYearEnd: boolean };
export type RetentionPeriod = Period & { id: string; labelDe: string; labelEn: string; builtIn: boolean };
export type DeletionClass = { id: string; periodId: string; startType: StartType; builtIn: boolean };
export type DataType = {
  id: string;
  jurisdiction: string;
  nameDe: string;
  nameEn: string;
  descriptionDe: string;
  descriptionEn: string;
  purposeId: string;
  purposeLabelDe: string;
  purposeLabelEn: string;
  legalBasis: string;
  subjectGroup: string;
  dataCategories: string[];
  deletionClassId: string;
  periodId: string;
  startType: StartType;
  period: Period;
  periodLabelDe: string;
  periodLabelEn: string;
  startEvent: string;
  target: string | null;
  statute: string | null;
  minimum: { id: string; basis: string; minimumDe: string; minimumEn: string } | null;
  method: 'delete' | 'erase_person' | 'document_only';
  active: boolean;
  builtIn: boolean;
  version: number;
};
export type DeletionConcept = {
  jurisdiction: Jurisdiction;
  tenantJurisdiction: Jurisdiction;
  periods: RetentionPeriod[];
  classes: DeletionClass[];
  dataTypes: DataType[];
};
export type DataTypePatch = {
  version: number;
  nameDe?: string;
  nameEn?: string;
  descriptionDe?: string;
  descriptionEn?: string;
  legalBasis?: string;
  startEvent?: string;
  periodId?: string;
  startType?: StartType;
  active?: boolean;
};

export type HoldObjectType =
  | 'person'
  | 'organization'
  | 'invoice'
  | 'interaction'
  | 'case'
  | 'quote'
  | 'order'
  | 'deal'
  | 'consent';
export type HoldReason = 'legal_hold' | 'tax_audit' | 'dispute' | 'technical';
export const HOLD_REASONS: HoldReason[] = ['legal_hold', 'tax_audit', 'dispute', 'technical'];
export type LegalHold = {
  id: string;
  objectType: HoldObjectType;
  objectId: string;
  objectLabel: string | null;
  reason: HoldReason;
  reference: string | null;
  until: string | null;
  placedAt: string;
  placedBy: { id: string; name: string } | null;
  releasedAt: string | null;
  releasedBy: { id: string; name: string } | null;
  active: boolean;
};
export type HoldInput = {
  objectType: HoldObjectType;
  objectId: string;
  reason: HoldReason;
  reference?: string;
  until?: string;
};

export const conceptQuery = (jurisdiction: Jurisdiction | null) =>
  queryOptions({
    queryKey: ['retention', 'concept', jurisdiction] as const,
    queryFn: ({ signal }) =>
      unwrap(
        client.GET<DeletionConcept>('/api/v1/retention/concept', {
          params: { query: jurisdiction ? { jurisdiction } : {} },
          signal,
        }),
      ),
  });

export const useUpdateDataType = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: DataTypePatch) =>
      unwrap(client.PATCH<DataType>(`/api/v1/retention/data-types/${id}`, { body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['retention'] }),
  });
};

export const useSetJurisdiction = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (jurisdiction: Jurisdiction) =>
      unwrap(
        client.PUT<{ jurisdiction: Jurisdiction }>('/api/v1/retention/settings', { body: { jurisdiction } }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['retention'] }),
  });
};

export const holdsQuery = (filter: { objectType?: HoldObjectType; objectId?: string; active?: boolean }) =>
  queryOptions({
    queryKey: ['legal-holds', filter] as const,
    queryFn: ({ signal }) => {
      const query: Record<string, string> = {};
      if (filter.objectType) query.objectType = filter.objectType;
      if (filter.objectId) query.objectId = filter.objectId;
      if (filter.active !== undefined) query.active = String(filter.active);
      return unwrap(client.GET<{ items: LegalHold[] }>('/api/v1/legal-holds', { params: { query }, signal }));
    },
  });

export const usePlaceHold = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: HoldInput) => unwrap(client.POST<LegalHold>('/api/v1/legal-holds', { body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['legal-holds'] }),
  });
};

export const useReleaseHold = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(client.POST<LegalHold>(`/api/v1/legal-holds/${id}/release`, { body: {} })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['legal-holds'] }),
  });
};
