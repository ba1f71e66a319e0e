import { inTenant, type Tx } from '../../db/tenant.ts';
import { visibilityOf } from '../../db/visibility.ts';
import { assertCurrency } from '../../domain/billing/money.ts';
import { AppError } from '../../domain/errors.ts';
import {
  assertDocumentDate,
  assertOrderTransition,
  assertQuoteOrderable,
  dayOf,
  type OrderStatus,
  type QuoteStatus,
} from '../../domain/pipeline/document-rules.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { readAudited } from '../audit/audit.reads.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { resolveCustomer } from '../deals/customers.ts';
import { assertContractReadable } from '../pipeline/pipeline.service.ts';
import { assertContractWritable, findVisibleQuote } from '../quotes/quotes.service.ts';
import { documentLinesOf, insertDocumentLines, updateDocument } from '../shared/document-lines.repository.ts';
import {
  customerOut,
  customerRefsFor,
  detailOut,
  documentSubject,
  pricedLines,
  resolveDeal,
  totalsOut,
} from '../shared/document-lines.ts';
import { nextDocumentNumber } from '../shared/document-numbers.ts';
import { assertNotRestricted } from '../subject-rights/write-guard.ts';
import * as repo from './orders.repository.ts';
import type { OrderCreateInput, OrderListQueryInput, OrderPatchInput } from './orders.schemas.ts';

const toSummary = (row: repo.OrderRow) => ({
  id: row.id,
  number: row.number,
  status: row.status as OrderStatus,
  ...customerOut(row),
  dealId: row.deal_id,
  quoteId: row.quote_id,
  orderedAt: row.ordered_at,
  externalRef: row.external_ref,
  currency: row.currency,
  ...totalsOut(row),
  version: row.version,
  createdAt: row.created_at.toISOString(),
});

const load = async (tx: Tx, actor: Actor, id: string) => {
  const row = await repo.findOrder(tx, id, visibilityOf(actor));
  if (!row) throw new AppError('not_found', { params: { entity: 'order' } });
  return { ...toSummary(row), ...detailOut(row, await documentLinesOf(tx, 'order', id)) };
};

export const listOrders = (ctx: AppContext, actor: Actor, query: OrderListQueryInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertContractReadable(actor, 'orders');
    const { rows, total } = await repo.listOrders(tx, query, visibilityOf(actor));
    return { items: rows.map(toSummary), total, page: query.page, pageSize: query.pageSize };
  });

export const getOrder = (ctx: AppContext, actor: Actor, id: string) =>
  readAudited(
    ctx,
    actor.tenantId,
    (tx) => {
      assertContractReadable(actor, 'orders');
      return load(tx, actor, id);
    },
    (order) => ({ actor, action: 'read', subject: documentSubject(order), fields: ['order'] }),
  );

const insert = async (
  tx: Tx,
  ctx: AppContext,
  actor: Actor,
  values: {
    quote_id: string | null;
    deal_id: string | null;
    person_id: string | null;
    organization_id: string | null;
    ordered_at: string;
    external_ref: string | null;
    currency: string;
    net_total: string;
    tax_total: string;
    gross_total: string;
    department_ids: string[];
  },
  lines: Record<string, unknown>[],
) => {
  const number = await nextDocumentNumber(tx, actor.tenantId, 'order', Number(values.ordered_at.slice(0, 4)));
  const { id } = await repo.insertOrder(tx, {
    ...values,
    tenant_id: actor.tenantId,
    number,
    status: 'open',
    created_by: actor.userId,
  });
  await insertDocumentLines(tx, 'order', actor.tenantId, id, lines);
  const order = await load(tx, actor, id);
  await recordAudit(tx, ctx, actor.tenantId, {
    actor,
    action: 'create',
    subject: documentSubject(order),
    fields: ['order'],
    values: {
      new: {
        order: {
          id,
          number,
          quoteId: values.quote_id,
          grossTotal: order.grossTotal,
          currency: order.currency,
        },
      },
    },
  });
  return order;
};

export const createOrder = (ctx: AppContext, actor: Actor, input: OrderCreateInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertContractWritable(actor, 'orders');
    assertCurrency(input.currency);
    const orderedAt = input.orderedAt ?? dayOf(ctx.now());
    assertDocumentDate('orderedAt', orderedAt);
    const { totals, rows } = pricedLines(input.lines);
    const deal = input.dealId ? await resolveDeal(tx, actor, input.dealId) : null;
    const refs = customerRefsFor(input, deal);
    const customer = await resolveCustomer(tx, actor, refs);
    await assertNotRestricted(tx, refs.personId);
    return insert(
      tx,
      ctx,
      actor,
      {
        quote_id: null,
        deal_id: deal?.id ?? null,
        person_id: refs.personId,
        organization_id: refs.organizationId,
        ordered_at: orderedAt,
        external_ref: input.externalRef ?? null,
        currency: input.currency,
        ...totals,
        department_ids: customer.departmentIds,
      },
      rows,
    );
  });

/** An accepted quote becomes an order: lines and totals copied, quote and deal linked; once only. */
export const createOrderFromQuote = (ctx: AppContext, actor: Actor, quoteId: string) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertContractWritable(actor, 'orders');
    const quote = await findVisibleQuote(tx, actor, quoteId);
    // the quote row is locked, so two clicks cannot make two orders
    await tx.selectFrom('quotes').select('id').where('id', '=', quoteId).forUpdate().execute();
    assertQuoteOrderable(quote.status as QuoteStatus);
    await assertNotRestricted(tx, quote.person_id);
    if (await repo.orderOfQuote(tx, quoteId)) throw new AppError('conflict');
    const lines = await documentLinesOf(tx, 'quote', quoteId);
    return insert(
      tx,
      ctx,
      actor,
      {
        quote_id: quote.id,
        deal_id: quote.deal_id,
        person_id: quote.person_id,
        organization_id: quote.organization_id,
        ordered_at: dayOf(ctx.now()),
        external_ref: null,
        currency: quote.currency,
        net_total: quote.net_text,
        tax_total: quote.tax_text,
        gross_total: quote.gross_text,
        department_ids: quote.department_ids,
      },
      lines.map((l) => ({ ...l })),
    );
  });

export const updateOrder = (ctx: AppContext, actor: Actor, id: string, patch: OrderPatchInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertContractWritable(actor, 'orders');
    const current = await repo.findOrder(tx, id, visibilityOf(actor));
    if (!current) throw new AppError('not_found', { params: { entity: 'order' } });
    const from = current.status as OrderStatus;
    if (patch.status !== undefined && patch.status !== from) assertOrderTransition(from, patch.status);
    const values = Object.fromEntries(
      Object.entries({ status: patch.status, external_ref: patch.externalRef }).filter(
        ([, v]) => v !== undefined,
      ),
    );
    const updated = await updateDocument(tx, 'orders', id, patch.version, values);
    if (!updated) throw new AppError('version_conflict', { params: { current: current.version } });
    const order = await load(tx, actor, id);
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'update',
      subject: documentSubject(order),
      fields: ['order'],
      values: {
        old: { order: { id, status: from, externalRef: current.external_ref } },
        new: { order: { id, status: order.status, externalRef: order.externalRef } },
      },
    });
    return order;
  });
