import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { InteractionInput, PersonInput, PersonListQuery, PersonPatch } from '../../api/types';

export const personsListQuery = (query: PersonListQuery) =>
  queryOptions({
    queryKey: ['persons', 'list', query] as const,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/persons', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });

export const personQuery = (id: string) =>
  queryOptions({
    queryKey: ['persons', 'detail', id] as const,
    queryFn: () => unwrap(api.GET('/api/v1/persons/{id}', { params: { path: { id } } })),
  });

export const interactionsQuery = (personId: string) =>
  queryOptions({
    queryKey: ['persons', 'detail', personId, 'interactions'] as const,
    queryFn: () =>
      unwrap(api.GET('/api/v1/persons/{id}/interactions', { params: { path: { id: personId } } })),
  });

/** Who changed which of the person's fields when (values as the viewer's role may read them). */
export const personHistoryQuery = (personId: string) =>
  queryOptions({
    queryKey: ['persons', 'detail', personId, 'history'] as const,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/persons/{id}/history', { params: { path: { id: personId } }, signal })),
  });

export const useCreatePerson = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PersonInput) => unwrap(api.POST('/api/v1/persons', { body })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['persons', 'list'] });
      // The organisation's list of contact persons and its person count change too.
      void queryClient.invalidateQueries({ queryKey: ['organizations'] });
    },
  });
};

export const useUpdatePerson = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PersonPatch) =>
      unwrap(api.PATCH('/api/v1/persons/{id}', { params: { path: { id } }, body })),
    onSuccess: (person) => {
      queryClient.setQueryData(personQuery(id).queryKey, person);
      void queryClient.invalidateQueries({ queryKey: personHistoryQuery(id).queryKey });
      void queryClient.invalidateQueries({ queryKey: ['persons', 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['organizations'] });
    },
  });
};

export const useAddInteraction = (personId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: InteractionInput) =>
      unwrap(api.POST('/api/v1/persons/{id}/interactions', { params: { path: { id: personId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: interactionsQuery(personId).queryKey }),
  });
};
