import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from '../../app/root-routes';
import { parsePersonsSearch } from './person-search';

export const personsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'persons',
  validateSearch: parsePersonsSearch,
  component: lazyRouteComponent(() => import('./persons-list-page'), 'PersonsListPage'),
});

export const personNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'persons/new',
  validateSearch: (search: Record<string, unknown>): { organizationId?: string } =>
    typeof search.organizationId === 'string' ? { organizationId: search.organizationId } : {},
  component: lazyRouteComponent(() => import('./person-create-page'), 'PersonCreatePage'),
});

export const personDetailRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'persons/$personId',
  component: lazyRouteComponent(() => import('./person-detail-page'), 'PersonDetailPage'),
});

export const personEditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'persons/$personId/edit',
  component: lazyRouteComponent(() => import('./person-edit-page'), 'PersonEditPage'),
});

export const personRoutes = [personsRoute, personNewRoute, personDetailRoute, personEditRoute];
