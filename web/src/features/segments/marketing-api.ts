import { api, unwrap } from '../../api/client';

type Init = {
  params?: { path?: Record<string, string>; query?: Record<string, string | number | undefined> };
  body?: unknown;
  signal?: AbortSignal;
};
type Result = Promise<{ data?: unknown; error?: unknown; response: Response }>;
type UntypedClient = Record<
  'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  (path: string, init?: Init) => Result
>;

/**
 * The shared API client (session cookie, CSRF header, Accept-Language) for the marketing routes
 * that are not in the generated schema yet. Once `npm run openapi` has them, the typed `api` can
 * replace these calls one by one.
 */
const untyped = api as unknown as UntypedClient;

export const call = <T>(method: keyof UntypedClient, path: string, init?: Init): Promise<T> =>
  unwrap(untyped[method](`/api/v1${path}`, init)) as Promise<T>;
