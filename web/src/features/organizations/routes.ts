import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from '../../app/root-routes';
import { parseOrganizationsSearch } from './organization-search';

const organizationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'organizations',
  validateSearch: parseOrganizationsSearch,
  component: lazyRouteComponent(() => import('./organizations-list-page'), 'OrganizationsListPage'),
});

const organizationNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'organizations/new',
  component: lazyRouteComponent(() => import('./organization-pages'), 'OrganizationCreatePage'),
});

const organizationDetailRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'organizations/$organizationId',
  component: lazyRouteComponent(() => import('./organization-detail-page'), 'OrganizationDetailPage'),
});

const organizationEditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'organizations/$organizationId/edit',
  component: lazyRouteComponent(() => import('./organization-pages'), 'OrganizationEditPage'),
});

export const organizationRoutes = [
  organizationsRoute,
  organizationNewRoute,
  organizationDetailRoute,
  organizationEditRoute,
];
