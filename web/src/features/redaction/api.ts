import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type RedactionFinding = components['schemas']['RedactionFinding'];
export type RedactionDetail = components['schemas']['RedactionDetail'];
export type RedactionHit = RedactionDetail['hits'][number];
export type RedactionStatus = RedactionFinding['status'];

export const redactionsQuery = (status: RedactionStatus) =>
  queryOptions({
    queryKey: ['redactions', 'list', status] as const,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/redactions', { params: { query: { status, limit: 200 } }, signal })),
  });

export const redactionQuery = (id: string) =>
  queryOptions({
    queryKey: ['redactions', 'detail', id] as const,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/redactions/{id}', { params: { path: { id } }, signal })),
  });

export const redactFinding = (id: string, spans?: Pick<RedactionHit, 'kind' | 'start' | 'end'>[]) =>
  unwrap(
    api.POST('/api/v1/redactions/{id}/redact', { params: { path: { id } }, body: spans ? { spans } : {} }),
  );

export const dismissFinding = (id: string, reason: string) =>
  unwrap(api.POST('/api/v1/redactions/{id}/dismiss', { params: { path: { id } }, body: { reason } }));

export const sendNotice = (id: string, language: 'de' | 'en') =>
  unwrap(api.POST('/api/v1/redactions/{id}/notice', { params: { path: { id } }, body: { language } }));
