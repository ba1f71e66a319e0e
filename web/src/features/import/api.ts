import { queryOptions, useMutation } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/paths';
import type { components } from '../../api/schema';

export type PersonImport = components['schemas']['PersonImport'];
export type ImportSettings =
  paths['/api/v1/imports/{id}']['put']['requestBody']['content']['application/json'];
export type ImportReport = components['schemas']['ImportReport'];
export type ImportCommit = components['schemas']['ImportCommit'];
export type ImportMapping = components['schemas']['ImportMapping'];
export type ImportTarget = components['schemas']['ImportMapping']['mapping'][string];

/** The person fields a column can be mapped to (the API's list). */
export const IMPORT_TARGETS: readonly ImportTarget[] = [
  'firstName',
  'lastName',
  'fullName',
  'birthDate',
  'jobTitle',
  'email',
  'phone',
  'address.street',
  'address.houseNumber',
  'address.postalCode',
  'address.city',
  'address.country',
  'organization',
  'notes',
  'tags',
  'accessibilityNeeds',
];

export const importMappingsQuery = queryOptions({
  queryKey: ['imports', 'mappings'] as const,
  queryFn: () => unwrap(api.GET('/api/v1/import-mappings')),
});

/** Uploads the file as the raw body; the server tells format, encoding and delimiter. */
export const useUploadImport = () =>
  useMutation({
    mutationFn: (file: File) =>
      unwrap(
        api.POST('/api/v1/imports', {
          params: { query: { fileName: file.name } },
          body: file as unknown as string,
          bodySerializer: (body: unknown) => body as BodyInit,
          headers: { 'content-type': 'application/octet-stream' },
        }),
      ),
  });

export const useImportSettings = (id: string) =>
  useMutation({
    mutationFn: (body: ImportSettings) =>
      unwrap(api.PUT('/api/v1/imports/{id}', { params: { path: { id } }, body })),
  });

export const useDryRun = (id: string) =>
  useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/imports/{id}/dry-run', { params: { path: { id } } })),
  });

export const useCommitImport = (id: string) =>
  useMutation({
    mutationFn: (body: ImportCommit) =>
      unwrap(api.POST('/api/v1/imports/{id}/commit', { params: { path: { id } }, body })),
  });

export const reportCsvUrl = (id: string) => `/api/v1/imports/${id}/report.csv`;
