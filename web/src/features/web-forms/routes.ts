import { createRoute, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { appRoute } from '../../app/root-routes';
import { canDo } from '../auth/permissions';

const mayOpen = (role: Parameters<typeof canDo>[0]) =>
  canDo(role, 'webforms.manage') || canDo(role, 'webforms.inbox');

/** /web-forms: public web forms (list and editor); /web-forms/$id: snippet and inbox. */
export const webFormsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'web-forms',
  beforeLoad: ({ context }) => {
    if (!mayOpen(context.user.role)) throw redirect({ to: '/persons' });
  },
  component: lazyRouteComponent(() => import('./web-forms-page'), 'WebFormsPage'),
});

export const webFormRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'web-forms/$id',
  beforeLoad: ({ context }) => {
    if (!mayOpen(context.user.role)) throw redirect({ to: '/persons' });
  },
  component: lazyRouteComponent(() => import('./web-form-page'), 'WebFormPage'),
});

export const webFormRoutes = [webFormsRoute, webFormRoute];
