import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../components/language-switch';
import { Logo } from '../components/logo';
import { canDo } from '../features/auth/permissions';
import { useCurrentUser } from '../features/auth/session';
import { cn } from '../lib/cn';
import { UserMenu } from './user-menu';

const navLinkClass =
  'rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 data-[status=active]:bg-brand-50 data-[status=active]:text-brand-700';

/** Header with navigation, language switch and user menu; the page below. */
export function AppShell() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [menuOpen, setMenuOpen] = useState(false);
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  // biome-ignore lint/correctness/useExhaustiveDependencies: close the phone menu whenever the page changes
  useEffect(() => setMenuOpen(false), [pathname]);

  return (
    <div className="flex min-h-dvh flex-col">
      <header className="sticky top-0 z-30 border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-2 px-4 py-2">
          <Link to="/persons" className="mr-4 text-brand-700" aria-label="Custos">
            <Logo />
          </Link>
          <nav
            id="main-nav"
            aria-label={t('nav.main')}
            className={cn(
              'order-last w-full flex-col gap-1 pb-2 md:order-none md:flex md:w-auto md:flex-row md:pb-0',
              menuOpen ? 'flex' : 'hidden',
            )}
          >
            <Link to="/persons" className={navLinkClass}>
              {t('nav.persons')}
            </Link>
            <Link to="/organizations" className={navLinkClass}>
              {t('nav.organizations')}
            </Link>
            <Link to="/my-day" className={navLinkClass} data-testid="nav-my-day">
              {t('service.nav.myDay')}
            </Link>
            {canDo(user?.role, 'contract.read') ? (
              <>
                <Link to="/deals" className={navLinkClass} data-testid="nav-deals">
                  {t('sales.nav.deals')}
                </Link>
                <Link to="/quotes" className={navLinkClass} data-testid="nav-quotes">
                  {t('sales.nav.quotes')}
                </Link>
                <Link to="/orders" className={navLinkClass} data-testid="nav-orders">
                  {t('sales.nav.orders')}
                </Link>
              </>
            ) : null}
            {canDo(user?.role, 'billing.read') ? (
              <Link to="/invoices" className={navLinkClass} data-testid="nav-invoices">
                {t('billing.nav')}
              </Link>
            ) : null}
            {canDo(user?.role, 'service.read') ? (
              <Link to="/cases" className={navLinkClass} data-testid="nav-cases">
                {t('service.nav.cases')}
              </Link>
            ) : null}
            {canDo(user?.role, 'reports.read') ? (
              <Link to="/dashboard" className={navLinkClass} data-testid="nav-dashboard">
                {t('dashboard.nav')}
              </Link>
            ) : null}
            {canDo(user?.role, 'marketing.read') ? (
              <Link
                to="/marketing/campaigns"
                className={cn(
                  navLinkClass,
                  pathname.startsWith('/marketing/') && 'bg-brand-50 text-brand-700',
                )}
                data-testid="nav-marketing"
              >
                {t('campaigns.nav')}
              </Link>
            ) : null}
            {!canDo(user?.role, 'marketing.read') && canDo(user?.role, 'outbox.read') ? (
              <Link to="/marketing/outbox" className={navLinkClass} data-testid="nav-outbox">
                {t('marketingAdmin.outbox.title')}
              </Link>
            ) : null}
            {canDo(user?.role, 'webforms.manage') || canDo(user?.role, 'webforms.inbox') ? (
              <Link to="/web-forms" className={navLinkClass} data-testid="nav-web-forms">
                {t('webForms.nav')}
              </Link>
            ) : null}
            {canDo(user?.role, 'requests.intake') ? (
              <Link to="/requests" className={navLinkClass} data-testid="nav-requests">
                {t('requests.nav')}
              </Link>
            ) : null}
            {canDo(user?.role, 'breaches.manage') ? (
              <Link to="/breaches" className={navLinkClass} data-testid="nav-breaches">
                {t('breaches.nav')}
              </Link>
            ) : canDo(user?.role, 'breaches.report') ? (
              <Link to="/breaches/new" className={navLinkClass} data-testid="nav-breach-report">
                {t('breaches.navReport')}
              </Link>
            ) : null}
            {canDo(user?.role, 'imports.run') ? (
              <Link to="/import" className={navLinkClass} data-testid="nav-import">
                {t('importWizard.nav')}
              </Link>
            ) : null}
            {canDo(user?.role, 'quality.read') ? (
              <Link to="/data-quality" className={navLinkClass} data-testid="nav-data-quality">
                {t('dataQuality.nav')}
              </Link>
            ) : null}
            {canDo(user?.role, 'duplicates.review') ? (
              <Link to="/duplicates" className={navLinkClass} data-testid="nav-duplicates">
                {t('duplicates.nav')}
              </Link>
            ) : null}
            {canDo(user?.role, 'redactions.review') ? (
              <Link to="/redactions" className={navLinkClass} data-testid="nav-redactions">
                {t('redaction.nav')}
              </Link>
            ) : null}
            {canDo(user?.role, 'consistency.compare') ? (
              <Link to="/consistency" className={navLinkClass} data-testid="nav-consistency">
                {t('consistency.nav')}
              </Link>
            ) : null}
            {canDo(user?.role, 'self_check.read') ? (
              <Link
                to="/accountability"
                className={cn(
                  navLinkClass,
                  pathname.startsWith('/accountability') && 'bg-brand-50 text-brand-700',
                )}
                data-testid="nav-accountability"
              >
                {t('accountability.nav')}
              </Link>
            ) : null}
            {canDo(user?.role, 'audit.read') ? (
              <Link to="/audit" className={navLinkClass} data-testid="nav-audit">
                {t('nav.audit')}
              </Link>
            ) : null}
            <Link to="/settings" className={navLinkClass}>
              {t('nav.settings')}
            </Link>
          </nav>
          <div className="ml-auto flex items-center gap-2">
            <LanguageSwitch />
            <UserMenu />
          </div>
          <button
            type="button"
            className="rounded-md p-2 text-slate-700 hover:bg-slate-100 md:hidden"
            aria-expanded={menuOpen}
            aria-controls="main-nav"
            aria-label={t('nav.menu')}
            data-testid="nav-toggle"
            onClick={() => setMenuOpen((open) => !open)}
          >
            <svg viewBox="0 0 24 24" className="size-5" aria-hidden="true">
              <path d="M4 6h16M4 12h16M4 18h16" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
            </svg>
          </button>
        </div>
      </header>
      <main className="mx-auto w-full max-w-7xl flex-1 px-4 py-6">
        <Outlet />
      </main>
    </div>
  );
}
