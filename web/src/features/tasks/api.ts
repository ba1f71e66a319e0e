import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { RequestOf, ResponseOf } from '../../api/types';

export type MyDay = ResponseOf<'/api/v1/my-day', 'get'>;
export type Task = MyDay['todayTasks'][number];
export type DealClosingSoon = MyDay['deals'][number];
export type TaskInput = RequestOf<'/api/v1/tasks', 'post'>;
export type TaskPatch = RequestOf<'/api/v1/tasks/{id}', 'patch'>;

export const myDayQuery = queryOptions({
  queryKey: ['my-day'] as const,
  queryFn: ({ signal }) => unwrap(api.GET('/api/v1/my-day', { signal })),
});

const useInvalidateTasks = () => {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['my-day'] });
    void queryClient.invalidateQueries({ queryKey: ['tasks'] });
    void queryClient.invalidateQueries({ queryKey: ['accounts'] });
  };
};

export const useCreateTask = () => {
  const invalidate = useInvalidateTasks();
  return useMutation({
    mutationFn: (body: TaskInput) => unwrap(api.POST('/api/v1/tasks', { body })),
    onSuccess: invalidate,
  });
};

export const useUpdateTask = () => {
  const invalidate = useInvalidateTasks();
  return useMutation({
    mutationFn: ({ id, ...body }: TaskPatch & { id: string }) =>
      unwrap(api.PATCH('/api/v1/tasks/{id}', { params: { path: { id } }, body })),
    onSuccess: invalidate,
  });
};
