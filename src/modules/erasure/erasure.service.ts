import { afterTransaction, type Tx } from '../../db/tenant.ts';
import { invoiceErasure, jurisdictionOf } from '../../domain/billing/retention.ts';
import { AppError } from '../../domain/errors.ts';
import { berlinDay, isoDay } from '../../domain/service/business-calendar.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { eraseMergeData } from '../duplicates/duplicates.erasure.ts';
import { shredSubjectKey } from '../keys/keys.service.ts';
import { eraseWebFormSubmissions } from '../web-forms/web-forms.subject.ts';
import { eraseMarketingData } from './erasure.marketing.ts';
import * as repo from './erasure.repository.ts';
import { appendJournalEntry, appendJournalOutcome } from './erasure-journal-file.ts';
import { recordSuppressions } from './suppressions.service.ts';

export type ErasureSummary = {
  /** rows deleted per table (counts only, never values) */
  deleted: Record<string, number>;
  /** invoices kept in restricted form for their statutory retention */
  retainedInvoices: number;
  suppressions: number;
};

/** What the erasures row stores: the summary plus what was unlinked instead of deleted. */
type StoredSummary = ErasureSummary & {
  unlinked: Record<string, number>;
  keyShredded: boolean;
  reappliedAt?: string;
  /** the data type whose retention period ended (an erasure by the retention sweep) */
  retention?: string;
};

/** Today as the German calendar day, as a Date at noon UTC (what `invoiceErasure` compares by day). */
const todayOf = (now: Date) => new Date(`${isoDay(berlinDay(now))}T12:00:00Z`);

const split = (rows: { id: string; organization_id: string | null }[]) => ({
  /** the person is the only customer: the record goes */
  remove: rows.filter((r) => r.organization_id === null).map((r) => r.id),
  /** an organisation is the customer too: the record stays without the person */
  unlink: rows.filter((r) => r.organization_id !== null).map((r) => r.id),
});

/**
 * The erasure itself, in the caller's transaction. `journal: false` when re-applying an entry of the
 * journal file (it is there already); `erasedAt` then keeps the original time. `retention`: the
 * retention sweep erases because the data type's period is over, not because the person asked or
 * objected, so no suppression entries are written (nothing keeps them from coming back of their own
 * accord) and the journal line says so, for a re-application after a restore.
 */
export const eraseWithin = async (
  tx: Tx,
  ctx: AppContext,
  input: { actor: Actor | null; tenantId: string; personId: string; requestId: string | null },
  options: { journal: boolean; erasedAt?: Date; retention?: { dataTypeId: string } } = { journal: true },
): Promise<ErasureSummary> => {
  const { tenantId, personId, requestId } = input;
  const now = ctx.now();
  const erasedAt = options.erasedAt ?? now;
  const person = await repo.findPersonForErasure(tx, personId);
  if (!person) throw new AppError('not_found', { params: { entity: 'person' } });
  const jurisdiction = jurisdictionOf(await repo.tenantSettings(tx));

  // 1. suppression entries first: the plain e-mail and phone are needed once, before the row goes
  const suppressions = options.retention
    ? []
    : await recordSuppressions(tx, ctx, {
        tenantId,
        email: person.email,
        phone: person.phone,
        reason: 'erasure',
        requestId,
        jurisdiction,
      });

  // 2. what goes and what stays
  const today = todayOf(now);
  const invoices = await repo.invoicesOf(tx, personId);
  const invoiceDecisions = invoices.map((i) => ({
    id: i.id,
    decision: invoiceErasure({ retainUntil: i.retain_until, legalHold: i.legal_hold, today }),
  }));
  const goneInvoices = invoiceDecisions.filter((d) => d.decision.action === 'delete').map((d) => d.id);
  const keptInvoices = invoiceDecisions.filter((d) => d.decision.action === 'restrict').map((d) => d.id);
  const deals = split(await repo.customerRecordsOf(tx, 'deals', personId));
  const quotes = split(await repo.customerRecordsOf(tx, 'quotes', personId));
  const orders = split(await repo.customerRecordsOf(tx, 'orders', personId));
  const cases = await repo.casesOf(tx, personId);
  const requestIds = await repo.requestIdsOf(tx, personId);
  const gone = {
    deals: deals.remove,
    quotes: quotes.remove,
    orders: orders.remove,
    invoices: goneInvoices,
    cases,
  };

  // 3. records that stay stop pointing at records that go; then delete, children before parents
  await repo.unlinkKept(tx, gone);
  const deleted: Record<string, number> = {};
  deleted.tasks = await repo.deleteTasks(tx, personId, gone);
  Object.assign(deleted, await repo.deleteCases(tx, cases));
  Object.assign(deleted, await repo.deleteInvoices(tx, goneInvoices));
  const retainedInvoices = await repo.restrictInvoices(tx, keptInvoices, now);
  Object.assign(deleted, await repo.deleteOrders(tx, orders.remove));
  Object.assign(deleted, await repo.deleteQuotes(tx, quotes.remove));
  Object.assign(deleted, await repo.deleteDeals(tx, deals.remove));
  const unlinked = {
    deals: await repo.unlinkCustomer(tx, 'deals', deals.unlink, now),
    quotes: await repo.unlinkCustomer(tx, 'quotes', quotes.unlink, now),
    orders: await repo.unlinkCustomer(tx, 'orders', orders.unlink, now),
  };
  deleted.interactions = await repo.deleteByPerson(tx, 'interactions', personId);
  deleted.person_tags = await repo.deleteByPerson(tx, 'person_tags', personId);
  deleted.disclosures = await repo.deleteByPerson(tx, 'disclosures', personId);
  deleted.field_locks = await repo.deleteByPerson(tx, 'field_locks', personId);
  deleted.person_photos = await repo.deleteByPerson(tx, 'person_photos', personId);
  deleted.redaction_findings = await repo.deleteByPerson(tx, 'redaction_findings', personId);
  deleted.dsr_letters = await repo.deleteLettersOf(tx, requestIds);
  Object.assign(deleted, await eraseMarketingData(tx, ctx, { tenantId, personId, email: person.email }));
  Object.assign(deleted, await eraseWebFormSubmissions(tx, personId));
  Object.assign(deleted, await eraseMergeData(tx, ctx, personId));
  deleted.persons = await repo.deletePerson(tx, personId);

  // 4. crypto-shredding: audit values, sealed request data and exports become unreadable everywhere
  const keyShredded = (await shredSubjectKey(tx, ctx, personId)) !== undefined;

  const summary: ErasureSummary = { deleted, retainedInvoices, suppressions: suppressions.length };
  const stored: StoredSummary = {
    ...summary,
    unlinked,
    keyShredded,
    ...(options.erasedAt ? { reappliedAt: now.toISOString() } : {}),
    ...(options.retention ? { retention: options.retention.dataTypeId } : {}),
  };
  await repo.insertErasure(tx, {
    tenant_id: tenantId,
    person_id: personId,
    request_id: requestId,
    erased_at: erasedAt,
    erased_by: input.actor?.userId ?? null,
    summary: JSON.stringify(stored),
  });
  await recordAudit(tx, ctx, tenantId, {
    actor: input.actor,
    action: 'erase',
    subject: { type: 'person', id: personId },
    fields: Object.keys(deleted).filter((k) => (deleted[k] ?? 0) > 0),
    note: options.erasedAt
      ? `erasure re-applied from the erasure journal${requestId ? ` (request ${requestId})` : ''}`
      : `${options.retention ? `retention erasure (data type ${options.retention.dataTypeId})` : 'erasure'}${requestId ? ` (request ${requestId})` : ''}: ${retainedInvoices} invoice(s) kept restricted for their retention period`,
  });

  // 5. the journal outside the database, last: written (and fsynced) before the caller commits, and
  // its outcome line once the transaction ended (a re-application skips a rolled-back erasure)
  if (options.journal) {
    const file = ctx.config.erasureJournalPath;
    const line = await appendJournalEntry(file, {
      tenantId,
      personId,
      requestId,
      erasedAt: erasedAt.toISOString(),
      suppressions,
      ...(options.retention ? { retention: options.retention.dataTypeId } : {}),
    });
    afterTransaction(tx, async (outcome) => {
      if (outcome !== 'unknown') await appendJournalOutcome(file, { id: line.id as string, outcome });
    });
  }
  return summary;
};

/**
 * Art. 17: deletes the person from every table, shreds their data key, keeps billing data of invoices
 * within their retention period restricted, records suppression entries and the erasure journal
 * (database and file). Runs inside the caller's transaction. Owner: erasure.
 *
 * The journal line is appended (and fsynced) before the caller's transaction commits: an erasure is
 * never lost. Its outcome line follows once the transaction ended; `reapplyErasures` skips a
 * rolled-back erasure and re-applies one without outcome only where a database records it
 * (see docs/adr/0016-erasure-journal-and-suppression.md).
 */
export const erasePerson = (
  tx: Tx,
  ctx: AppContext,
  input: { actor: Actor | null; tenantId: string; personId: string; requestId: string | null },
): Promise<ErasureSummary> => eraseWithin(tx, ctx, input, { journal: true });
