import { inTenant, type Tx } from '../../db/tenant.ts';
import { DecryptionError } from '../../domain/crypto/secret-box.ts';
import { AppError } from '../../domain/errors.ts';
import { canDo } from '../../domain/permissions/roles.ts';
import {
  LEGAL_BASIS_LABELS,
  type LegalBasis,
  SPECIAL_CATEGORY_BASIS_LABELS,
  type SpecialCategoryBasis,
} from '../../domain/privacy/legal-bases.ts';
import {
  AUTOMATED_DECISIONS_TEXT,
  categoriesHeld,
  PORTABLE_PERSON_FIELDS,
  RIGHTS_TEXT,
  recipientsOf,
  retentionFacts,
} from '../../domain/requests/subject-export.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { flushAudits, recordAudit } from '../audit/audit.service.ts';
import { listPurposes } from '../catalogue/catalogue.repository.ts';
import { compileMergeSection } from '../duplicates/duplicates.subject.ts';
import { openValue, unwrapSubjectKey } from '../keys/keys.service.ts';
import { compilePhotoSection } from '../photos/photos.export.ts';
import { registerRecipientsFor } from '../recipients/register.art15.ts';
import { compileRedactionSection } from '../redaction/redaction.subject.ts';
import { compileWebFormSections } from '../web-forms/web-forms.subject.ts';
import { compileMarketingSections } from './subject-data.marketing.ts';
import * as repo from './subject-data.repository.ts';
import type { SubjectExport } from './subject-data.types.ts';

/** Where the requests module stores the compiled export, sealed under the person's data key. */
export const exportRef = (requestId: string) => ({
  table: 'dsr_requests',
  recordId: requestId,
  column: 'export',
});
const requestRef = (requestId: string, column: 'requester' | 'details') => ({
  table: 'dsr_requests',
  recordId: requestId,
  column,
});

const iso = (d: Date | string | null) => (d == null ? null : d instanceof Date ? d.toISOString() : d);

/** A sealed JSON value, opened; null when absent, shredded or not readable. */
const openJson = (
  dataKey: Buffer | null,
  ref: { table: string; recordId: string; column: string },
  sealed: string | null,
) => {
  try {
    const plain = openValue(dataKey, ref, sealed);
    return plain == null ? null : (JSON.parse(plain) as unknown);
  } catch (error) {
    if (error instanceof DecryptionError || error instanceof SyntaxError) return null;
    throw error;
  }
};

/**
 * Compiles everything about a person (access, Art. 15) or what they provided (portability, Art. 20):
 * one query per table, sealed values opened with the person's data key, colleagues only by role
 * (Art. 15(4)). Runs inside the caller's transaction. Owner: subject-data. Schema: docs/subject-export.md.
 */
export const compileSubjectData = async (
  tx: Tx,
  ctx: AppContext,
  input: { tenantId: string; personId: string; scope: 'access' | 'portability'; locale: 'de' | 'en' },
): Promise<SubjectExport> => {
  const { tenantId, personId, scope, locale } = input;
  const person = await repo.findPerson(tx, personId);
  if (!person) throw new AppError('not_found', { params: { entity: 'person' } });
  const dataKey = unwrapSubjectKey(ctx, {
    tenantId,
    subjectId: personId,
    wrapped: person.wrapped_key,
    masterKeyId: person.master_key_id,
  });
  const portable = scope === 'portability';
  // what this transaction recorded about the person so far belongs in the export too
  if (!portable) await flushAudits(tx, ctx);

  // every table, one statement each (the transaction's connection runs them in turn)
  const [
    tags,
    interactions,
    cases,
    messages,
    deals,
    quotes,
    quoteLines,
    orders,
    orderLines,
    invoices,
    invoiceLines,
    batches,
    tasks,
    disclosures,
    requests,
    locks,
    audit,
    purposes,
  ] = await Promise.all([
    portable ? [] : repo.listTags(tx, personId),
    repo.listInteractions(tx, personId, portable),
    portable ? [] : repo.listCases(tx, personId),
    repo.listCaseMessages(tx, personId, portable),
    portable ? [] : repo.listDeals(tx, personId),
    portable ? [] : repo.listQuotes(tx, personId),
    portable ? [] : repo.listQuoteLines(tx, personId),
    repo.listOrders(tx, personId),
    repo.listOrderLines(tx, personId),
    portable ? [] : repo.listInvoices(tx, personId),
    portable ? [] : repo.listInvoiceLines(tx, personId),
    repo.listImportBatches(tx, personId),
    portable ? [] : repo.listTasks(tx, personId),
    repo.listDisclosures(tx, personId),
    portable ? [] : repo.listRequests(tx, personId),
    portable ? [] : repo.listFieldLocks(tx, personId),
    portable ? [] : repo.listAuditEntries(tx, personId),
    listPurposes(tx),
  ]);

  const open = (table: string, recordId: string, column: string, sealed: string | null) =>
    openValue(dataKey, { table, recordId, column }, sealed);

  const notes = open('persons', personId, 'notes', person.notes);
  const accessibilityNeeds = open('persons', personId, 'accessibility_needs', person.accessibility_needs);
  const personOut: Record<string, unknown> = {
    id: person.id,
    kind: person.kind,
    firstName: person.first_name,
    lastName: person.last_name,
    email: person.email,
    phone: person.phone,
    birthDate: person.birth_date,
    jobTitle: person.job_title,
    street: person.street,
    postalCode: person.postal_code,
    city: person.city,
    country: person.country,
    notes,
    accessibilityNeeds,
    accessibilityLegalBasis: person.accessibility_legal_basis,
    organizationName: person.organization_name,
    legalBasis: person.legal_basis,
    purposes: person.purposes,
    sourceKind: person.source_kind,
    sourceDetail: person.source_detail,
    collectedAt: iso(person.collected_at),
    expiresAt: iso(person.expires_at),
    restrictedAt: iso(person.restricted_at),
    restrictionReason: open('persons', personId, 'restriction_reason', person.restriction_reason),
    marketingObjectionAt: iso(person.marketing_objection_at),
    verifiedAt: iso(person.verified_at),
    createdAt: iso(person.created_at),
    updatedAt: iso(person.updated_at),
  };

  const interactionRows = interactions.map((r) => ({
    id: r.id,
    kind: r.kind,
    direction: r.direction,
    occurredAt: iso(r.occurred_at),
    subject: r.subject,
    body: open('interactions', r.id, 'body', r.body),
  }));
  const messageRows = messages.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    caseNumber: r.case_number,
    direction: r.direction,
    // the person's own messages are theirs; ours are signed by role, never by a colleague's name
    author: r.direction === 'inbound' ? null : (r.author_role ?? 'employee'),
    body: open('case_messages', r.id, 'body', r.body),
    createdAt: iso(r.created_at),
  }));
  const orderRows = orders.map((r) => ({
    id: r.id,
    number: r.number,
    quoteId: r.quote_id,
    dealId: r.deal_id,
    status: r.status,
    orderedAt: r.ordered_at,
    externalRef: r.external_ref,
    currency: r.currency,
    netTotal: r.net_total,
    taxTotal: r.tax_total,
    grossTotal: r.gross_total,
  }));
  const line = <
    T extends {
      position: number;
      product: string;
      description: string | null;
      quantity: string;
      unit_price: string;
      tax_rate: string;
      net: string;
    },
  >(
    r: T,
  ) => ({
    position: r.position,
    product: r.product,
    description: r.description,
    quantity: r.quantity,
    unitPrice: r.unit_price,
    taxRate: r.tax_rate,
    net: r.net,
  });
  const orderLineRows = orderLines.map((r) => ({
    orderId: r.order_id,
    orderNumber: r.order_number,
    ...line(r),
  }));

  let tables: Record<string, Record<string, unknown>[]>;
  if (portable) {
    tables = {
      persons: [Object.fromEntries(PORTABLE_PERSON_FIELDS.map((f) => [f, personOut[f] ?? null]))],
      interactions: interactionRows.map(({ id: _id, ...r }) => r),
      case_messages: messageRows.map(({ id: _id, author: _a, caseId: _c, ...r }) => r),
      orders: orderRows,
      order_lines: orderLineRows,
      // issue 8: the photo, when the person provided it (consent or contract)
      ...(await compilePhotoSection(tx, { personId, dataKey, portable: true })),
    };
  } else {
    tables = {
      persons: [personOut],
      organizations: person.organization_id
        ? [{ id: person.organization_id, name: person.organization_name }]
        : [],
      tags: tags.map((r) => ({ name: r.name, color: r.color })),
      interactions: interactionRows,
      cases: cases.map((r) => ({
        id: r.id,
        number: r.number,
        channel: r.channel,
        category: r.category,
        status: r.status,
        priority: r.priority,
        subject: r.subject,
        orderId: r.order_id,
        invoiceId: r.invoice_id,
        receivedAt: iso(r.received_at),
        firstRespondedAt: iso(r.first_responded_at),
        resolvedAt: iso(r.resolved_at),
        closedAt: iso(r.closed_at),
      })),
      case_messages: messageRows,
      deals: deals.map((r) => ({
        id: r.id,
        title: r.title,
        stage: locale === 'de' ? r.stage_de : r.stage_en,
        status: r.stage_outcome,
        value: r.value,
        currency: r.currency,
        probability: r.probability,
        expectedClose: r.expected_close,
        lostReason: r.lost_reason,
        closedAt: iso(r.closed_at),
        createdAt: iso(r.created_at),
      })),
      quotes: quotes.map((r) => ({
        id: r.id,
        number: r.number,
        dealId: r.deal_id,
        status: r.status,
        issuedAt: r.issued_at,
        validUntil: r.valid_until,
        currency: r.currency,
        netTotal: r.net_total,
        taxTotal: r.tax_total,
        grossTotal: r.gross_total,
      })),
      quote_lines: quoteLines.map((r) => ({ quoteId: r.quote_id, quoteNumber: r.quote_number, ...line(r) })),
      orders: orderRows,
      order_lines: orderLineRows,
      invoices: invoices.map((r) => ({
        id: r.id,
        number: r.number,
        orderId: r.order_id,
        status: r.status,
        issuedAt: r.issued_at,
        dueAt: r.due_at,
        paidAt: r.paid_at,
        currency: r.currency,
        netTotal: r.net_total,
        taxTotal: r.tax_total,
        grossTotal: r.gross_total,
        billingName: r.billing_name,
        billingStreet: r.billing_street,
        billingPostalCode: r.billing_postal_code,
        billingCity: r.billing_city,
        billingCountry: r.billing_country,
        billingEmail: r.billing_email,
        retentionRule: r.retention_rule,
        retainUntil: r.retain_until,
        legalHold: r.legal_hold,
        importBatchId: r.import_batch_id,
        externalRef: r.external_ref,
      })),
      invoice_lines: invoiceLines.map((r) => ({
        invoiceId: r.invoice_id,
        invoiceNumber: r.invoice_number,
        ...line(r),
      })),
      import_batches: batches.map((r) => ({
        id: r.id,
        kind: r.kind,
        fileName: r.file_name,
        importedAt: iso(r.created_at),
      })),
      tasks: tasks.map((r) => ({
        id: r.id,
        title: r.title,
        dueAt: iso(r.due_at),
        status: r.status,
        doneAt: iso(r.done_at),
        dealId: r.deal_id,
        caseId: r.case_id,
        invoiceId: r.invoice_id,
      })),
      disclosures: disclosures.map((r) => ({
        id: r.id,
        recipient: r.recipient_name,
        recipientKind: r.recipient_kind,
        recipientCountry: r.recipient_country,
        categories: r.categories,
        purpose: r.purpose,
        disclosedAt: iso(r.disclosed_at),
        note: open('disclosures', r.id, 'note', r.note),
      })),
      dsr_requests: requests.map((r) => {
        const requester = openJson(dataKey, requestRef(r.id, 'requester'), r.requester_enc) as Record<
          string,
          unknown
        > | null;
        return {
          number: r.number,
          type: r.type,
          channel: r.channel,
          status: r.status,
          receivedAt: iso(r.received_at),
          dueAt: r.due_at,
          extendedDueAt: r.extended_due_at,
          extensionReason: r.extension_reason,
          closedAt: iso(r.closed_at),
          refusalReason: r.refusal_reason,
          requesterNote: (requester?.note as string | undefined) ?? null,
          details: openJson(dataKey, requestRef(r.id, 'details'), r.details_enc),
        };
      }),
      field_locks: locks.map((r) => ({
        field: r.field,
        reason: open('field_locks', `${personId}:${r.field}`, 'reason', r.reason),
        lockedAt: iso(r.locked_at),
      })),
      audit_trail: audit.map((r) => ({
        at: iso(r.at),
        action: r.action,
        fields: r.fields,
        // Art. 15(4): the colleague by role, never by name
        actor: r.actor_role ?? 'system',
      })),
      // issue 6: consents (with each wording's text), campaigns, mails, sign-ups, bounces
      ...(await compileMarketingSections(tx, ctx, { tenantId, personId, email: person.email })),
      // issue 8: web form submissions accepted into the person
      ...(await compileWebFormSections(tx, { personId, dataKey })),
      // issue 8: the photo with its purpose, basis and the image
      ...(await compilePhotoSection(tx, { personId, dataKey, portable: false })),
      // issue 8: records merged into the person (provenance, field choices, their values)
      ...(await compileMergeSection(tx, { personId, dataKey })),
      // issue 8: sensitive data found in free text and what was decided (ADR 0032)
      ...(await compileRedactionSection(tx, { personId })),
    };
  }

  // Art. 15(1)(a)-(h)
  const basis = LEGAL_BASIS_LABELS[person.legal_basis as LegalBasis];
  const legalBasis = basis ? `${basis.article}: ${basis[locale]}` : person.legal_basis;
  const purposeFacts = person.purposes.map((id) => {
    const p = purposes.find((x) => x.id === id);
    return { id, label: p ? (locale === 'de' ? p.labelDe : p.labelEn) : id, legalBasis };
  });
  if (accessibilityNeeds != null && person.accessibility_legal_basis) {
    const special = SPECIAL_CATEGORY_BASIS_LABELS[person.accessibility_legal_basis as SpecialCategoryBasis];
    purposeFacts.push({
      id: 'special_health',
      label: locale === 'de' ? 'Barrierefreiheit bei Terminen' : 'Accessibility for appointments',
      legalBasis: special ? `${special.article}: ${special[locale]}` : person.accessibility_legal_basis,
    });
  }
  const hasAddress = [person.street, person.postal_code, person.city, person.country].some((v) => v != null);
  const facts: SubjectExport['facts'] = {
    purposes: purposeFacts,
    categories: categoriesHeld(
      {
        identity: true,
        contact: person.email != null || person.phone != null,
        address: hasAddress,
        communication: notes != null || interactions.length > 0 || messages.length > 0,
        interests: tags.length > 0,
        organization: person.organization_id != null,
        special_health: accessibilityNeeds != null,
        contract: deals.length > 0 || quotes.length > 0 || orders.length > 0,
        billing: invoices.length > 0,
        service: cases.length > 0,
      },
      locale,
    ),
    recipients: recipientsOf(
      disclosures.map((d) => ({
        recipientName: d.recipient_name,
        recipientKind: d.recipient_kind,
        recipientCountry: d.recipient_country,
        categories: d.categories,
        disclosedAt: iso(d.disclosed_at) as string,
      })),
    ),
    registerRecipients: await registerRecipientsFor(tx, person.purposes),
    retention: retentionFacts(
      {
        personExpiresAt: iso(person.expires_at),
        invoices: invoices.map((i) => ({ retentionRule: i.retention_rule, retainUntil: i.retain_until })),
      },
      locale,
    ),
    rights: [...RIGHTS_TEXT[locale]],
    source: {
      kind: person.source_kind,
      detail: person.source_detail,
      collectedAt: iso(person.collected_at) as string,
      importBatches: batches.map((b) => b.file_name),
    },
    automatedDecisions: AUTOMATED_DECISIONS_TEXT[locale],
    notes: [],
  };

  return {
    schema: 'custos.subject-export/v1',
    scope,
    generatedAt: ctx.now().toISOString(),
    locale,
    personId,
    facts,
    tables,
  };
};

/**
 * The stored export of a completed access or portability request (DPO only), opened with the
 * person's data key; 409 export_not_available for any other request, an export never stored, or an
 * erased person (shredded key). Records an 'export' audit entry about the person.
 */
export const getRequestExport = (ctx: AppContext, actor: Actor, requestId: string, format: 'json' | 'csv') =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    if (!canDo({ role: actor.role, action: 'requests.manage' })) throw new AppError('forbidden');
    const row = await repo.findRequestExport(tx, requestId);
    if (!row) throw new AppError('not_found', { params: { entity: 'request' } });
    if (
      row.status !== 'completed' ||
      !(row.type === 'access' || row.type === 'portability') ||
      !row.export_enc
    )
      throw new AppError('export_not_available');
    const dataKey = unwrapSubjectKey(ctx, {
      tenantId: actor.tenantId,
      subjectId: row.person_id,
      wrapped: row.wrapped_key,
      masterKeyId: row.master_key_id,
    });
    const data = openJson(dataKey, exportRef(requestId), row.export_enc) as SubjectExport | null;
    if (!data) throw new AppError('export_not_available');
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'export',
      subject: { type: 'person', id: row.person_id },
      fields: [`${data.scope}_export`],
      note: `request ${requestId} (${format})`,
    });
    return data;
  });
