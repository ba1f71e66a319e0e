import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from '../../app/root-routes';

export const myDayRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'my-day',
  component: lazyRouteComponent(() => import('./my-day-page'), 'MyDayPage'),
});

export const taskRoutes = [myDayRoute];
