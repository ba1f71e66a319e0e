import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { ResponseOf } from '../../api/types';

export type CustomerGroup = ResponseOf<'/api/v1/customer-groups', 'get'>['items'][number];

export const customerGroupsQuery = queryOptions({
  queryKey: ['customer-groups'] as const,
  queryFn: () => unwrap(api.GET('/api/v1/customer-groups')),
  staleTime: 5 * 60_000,
});

export const useCreateCustomerGroup = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => unwrap(api.POST('/api/v1/customer-groups', { body: { name } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['customer-groups'] }),
  });
};

export const useRenameCustomerGroup = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, name }: { id: string; name: string }) =>
      unwrap(api.PATCH('/api/v1/customer-groups/{id}', { params: { path: { id } }, body: { name } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['customer-groups'] }),
  });
};
