import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Outlet, useNavigate } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/language-switch';
import { Button } from '../../components/ui/button';
import { portalApi, portalCsrf, portalMeQuery } from './portal-client';
import type { PortalMe } from './types';

export const companyNameOf = (me: PortalMe | undefined) =>
  me?.controller?.name?.trim() || me?.companyName?.trim() || null;

/** Signs out of the portal; shown in the header once the person's data is loaded. */
function LogoutButton() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const logout = useMutation({
    mutationFn: () => portalApi.logout(),
    // Even a failed sign-out (session already gone) ends the session in this browser. The data is
    // reset (not removed) after leaving the page, so the header's observer sees it gone.
    onSettled: async () => {
      portalCsrf.set(null);
      await navigate({ to: '/privacy', search: { ended: 'logout' } });
      await queryClient.resetQueries({ queryKey: ['portal'] });
    },
  });
  return (
    <Button
      variant="secondary"
      size="sm"
      onClick={() => logout.mutate()}
      disabled={logout.isPending}
      data-testid="portal-logout"
    >
      {t('portal.home.logout')}
    </Button>
  );
}

/**
 * The portal's own frame: the company's name, the language switch and (signed in) the sign-out
 * button; no staff navigation. A skip link leads keyboard users straight to the content.
 */
export function PortalLayout() {
  const { t, i18n } = useTranslation();
  // Only reads what the home page loaded; never fetches by itself.
  const me = useQuery({ ...portalMeQuery, enabled: false });
  const company = companyNameOf(me.data);
  const signedIn = Boolean(me.data);

  useEffect(() => {
    document.title = company ? `${t('portal.title')} · ${company}` : t('portal.title');
    document.documentElement.lang = i18n.language === 'en' ? 'en' : 'de';
  }, [company, t, i18n.language]);

  return (
    <div className="flex min-h-dvh flex-col bg-slate-50 text-slate-900">
      <a
        href="#portal-main"
        className="sr-only rounded-md bg-white px-3 py-2 text-sm font-medium text-brand-700 focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:ring-2 focus:ring-brand-600"
      >
        {t('portal.skipToContent')}
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex w-full max-w-3xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <div className="flex min-w-0 flex-col">
            {company ? (
              <span className="truncate text-base font-semibold text-slate-900" data-testid="portal-company">
                {company}
              </span>
            ) : null}
            <span className={company ? 'text-sm text-slate-700' : 'text-base font-semibold text-brand-700'}>
              {t('portal.title')}
            </span>
          </div>
          <div className="flex items-center gap-2">
            <LanguageSwitch className="text-sm" />
            {signedIn ? <LogoutButton /> : null}
          </div>
        </div>
      </header>
      <main
        id="portal-main"
        tabIndex={-1}
        className="mx-auto w-full max-w-3xl flex-1 px-4 py-6 focus:outline-none"
      >
        <Outlet />
      </main>
      <footer className="border-t border-slate-200 bg-white">
        <p className="mx-auto max-w-3xl px-4 py-4 text-sm text-slate-700">{t('portal.footer')}</p>
      </footer>
    </div>
  );
}
