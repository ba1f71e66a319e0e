import { createRoute, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { appRoute } from '../../app/root-routes';
import { canDo } from '../auth/permissions';

/** The redaction queue of sensitive data in free text (issue 8, ADR 0032): DPO and administrators. */
export const redactionsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'redactions',
  beforeLoad: ({ context }) => {
    if (!canDo(context.user.role, 'redactions.review')) throw redirect({ to: '/persons' });
  },
  component: lazyRouteComponent(() => import('./redactions-page'), 'RedactionsPage'),
});

export const redactionDetailRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'redactions/$findingId',
  beforeLoad: ({ context }) => {
    if (!canDo(context.user.role, 'redactions.review')) throw redirect({ to: '/persons' });
  },
  component: lazyRouteComponent(() => import('./redaction-detail-page'), 'RedactionDetailPage'),
});

export const redactionRoutes = [redactionsRoute, redactionDetailRoute];
