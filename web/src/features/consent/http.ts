import { api, unwrap } from '../../api/client';

/*
 * The consent and marketing endpoints (issue 6) are built in parallel with this UI, so their paths are
 * not in the generated schema yet. These helpers go through the same client (Accept-Language, CSRF
 * header, ApiError on failure) with the path as a plain string; the response types are hand-written
 * from the API contract in ./types.ts.
 */
type Init = { body?: unknown; signal?: AbortSignal };
type Result = Promise<{ data?: unknown; error?: unknown; response: Response }>;
type LooseClient = Record<'GET' | 'POST' | 'PUT' | 'PATCH', (path: string, init?: Init) => Result>;
const client = api as unknown as LooseClient;

/** Builds `/api/v1/<path>` from segments (each URL-encoded) and an optional query. */
export const apiPath = (segments: string[], query?: Record<string, string | undefined>) => {
  const path = `/api/v1/${segments.map(encodeURIComponent).join('/')}`;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) if (value) params.set(key, value);
  const search = params.toString();
  return search ? `${path}?${search}` : path;
};

export const getJson = <T>(path: string, signal?: AbortSignal) =>
  unwrap(client.GET(path, { signal })) as Promise<T>;
export const postJson = <T>(path: string, body: unknown = {}) =>
  unwrap(client.POST(path, { body })) as Promise<T>;
export const putJson = <T>(path: string, body: unknown) => unwrap(client.PUT(path, { body })) as Promise<T>;
export const patchJson = <T>(path: string, body: unknown) =>
  unwrap(client.PATCH(path, { body })) as Promise<T>;
