import { queryOptions } from '@tanstack/react-query';
import { ApiError, isApiError, toApiError } from '../../api/errors';
import i18n from '../../i18n';
import type { PortalMe, PortalRequestCreated, PortalRequestInput, PortalSession } from './types';

/**
 * The portal's session is the httpOnly cookie `custos_portal` (path /api/v1/portal); state-changing
 * calls also need its CSRF token in `x-portal-csrf`. The token is kept in memory and in
 * sessionStorage (so a reload in the same tab keeps working; a new tab or window has to sign in again).
 */
const CSRF_KEY = 'custos.portal.csrf';
let csrfInMemory: string | null = null;

export const portalCsrf = {
  get(): string | null {
    if (csrfInMemory) return csrfInMemory;
    try {
      csrfInMemory = window.sessionStorage.getItem(CSRF_KEY);
    } catch {
      // no storage (private mode): memory only
    }
    return csrfInMemory;
  },
  set(token: string | null) {
    csrfInMemory = token;
    try {
      if (token) window.sessionStorage.setItem(CSRF_KEY, token);
      else window.sessionStorage.removeItem(CSRF_KEY);
    } catch {
      // memory only
    }
  },
};

const BASE = '/api/v1/portal';
const language = () => (i18n.language === 'en' ? 'en' : 'de');

const send = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response> => {
  const headers: Record<string, string> = { 'Accept-Language': language() };
  if (method !== 'GET') {
    headers['content-type'] = 'application/json';
    const csrf = portalCsrf.get();
    if (csrf) headers['x-portal-csrf'] = csrf;
  }
  let response: Response;
  try {
    response = await fetch(`${BASE}${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
    });
  } catch (cause) {
    throw new ApiError(0, { code: 'network_error', message: '' }, { cause });
  }
  if (!response.ok) {
    const errorBody = await response.json().catch(() => null);
    throw toApiError(response.status, errorBody);
  }
  return response;
};

const json = async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
  const response = await send(method, path, body);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
};

/** True when the portal session is missing or over (the person has to request a new link). */
export const isPortalSessionMissing = (error: unknown) => isApiError(error) && error.status === 401;

export const portalApi = {
  requestLink: (email: string) => json<unknown>('POST', '/login', { email, language: language() }),
  startSession: (token: string) => json<PortalSession>('POST', '/session', { token }),
  me: () => json<PortalMe>('GET', '/me'),
  withdrawConsent: (consentId: string) =>
    json<unknown>('POST', `/consents/${encodeURIComponent(consentId)}/withdraw`, {}),
  object: (personId: string) => json<unknown>('POST', '/objection', { personId }),
  createRequest: (input: PortalRequestInput) => json<PortalRequestCreated>('POST', '/requests', input),
  logout: () => json<void>('POST', '/logout', {}),
  /** The access export of one person as a Blob plus the file name the server suggests. */
  exportData: async (personId: string): Promise<{ blob: Blob; fileName: string | null }> => {
    const response = await send('GET', `/export?personId=${encodeURIComponent(personId)}`);
    const disposition = response.headers.get('content-disposition') ?? '';
    const fileName = /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? null;
    return { blob: await response.blob(), fileName };
  },
};

export const portalMeKey = ['portal', 'me'] as const;

export const portalMeQuery = queryOptions({
  queryKey: portalMeKey,
  queryFn: () => portalApi.me(),
  staleTime: 0,
  retry: false,
});

/**
 * One exchange per token: React's StrictMode runs effects twice in development, and a second
 * POST /portal/session would find the link used.
 */
const exchanges = new Map<string, Promise<PortalSession>>();
export const exchangeToken = (token: string): Promise<PortalSession> => {
  let pending = exchanges.get(token);
  if (!pending) {
    pending = portalApi.startSession(token).then((session) => {
      portalCsrf.set(session.csrfToken);
      return session;
    });
    exchanges.set(token, pending);
  }
  return pending;
};
