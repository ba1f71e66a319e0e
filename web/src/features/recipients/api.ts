import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { RequestOf, ResponseOf } from '../../api/types';

export const RECIPIENT_KINDS = ['processor', 'controller', 'authority', 'internal_system', 'other'] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

export type Recipient = ResponseOf<'/api/v1/recipients', 'get'>['items'][number];
export type RecipientInput = RequestOf<'/api/v1/recipients', 'post'>;
export type RecipientPatch = RequestOf<'/api/v1/recipients/{id}', 'patch'>;
export type DisclosureList = ResponseOf<'/api/v1/persons/{id}/disclosures', 'get'>;
export type Disclosure = DisclosureList['items'][number];
export type DisclosureInput = RequestOf<'/api/v1/persons/{id}/disclosures', 'post'>;
export type DataCategory = DisclosureInput['categories'][number];
export type WorklistItem = ResponseOf<'/api/v1/recipient-notifications', 'get'>['items'][number];

/** The register; archived recipients only when asked (the disclosure form offers active ones). */
export const recipientsQuery = (includeArchived: boolean) =>
  queryOptions({
    queryKey: ['recipients', { includeArchived }] as const,
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/recipients', {
          params: { query: { includeArchived: includeArchived ? 'true' : 'false' } },
          signal,
        }),
      ),
  });

export const disclosuresQuery = (personId: string) =>
  queryOptions({
    queryKey: ['persons', 'detail', personId, 'disclosures'] as const,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/persons/{id}/disclosures', { params: { path: { id: personId } }, signal })),
  });

/** The DPO's Art. 19 worklist (open and sent notifications). */
export const openNotificationsQuery = () =>
  queryOptions({
    queryKey: ['recipient-notifications', 'open'] as const,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/recipient-notifications', { params: { query: { status: 'open' } }, signal })),
  });

export const useCreateRecipient = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RecipientInput) => unwrap(api.POST('/api/v1/recipients', { body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['recipients'] }),
  });
};

export const useUpdateRecipient = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: RecipientPatch & { id: string }) =>
      unwrap(api.PATCH('/api/v1/recipients/{id}', { params: { path: { id } }, body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['recipients'] }),
  });
};

export const useRecordDisclosure = (personId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: DisclosureInput) =>
      unwrap(api.POST('/api/v1/persons/{id}/disclosures', { params: { path: { id: personId } }, body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: disclosuresQuery(personId).queryKey }),
  });
};
