import { useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/errors';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { buttonClass } from '../../components/ui/button';
import { exchangeToken } from './portal-client';
import { usePageHeadingFocus } from './use-focus-on-mount';

const route = getRouteApi('/privacy/login');

const LINK_PROBLEMS = {
  link_expired: 'portal.login.expired',
  link_used: 'portal.login.used',
  link_invalid: 'portal.login.invalid',
} as const;

/** /privacy/login?token=…: exchanges the link's token for a session, then shows the person's data. */
export function PortalLoginPage() {
  const { t } = useTranslation();
  const { token } = route.useSearch();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const heading = usePageHeadingFocus<HTMLHeadingElement>();

  useEffect(() => {
    if (!token) return;
    let active = true;
    exchangeToken(token).then(
      () => {
        if (!active) return;
        // nothing of an earlier session in this tab may show; reset keeps the header's observer attached
        void queryClient.resetQueries({ queryKey: ['portal'] }).then(() =>
          // replace: the used link should not stay in the history
          navigate({ to: '/privacy/home', replace: true }),
        );
      },
      (cause: unknown) => {
        if (active) setError(cause);
      },
    );
    return () => {
      active = false;
    };
  }, [token, navigate, queryClient]);

  const code = isApiError(error) ? error.code : null;
  const problem = !token
    ? t('portal.login.missing')
    : code && code in LINK_PROBLEMS
      ? t(LINK_PROBLEMS[code as keyof typeof LINK_PROBLEMS])
      : null;

  return (
    <div className="flex flex-col gap-4">
      <h1 ref={heading} tabIndex={-1} className="text-2xl font-semibold focus:outline-none">
        {t('portal.login.heading')}
      </h1>
      {!token || error ? (
        <div className="flex flex-col gap-4" data-testid="portal-link-problem" data-code={code ?? 'missing'}>
          {problem ? (
            <p
              role="alert"
              className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900"
            >
              {problem}
            </p>
          ) : (
            <ErrorMessage error={error} />
          )}
          <div>
            <Link to="/privacy" className={buttonClass('primary')}>
              {t('portal.login.newLink')}
            </Link>
          </div>
        </div>
      ) : (
        <Loading label={t('portal.login.checking')} />
      )}
    </div>
  );
}
