import { infiniteQueryOptions, useMutation } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { AuditQuery } from '../../api/types';

/** Entries per request; "older entries" asks for the next page before the smallest seq shown. */
export const AUDIT_PAGE_SIZE = 50;

export type AuditFilter = Omit<AuditQuery, 'beforeSeq' | 'limit'>;

/** The audit trail, newest first, paged backwards by sequence number. Always fetched fresh. */
export const auditQuery = (filter: AuditFilter) =>
  infiniteQueryOptions({
    queryKey: ['audit', 'list', filter] as const,
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/audit', {
          params: { query: { ...filter, beforeSeq: pageParam, limit: AUDIT_PAGE_SIZE } },
          signal,
        }),
      ),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) =>
      last.items.length < AUDIT_PAGE_SIZE ? undefined : Math.min(...last.items.map((entry) => entry.seq)),
    staleTime: 0,
  });

/** Checks the tenant's hash chain on demand (it reads every entry, so only when asked). */
export const useVerifyAudit = () =>
  useMutation({ mutationFn: () => unwrap(api.GET('/api/v1/audit/verify')) });
