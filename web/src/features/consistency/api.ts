import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

/** The report as POST /consistency-reports answers it; personal data, kept only in the page's memory. */
export type ConsistencyReport = components['schemas']['ConsistencyReport'];
export type ConsistencyMapping = ConsistencyReport['mapping'];
export type ConsistencyTarget = ConsistencyMapping[string];

export const CONSISTENCY_TARGETS: ConsistencyTarget[] = [
  'id',
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
];

const query = (file: File, mapping: ConsistencyMapping | undefined, format: 'json' | 'csv') => ({
  fileName: file.name,
  format,
  ...(mapping ? { mapping: JSON.stringify(mapping) } : {}),
});

/** Uploads the file as the raw body: the server reads it as a stream, nothing is stored. */
export const compareFile = (file: File, mapping?: ConsistencyMapping) =>
  unwrap(
    api.POST('/api/v1/consistency-reports', {
      params: { query: query(file, mapping, 'json') },
      body: file as never,
      bodySerializer: (body: unknown) => body as BodyInit,
      headers: { 'content-type': file.type || 'application/octet-stream' },
    }),
  ) as Promise<ConsistencyReport>;

/** The same report as CSV (formulas escaped), saved through a temporary link. */
export const downloadReportCsv = async (file: File, mapping: ConsistencyMapping) => {
  const blob = (await unwrap(
    api.POST('/api/v1/consistency-reports', {
      params: { query: query(file, mapping, 'csv') },
      body: file as never,
      bodySerializer: (body: unknown) => body as BodyInit,
      headers: { 'content-type': file.type || 'application/octet-stream' },
      parseAs: 'blob',
    }),
  )) as unknown as Blob;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = 'consistency-report.csv';
  link.click();
  URL.revokeObjectURL(url);
};
