import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/paths';
import type { RequestOf, ResponseOf } from '../../api/types';

/**
 * Data protection impact assessments (Art. 35). The shapes follow the DPIA schemas of the API
 * (src/modules/dpia/dpia.schemas.ts); the shared client adds session headers, CSRF and language.
 */

export const MANUAL_GROUPS = {
  art35: ['art35_3_a', 'art35_3_b', 'art35_3_c'],
  dsk: [
    'dsk_biometric_genetic',
    'dsk_secrecy',
    'dsk_location',
    'dsk_merging_sources',
    'dsk_public_capture',
    'dsk_behaviour_scoring',
    'dsk_employee_monitoring',
    'dsk_profiles',
    'dsk_ai',
    'dsk_sensors_telemetry',
    'dsk_fraud_dlp',
    'dsk_anonymisation_art9',
  ],
  wp248: [
    'wp248_evaluation',
    'wp248_automated_decision',
    'wp248_monitoring',
    'wp248_sensitive',
    'wp248_large_scale',
    'wp248_matching',
    'wp248_vulnerable',
    'wp248_innovative',
    'wp248_prevents_rights',
  ],
} as const;

export const QUESTIONS = [
  { key: 'processing', step: 'description', required: true },
  { key: 'data_subjects', step: 'description', required: true },
  { key: 'systems_recipients', step: 'description', required: true },
  { key: 'legitimate_interest', step: 'description', required: false },
  { key: 'necessity', step: 'necessity', required: true },
  { key: 'minimisation', step: 'necessity', required: true },
  { key: 'subject_rights', step: 'necessity', required: true },
] as const;

export const STEPS = [1, 2, 3, 4] as const;

export type PurposeScreening = ResponseOf<'/api/v1/dpias/screening', 'get'>['items'][number];
export type PurposeState = PurposeScreening['status'];
export type Dpia = ResponseOf<'/api/v1/dpias/{id}', 'get'>;
export type DpiaStatus = Dpia['status'];
export type Risk = Dpia['risks'][number];
export type RiskLevel = Risk['level'];
export type Measure = Risk['measures'][number];
export type DpiaPatch = RequestOf<'/api/v1/dpias/{id}', 'patch'>;
export type RiskInput = NonNullable<DpiaPatch['risks']>[number];
type ScreeningPut = NonNullable<
  paths['/api/v1/dpias/screening/{purposeId}']['put']['requestBody']
>['content']['application/json'];
export type DpiaSignOff = RequestOf<'/api/v1/dpias/{id}/sign-off', 'post'>;

/** Risk input from a stored risk (the PATCH replaces the whole list). */
export const toRiskInput = (r: Risk): RiskInput => ({
  id: r.id,
  title: r.title,
  description: r.description,
  likelihood: r.likelihood,
  severity: r.severity,
  measures: r.measures,
  residualLikelihood: r.residualLikelihood,
  residualSeverity: r.residualSeverity,
});

export const screeningQuery = () =>
  queryOptions({
    queryKey: ['dpias', 'screening'] as const,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/dpias/screening', { signal })),
  });

export const dpiaQuery = (id: string) =>
  queryOptions({
    queryKey: ['dpias', 'detail', id] as const,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/dpias/{id}', { params: { path: { id } }, signal })),
  });

type FetchResult<T> = { data?: T; error?: unknown; response: Response };

const useDpiaMutation = <I, O>(call: (input: I) => Promise<FetchResult<O>>) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: I) => unwrap(call(input)),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['dpias'] }),
  });
};

export const useSaveScreening = () =>
  useDpiaMutation(({ purposeId, ...body }: ScreeningPut & { purposeId: string }) =>
    api.PUT('/api/v1/dpias/screening/{purposeId}', { params: { path: { purposeId } }, body }),
  );

export const useStartDpia = () =>
  useDpiaMutation((body: { purposeId: string }) => api.POST('/api/v1/dpias', { body }));

export const useUpdateDpia = (id: string) =>
  useDpiaMutation((body: DpiaPatch) => api.PATCH('/api/v1/dpias/{id}', { params: { path: { id } }, body }));

export const useSignOffDpia = (id: string) =>
  useDpiaMutation((body: DpiaSignOff) =>
    api.POST('/api/v1/dpias/{id}/sign-off', { params: { path: { id } }, body }),
  );

export const useReviewDpia = (id: string) =>
  useDpiaMutation((_: undefined) => api.POST('/api/v1/dpias/{id}/review', { params: { path: { id } } }));

export const pdfUrl = (id: string, lang: string) =>
  `/api/v1/dpias/${id}/export.pdf?lang=${lang.startsWith('en') ? 'en' : 'de'}`;
