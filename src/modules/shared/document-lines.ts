/** What quotes and orders share: priced line items, totals computed here, the deal link, the API view. */
import type { Tx } from '../../db/tenant.ts';
import { departmentScope, visibilityOf } from '../../db/visibility.ts';
import { documentTotals, formatCents, normalizeAmount } from '../../domain/billing/money.ts';
import { AppError } from '../../domain/errors.ts';
import type { Actor } from '../../server/context.ts';
import { auditSubjectOf } from '../deals/customers.ts';
import type { LineInputValue } from './document.schemas.ts';

/** Lines and totals as stored: every amount computed from quantity × unit price, never sent by clients. */
export const pricedLines = (lines: readonly LineInputValue[]) => {
  const totals = documentTotals(lines);
  return {
    totals: {
      net_total: formatCents(totals.net),
      tax_total: formatCents(totals.tax),
      gross_total: formatCents(totals.gross),
    },
    rows: lines.map((line, i) => ({
      position: i + 1,
      product: line.product,
      description: line.description ?? null,
      quantity: line.quantity,
      unit_price: normalizeAmount(line.unitPrice),
      tax_rate: line.taxRate,
      net: formatCents(totals.lines[i] ?? 0n),
    })),
  };
};

type StoredLine = {
  position: number;
  product: string;
  description: string | null;
  quantity: string;
  unit_price: string;
  tax_rate: string;
  net: string;
};

/** "2.000" → "2", "1.500" → "1.5" */
const trimDecimal = (value: string) => (value.includes('.') ? value.replace(/\.?0+$/, '') : value);

/** Stored lines as the API shows them, with VAT per rate recomputed from them. */
export const linesOut = (lines: readonly StoredLine[]) => {
  const totals = documentTotals(
    lines.map((l) => ({ quantity: trimDecimal(l.quantity), unitPrice: l.unit_price, taxRate: l.tax_rate })),
  );
  return {
    lines: lines.map((l) => ({
      position: l.position,
      product: l.product,
      description: l.description,
      quantity: trimDecimal(l.quantity),
      unitPrice: normalizeAmount(l.unit_price),
      taxRate: normalizeAmount(l.tax_rate),
      net: normalizeAmount(l.net),
    })),
    vatByRate: totals.byRate.map((r) => ({ rate: r.rate, net: formatCents(r.net), tax: formatCents(r.tax) })),
  };
};

/** A linked deal must exist in the tenant and be visible to the actor, else unknown_deal. */
export const resolveDeal = async (tx: Tx, actor: Actor, dealId: string) => {
  const deal = await tx
    .selectFrom('deals as d')
    .select(['d.id', 'd.person_id', 'd.organization_id', 'd.department_ids', 'd.currency'])
    .where('d.id', '=', dealId)
    .where(departmentScope(visibilityOf(actor), 'd'))
    .executeTakeFirst();
  if (!deal) throw new AppError('unknown_deal', { params: { id: dealId } });
  return deal;
};

/** The customer of a new document: its own person/organisation, else (linked to a deal) the deal's customer. */
export const customerRefsFor = (
  input: { personId?: string | null | undefined; organizationId?: string | null | undefined },
  deal: { person_id: string | null; organization_id: string | null } | null,
) =>
  input.personId || input.organizationId || !deal
    ? { personId: input.personId ?? null, organizationId: input.organizationId ?? null }
    : { personId: deal.person_id, organizationId: deal.organization_id };

type DocumentRow = {
  person_id: string | null;
  person_name: string | null;
  organization_id: string | null;
  organization_name: string | null;
  net_text: string;
  tax_text: string;
  gross_text: string;
  department_ids: string[];
  created_by: string | null;
  created_by_name: string | null;
  updated_at: Date;
};

/** The customer of a stored quote or order as the API shows it. */
export const customerOut = (row: DocumentRow) => ({
  person: row.person_id ? { id: row.person_id, name: row.person_name ?? '' } : null,
  organization: row.organization_id ? { id: row.organization_id, name: row.organization_name ?? '' } : null,
});

/** The totals of a stored quote or order as the API shows them. */
export const totalsOut = (row: DocumentRow) => ({
  netTotal: normalizeAmount(row.net_text),
  taxTotal: normalizeAmount(row.tax_text),
  grossTotal: normalizeAmount(row.gross_text),
});

/** What the full view of a quote or order adds to its summary (documentDetailFields). */
export const detailOut = (row: DocumentRow, lines: readonly StoredLine[]) => ({
  ...linesOut(lines),
  departmentIds: row.department_ids,
  createdBy: row.created_by ? { id: row.created_by, displayName: row.created_by_name ?? '' } : null,
  updatedAt: row.updated_at.toISOString(),
});

/** The audit subject of a document: its person, else its organisation. */
export const documentSubject = (d: { person: { id: string } | null; organization: { id: string } | null }) =>
  auditSubjectOf({ person_id: d.person?.id ?? null, organization_id: d.organization?.id ?? null });
