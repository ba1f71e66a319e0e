import { createRoute, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { appRoute } from '../../app/root-routes';
import { canDo } from '../auth/permissions';

const marketingOnly = ({ context }: { context: { user: { role: Parameters<typeof canDo>[0] } } }) => {
  if (!canDo(context.user.role, 'marketing.read')) throw redirect({ to: '/persons' });
};

export const campaignsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'marketing/campaigns',
  beforeLoad: marketingOnly,
  component: lazyRouteComponent(() => import('./campaigns-page'), 'CampaignsPage'),
});

export const campaignNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'marketing/campaigns/new',
  validateSearch: (search: Record<string, unknown>): { segmentId?: string } =>
    typeof search.segmentId === 'string' ? { segmentId: search.segmentId } : {},
  beforeLoad: ({ context }) => {
    if (!canDo(context.user.role, 'marketing.manage')) throw redirect({ to: '/marketing/campaigns' });
  },
  component: lazyRouteComponent(() => import('./campaign-create-page'), 'CampaignCreatePage'),
});

export const campaignDetailRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'marketing/campaigns/$campaignId',
  beforeLoad: marketingOnly,
  component: lazyRouteComponent(() => import('./campaign-detail-page'), 'CampaignDetailPage'),
});

export const campaignRoutes = [campaignsRoute, campaignNewRoute, campaignDetailRoute];
