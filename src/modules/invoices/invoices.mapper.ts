import { documentTotals, formatCents, normalizeAmount } from '../../domain/billing/money.ts';
import { RETENTION_RULES } from '../../domain/billing/retention.ts';
import type { InvoiceRow, InvoiceSummaryRow } from './invoices.repository.ts';
import type { InvoiceStatus } from './invoices.schemas.ts';

const ref = (id: string | null, name: string | null | undefined) => (id ? { id, name: name ?? '' } : null);

/** "2.000" → "2", "1.500" → "1.5" */
const trimDecimal = (value: string) => (value.includes('.') ? value.replace(/\.?0+$/, '') : value);

export const toInvoiceSummary = (row: InvoiceSummaryRow, today: string) => ({
  id: row.id,
  number: row.number,
  status: row.status as InvoiceStatus,
  overdue: row.status === 'open' && row.due_at < today,
  issuedAt: row.issued_at,
  dueAt: row.due_at,
  paidAt: row.paid_at,
  currency: row.currency,
  netTotal: normalizeAmount(row.net_total),
  taxTotal: normalizeAmount(row.tax_total),
  grossTotal: normalizeAmount(row.gross_total),
  billingName: row.billing_name,
  person: ref(
    row.person_id,
    row.person_first_name !== null ? `${row.person_first_name} ${row.person_last_name}` : null,
  ),
  organization: ref(row.organization_id, row.organization_name),
  customerGroup: ref(row.customer_group_id, row.customer_group_name),
  restricted: row.restricted_at !== null,
});

type Line = {
  position: number;
  product: string;
  description: string | null;
  quantity: string;
  unit_price: string;
  tax_rate: string;
  net: string;
};

export const toInvoice = (row: InvoiceRow, lines: Line[], today: string) => {
  const totals = documentTotals(
    lines.map((l) => ({
      quantity: trimDecimal(l.quantity),
      unitPrice: normalizeAmount(l.unit_price),
      taxRate: l.tax_rate,
    })),
  );
  const rule = RETENTION_RULES.find((r) => r.id === row.retention_rule);
  const nextYear = Number(row.retain_until.slice(0, 4)) + 1;
  return {
    ...toInvoiceSummary(row, today),
    orderId: row.order_id,
    billing: {
      name: row.billing_name,
      street: row.billing_street,
      postalCode: row.billing_postal_code,
      city: row.billing_city,
      country: row.billing_country,
      email: row.billing_email,
    },
    lines: lines.map((l) => ({
      position: l.position,
      product: l.product,
      description: l.description,
      quantity: trimDecimal(l.quantity),
      unitPrice: normalizeAmount(l.unit_price),
      taxRate: trimDecimal(l.tax_rate),
      net: normalizeAmount(l.net),
    })),
    vatByRate: totals.byRate.map((r) => ({
      rate: trimDecimal(r.rate),
      net: formatCents(r.net),
      tax: formatCents(r.tax),
    })),
    retention: {
      rule: row.retention_rule,
      basis: rule?.basis ?? '',
      retainUntil: row.retain_until,
      deletableFrom: `${nextYear}-01-01`,
      legalHold: row.legal_hold,
      restricted: row.restricted_at !== null,
      restrictedAt: row.restricted_at?.toISOString() ?? null,
    },
    importBatchId: row.import_batch_id,
    externalRef: row.external_ref,
    departmentIds: row.department_ids,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
};
