import type { Tx } from '../../db/tenant.ts';

/** All SQL of erasure, suppressions and the erasures journal table. Row-level security is in force on `tx`. */

export const findPersonForErasure = (tx: Tx, personId: string) =>
  tx.selectFrom('persons').select(['id', 'email', 'phone']).where('id', '=', personId).executeTakeFirst();

export const personExists = async (tx: Tx, personId: string) =>
  (await tx.selectFrom('persons').select('id').where('id', '=', personId).executeTakeFirst()) !== undefined;

export const tenantSettings = async (tx: Tx) =>
  (await tx.selectFrom('tenants').select('settings').executeTakeFirst())?.settings;

// ---- what the person is linked to -----------------------------------------------------------

export const invoicesOf = (tx: Tx, personId: string) =>
  tx
    .selectFrom('invoices')
    .select(['id', 'retain_until', 'legal_hold'])
    .where('person_id', '=', personId)
    .execute();

/** Records of a commercial table whose customer is the person, with whether an organisation is too. */
export const customerRecordsOf = (tx: Tx, table: 'deals' | 'quotes' | 'orders', personId: string) =>
  tx.selectFrom(table).select(['id', 'organization_id']).where('person_id', '=', personId).execute();

export const casesOf = async (tx: Tx, personId: string) =>
  (await tx.selectFrom('cases').select('id').where('person_id', '=', personId).execute()).map((r) => r.id);

export const requestIdsOf = async (tx: Tx, personId: string) =>
  (await tx.selectFrom('dsr_requests').select('id').where('person_id', '=', personId).execute()).map(
    (r) => r.id,
  );

// ---- unlinking records that stay from records that go -----------------------------------------

const n = (r: { numUpdatedRows?: bigint; numDeletedRows?: bigint }) =>
  Number(r.numUpdatedRows ?? r.numDeletedRows ?? 0n);

/** Kept records must not point at deleted ones (the foreign keys have no cascade there). */
export const unlinkKept = async (
  tx: Tx,
  gone: { deals: string[]; quotes: string[]; orders: string[]; invoices: string[]; cases: string[] },
) => {
  if (gone.deals.length) {
    await tx.updateTable('quotes').set({ deal_id: null }).where('deal_id', 'in', gone.deals).execute();
    await tx.updateTable('orders').set({ deal_id: null }).where('deal_id', 'in', gone.deals).execute();
  }
  if (gone.quotes.length)
    await tx.updateTable('orders').set({ quote_id: null }).where('quote_id', 'in', gone.quotes).execute();
  if (gone.orders.length) {
    await tx.updateTable('invoices').set({ order_id: null }).where('order_id', 'in', gone.orders).execute();
    await tx.updateTable('cases').set({ order_id: null }).where('order_id', 'in', gone.orders).execute();
  }
  if (gone.invoices.length)
    await tx
      .updateTable('cases')
      .set({ invoice_id: null })
      .where('invoice_id', 'in', gone.invoices)
      .execute();
};

// ---- deletions (each returns the number of rows) ------------------------------------------------

/** Tasks of the person, and tasks attached to a deal, case or invoice that is deleted with them. */
export const deleteTasks = async (
  tx: Tx,
  personId: string,
  gone: { deals: string[]; cases: string[]; invoices: string[] },
) =>
  n(
    await tx
      .deleteFrom('tasks')
      .where((eb) =>
        eb.or([
          eb('person_id', '=', personId),
          ...(gone.deals.length ? [eb('deal_id', 'in', gone.deals)] : []),
          ...(gone.cases.length ? [eb('case_id', 'in', gone.cases)] : []),
          ...(gone.invoices.length ? [eb('invoice_id', 'in', gone.invoices)] : []),
        ]),
      )
      .executeTakeFirst(),
  );

export const deleteCases = async (tx: Tx, ids: string[]) => {
  if (!ids.length) return { cases: 0, case_messages: 0 };
  const messages = n(await tx.deleteFrom('case_messages').where('case_id', 'in', ids).executeTakeFirst());
  const cases = n(await tx.deleteFrom('cases').where('id', 'in', ids).executeTakeFirst());
  return { cases, case_messages: messages };
};

export const deleteInvoices = async (tx: Tx, ids: string[]) => {
  if (!ids.length) return { invoices: 0, invoice_lines: 0 };
  const lines = n(await tx.deleteFrom('invoice_lines').where('invoice_id', 'in', ids).executeTakeFirst());
  const invoices = n(await tx.deleteFrom('invoices').where('id', 'in', ids).executeTakeFirst());
  return { invoices, invoice_lines: lines };
};

/**
 * Invoices within their retention period (or on legal hold): unlinked from the person and restricted;
 * the billing snapshot stays for the statutory purpose only.
 */
export const restrictInvoices = async (tx: Tx, ids: string[], at: Date) =>
  ids.length
    ? n(
        await tx
          .updateTable('invoices')
          .set({ person_id: null, restricted_at: at, updated_at: at })
          .where('id', 'in', ids)
          .executeTakeFirst(),
      )
    : 0;

export const deleteOrders = async (tx: Tx, ids: string[]) => {
  if (!ids.length) return { orders: 0, order_lines: 0 };
  const lines = n(await tx.deleteFrom('order_lines').where('order_id', 'in', ids).executeTakeFirst());
  const orders = n(await tx.deleteFrom('orders').where('id', 'in', ids).executeTakeFirst());
  return { orders, order_lines: lines };
};

export const deleteQuotes = async (tx: Tx, ids: string[]) => {
  if (!ids.length) return { quotes: 0, quote_lines: 0 };
  const lines = n(await tx.deleteFrom('quote_lines').where('quote_id', 'in', ids).executeTakeFirst());
  const quotes = n(await tx.deleteFrom('quotes').where('id', 'in', ids).executeTakeFirst());
  return { quotes, quote_lines: lines };
};

export const deleteDeals = async (tx: Tx, ids: string[]) => {
  if (!ids.length) return { deals: 0, deal_stage_changes: 0 };
  const changes = n(await tx.deleteFrom('deal_stage_changes').where('deal_id', 'in', ids).executeTakeFirst());
  const deals = n(await tx.deleteFrom('deals').where('id', 'in', ids).executeTakeFirst());
  return { deals, deal_stage_changes: changes };
};

/** Records an organisation is also the customer of stay, without the person. */
export const unlinkCustomer = async (
  tx: Tx,
  table: 'deals' | 'quotes' | 'orders',
  ids: string[],
  at: Date,
) =>
  ids.length
    ? n(
        await tx
          .updateTable(table)
          .set({ person_id: null, updated_at: at })
          .where('id', 'in', ids)
          .executeTakeFirst(),
      )
    : 0;

export const deleteByPerson = async (
  tx: Tx,
  table:
    | 'interactions'
    | 'person_tags'
    | 'disclosures'
    | 'field_locks'
    | 'person_photos'
    | 'redaction_findings',
  personId: string,
) => n(await tx.deleteFrom(table).where('person_id', '=', personId).executeTakeFirst());

export const deleteLettersOf = async (tx: Tx, requestIds: string[]) =>
  requestIds.length
    ? n(await tx.deleteFrom('dsr_letters').where('request_id', 'in', requestIds).executeTakeFirst())
    : 0;

export const deletePerson = async (tx: Tx, personId: string) =>
  n(await tx.deleteFrom('persons').where('id', '=', personId).executeTakeFirst());

// ---- suppressions ---------------------------------------------------------------------------------

export const insertSuppressions = async (
  tx: Tx,
  rows: { tenant_id: string; kind: string; hash: string; reason: string; request_id: string | null }[],
) =>
  rows.length
    ? (
        await tx
          .insertInto('suppressions')
          .values(rows)
          .onConflict((oc) => oc.columns(['tenant_id', 'kind', 'hash']).doNothing())
          .returning('id')
          .execute()
      ).length
    : 0;

export const findSuppressed = (tx: Tx, hashes: { kind: string; hash: string }[]) =>
  hashes.length
    ? tx
        .selectFrom('suppressions')
        .select(['id', 'kind'])
        .where((eb) => eb.or(hashes.map((h) => eb.and([eb('kind', '=', h.kind), eb('hash', '=', h.hash)]))))
        .execute()
    : Promise.resolve([]);

export const listSuppressions = (tx: Tx) =>
  tx
    .selectFrom('suppressions')
    .select(['id', 'kind', 'reason', 'request_id', 'created_at'])
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();

export const deleteSuppression = (tx: Tx, id: string) =>
  tx.deleteFrom('suppressions').where('id', '=', id).returning(['id', 'kind', 'reason']).executeTakeFirst();

// ---- the erasures table (append-only for the application) ------------------------------------------

export const insertErasure = async (
  tx: Tx,
  row: {
    tenant_id: string;
    person_id: string;
    request_id: string | null;
    erased_at: Date;
    erased_by: string | null;
    summary: string;
  },
) =>
  (
    await tx
      .insertInto('erasures')
      .values(row)
      .onConflict((oc) => oc.columns(['tenant_id', 'person_id']).doNothing())
      .returning('id')
      .execute()
  ).length;

export const listErasures = (tx: Tx) =>
  tx
    .selectFrom('erasures')
    .select(['id', 'person_id', 'request_id', 'erased_at', 'erased_by', 'summary'])
    .orderBy('erased_at', 'desc')
    .orderBy('id')
    .execute();
