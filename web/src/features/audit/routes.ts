import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from '../../app/root-routes';
import { parseAuditSearch } from './audit-search';

/** Open to every signed-in user as an address; the page itself tells non-DPO users they have no access. */
export const auditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'audit',
  validateSearch: parseAuditSearch,
  component: lazyRouteComponent(() => import('./audit-page'), 'AuditPage'),
});
