import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { rootRoute } from '../../app/root-routes';
import { applyBrowserLanguage } from './portal-language';
import { PortalLayout } from './portal-layout';

/** The self-service privacy portal for the people in the CRM: public, outside the staff app. */
export const portalRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'privacy',
  beforeLoad: () => applyBrowserLanguage(),
  component: PortalLayout,
});

export type PortalStartSearch = { ended?: 'session' | 'logout' };

/** /privacy: what the portal is, and the e-mail form that sends the sign-in link. */
export const portalStartRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: '/',
  validateSearch: (search: Record<string, unknown>): PortalStartSearch =>
    search.ended === 'session' || search.ended === 'logout' ? { ended: search.ended } : {},
  component: lazyRouteComponent(() => import('./portal-start-page'), 'PortalStartPage'),
});

/** /privacy/login?token=…: the link from the mail; exchanges the token for a portal session. */
export const portalLoginRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'login',
  validateSearch: (search: Record<string, unknown>): { token?: string } =>
    typeof search.token === 'string' ? { token: search.token } : {},
  component: lazyRouteComponent(() => import('./portal-login-page'), 'PortalLoginPage'),
});

/** /privacy/home: the person's data, consents, objection, download and requests. */
export const portalHomeRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'home',
  component: lazyRouteComponent(() => import('./portal-home-page'), 'PortalHomePage'),
});

export const portalRoutes = [portalRoute.addChildren([portalStartRoute, portalLoginRoute, portalHomeRoute])];
