import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../server/authenticate.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses, IdParams } from '../../server/http-schemas.ts';
import { InvoiceImportReport, InvoiceImportRequest } from './invoice-import.schemas.ts';
import { importInvoices } from './invoice-import.service.ts';
import {
  Invoice,
  InvoiceCreate,
  InvoiceList,
  InvoiceListQuery,
  InvoicePatch,
  InvoicePayment,
} from './invoices.schemas.ts';
import {
  cancelInvoice,
  createInvoice,
  getInvoice,
  listInvoices,
  payInvoice,
  updateInvoice,
} from './invoices.service.ts';

export const invoicesRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['invoices'];
  r.get(
    '/invoices',
    {
      schema: {
        tags,
        summary: 'List invoices (billing data): status, overdue, customer, search; totals per currency',
        querystring: InvoiceListQuery,
        response: { 200: InvoiceList, ...errorResponses },
      },
    },
    async (request) => listInvoices(ctx, actorOf(request), request.query),
  );
  r.post(
    '/invoices',
    {
      schema: {
        tags,
        summary: 'Issue an invoice: totals computed from the lines, billing data snapshotted, retention set',
        body: InvoiceCreate,
        response: { 201: Invoice, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createInvoice(ctx, actorOf(request), request.body)),
  );
  r.post(
    '/invoices/import',
    {
      bodyLimit: 8 * 1024 * 1024,
      schema: {
        tags,
        summary:
          'Import invoices from an ERP CSV export with a column mapping; all or nothing, dryRun validates only',
        body: InvoiceImportRequest,
        response: { 200: InvoiceImportReport, ...errorResponses },
      },
    },
    async (request) => importInvoices(ctx, actorOf(request), request.body),
  );
  r.get(
    '/invoices/:id',
    {
      schema: {
        tags,
        summary: 'An invoice with its lines, VAT per rate and retention',
        params: IdParams,
        response: { 200: Invoice, ...errorResponses },
      },
    },
    async (request) => getInvoice(ctx, actorOf(request), request.params.id),
  );
  r.patch(
    '/invoices/:id',
    {
      schema: {
        tags,
        summary: 'Change the due date or the legal hold (amounts and billing data are immutable)',
        params: IdParams,
        body: InvoicePatch,
        response: { 200: Invoice, ...errorResponses },
      },
    },
    async (request) => updateInvoice(ctx, actorOf(request), request.params.id, request.body),
  );
  r.post(
    '/invoices/:id/payment',
    {
      schema: {
        tags,
        summary: 'Record the payment of an open invoice',
        params: IdParams,
        body: InvoicePayment,
        response: { 200: Invoice, ...errorResponses },
      },
    },
    async (request) => payInvoice(ctx, actorOf(request), request.params.id, request.body.paidAt),
  );
  r.post(
    '/invoices/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel an open invoice (a paid one cannot be cancelled); its revenue leaves the ledger',
        params: IdParams,
        response: { 200: Invoice, ...errorResponses },
      },
    },
    async (request) => cancelInvoice(ctx, actorOf(request), request.params.id),
  );
};
