import type { QueryOf, RequestOf, ResponseOf } from '../../api/types';

export type Quote = ResponseOf<'/api/v1/quotes/{id}', 'get'>;
export type QuoteSummary = ResponseOf<'/api/v1/quotes', 'get'>['items'][number];
export type QuoteListQuery = QueryOf<'/api/v1/quotes', 'get'>;
export type QuoteInput = RequestOf<'/api/v1/quotes', 'post'>;
export type QuotePatch = RequestOf<'/api/v1/quotes/{id}', 'patch'>;
export type QuoteStatus = Quote['status'];
export type Order = ResponseOf<'/api/v1/orders/{id}', 'get'>;
export type OrderSummary = ResponseOf<'/api/v1/orders', 'get'>['items'][number];
export type OrderListQuery = QueryOf<'/api/v1/orders', 'get'>;
export type OrderPatch = RequestOf<'/api/v1/orders/{id}', 'patch'>;
export type OrderStatus = Order['status'];
