import { createRoute, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { appRoute } from '../../app/root-routes';
import { canDo } from '../auth/permissions';

/** The DPO's breach register (Art. 33(5)); everyone else may only report. */
export const breachesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'breaches',
  beforeLoad: ({ context }) => {
    if (canDo(context.user.role, 'breaches.manage')) return;
    if (canDo(context.user.role, 'breaches.report')) throw redirect({ to: '/breaches/new' });
    throw redirect({ to: '/persons' });
  },
  component: lazyRouteComponent(() => import('./breaches-page'), 'BreachesPage'),
});

/** Reporting a possible breach: every role but read-only (the 72 hours run from awareness). */
export const breachReportRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'breaches/new',
  beforeLoad: ({ context }) => {
    if (!canDo(context.user.role, 'breaches.report')) throw redirect({ to: '/persons' });
  },
  component: lazyRouteComponent(() => import('./breach-report-page'), 'BreachReportPage'),
});

export const breachDetailRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'breaches/$breachId',
  beforeLoad: ({ context }) => {
    if (!canDo(context.user.role, 'breaches.manage')) throw redirect({ to: '/persons' });
  },
  component: lazyRouteComponent(() => import('./breach-detail-page'), 'BreachDetailPage'),
});

export const breachRoutes = [breachesRoute, breachReportRoute, breachDetailRoute];
