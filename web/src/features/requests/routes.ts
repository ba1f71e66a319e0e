import { createRoute, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { appRoute } from '../../app/root-routes';
import { canDo } from '../auth/permissions';
import type { InboxFilter } from './api';

const FILTERS: readonly InboxFilter[] = ['open', 'closed', 'all'];

export const requestsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'requests',
  validateSearch: (search: Record<string, unknown>): { status?: InboxFilter; recorded?: string } => ({
    ...(FILTERS.includes(search.status as InboxFilter) && search.status !== 'open'
      ? { status: search.status as InboxFilter }
      : {}),
    ...(typeof search.recorded === 'string' ? { recorded: search.recorded } : {}),
  }),
  beforeLoad: ({ context }) => {
    if (!canDo(context.user.role, 'requests.intake')) throw redirect({ to: '/persons' });
  },
  component: lazyRouteComponent(() => import('./requests-inbox-page'), 'RequestsInboxPage'),
});

/** /requests/new?personId=… opens the intake form for that person (from the person's page). */
export const requestNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'requests/new',
  validateSearch: (search: Record<string, unknown>): { personId?: string } =>
    typeof search.personId === 'string' ? { personId: search.personId } : {},
  beforeLoad: ({ context }) => {
    if (!canDo(context.user.role, 'requests.intake')) throw redirect({ to: '/persons' });
  },
  component: lazyRouteComponent(() => import('./request-create-page'), 'RequestCreatePage'),
});

export const requestDetailRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'requests/$requestId',
  component: lazyRouteComponent(() => import('./request-detail-page'), 'RequestDetailPage'),
});

export const requestRoutes = [requestsRoute, requestNewRoute, requestDetailRoute];
