import { inTenant, type Tx } from '../../db/tenant.ts';
import { visibilityOf } from '../../db/visibility.ts';
import { assertCurrency } from '../../domain/billing/money.ts';
import { AppError } from '../../domain/errors.ts';
import { canWrite } from '../../domain/permissions/roles.ts';
import {
  assertDocumentDate,
  assertQuoteTransition,
  assertValidUntil,
  dayOf,
  type QuoteStatus,
} from '../../domain/pipeline/document-rules.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { readAudited } from '../audit/audit.reads.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { resolveCustomer } from '../deals/customers.ts';
import { assertContractReadable } from '../pipeline/pipeline.service.ts';
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
import * as repo from './quotes.repository.ts';
import type { QuoteCreateInput, QuoteListQueryInput, QuotePatchInput } from './quotes.schemas.ts';

export const assertContractWritable = (actor: Actor, field: string) => {
  if (!canWrite({ role: actor.role, category: 'contract' }))
    throw new AppError('field_not_writable', { params: { field, category: 'contract' } });
};

const toSummary = (row: repo.QuoteRow) => ({
  id: row.id,
  number: row.number,
  status: row.status as QuoteStatus,
  ...customerOut(row),
  dealId: row.deal_id,
  issuedAt: row.issued_at,
  validUntil: row.valid_until,
  currency: row.currency,
  ...totalsOut(row),
  orderId: row.order_id,
  version: row.version,
  createdAt: row.created_at.toISOString(),
});

export const findVisibleQuote = async (tx: Tx, actor: Actor, id: string) => {
  const row = await repo.findQuote(tx, id, visibilityOf(actor));
  if (!row) throw new AppError('not_found', { params: { entity: 'quote' } });
  return row;
};

const load = async (tx: Tx, actor: Actor, id: string) => {
  const row = await findVisibleQuote(tx, actor, id);
  return { ...toSummary(row), ...detailOut(row, await documentLinesOf(tx, 'quote', id)) };
};

export const listQuotes = (ctx: AppContext, actor: Actor, query: QuoteListQueryInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertContractReadable(actor, 'quotes');
    const { rows, total } = await repo.listQuotes(tx, query, visibilityOf(actor));
    return { items: rows.map(toSummary), total, page: query.page, pageSize: query.pageSize };
  });

export const getQuote = (ctx: AppContext, actor: Actor, id: string) =>
  readAudited(
    ctx,
    actor.tenantId,
    (tx) => {
      assertContractReadable(actor, 'quotes');
      return load(tx, actor, id);
    },
    (quote) => ({ actor, action: 'read', subject: documentSubject(quote), fields: ['quote'] }),
  );

export const createQuote = (ctx: AppContext, actor: Actor, input: QuoteCreateInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertContractWritable(actor, 'quotes');
    assertCurrency(input.currency);
    const issuedAt = input.issuedAt ?? dayOf(ctx.now());
    assertDocumentDate('issuedAt', issuedAt);
    assertDocumentDate('validUntil', input.validUntil);
    assertValidUntil(issuedAt, input.validUntil);
    const { totals, rows } = pricedLines(input.lines);
    const deal = input.dealId ? await resolveDeal(tx, actor, input.dealId) : null;
    const refs = customerRefsFor(input, deal);
    const customer = await resolveCustomer(tx, actor, refs);
    await assertNotRestricted(tx, refs.personId);
    const number = await nextDocumentNumber(tx, actor.tenantId, 'quote', Number(issuedAt.slice(0, 4)));
    const { id } = await repo.insertQuote(tx, {
      tenant_id: actor.tenantId,
      number,
      deal_id: deal?.id ?? null,
      person_id: refs.personId,
      organization_id: refs.organizationId,
      status: 'draft',
      issued_at: issuedAt,
      valid_until: input.validUntil ?? null,
      currency: input.currency,
      ...totals,
      department_ids: customer.departmentIds,
      created_by: actor.userId,
    });
    await insertDocumentLines(tx, 'quote', actor.tenantId, id, rows);
    const quote = await load(tx, actor, id);
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'create',
      subject: documentSubject(quote),
      fields: ['quote'],
      values: { new: { quote: { id, number, grossTotal: quote.grossTotal, currency: quote.currency } } },
    });
    return quote;
  });

export const updateQuote = (ctx: AppContext, actor: Actor, id: string, patch: QuotePatchInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertContractWritable(actor, 'quotes');
    const current = await findVisibleQuote(tx, actor, id);
    const from = current.status as QuoteStatus;
    if (patch.status !== undefined && patch.status !== from) assertQuoteTransition(from, patch.status);
    if (patch.validUntil !== undefined) {
      assertDocumentDate('validUntil', patch.validUntil);
      assertValidUntil(current.issued_at, patch.validUntil);
    }
    const values = Object.fromEntries(
      Object.entries({ status: patch.status, valid_until: patch.validUntil }).filter(
        ([, v]) => v !== undefined,
      ),
    );
    const updated = await updateDocument(tx, 'quotes', id, patch.version, values);
    if (!updated) throw new AppError('version_conflict', { params: { current: current.version } });
    const quote = await load(tx, actor, id);
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'update',
      subject: documentSubject(quote),
      fields: ['quote'],
      values: {
        old: { quote: { id, status: from, validUntil: current.valid_until } },
        new: { quote: { id, status: quote.status, validUntil: quote.validUntil } },
      },
    });
    return quote;
  });

export const loadQuote = load;
