import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { rootRoute } from '../../app/root-routes';

/* Public pages (no login): reached from a website or an e-mail; children of the root, not of _app. */

const langOf = (search: Record<string, unknown>) =>
  search.lang === 'de' || search.lang === 'en' ? { lang: search.lang as 'de' | 'en' } : {};
const tokenOf = (search: Record<string, unknown>) =>
  typeof search.token === 'string' && search.token ? { token: search.token } : {};

export const signupRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'signup/$formId',
  validateSearch: (search: Record<string, unknown>): { lang?: 'de' | 'en' } => langOf(search),
  component: lazyRouteComponent(() => import('./signup-page'), 'SignupPage'),
});

export const consentConfirmRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'consent/confirm',
  validateSearch: (search: Record<string, unknown>): { token?: string; lang?: 'de' | 'en' } => ({
    ...tokenOf(search),
    ...langOf(search),
  }),
  component: lazyRouteComponent(() => import('./confirm-page'), 'ConfirmPage'),
});

export const preferencesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'preferences',
  validateSearch: (search: Record<string, unknown>): { token?: string; lang?: 'de' | 'en' } => ({
    ...tokenOf(search),
    ...langOf(search),
  }),
  component: lazyRouteComponent(() => import('./preferences-page'), 'PreferencesPage'),
});

export const publicConsentRoutes = [signupRoute, consentConfirmRoute, preferencesRoute];
