import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { RequestOf, ResponseOf } from '../../api/types';
import { useDebouncedValue } from '../../lib/use-debounced-value';

export type ContactCheckInput = RequestOf<'/api/v1/contact-checks', 'post'>;
export type ContactCheckResult = ResponseOf<'/api/v1/contact-checks', 'post'>;

/** The server's checks of what is being typed; a pure question, so it is cached like a read. */
export const contactCheckQuery = (body: ContactCheckInput) =>
  queryOptions({
    queryKey: ['contact-checks', body] as const,
    queryFn: ({ signal }) => unwrap(api.POST('/api/v1/contact-checks', { body, signal })),
    staleTime: 5 * 60_000,
    retry: false,
  });

/**
 * Checks `body` once it has not changed for 300 ms; nothing is asked while `enabled` is false. The
 * answer is only used while it still belongs to the current (debounced) input.
 */
export const useContactCheck = (body: ContactCheckInput, enabled: boolean) => {
  const key = JSON.stringify(enabled ? body : null);
  const debouncedKey = useDebouncedValue(key, 300);
  const settled = debouncedKey === key;
  const debounced = JSON.parse(debouncedKey) as ContactCheckInput | null;
  const query = useQuery({ ...contactCheckQuery(debounced ?? {}), enabled: debounced !== null });
  const current = settled && debounced !== null && !query.isPlaceholderData ? query.data : undefined;
  return current;
};
