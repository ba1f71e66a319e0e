import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

/** The dashboard as GET /data-quality answers it: counts and shares, never values. */
export type QualityDashboard = components['schemas']['QualityDashboard'];
export type CategoryQuality = QualityDashboard['categories'][number];
export type QualityList = components['schemas']['QualityList'];
export type QualityCheck = QualityList['check'];
export type QualityCategory = CategoryQuality['category'];

export const qualityDashboardQuery = () =>
  queryOptions({
    queryKey: ['data-quality'] as const,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/data-quality', { signal })),
  });

export const qualityListQuery = (input: {
  check: QualityCheck;
  category?: QualityCategory;
  page: number;
  pageSize: number;
}) =>
  queryOptions({
    queryKey: ['data-quality', 'list', input] as const,
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/data-quality/lists/{check}', {
          params: {
            path: { check: input.check },
            query: { category: input.category, page: input.page, pageSize: input.pageSize },
          },
          signal,
        }),
      ),
  });

export const markVerified = (id: string) =>
  unwrap(api.POST('/api/v1/persons/{id}/verified', { params: { path: { id } } }));

export const saveStaleMonths = (staleMonths: number) =>
  unwrap(api.PUT('/api/v1/data-quality/settings', { body: { staleMonths } }));
