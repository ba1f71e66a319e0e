import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from '../../app/root-routes';
import { parseDealsSearch } from './deals-search';

const dealsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'deals',
  validateSearch: parseDealsSearch,
  component: lazyRouteComponent(() => import('./deals-page'), 'DealsPage'),
});

const dealNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'deals/new',
  component: lazyRouteComponent(() => import('./deal-create-page'), 'DealCreatePage'),
});

const dealDetailRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'deals/$dealId',
  component: lazyRouteComponent(() => import('./deal-detail-page'), 'DealDetailPage'),
});

export const dealRoutes = [dealsRoute, dealNewRoute, dealDetailRoute];
