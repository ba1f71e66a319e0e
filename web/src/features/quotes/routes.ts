import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from '../../app/root-routes';

export type QuoteNewSearch = { dealId?: string; personId?: string; organizationId?: string };
const uuid = (v: unknown) =>
  typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v)
    ? v
    : undefined;

const quotesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'quotes',
  component: lazyRouteComponent(() => import('./quotes-list-page'), 'QuotesListPage'),
});

const quoteNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'quotes/new',
  validateSearch: (search: Record<string, unknown>): QuoteNewSearch => ({
    dealId: uuid(search.dealId),
    personId: uuid(search.personId),
    organizationId: uuid(search.organizationId),
  }),
  component: lazyRouteComponent(() => import('./quote-create-page'), 'QuoteCreatePage'),
});

const quoteDetailRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'quotes/$quoteId',
  component: lazyRouteComponent(() => import('./quote-detail-page'), 'QuoteDetailPage'),
});

const ordersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'orders',
  component: lazyRouteComponent(() => import('./orders-list-page'), 'OrdersListPage'),
});

const orderDetailRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'orders/$orderId',
  component: lazyRouteComponent(() => import('./order-detail-page'), 'OrderDetailPage'),
});

export const quoteRoutes = [quotesRoute, quoteNewRoute, quoteDetailRoute, ordersRoute, orderDetailRoute];
