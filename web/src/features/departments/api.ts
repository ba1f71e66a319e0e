import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

export const departmentsQuery = queryOptions({
  queryKey: ['departments'] as const,
  queryFn: () => unwrap(api.GET('/api/v1/departments')),
  staleTime: 60_000,
});

export const useCreateDepartment = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string }) => unwrap(api.POST('/api/v1/departments', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: departmentsQuery.queryKey }),
  });
};
