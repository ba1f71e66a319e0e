import { createRoute, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { appRoute } from '../../app/root-routes';
import { canDo } from '../auth/permissions';

/** The data quality dashboard (accuracy, Art. 5(1)(d) GDPR) with its lists to work through. */
export const dataQualityRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'data-quality',
  beforeLoad: ({ context }) => {
    if (!canDo(context.user.role, 'quality.read')) throw redirect({ to: '/persons' });
  },
  component: lazyRouteComponent(() => import('./data-quality-page'), 'DataQualityPage'),
});
