import createClient, { type Middleware } from 'openapi-fetch';
import { ApiError, toApiError } from './errors';
import type { paths } from './paths';

/** The CSRF token of the current session, taken from the login or session response. */
let csrfToken: string | null = null;
export const setCsrfToken = (token: string | null) => {
  csrfToken = token;
};

/** Returns the language to announce in Accept-Language; set by the i18n module. */
let currentLanguage: () => string = () => 'de';
export const setLanguageSource = (source: () => string) => {
  currentLanguage = source;
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const sessionHeaders: Middleware = {
  onRequest({ request }) {
    request.headers.set('Accept-Language', currentLanguage());
    if (!SAFE_METHODS.has(request.method) && csrfToken) request.headers.set('x-csrf-token', csrfToken);
    return request;
  },
};

/** Typed client for /api/v1; paths come from `paths.ts` (hand-written now, generated later). */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(sessionHeaders);

type FetchResult<T> = { data?: T; error?: unknown; response: Response };

/**
 * Turns an openapi-fetch result into the data or a thrown ApiError, so TanStack Query sees
 * failures as errors. Network failures surface as ApiError with status 0.
 */
export const unwrap = async <T>(call: Promise<FetchResult<T>>): Promise<T> => {
  let result: FetchResult<T>;
  try {
    result = await call;
  } catch (cause) {
    throw new ApiError(0, { code: 'network_error', message: '' }, { cause });
  }
  if (!result.response.ok) throw toApiError(result.response.status, result.error);
  return result.data as T;
};
