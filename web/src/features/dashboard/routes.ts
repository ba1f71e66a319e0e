import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from '../../app/root-routes';
import { parseDashboardSearch } from './periods';

/** Open to every signed-in user as an address; the page tells readonly users they have no access. */
export const dashboardRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'dashboard',
  validateSearch: parseDashboardSearch,
  component: lazyRouteComponent(() => import('./dashboard-page'), 'DashboardPage'),
});
