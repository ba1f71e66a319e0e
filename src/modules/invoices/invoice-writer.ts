/**
 * Writing invoices, shared by the API (one invoice) and the ERP import (many): totals computed here
 * from the lines (never taken from the client), the retention rule of the tenant's jurisdiction, the
 * lines, and the revenue ledger, all in the caller's transaction.
 */
import { randomUUID } from 'node:crypto';
import type { Tx } from '../../db/tenant.ts';
import { documentTotals, formatCents, normalizeAmount } from '../../domain/billing/money.ts';
import { type Jurisdiction, retentionFor } from '../../domain/billing/retention.ts';
import { applyToLedger } from './revenue-ledger.ts';

export type NewInvoice = {
  number: string;
  orderId: string | null;
  personId: string | null;
  organizationId: string | null;
  customerGroupId: string | null;
  issuedAt: string;
  dueAt: string;
  paidAt: string | null;
  currency: string;
  lines: {
    product: string;
    description: string | null;
    quantity: string;
    unitPrice: string;
    taxRate: string;
  }[];
  billing: {
    name: string;
    street: string | null;
    postalCode: string | null;
    city: string | null;
    country: string | null;
    email: string | null;
  };
  departmentIds: string[];
  importBatchId: string | null;
  externalRef: string | null;
  createdBy: string | null;
};

const CHUNK = 500;

/** Totals of the lines; throws invalid_amount / validation_failed for a bad amount, quantity or rate. */
export const totalsOf = (lines: NewInvoice['lines']) => documentTotals(lines);

export const writeInvoices = async (
  tx: Tx,
  tenantId: string,
  jurisdiction: Jurisdiction,
  invoices: NewInvoice[],
): Promise<string[]> => {
  const prepared = invoices.map((invoice) => ({
    id: randomUUID(),
    invoice,
    totals: totalsOf(invoice.lines),
  }));
  for (let i = 0; i < prepared.length; i += CHUNK) {
    const chunk = prepared.slice(i, i + CHUNK);
    await tx
      .insertInto('invoices')
      .values(
        chunk.map(({ id, invoice, totals }) => {
          const retention = retentionFor({ jurisdiction, kind: 'voucher', documentDate: invoice.issuedAt });
          return {
            id,
            tenant_id: tenantId,
            number: invoice.number,
            order_id: invoice.orderId,
            person_id: invoice.personId,
            organization_id: invoice.organizationId,
            customer_group_id: invoice.customerGroupId,
            status: invoice.paidAt ? 'paid' : 'open',
            issued_at: invoice.issuedAt,
            due_at: invoice.dueAt,
            paid_at: invoice.paidAt,
            currency: invoice.currency,
            net_total: formatCents(totals.net),
            tax_total: formatCents(totals.tax),
            gross_total: formatCents(totals.gross),
            billing_name: invoice.billing.name,
            billing_street: invoice.billing.street,
            billing_postal_code: invoice.billing.postalCode,
            billing_city: invoice.billing.city,
            billing_country: invoice.billing.country,
            billing_email: invoice.billing.email,
            retention_rule: retention.rule,
            retain_until: retention.retainUntil,
            import_batch_id: invoice.importBatchId,
            external_ref: invoice.externalRef,
            department_ids: invoice.departmentIds,
            created_by: invoice.createdBy,
          };
        }),
      )
      .execute();
    const lines = chunk.flatMap(({ id, invoice, totals }) =>
      invoice.lines.map((line, n) => ({
        tenant_id: tenantId,
        invoice_id: id,
        position: n + 1,
        product: line.product,
        description: line.description,
        quantity: line.quantity,
        unit_price: normalizeAmount(line.unitPrice),
        tax_rate: line.taxRate,
        net: formatCents(totals.lines[n] ?? 0n),
      })),
    );
    for (let j = 0; j < lines.length; j += CHUNK * 2)
      await tx
        .insertInto('invoice_lines')
        .values(lines.slice(j, j + CHUNK * 2))
        .execute();
  }
  await applyToLedger(
    tx,
    tenantId,
    prepared.map(({ invoice, totals }) => ({
      issuedAt: invoice.issuedAt,
      customerGroupId: invoice.customerGroupId,
      currency: invoice.currency,
      lines: invoice.lines.map((line, n) => ({ product: line.product, net: totals.lines[n] ?? 0n })),
    })),
    1,
  );
  return prepared.map((p) => p.id);
};

/** Removes a cancelled invoice's lines from the ledger (the invoice itself stays: it is a voucher). */
export const unbookInvoice = async (
  tx: Tx,
  tenantId: string,
  invoice: { id: string; issued_at: string; customer_group_id: string | null; currency: string },
) => {
  const lines = await tx
    .selectFrom('invoice_lines')
    .select(['product', 'net'])
    .where('invoice_id', '=', invoice.id)
    .execute();
  await applyToLedger(
    tx,
    tenantId,
    [
      {
        issuedAt: invoice.issued_at,
        customerGroupId: invoice.customer_group_id,
        currency: invoice.currency,
        lines: lines.map((l) => ({ product: l.product, net: centsOf(l.net) })),
      },
    ],
    -1,
  );
};

/** A numeric from PostgreSQL ("12.5", "-3.20") in cents. */
export const centsOf = (value: string): bigint => {
  const negative = value.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? value.slice(1) : value).split('.');
  const cents = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2) || '0');
  return negative ? -cents : cents;
};
