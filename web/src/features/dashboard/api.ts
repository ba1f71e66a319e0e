import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { ResponseOf } from '../../api/types';
import type { Currency, Grouping } from './periods';

export type RevenueReport = ResponseOf<'/api/v1/reports/revenue', 'get'>;
export type PipelineReport = ResponseOf<'/api/v1/reports/pipeline', 'get'>;
export type CasesByAgeReport = ResponseOf<'/api/v1/reports/cases-by-age', 'get'>;

export const revenueQuery = (
  query: { from: string; to: string; groupBy: Grouping; currency: Currency },
  language: string,
) =>
  queryOptions({
    // the language is part of the key: the server names the group-less series in it
    queryKey: ['reports', 'revenue', query, language] as const,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/reports/revenue', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });

export const pipelineQuery = queryOptions({
  queryKey: ['reports', 'pipeline'] as const,
  queryFn: ({ signal }) => unwrap(api.GET('/api/v1/reports/pipeline', { signal })),
});

export const casesByAgeQuery = queryOptions({
  queryKey: ['reports', 'cases-by-age'] as const,
  queryFn: ({ signal }) => unwrap(api.GET('/api/v1/reports/cases-by-age', { signal })),
});
