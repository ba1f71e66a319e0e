import { createRoute, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { appRoute } from '../../app/root-routes';
import { canDo } from '../auth/permissions';

const settingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'settings',
  component: lazyRouteComponent(() => import('./settings-layout'), 'SettingsLayout'),
});

const settingsIndexRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/settings/account' });
  },
});

const accountRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'account',
  component: lazyRouteComponent(() => import('./account-page'), 'AccountPage'),
});

const tokensRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'tokens',
  component: lazyRouteComponent(() => import('./tokens-page'), 'TokensPage'),
});

const usersRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'users',
  beforeLoad: ({ context }) => {
    if (!canDo(context.user.role, 'users.manage')) throw redirect({ to: '/settings/account' });
  },
  component: lazyRouteComponent(() => import('./users-page'), 'UsersPage'),
});

const purposesRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'purposes',
  component: lazyRouteComponent(() => import('./purposes-page'), 'PurposesPage'),
});

const pipelineRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'pipeline',
  beforeLoad: ({ context }) => {
    if (!canDo(context.user.role, 'pipeline.manage')) throw redirect({ to: '/settings/account' });
  },
  component: lazyRouteComponent(() => import('../deals/pipeline-settings-page'), 'PipelineSettingsPage'),
});

const customerGroupsRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'customer-groups',
  beforeLoad: ({ context }) => {
    if (!canDo(context.user.role, 'customerGroups.manage')) throw redirect({ to: '/settings/account' });
  },
  component: lazyRouteComponent(
    () => import('../customer-groups/customer-groups-page'),
    'CustomerGroupsPage',
  ),
});

const requestSettingsRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'requests',
  beforeLoad: ({ context }) => {
    if (!canDo(context.user.role, 'requests.manage')) throw redirect({ to: '/settings/account' });
  },
  component: lazyRouteComponent(() => import('../requests/request-settings-page'), 'RequestSettingsPage'),
});

const letterTemplatesRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'letter-templates',
  beforeLoad: ({ context }) => {
    if (!canDo(context.user.role, 'templates.manage')) throw redirect({ to: '/settings/account' });
  },
  component: lazyRouteComponent(() => import('../requests/letter-templates-page'), 'LetterTemplatesPage'),
});

/** The recipients register: everyone reads it, recipients.manage edits (the page hides the controls). */
const recipientsRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'recipients',
  component: lazyRouteComponent(() => import('../recipients/recipients-page'), 'RecipientsPage'),
});

export const settingsRoutes = settingsRoute.addChildren([
  requestSettingsRoute,
  recipientsRoute,
  letterTemplatesRoute,
  customerGroupsRoute,
  settingsIndexRoute,
  accountRoute,
  tokensRoute,
  usersRoute,
  purposesRoute,
  pipelineRoute,
]);
