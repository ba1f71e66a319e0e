import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { DealInput, DealListQuery, DealMove, DealPatch, StageInput, StagePatch } from './types';

export const stagesQuery = queryOptions({
  queryKey: ['pipeline', 'stages'] as const,
  queryFn: ({ signal }) => unwrap(api.GET('/api/v1/pipeline/stages', { signal })),
});

export const boardQuery = queryOptions({
  queryKey: ['deals', 'board'] as const,
  queryFn: ({ signal }) => unwrap(api.GET('/api/v1/deals/board', { signal })),
});

export const dealsListQuery = (query: DealListQuery) =>
  queryOptions({
    queryKey: ['deals', 'list', query] as const,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/deals', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });

export const dealQuery = (id: string) =>
  queryOptions({
    queryKey: ['deals', 'detail', id] as const,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/deals/{id}', { params: { path: { id } }, signal })),
  });

export const useCreateDeal = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: DealInput) => unwrap(api.POST('/api/v1/deals', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['deals'] }),
  });
};

export const useUpdateDeal = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: DealPatch) =>
      unwrap(api.PATCH('/api/v1/deals/{id}', { params: { path: { id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['deals'] }),
  });
};

export const useMoveDeal = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: DealMove & { id: string }) =>
      unwrap(api.POST('/api/v1/deals/{id}/move', { params: { path: { id } }, body })),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['deals'] }),
        queryClient.invalidateQueries({ queryKey: ['pipeline'] }),
      ]),
  });
};

export const useCreateStage = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: StageInput) => unwrap(api.POST('/api/v1/pipeline/stages', { body })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['pipeline'] }),
  });
};

export const useUpdateStage = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: StagePatch & { id: string }) =>
      unwrap(api.PATCH('/api/v1/pipeline/stages/{id}', { params: { path: { id } }, body })),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['pipeline'] }),
        queryClient.invalidateQueries({ queryKey: ['deals'] }),
      ]),
  });
};
