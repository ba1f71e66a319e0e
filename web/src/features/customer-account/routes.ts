import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from '../../app/root-routes';

export const personAccountRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'persons/$personId/account',
  component: lazyRouteComponent(() => import('./person-account-page'), 'PersonAccountPage'),
});

export const organizationAccountRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'organizations/$organizationId/account',
  component: lazyRouteComponent(() => import('./organization-account-page'), 'OrganizationAccountPage'),
});

export const customerAccountRoutes = [personAccountRoute, organizationAccountRoute];
