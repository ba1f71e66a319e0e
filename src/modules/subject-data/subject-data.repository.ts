import type { Tx } from '../../db/tenant.ts';

/**
 * Everything the database holds about one person, one query per table (no N+1): the access export
 * of a person with 10,000 interactions, 200 cases and 500 invoices is a dozen statements. Colleagues
 * appear only by role (Art. 15(4)), never by name or id.
 */

export const findPerson = (tx: Tx, personId: string) =>
  tx
    .selectFrom('persons as p')
    .leftJoin('subject_keys as k', 'k.subject_id', 'p.id')
    .leftJoin('organizations as o', 'o.id', 'p.organization_id')
    .select([
      'p.id',
      'p.kind',
      'p.first_name',
      'p.last_name',
      'p.email',
      'p.phone',
      'p.birth_date',
      'p.job_title',
      'p.street',
      'p.postal_code',
      'p.city',
      'p.country',
      'p.notes',
      'p.accessibility_needs',
      'p.accessibility_legal_basis',
      'p.organization_id',
      'o.name as organization_name',
      'p.legal_basis',
      'p.purposes',
      'p.source_kind',
      'p.source_detail',
      'p.collected_at',
      'p.expires_at',
      'p.restricted_at',
      'p.restriction_reason',
      'p.marketing_objection_at',
      'p.verified_at',
      'p.created_at',
      'p.updated_at',
      'k.wrapped_key',
      'k.master_key_id',
    ])
    .where('p.id', '=', personId)
    .executeTakeFirst();
export type PersonRow = NonNullable<Awaited<ReturnType<typeof findPerson>>>;

export const listTags = (tx: Tx, personId: string) =>
  tx
    .selectFrom('person_tags as pt')
    .innerJoin('tags as t', 't.id', 'pt.tag_id')
    .select(['t.name', 't.color'])
    .where('pt.person_id', '=', personId)
    .orderBy('t.name')
    .execute();

export const listInteractions = (tx: Tx, personId: string, inboundOnly: boolean) => {
  let q = tx
    .selectFrom('interactions')
    .select(['id', 'kind', 'direction', 'occurred_at', 'subject', 'body', 'created_at'])
    .where('person_id', '=', personId);
  if (inboundOnly) q = q.where('direction', '=', 'inbound');
  return q.orderBy('occurred_at').orderBy('id').execute();
};

export const listCases = (tx: Tx, personId: string) =>
  tx
    .selectFrom('cases')
    .select([
      'id',
      'number',
      'channel',
      'category',
      'status',
      'priority',
      'subject',
      'order_id',
      'invoice_id',
      'received_at',
      'first_responded_at',
      'resolved_at',
      'closed_at',
    ])
    .where('person_id', '=', personId)
    .orderBy('received_at')
    .orderBy('id')
    .execute();

/** Messages of the person's cases (sealed under the person's data key). */
export const listCaseMessages = (tx: Tx, personId: string, inboundOnly: boolean) => {
  let q = tx
    .selectFrom('case_messages as m')
    .innerJoin('cases as c', 'c.id', 'm.case_id')
    .leftJoin('users as u', 'u.id', 'm.author_id')
    .select([
      'm.id',
      'm.case_id',
      'c.number as case_number',
      'm.direction',
      'm.body',
      'm.created_at',
      'u.role as author_role',
    ])
    .where('c.person_id', '=', personId);
  if (inboundOnly) q = q.where('m.direction', '=', 'inbound');
  return q.orderBy('m.created_at').orderBy('m.id').execute();
};

export const listDeals = (tx: Tx, personId: string) =>
  tx
    .selectFrom('deals as d')
    .innerJoin('pipeline_stages as s', 's.id', 'd.stage_id')
    .select([
      'd.id',
      'd.title',
      's.name_de as stage_de',
      's.name_en as stage_en',
      's.outcome as stage_outcome',
      'd.value',
      'd.currency',
      'd.probability',
      'd.expected_close',
      'd.lost_reason',
      'd.closed_at',
      'd.created_at',
    ])
    .where('d.person_id', '=', personId)
    .orderBy('d.created_at')
    .orderBy('d.id')
    .execute();

export const listQuotes = (tx: Tx, personId: string) =>
  tx
    .selectFrom('quotes')
    .select([
      'id',
      'number',
      'deal_id',
      'status',
      'issued_at',
      'valid_until',
      'currency',
      'net_total',
      'tax_total',
      'gross_total',
    ])
    .where('person_id', '=', personId)
    .orderBy('issued_at')
    .orderBy('id')
    .execute();

export const listQuoteLines = (tx: Tx, personId: string) =>
  tx
    .selectFrom('quote_lines as l')
    .innerJoin('quotes as q', 'q.id', 'l.quote_id')
    .select([
      'l.quote_id',
      'q.number as quote_number',
      'l.position',
      'l.product',
      'l.description',
      'l.quantity',
      'l.unit_price',
      'l.tax_rate',
      'l.net',
    ])
    .where('q.person_id', '=', personId)
    .orderBy('q.issued_at')
    .orderBy('l.quote_id')
    .orderBy('l.position')
    .execute();

export const listOrders = (tx: Tx, personId: string) =>
  tx
    .selectFrom('orders')
    .select([
      'id',
      'number',
      'quote_id',
      'deal_id',
      'status',
      'ordered_at',
      'external_ref',
      'currency',
      'net_total',
      'tax_total',
      'gross_total',
    ])
    .where('person_id', '=', personId)
    .orderBy('ordered_at')
    .orderBy('id')
    .execute();

export const listOrderLines = (tx: Tx, personId: string) =>
  tx
    .selectFrom('order_lines as l')
    .innerJoin('orders as o', 'o.id', 'l.order_id')
    .select([
      'l.order_id',
      'o.number as order_number',
      'l.position',
      'l.product',
      'l.description',
      'l.quantity',
      'l.unit_price',
      'l.tax_rate',
      'l.net',
    ])
    .where('o.person_id', '=', personId)
    .orderBy('o.ordered_at')
    .orderBy('l.order_id')
    .orderBy('l.position')
    .execute();

export const listInvoices = (tx: Tx, personId: string) =>
  tx
    .selectFrom('invoices')
    .select([
      'id',
      'number',
      'order_id',
      'status',
      'issued_at',
      'due_at',
      'paid_at',
      'currency',
      'net_total',
      'tax_total',
      'gross_total',
      'billing_name',
      'billing_street',
      'billing_postal_code',
      'billing_city',
      'billing_country',
      'billing_email',
      'retention_rule',
      'retain_until',
      'legal_hold',
      'import_batch_id',
      'external_ref',
    ])
    .where('person_id', '=', personId)
    .orderBy('issued_at')
    .orderBy('id')
    .execute();

export const listInvoiceLines = (tx: Tx, personId: string) =>
  tx
    .selectFrom('invoice_lines as l')
    .innerJoin('invoices as i', 'i.id', 'l.invoice_id')
    .select([
      'l.invoice_id',
      'i.number as invoice_number',
      'l.position',
      'l.product',
      'l.description',
      'l.quantity',
      'l.unit_price',
      'l.tax_rate',
      'l.net',
    ])
    .where('i.person_id', '=', personId)
    .orderBy('i.issued_at')
    .orderBy('l.invoice_id')
    .orderBy('l.position')
    .execute();

/** The import batches (ERP files) the person's invoices came from. */
export const listImportBatches = (tx: Tx, personId: string) =>
  tx
    .selectFrom('import_batches as b')
    .select(['b.id', 'b.kind', 'b.file_name', 'b.created_at'])
    .where('b.id', 'in', (eb) =>
      eb
        .selectFrom('invoices as i')
        .select('i.import_batch_id')
        .where('i.person_id', '=', personId)
        .where('i.import_batch_id', 'is not', null)
        .$castTo<string>(),
    )
    .orderBy('b.created_at')
    .execute();

/** Tasks about the person, or about their deals, cases and invoices. */
export const listTasks = (tx: Tx, personId: string) =>
  tx
    .selectFrom('tasks as t')
    .select([
      't.id',
      't.title',
      't.due_at',
      't.status',
      't.done_at',
      't.deal_id',
      't.case_id',
      't.invoice_id',
      't.created_at',
    ])
    .where((eb) =>
      eb.or([
        eb('t.person_id', '=', personId),
        eb('t.deal_id', 'in', eb.selectFrom('deals').select('id').where('person_id', '=', personId)),
        eb('t.case_id', 'in', eb.selectFrom('cases').select('id').where('person_id', '=', personId)),
        eb('t.invoice_id', 'in', eb.selectFrom('invoices').select('id').where('person_id', '=', personId)),
      ]),
    )
    .orderBy('t.due_at')
    .orderBy('t.id')
    .execute();

export const listDisclosures = (tx: Tx, personId: string) =>
  tx
    .selectFrom('disclosures as d')
    .innerJoin('recipients as r', 'r.id', 'd.recipient_id')
    .select([
      'd.id',
      'r.name as recipient_name',
      'r.kind as recipient_kind',
      'r.country as recipient_country',
      'd.categories',
      'd.purpose',
      'd.disclosed_at',
      'd.note',
    ])
    .where('d.person_id', '=', personId)
    .orderBy('d.disclosed_at')
    .orderBy('d.id')
    .execute();

/** The person's requests: number, type, dates, status, what they wrote (sealed); no employee. */
export const listRequests = (tx: Tx, personId: string) =>
  tx
    .selectFrom('dsr_requests')
    .select([
      'id',
      'number',
      'type',
      'channel',
      'status',
      'received_at',
      'due_at',
      'extended_due_at',
      'extension_reason',
      'closed_at',
      'refusal_reason',
      'requester_enc',
      'details_enc',
    ])
    .where('person_id', '=', personId)
    .orderBy('received_at')
    .orderBy('id')
    .execute();

export const listFieldLocks = (tx: Tx, personId: string) =>
  tx
    .selectFrom('field_locks')
    .select(['field', 'reason', 'locked_at'])
    .where('person_id', '=', personId)
    .orderBy('field')
    .execute();

/** Who did what with the person's data: the audit entries about them, the actor by role only. */
export const listAuditEntries = (tx: Tx, personId: string) =>
  tx
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.actor_user_id')
    .select(['a.seq', 'a.at', 'a.action', 'a.fields', 'u.role as actor_role'])
    .where('a.subject_id', '=', personId)
    .where('a.subject_type', '=', 'person')
    .orderBy('a.seq')
    .execute();

/** A stored export (sealed) with what decides whether it may be handed out. */
export const findRequestExport = (tx: Tx, requestId: string) =>
  tx
    .selectFrom('dsr_requests as r')
    .leftJoin('subject_keys as k', 'k.subject_id', 'r.person_id')
    .select(['r.id', 'r.type', 'r.status', 'r.person_id', 'r.export_enc', 'k.wrapped_key', 'k.master_key_id'])
    .where('r.id', '=', requestId)
    .executeTakeFirst();
