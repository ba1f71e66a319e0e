/** What quotes and orders share: priced line items, totals computed here, the deal link. */
import type { Tx } from '../../db/tenant.ts';
import { departmentScope, visibilityOf } from '../../db/visibility.ts';
import { documentTotals, formatCents, normalizeAmount } from '../../domain/billing/money.ts';
import { AppError } from '../../domain/errors.ts';
import type { Actor } from '../../server/context.ts';
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
