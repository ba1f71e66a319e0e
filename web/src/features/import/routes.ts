import { createRoute, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { appRoute } from '../../app/root-routes';
import { canDo } from '../auth/permissions';

/** The person import wizard (issue 8): upload, mapping, batch facts, dry run, commit. */
export const importRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'import',
  beforeLoad: ({ context }) => {
    if (!canDo(context.user.role, 'imports.run')) throw redirect({ to: '/persons' });
  },
  component: lazyRouteComponent(() => import('./import-wizard-page'), 'ImportWizardPage'),
});
