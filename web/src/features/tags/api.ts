import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { TagColor } from '../../api/types';

export const TAG_COLORS: readonly TagColor[] = [
  'gray',
  'red',
  'orange',
  'yellow',
  'green',
  'blue',
  'purple',
  'pink',
];

export const tagsQuery = queryOptions({
  queryKey: ['tags'] as const,
  queryFn: () => unwrap(api.GET('/api/v1/tags')),
  staleTime: 60_000,
});

export const useCreateTag = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; color: TagColor }) => unwrap(api.POST('/api/v1/tags', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tagsQuery.queryKey }),
  });
};
