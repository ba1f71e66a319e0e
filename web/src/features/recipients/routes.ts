import { createRoute, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { appRoute } from '../../app/root-routes';
import { canDo } from '../auth/permissions';

/** The DPO's Art. 19 worklist (the register itself is a settings tab, see settings/routes.ts). */
export const recipientNotificationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'recipient-notifications',
  beforeLoad: ({ context }) => {
    if (!canDo(context.user.role, 'requests.manage')) throw redirect({ to: '/persons' });
  },
  component: lazyRouteComponent(() => import('./notifications-worklist-page'), 'NotificationsWorklistPage'),
});

export const recipientRoutes = [recipientNotificationsRoute];
