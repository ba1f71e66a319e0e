import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type DuplicateSuggestion = components['schemas']['DuplicateSuggestion'];
export type DuplicatePerson = components['schemas']['DuplicatePerson'];
export type MergeCompare = components['schemas']['MergeCompare'];
export type MergeField = MergeCompare['fields'][number];
export type MergeSide = 'survivor' | 'merged';

export const duplicatesQuery = (input: { page: number; pageSize: number }) =>
  queryOptions({
    queryKey: ['duplicates', input] as const,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/duplicates', { params: { query: input }, signal })),
  });

export const personDuplicatesQuery = (personId: string) =>
  queryOptions({
    queryKey: ['duplicates', 'person', personId] as const,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/persons/{id}/duplicates', { params: { path: { id: personId } }, signal })),
  });

export const compareQuery = (input: { survivorId: string; mergedId: string }) =>
  queryOptions({
    queryKey: ['duplicates', 'compare', input] as const,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/duplicates/compare', { params: { query: input }, signal })),
  });

export const scanDuplicates = () => unwrap(api.POST('/api/v1/duplicates/scan'));

export const dismissSuggestion = (id: string) =>
  unwrap(api.POST('/api/v1/duplicates/{id}/dismiss', { params: { path: { id } } }));

export const mergePersons = (body: components['schemas']['MergeRequest']) =>
  unwrap(api.POST('/api/v1/persons/merge', { body }));
