import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

import type { components } from '../../api/schema';

/** The self-check report as GET /self-check answers it (ids and counts, no personal data). */
export type SelfCheckReport = components['schemas']['SelfCheckReport'];
export type Finding = SelfCheckReport['findings'][number];
export type CheckId = Finding['check'];
export type FindingRef = Finding['refs'][number];

export const selfCheckQuery = () =>
  queryOptions({
    queryKey: ['self-check'] as const,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/self-check', { signal })),
    // a check runs over the whole tenant: run it when asked, not on every focus
    refetchOnWindowFocus: false,
  });
