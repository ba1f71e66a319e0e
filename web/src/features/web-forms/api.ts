import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

/** Public web forms (issue 8): the staff API, with the generated types. */
export type WebForm = components['schemas']['WebForm'];
export type WebFormInput = components['schemas']['WebFormCreate'];
export type WebFormField = components['schemas']['WebFormField'];
export type WebFormSnippet = components['schemas']['WebFormSnippet'];
export type WebFormSubmission = components['schemas']['WebFormSubmission'];
export type SubmissionSummary = components['schemas']['WebFormSubmissionList']['items'][number];

export const webFormsQuery = () =>
  queryOptions({
    queryKey: ['web-forms'] as const,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/web-forms', { signal })),
  });

export const webFormQuery = (id: string) =>
  queryOptions({
    queryKey: ['web-forms', id] as const,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/web-forms/{id}', { params: { path: { id } }, signal })),
  });

export const snippetQuery = (id: string) =>
  queryOptions({
    queryKey: ['web-forms', id, 'snippet'] as const,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/web-forms/{id}/snippet', { params: { path: { id } }, signal })),
  });

export const submissionsQuery = (id: string) =>
  queryOptions({
    queryKey: ['web-forms', id, 'submissions'] as const,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/web-forms/{id}/submissions', { params: { path: { id }, query: {} }, signal })),
  });

export const submissionQuery = (id: string) =>
  queryOptions({
    queryKey: ['web-form-submission', id] as const,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/web-forms/submissions/{id}', { params: { path: { id } }, signal })),
  });

const useInvalidate = () => {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: ['web-forms'] });
};

export const useCreateWebForm = () => {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: WebFormInput) => unwrap(api.POST('/api/v1/web-forms', { body })),
    onSuccess: invalidate,
  });
};

export const useUpdateWebForm = () => {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...body }: Partial<Omit<WebFormInput, 'kind'>> & { id: string }) =>
      unwrap(api.PATCH('/api/v1/web-forms/{id}', { params: { path: { id } }, body })),
    onSuccess: invalidate,
  });
};

export const useDecideSubmission = () => {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async ({ id, decision }: { id: string; decision: 'accept' | 'discard' }) =>
      decision === 'accept'
        ? unwrap(api.POST('/api/v1/web-forms/submissions/{id}/accept', { params: { path: { id } } }))
        : unwrap(api.POST('/api/v1/web-forms/submissions/{id}/discard', { params: { path: { id } } })),
    onSuccess: invalidate,
  });
};
