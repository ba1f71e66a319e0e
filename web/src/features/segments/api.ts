import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from './marketing-api';
import type { Evaluation, PreviewInput, Segment, SegmentInput } from './types';

export const segmentsQuery = queryOptions({
  queryKey: ['segments', 'list'] as const,
  queryFn: ({ signal }) => call<{ items: Segment[] }>('GET', '/segments', { signal }),
});

export const segmentQuery = (id: string) =>
  queryOptions({
    queryKey: ['segments', 'detail', id] as const,
    queryFn: ({ signal }) => call<Segment>('GET', '/segments/{id}', { params: { path: { id } }, signal }),
  });

/** The live count for a definition (debounced by the caller); keeps the last answer while asking. */
export const segmentPreviewQuery = (input: PreviewInput | null) =>
  queryOptions({
    queryKey: ['segments', 'preview', input] as const,
    queryFn: ({ signal }) => call<Evaluation>('POST', '/segments/preview', { body: input, signal }),
    enabled: input !== null,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });

export const useSaveSegment = (id?: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SegmentInput & { version?: number }) =>
      id
        ? call<Segment>('PUT', '/segments/{id}', { params: { path: { id } }, body })
        : call<Segment>('POST', '/segments', { body }),
    onSuccess: (saved) => {
      queryClient.setQueryData(segmentQuery(saved.id).queryKey, saved);
      void queryClient.invalidateQueries({ queryKey: ['segments', 'list'] });
    },
  });
};

export const useArchiveSegment = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call<unknown>('DELETE', '/segments/{id}', { params: { path: { id } } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['segments', 'list'] }),
  });
};
