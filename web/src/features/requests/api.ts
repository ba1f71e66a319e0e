import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { RequestOf } from '../../api/types';
import type {
  LetterKind,
  LockableField,
  NotificationPatch,
  RequestDetail,
  RequestInput,
  RequestLocale,
  RequestSettingsPut,
} from './types';

export type InboxFilter = 'open' | 'closed' | 'all';

export const requestsListQuery = (status: InboxFilter) =>
  queryOptions({
    queryKey: ['requests', 'list', status] as const,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/requests', { params: { query: { status } }, signal })),
    placeholderData: keepPreviousData,
  });

export const personRequestsQuery = (personId: string) =>
  queryOptions({
    queryKey: ['requests', 'list', 'person', personId] as const,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/requests', { params: { query: { status: 'all', personId } }, signal })),
  });

export const requestQuery = (id: string) =>
  queryOptions({
    queryKey: ['requests', 'detail', id] as const,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/requests/{id}', { params: { path: { id } }, signal })),
  });

export const requestLettersQuery = (id: string) =>
  queryOptions({
    queryKey: ['requests', 'detail', id, 'letters'] as const,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/requests/{id}/letters', { params: { path: { id } }, signal })),
  });

export const requestNotificationsQuery = (id: string) =>
  queryOptions({
    queryKey: ['requests', 'detail', id, 'notifications'] as const,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/requests/{id}/notifications', { params: { path: { id } }, signal })),
  });

export const requestSettingsQuery = () =>
  queryOptions({
    queryKey: ['requests', 'settings'] as const,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/requests/settings', { signal })),
  });

export const letterTemplatesQuery = () =>
  queryOptions({
    queryKey: ['letter-templates'] as const,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/letter-templates', { signal })),
  });

export const fieldLocksQuery = (personId: string) =>
  queryOptions({
    queryKey: ['persons', 'detail', personId, 'field-locks'] as const,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/persons/{id}/field-locks', { params: { path: { id: personId } }, signal })),
  });

/** Links the browser follows itself (the session cookie goes along): PDF letters and exports. */
export const letterPdfUrl = (letterId: string) => `/api/v1/letters/${encodeURIComponent(letterId)}/pdf`;
export const exportUrl = (requestId: string, format: 'json' | 'csv') =>
  `/api/v1/requests/${encodeURIComponent(requestId)}/export${format === 'csv' ? '?format=csv' : ''}`;

export const useCreateRequest = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RequestInput) => unwrap(api.POST('/api/v1/requests', { body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['requests', 'list'] }),
  });
};

/** Every change of a request answers the whole request: keep it, refresh lists and the person. */
const useRequestMutation = <V>(id: string, call: (vars: V) => Promise<RequestDetail>) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (updated) => {
      queryClient.setQueryData(requestQuery(id).queryKey, updated);
      void queryClient.invalidateQueries({ queryKey: ['requests', 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['requests', 'detail', id] });
      // fulfilling changes (or erases) the person
      void queryClient.invalidateQueries({ queryKey: ['persons'] });
    },
  });
};

const path = (id: string) => ({ params: { path: { id } } });

export const useAddVerification = (id: string) =>
  useRequestMutation(id, (body: RequestOf<'/api/v1/requests/{id}/verification', 'post'>) =>
    unwrap(api.POST('/api/v1/requests/{id}/verification', { ...path(id), body })),
  );

export const useExtendRequest = (id: string) =>
  useRequestMutation(id, (body: RequestOf<'/api/v1/requests/{id}/extend', 'post'>) =>
    unwrap(api.POST('/api/v1/requests/{id}/extend', { ...path(id), body })),
  );

export const useRefuseRequest = (id: string) =>
  useRequestMutation(id, (body: RequestOf<'/api/v1/requests/{id}/refuse', 'post'>) =>
    unwrap(api.POST('/api/v1/requests/{id}/refuse', { ...path(id), body })),
  );

export const useAssignRequest = (id: string) =>
  useRequestMutation(id, (body: RequestOf<'/api/v1/requests/{id}', 'patch'>) =>
    unwrap(api.PATCH('/api/v1/requests/{id}', { ...path(id), body })),
  );

export const useFulfilRequest = (id: string) =>
  useRequestMutation(id, (body: RequestOf<'/api/v1/requests/{id}/fulfil', 'post'>) =>
    unwrap(api.POST('/api/v1/requests/{id}/fulfil', { ...path(id), body })),
  );

export const useCreateLetter = (requestId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { kind: LetterKind; locale?: RequestLocale }) =>
      unwrap(api.POST('/api/v1/requests/{id}/letters', { ...path(requestId), body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['requests', 'detail', requestId] }),
  });
};

export const useMarkLetterSent = (requestId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (letterId: string) => unwrap(api.POST('/api/v1/letters/{id}/sent', path(letterId))),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['requests', 'detail', requestId] }),
  });
};

/** Sends the letter to the person's e-mail address (SMTP or the outbox) and marks it sent. */
export const useEmailLetter = (requestId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (letterId: string) => unwrap(api.POST('/api/v1/letters/{id}/email', path(letterId))),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['requests', 'detail', requestId] }),
  });
};

export const useUpdateNotification = (requestId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: NotificationPatch & { id: string }) =>
      unwrap(api.PATCH('/api/v1/recipient-notifications/{id}', { ...path(id), body })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: requestNotificationsQuery(requestId).queryKey });
      // the DPO's Art. 19 worklist across requests (features/recipients)
      void queryClient.invalidateQueries({ queryKey: ['recipient-notifications'] });
    },
  });
};

export const useSaveRequestSettings = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RequestSettingsPut) => unwrap(api.PUT('/api/v1/requests/settings', { body })),
    onSuccess: (saved) => {
      queryClient.setQueryData(requestSettingsQuery().queryKey, saved);
      void queryClient.invalidateQueries({ queryKey: ['requests', 'list'] });
    },
  });
};

export const useSaveTemplate = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      kind,
      locale,
      ...body
    }: {
      kind: LetterKind;
      locale: RequestLocale;
      subject: string;
      body: string;
    }) =>
      unwrap(
        api.PUT('/api/v1/letter-templates/{kind}/{locale}', { params: { path: { kind, locale } }, body }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: letterTemplatesQuery().queryKey }),
  });
};

export const useResetTemplate = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, locale }: { kind: LetterKind; locale: RequestLocale }) =>
      unwrap(api.DELETE('/api/v1/letter-templates/{kind}/{locale}', { params: { path: { kind, locale } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: letterTemplatesQuery().queryKey }),
  });
};

const useInvalidatePerson = (personId: string) => {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: ['persons', 'detail', personId] });
};

export const useLockField = (personId: string) => {
  const invalidate = useInvalidatePerson(personId);
  return useMutation({
    mutationFn: ({ field, reason }: { field: LockableField; reason?: string }) =>
      unwrap(
        api.PUT('/api/v1/persons/{id}/field-locks/{field}', {
          params: { path: { id: personId, field } },
          body: reason ? { reason } : {},
        }),
      ),
    onSuccess: invalidate,
  });
};

export const useUnlockField = (personId: string) => {
  const invalidate = useInvalidatePerson(personId);
  return useMutation({
    mutationFn: (field: LockableField) =>
      unwrap(
        api.DELETE('/api/v1/persons/{id}/field-locks/{field}', { params: { path: { id: personId, field } } }),
      ),
    onSuccess: invalidate,
  });
};

export const useLiftRestriction = (personId: string) => {
  const invalidate = useInvalidatePerson(personId);
  return useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/persons/{id}/restriction', path(personId))),
    onSuccess: invalidate,
  });
};
