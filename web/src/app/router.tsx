import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { createRouter } from '@tanstack/react-router';
import { isApiError } from '../api/errors';
import { Loading } from '../components/loading';
import { accountabilityRoutes } from '../features/accountability/routes';
import { auditRoute } from '../features/audit/routes';
import { isSessionExpired, sessionKey } from '../features/auth/session';
import { breachRoutes } from '../features/breaches/routes';
import { campaignRoutes } from '../features/campaigns/routes';
import { caseRoutes } from '../features/cases/routes';
import { consistencyRoute } from '../features/consistency/routes';
import { customerAccountRoutes } from '../features/customer-account/routes';
import { dashboardRoute } from '../features/dashboard/routes';
import { dataQualityRoute } from '../features/data-quality/routes';
import { dealRoutes } from '../features/deals/routes';
import { duplicateRoutes } from '../features/duplicates/routes';
import { importRoute } from '../features/import/routes';
import { invoiceRoutes } from '../features/invoices/routes';
import { marketingAdminRoutes } from '../features/marketing-settings/routes';
import { organizationRoutes } from '../features/organizations/routes';
import { personRoutes } from '../features/persons/routes';
import { portalRoutes } from '../features/portal/routes';
import { publicConsentRoutes } from '../features/public-consent/routes';
import { quoteRoutes } from '../features/quotes/routes';
import { recipientRoutes } from '../features/recipients/routes';
import { redactionRoutes } from '../features/redaction/routes';
import { requestRoutes } from '../features/requests/routes';
import { segmentRoutes } from '../features/segments/routes';
import { settingsRoutes } from '../features/settings/routes';
import { taskRoutes } from '../features/tasks/routes';
import { webFormRoutes } from '../features/web-forms/routes';
import { appRoute, indexRoute, loginRoute, rootRoute, setupRoute } from './root-routes';

const routeTree = rootRoute.addChildren([
  setupRoute,
  loginRoute,
  ...portalRoutes,
  ...publicConsentRoutes,
  appRoute.addChildren([
    indexRoute,
    ...personRoutes,
    ...organizationRoutes,
    ...invoiceRoutes,
    ...dealRoutes,
    ...quoteRoutes,
    ...customerAccountRoutes,
    ...caseRoutes,
    ...taskRoutes,
    ...requestRoutes,
    ...recipientRoutes,
    ...breachRoutes,
    ...accountabilityRoutes,
    ...marketingAdminRoutes,
    ...segmentRoutes,
    ...campaignRoutes,
    ...webFormRoutes,
    dashboardRoute,
    dataQualityRoute,
    importRoute,
    ...duplicateRoutes,
    ...redactionRoutes,
    consistencyRoute,
    settingsRoutes,
    auditRoute,
  ]),
]);

/** When any request finds the session gone, forget it and go to the login page. */
const onError = (error: unknown) => {
  if (!isSessionExpired(error)) return;
  queryClient.setQueryData(sessionKey, null);
  const { pathname, searchStr } = router.state.location;
  if (pathname !== '/login')
    void router.navigate({ to: '/login', search: { redirect: pathname + searchStr } });
};

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // Client errors (4xx) will not change by asking again; network and server errors might.
      retry: (count, error) => count < 2 && !(isApiError(error) && error.status >= 400 && error.status < 500),
    },
  },
});

export const router = createRouter({
  routeTree,
  context: { queryClient },
  defaultPreload: 'intent',
  defaultPreloadStaleTime: 0,
  defaultPendingComponent: () => <Loading />,
  scrollRestoration: true,
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
