import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { ImportRequest, InvoiceInput, InvoiceListQuery, InvoicePatch } from './types';

export const invoicesListQuery = (query: InvoiceListQuery) =>
  queryOptions({
    queryKey: ['invoices', 'list', query] as const,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/invoices', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });

export const invoiceQuery = (id: string) =>
  queryOptions({
    queryKey: ['invoices', 'detail', id] as const,
    queryFn: () => unwrap(api.GET('/api/v1/invoices/{id}', { params: { path: { id } } })),
  });

const useInvoiceMutation = <T>(fn: (input: T) => Promise<{ id: string }>) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (invoice) => {
      queryClient.setQueryData(invoiceQuery(invoice.id).queryKey, invoice as never);
      void queryClient.invalidateQueries({ queryKey: ['invoices', 'list'] });
      // the customer account view shows open invoices
      void queryClient.invalidateQueries({ queryKey: ['accounts'] });
    },
  });
};

export const useCreateInvoice = () =>
  useInvoiceMutation((body: InvoiceInput) => unwrap(api.POST('/api/v1/invoices', { body })));

export const usePayInvoice = (id: string) =>
  useInvoiceMutation((paidAt: string) =>
    unwrap(api.POST('/api/v1/invoices/{id}/payment', { params: { path: { id } }, body: { paidAt } })),
  );

export const useCancelInvoice = (id: string) =>
  useInvoiceMutation(() => unwrap(api.POST('/api/v1/invoices/{id}/cancel', { params: { path: { id } } })));

export const useUpdateInvoice = (id: string) =>
  useInvoiceMutation((body: InvoicePatch) =>
    unwrap(api.PATCH('/api/v1/invoices/{id}', { params: { path: { id } }, body })),
  );

export const useImportInvoices = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ImportRequest) => unwrap(api.POST('/api/v1/invoices/import', { body })),
    onSuccess: (report) => {
      if (!report.dryRun) void queryClient.invalidateQueries({ queryKey: ['invoices', 'list'] });
    },
  });
};
