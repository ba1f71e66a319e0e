import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { ResponseOf } from '../../api/types';

export type PersonAccount = ResponseOf<'/api/v1/persons/{id}/account', 'get'>;
export type OrganizationAccount = ResponseOf<'/api/v1/organizations/{id}/account', 'get'>;
export type AccountSection = PersonAccount['hiddenSections'][number];
export type AccountTimeline = NonNullable<PersonAccount['timeline']>;
export type AccountInvoices = NonNullable<PersonAccount['invoices']>;
export type AccountDeals = NonNullable<PersonAccount['deals']>;
export type AccountOrders = NonNullable<PersonAccount['orders']>;
export type AccountCases = NonNullable<PersonAccount['cases']>;
export type AccountCase = AccountCases['open'][number];
export type AccountTask = PersonAccount['tasks'][number];
export type MoneyTotal = AccountInvoices['openTotal'][number];

/**
 * The account gathers records other features write (cases, invoices, deals, ...), which do not know
 * to invalidate it: it is always refetched when opened, showing the cached state meanwhile.
 */
const ALWAYS_REFETCH = 0;

/** Everything a service agent needs during a call, in one request (sections by the viewer's role). */
export const personAccountQuery = (id: string) =>
  queryOptions({
    queryKey: ['customer-account', 'person', id] as const,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/persons/{id}/account', { params: { path: { id } }, signal })),
    staleTime: ALWAYS_REFETCH,
  });

export const organizationAccountQuery = (id: string) =>
  queryOptions({
    queryKey: ['customer-account', 'organization', id] as const,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/organizations/{id}/account', { params: { path: { id } }, signal })),
    staleTime: ALWAYS_REFETCH,
  });
