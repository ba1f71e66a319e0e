import { createRoute, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { appRoute } from '../../app/root-routes';
import { canDo } from '../auth/permissions';

/** Duplicate suggestions (issue 8, ADR 0030): the list, and the compare-and-merge view of one pair. */
export const duplicatesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'duplicates',
  beforeLoad: ({ context }) => {
    if (!canDo(context.user.role, 'duplicates.review')) throw redirect({ to: '/persons' });
  },
  component: lazyRouteComponent(() => import('./duplicates-page'), 'DuplicatesPage'),
});

export const mergeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'duplicates/merge',
  validateSearch: (search: Record<string, unknown>): { survivorId: string; mergedId: string } => ({
    survivorId: typeof search.survivorId === 'string' ? search.survivorId : '',
    mergedId: typeof search.mergedId === 'string' ? search.mergedId : '',
  }),
  beforeLoad: ({ context }) => {
    if (!canDo(context.user.role, 'duplicates.review')) throw redirect({ to: '/persons' });
  },
  component: lazyRouteComponent(() => import('./merge-page'), 'MergePage'),
});

export const duplicateRoutes = [duplicatesRoute, mergeRoute];
