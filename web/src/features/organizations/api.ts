import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { OrganizationInput, OrganizationListQuery, OrganizationPatch } from '../../api/types';

export const organizationsListQuery = (query: OrganizationListQuery) =>
  queryOptions({
    queryKey: ['organizations', 'list', query] as const,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/organizations', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });

export const organizationQuery = (id: string) =>
  queryOptions({
    queryKey: ['organizations', 'detail', id] as const,
    queryFn: () => unwrap(api.GET('/api/v1/organizations/{id}', { params: { path: { id } } })),
  });

export const useCreateOrganization = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: OrganizationInput) => unwrap(api.POST('/api/v1/organizations', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['organizations', 'list'] }),
  });
};

export const useUpdateOrganization = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: OrganizationPatch) =>
      unwrap(api.PATCH('/api/v1/organizations/{id}', { params: { path: { id } }, body })),
    onSuccess: (organization) => {
      queryClient.setQueryData(organizationQuery(id).queryKey, organization);
      void queryClient.invalidateQueries({ queryKey: ['organizations', 'list'] });
    },
  });
};
