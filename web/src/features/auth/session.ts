import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken, unwrap } from '../../api/client';
import { ApiError, isApiError } from '../../api/errors';
import type { Session, SessionUser } from '../../api/types';

export const sessionKey = ['session'] as const;

/** The current session, or null when nobody is logged in (401). */
export const sessionQuery = queryOptions({
  queryKey: sessionKey,
  queryFn: async (): Promise<Session | null> => {
    try {
      const session = await unwrap(api.GET('/api/v1/auth/session'));
      setCsrfToken(session.csrfToken);
      return session;
    } catch (error) {
      if (isApiError(error) && error.status === 401) {
        setCsrfToken(null);
        return null;
      }
      throw error;
    }
  },
  staleTime: Number.POSITIVE_INFINITY,
  retry: false,
});

export const setupStatusQuery = queryOptions({
  queryKey: ['setup-status'] as const,
  queryFn: () => unwrap(api.GET('/api/v1/setup/status')),
  staleTime: Number.POSITIVE_INFINITY,
  retry: false,
});

export const useCurrentUser = (): SessionUser | null => useQuery(sessionQuery).data?.user ?? null;

/** Stores a fresh session after login or MFA. */
export const useStartSession = () => {
  const queryClient = useQueryClient();
  return (session: Session) => {
    setCsrfToken(session.csrfToken);
    queryClient.setQueryData(sessionKey, session);
  };
};

/** True for the error the server gives when the session has ended (not for wrong credentials). */
export const isSessionExpired = (error: unknown) =>
  error instanceof ApiError && error.status === 401 && error.code === 'unauthenticated';
