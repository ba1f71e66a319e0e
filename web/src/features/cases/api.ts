import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { CaseInput, CaseListQuery, CaseMessageInput, CasePatch } from './types';

export const casesListQuery = (query: CaseListQuery) =>
  queryOptions({
    queryKey: ['cases', 'list', query] as const,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/cases', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });

export const caseQuery = (id: string) =>
  queryOptions({
    queryKey: ['cases', 'detail', id] as const,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/cases/{id}', { params: { path: { id } }, signal })),
  });

const useInvalidateCases = () => {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['cases'] });
    void queryClient.invalidateQueries({ queryKey: ['my-day'] });
    // the customer account view lists cases too
    void queryClient.invalidateQueries({ queryKey: ['accounts'] });
  };
};

export const useCreateCase = () => {
  const invalidate = useInvalidateCases();
  return useMutation({
    mutationFn: (body: CaseInput) => unwrap(api.POST('/api/v1/cases', { body })),
    onSuccess: invalidate,
  });
};

export const useUpdateCase = (id: string) => {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateCases();
  return useMutation({
    mutationFn: (body: CasePatch) =>
      unwrap(api.PATCH('/api/v1/cases/{id}', { params: { path: { id } }, body })),
    onSuccess: (updated) => {
      queryClient.setQueryData(caseQuery(id).queryKey, updated);
      invalidate();
    },
  });
};

export const useAddCaseMessage = (id: string) => {
  const invalidate = useInvalidateCases();
  return useMutation({
    mutationFn: (body: CaseMessageInput) =>
      unwrap(api.POST('/api/v1/cases/{id}/messages', { params: { path: { id } }, body })),
    onSuccess: invalidate,
  });
};
