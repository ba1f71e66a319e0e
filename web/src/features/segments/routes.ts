import { createRoute, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { appRoute } from '../../app/root-routes';
import { canDo } from '../auth/permissions';

const marketingOnly = ({ context }: { context: { user: { role: Parameters<typeof canDo>[0] } } }) => {
  if (!canDo(context.user.role, 'marketing.read')) throw redirect({ to: '/persons' });
};

export const segmentsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'marketing/segments',
  validateSearch: (search: Record<string, unknown>): { saved?: string } =>
    typeof search.saved === 'string' ? { saved: search.saved } : {},
  beforeLoad: marketingOnly,
  component: lazyRouteComponent(() => import('./segments-page'), 'SegmentsPage'),
});

export const segmentNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'marketing/segments/new',
  beforeLoad: marketingOnly,
  component: lazyRouteComponent(() => import('./segment-pages'), 'SegmentCreatePage'),
});

export const segmentEditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'marketing/segments/$segmentId',
  beforeLoad: marketingOnly,
  component: lazyRouteComponent(() => import('./segment-pages'), 'SegmentEditPage'),
});

export const segmentRoutes = [segmentsRoute, segmentNewRoute, segmentEditRoute];
