import { createRoute, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { appRoute } from '../../app/root-routes';
import { canDo } from '../auth/permissions';

export type InvoiceFilter = 'open' | 'overdue' | 'paid' | 'cancelled';
export type InvoicesSearch = { filter?: InvoiceFilter; q?: string; page?: number };

const FILTERS: readonly InvoiceFilter[] = ['open', 'overdue', 'paid', 'cancelled'];

export const parseInvoicesSearch = (search: Record<string, unknown>): InvoicesSearch => {
  const page = Number(search.page);
  return {
    filter: FILTERS.includes(search.filter as InvoiceFilter) ? (search.filter as InvoiceFilter) : undefined,
    q: typeof search.q === 'string' && search.q.trim() ? search.q : undefined,
    page: Number.isInteger(page) && page > 1 ? page : undefined,
  };
};

const invoicesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'invoices',
  validateSearch: parseInvoicesSearch,
  beforeLoad: ({ context }) => {
    if (!canDo(context.user.role, 'billing.read')) throw redirect({ to: '/persons' });
  },
  component: lazyRouteComponent(() => import('./invoices-list-page'), 'InvoicesListPage'),
});

const invoiceNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'invoices/new',
  beforeLoad: ({ context }) => {
    if (!canDo(context.user.role, 'billing.write')) throw redirect({ to: '/invoices' });
  },
  component: lazyRouteComponent(() => import('./invoice-create-page'), 'InvoiceCreatePage'),
});

const invoiceImportRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'invoices/import',
  beforeLoad: ({ context }) => {
    if (!canDo(context.user.role, 'invoices.import')) throw redirect({ to: '/invoices' });
  },
  component: lazyRouteComponent(() => import('./invoice-import-page'), 'InvoiceImportPage'),
});

const invoiceDetailRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'invoices/$invoiceId',
  beforeLoad: ({ context }) => {
    if (!canDo(context.user.role, 'billing.read')) throw redirect({ to: '/persons' });
  },
  component: lazyRouteComponent(() => import('./invoice-detail-page'), 'InvoiceDetailPage'),
});

export const invoiceRoutes = [invoicesRoute, invoiceNewRoute, invoiceImportRoute, invoiceDetailRoute];
