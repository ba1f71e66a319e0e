import type { QueryOf, RequestOf, ResponseOf } from '../../api/types';

export type InvoicePage = ResponseOf<'/api/v1/invoices', 'get'>;
export type InvoiceSummary = InvoicePage['items'][number];
export type InvoiceListQuery = QueryOf<'/api/v1/invoices', 'get'>;
export type Invoice = ResponseOf<'/api/v1/invoices/{id}', 'get'>;
export type InvoiceStatus = Invoice['status'];
export type InvoiceInput = RequestOf<'/api/v1/invoices', 'post'>;
export type InvoicePatch = RequestOf<'/api/v1/invoices/{id}', 'patch'>;
export type ImportRequest = RequestOf<'/api/v1/invoices/import', 'post'>;
export type ImportReport = ResponseOf<'/api/v1/invoices/import', 'post'>;
export type ImportMapping = ImportRequest['mapping'];
export type ImportField = keyof ImportMapping;
export type ImportRowError = ImportReport['errors'][number];
