import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { OrderListQuery, OrderPatch, QuoteInput, QuoteListQuery, QuotePatch } from './types';

export const quotesListQuery = (query: QuoteListQuery) =>
  queryOptions({
    queryKey: ['quotes', 'list', query] as const,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/quotes', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });

export const quoteQuery = (id: string) =>
  queryOptions({
    queryKey: ['quotes', 'detail', id] as const,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/quotes/{id}', { params: { path: { id } }, signal })),
  });

export const ordersListQuery = (query: OrderListQuery) =>
  queryOptions({
    queryKey: ['orders', 'list', query] as const,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/orders', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });

export const orderQuery = (id: string) =>
  queryOptions({
    queryKey: ['orders', 'detail', id] as const,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/orders/{id}', { params: { path: { id } }, signal })),
  });

const useInvalidateSales = () => {
  const queryClient = useQueryClient();
  return () =>
    Promise.all(
      ['quotes', 'orders', 'deals'].map((key) => queryClient.invalidateQueries({ queryKey: [key] })),
    );
};

export const useCreateQuote = () => {
  const invalidate = useInvalidateSales();
  return useMutation({
    mutationFn: (body: QuoteInput) => unwrap(api.POST('/api/v1/quotes', { body })),
    onSuccess: invalidate,
  });
};

export const useUpdateQuote = (id: string) => {
  const invalidate = useInvalidateSales();
  return useMutation({
    mutationFn: (body: QuotePatch) =>
      unwrap(api.PATCH('/api/v1/quotes/{id}', { params: { path: { id } }, body })),
    onSuccess: invalidate,
  });
};

export const useOrderFromQuote = (id: string) => {
  const invalidate = useInvalidateSales();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/quotes/{id}/order', { params: { path: { id } } })),
    onSuccess: invalidate,
  });
};

export const useUpdateOrder = (id: string) => {
  const invalidate = useInvalidateSales();
  return useMutation({
    mutationFn: (body: OrderPatch) =>
      unwrap(api.PATCH('/api/v1/orders/{id}', { params: { path: { id } }, body })),
    onSuccess: invalidate,
  });
};
