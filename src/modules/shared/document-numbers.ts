import { sql } from 'kysely';
import type { Tx } from '../../db/tenant.ts';

/** The kinds of running numbers (document_counters.kind) and the prefix of each. */
export const DOCUMENT_PREFIXES = {
  quote: 'AN',
  order: 'AU',
  invoice: 'RE',
  case: 'SF',
  request: 'DSR',
  breach: 'DP',
} as const;
export type DocumentKind = keyof typeof DOCUMENT_PREFIXES;

/**
 * The next running number of a kind in a year for the transaction's tenant, e.g. "AN-2026-0001".
 * One statement (insert … on conflict do update … returning) takes the number, so concurrent
 * transactions never get the same one: the second waits for the first's row lock and then counts on
 * from its value. A rolled-back transaction gives its number back with it (no gaps from refused input).
 */
export const nextDocumentNumber = async (
  tx: Tx,
  tenantId: string,
  kind: DocumentKind,
  year: number,
  prefix: string = DOCUMENT_PREFIXES[kind],
): Promise<string> => {
  const row = await tx
    .insertInto('document_counters')
    .values({ tenant_id: tenantId, kind, year, last_value: 1 })
    .onConflict((oc) =>
      oc
        .columns(['tenant_id', 'kind', 'year'])
        .doUpdateSet({ last_value: sql`document_counters.last_value + 1` }),
    )
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return `${prefix}-${year}-${String(row.last_value).padStart(4, '0')}`;
};
