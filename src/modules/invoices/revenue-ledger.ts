/**
 * The revenue ledger (revenue_quarterly): net revenue of invoice lines per tenant, quarter of issue,
 * customer group, product and currency. Every invoice insert, cancellation and import changes it in
 * the same transaction, so the quarterly dashboard reads a few hundred rows instead of a million
 * lines. Cancelled invoices leave it. No employee appears in it (BetrVG § 87).
 */
import { sql } from 'kysely';
import type { Tx } from '../../db/tenant.ts';
import { formatCents } from '../../domain/billing/money.ts';

/** customer_group_key of invoices without a customer group. */
export const NO_GROUP_KEY = '00000000-0000-0000-0000-000000000000';

/** First day of the quarter of a calendar date: '2025-05-17' → '2025-04-01'. */
export const quarterStartOf = (date: string) => {
  const month = Number(date.slice(5, 7));
  return `${date.slice(0, 4)}-${String(Math.floor((month - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
};

export type LedgerInvoice = {
  issuedAt: string;
  customerGroupId: string | null;
  currency: string;
  lines: { product: string; net: bigint }[];
};

type Entry = {
  quarter: string;
  groupKey: string;
  product: string;
  currency: string;
  net: bigint;
  count: number;
};

const CHUNK = 1000;

/**
 * Adds (sign 1) or removes (sign -1) the lines of these invoices. One insert … on conflict do update
 * per chunk of keys, so concurrent transactions add up instead of overwriting each other; rows that
 * no line counts any more are deleted.
 */
export const applyToLedger = async (tx: Tx, tenantId: string, invoices: LedgerInvoice[], sign: 1 | -1) => {
  const entries = new Map<string, Entry>();
  for (const invoice of invoices) {
    const quarter = quarterStartOf(invoice.issuedAt);
    const groupKey = invoice.customerGroupId ?? NO_GROUP_KEY;
    for (const line of invoice.lines) {
      const key = JSON.stringify([quarter, groupKey, line.product, invoice.currency]);
      const entry = entries.get(key) ?? {
        quarter,
        groupKey,
        product: line.product,
        currency: invoice.currency,
        net: 0n,
        count: 0,
      };
      entry.net += line.net;
      entry.count += 1;
      entries.set(key, entry);
    }
  }
  // a fixed order of keys: concurrent transactions lock the same rows in the same order (no deadlock)
  const all = [...entries.values()].sort((a, b) =>
    JSON.stringify([a.quarter, a.groupKey, a.product, a.currency]) <
    JSON.stringify([b.quarter, b.groupKey, b.product, b.currency])
      ? -1
      : 1,
  );
  for (let i = 0; i < all.length; i += CHUNK) {
    const chunk = all.slice(i, i + CHUNK);
    await tx
      .insertInto('revenue_quarterly')
      .values(
        chunk.map((e) => ({
          tenant_id: tenantId,
          quarter: e.quarter,
          customer_group_key: e.groupKey,
          product: e.product,
          currency: e.currency,
          net: formatCents(BigInt(sign) * e.net),
          line_count: sign * e.count,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'quarter', 'customer_group_key', 'product', 'currency']).doUpdateSet({
          net: sql`revenue_quarterly.net + excluded.net`,
          line_count: sql`revenue_quarterly.line_count + excluded.line_count`,
        }),
      )
      .execute();
    if (sign < 0) {
      await tx
        .deleteFrom('revenue_quarterly')
        .where('line_count', '<=', 0)
        .where((eb) =>
          eb.or(
            chunk.map((e) =>
              eb.and([
                eb('quarter', '=', e.quarter),
                eb('customer_group_key', '=', e.groupKey),
                eb('product', '=', e.product),
                eb('currency', '=', e.currency),
              ]),
            ),
          ),
        )
        .execute();
    }
  }
};
