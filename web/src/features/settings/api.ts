import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { PurposeInput, UserInput, UserPatch } from '../../api/types';
import { sessionKey } from '../auth/session';
import { catalogueQuery } from '../privacy/catalogue';

export const tokensQuery = queryOptions({
  queryKey: ['tokens'] as const,
  queryFn: () => unwrap(api.GET('/api/v1/tokens')),
});

export const usersQuery = queryOptions({
  queryKey: ['users'] as const,
  queryFn: () => unwrap(api.GET('/api/v1/users')),
});

export const useCreateToken = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string }) => unwrap(api.POST('/api/v1/tokens', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensQuery.queryKey }),
  });
};

export const useRevokeToken = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/tokens/{id}', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensQuery.queryKey }),
  });
};

export const useCreateUser = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UserInput) => unwrap(api.POST('/api/v1/users', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersQuery.queryKey }),
  });
};

export const useUpdateUser = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UserPatch & { id: string }) =>
      unwrap(api.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersQuery.queryKey }),
  });
};

export const useCreatePurpose = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PurposeInput) => unwrap(api.POST('/api/v1/purposes', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: catalogueQuery.queryKey }),
  });
};

/** TOTP set-up, enabling and disabling; the session is refreshed afterwards (totpEnabled). */
export const useTotp = () => {
  const queryClient = useQueryClient();
  const refreshSession = () => queryClient.invalidateQueries({ queryKey: sessionKey });
  return {
    setup: useMutation({ mutationFn: () => unwrap(api.POST('/api/v1/auth/totp/setup')) }),
    enable: useMutation({
      mutationFn: (code: string) => unwrap(api.POST('/api/v1/auth/totp/enable', { body: { code } })),
      onSuccess: refreshSession,
    }),
    disable: useMutation({
      mutationFn: (code: string) => unwrap(api.POST('/api/v1/auth/totp/disable', { body: { code } })),
      onSuccess: refreshSession,
    }),
  };
};
