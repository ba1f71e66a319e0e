import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from '../../app/root-routes';
import { parseCasesSearch } from './case-search';

export const casesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'cases',
  validateSearch: parseCasesSearch,
  component: lazyRouteComponent(() => import('./cases-list-page'), 'CasesListPage'),
});

/** /cases/new?personId=… opens the form for that customer (the complaint call from the account view). */
export const caseNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'cases/new',
  validateSearch: (search: Record<string, unknown>): { personId?: string; organizationId?: string } => ({
    ...(typeof search.personId === 'string' ? { personId: search.personId } : {}),
    ...(typeof search.organizationId === 'string' ? { organizationId: search.organizationId } : {}),
  }),
  component: lazyRouteComponent(() => import('./case-create-page'), 'CaseCreatePage'),
});

export const caseDetailRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'cases/$caseId',
  component: lazyRouteComponent(() => import('./case-detail-page'), 'CaseDetailPage'),
});

export const caseRoutes = [casesRoute, caseNewRoute, caseDetailRoute];
