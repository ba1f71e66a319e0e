import { createRoute, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { appRoute } from '../../app/root-routes';
import { canDo } from '../auth/permissions';

/** The consistency report: an export of another system compared with Custos. */
export const consistencyRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'consistency',
  beforeLoad: ({ context }) => {
    if (!canDo(context.user.role, 'consistency.compare')) throw redirect({ to: '/persons' });
  },
  component: lazyRouteComponent(() => import('./consistency-page'), 'ConsistencyPage'),
});
