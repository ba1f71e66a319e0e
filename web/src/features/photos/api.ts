import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { isApiError } from '../../api/errors';
import type { paths } from '../../api/paths';

export type PhotoUpload =
  paths['/api/v1/persons/{id}/photo']['put']['requestBody']['content']['application/json'];

/** The photo's facts, or null when the person has none (404). */
export const photoInfoQuery = (personId: string) =>
  queryOptions({
    queryKey: ['persons', 'detail', personId, 'photo'] as const,
    queryFn: async () => {
      try {
        return await unwrap(
          api.GET('/api/v1/persons/{id}/photo/info', { params: { path: { id: personId } } }),
        );
      } catch (error) {
        if (isApiError(error) && error.status === 404) return null;
        throw error;
      }
    },
  });

/** The image as an object URL (each fetch is an audited read on the server). */
export const photoImageQuery = (personId: string, uploadedAt: string) =>
  queryOptions({
    queryKey: ['persons', 'detail', personId, 'photo', 'image', uploadedAt] as const,
    queryFn: async ({ signal }) => {
      const res = await fetch(`/api/v1/persons/${personId}/photo`, { credentials: 'same-origin', signal });
      if (!res.ok) throw new Error(`photo ${res.status}`);
      return URL.createObjectURL(await res.blob());
    },
    staleTime: Number.POSITIVE_INFINITY,
  });

/** A file as base64 (without the data: prefix). */
export const fileToBase64 = (file: Blob) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });

export const useUploadPhoto = (personId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PhotoUpload) =>
      unwrap(api.PUT('/api/v1/persons/{id}/photo', { params: { path: { id: personId } }, body })),
    onSuccess: (photo) => queryClient.setQueryData(photoInfoQuery(personId).queryKey, photo),
  });
};

export const useDeletePhoto = (personId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(api.DELETE('/api/v1/persons/{id}/photo', { params: { path: { id: personId } } })),
    onSuccess: () => queryClient.setQueryData(photoInfoQuery(personId).queryKey, null),
  });
};
