import type { CaseStatus } from '../../domain/service/case-status.ts';
import { type CasePriority, caseSla } from '../../domain/service/sla.ts';
import { openValue } from '../keys/keys.service.ts';
import type { CaseRow, MessageRow } from './cases.repository.ts';
import type { CASE_CATEGORIES, CASE_CHANNELS, MESSAGE_DIRECTIONS } from './cases.schemas.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A case row as the API shows it, with the SLA state of both targets at `now`. */
export const toCaseSummary = (row: CaseRow, now: Date) => {
  const sla = caseSla({
    receivedAt: row.received_at,
    firstResponseDueAt: row.first_response_due_at,
    resolutionDueAt: row.resolution_due_at,
    firstRespondedAt: row.first_responded_at,
    resolvedAt: row.resolved_at,
    now,
  });
  return {
    id: row.id,
    number: row.number,
    person: row.person_id ? { id: row.person_id, name: row.person_name ?? '' } : null,
    organization: row.organization_id ? { id: row.organization_id, name: row.organization_name ?? '' } : null,
    orderId: row.order_id,
    invoiceId: row.invoice_id,
    channel: row.channel as (typeof CASE_CHANNELS)[number],
    category: row.category as (typeof CASE_CATEGORIES)[number],
    status: row.status as CaseStatus,
    priority: row.priority as CasePriority,
    subject: row.subject,
    receivedAt: row.received_at.toISOString(),
    firstResponseDueAt: row.first_response_due_at.toISOString(),
    resolutionDueAt: row.resolution_due_at.toISOString(),
    firstRespondedAt: iso(row.first_responded_at),
    resolvedAt: iso(row.resolved_at),
    closedAt: iso(row.closed_at),
    sla: {
      firstResponse: { dueAt: row.first_response_due_at.toISOString(), state: sla.firstResponse },
      resolution: { dueAt: row.resolution_due_at.toISOString(), state: sla.resolution },
    },
    slaState: sla.state,
    assignee: row.assignee_id ? { id: row.assignee_id, displayName: row.assignee_name ?? '' } : null,
    departmentIds: row.department_ids,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
};
export type CaseSummaryOut = ReturnType<typeof toCaseSummary>;

export const messageRef = (id: string) => ({ table: 'case_messages', recordId: id, column: 'body' });

/**
 * A message of the thread. Messages of a person's case are sealed under the person's data key
 * (`dataKey`); those of an organisation-only case are stored as written (`sealed` false, ADR 0012).
 */
export const toMessage = (row: MessageRow, dataKey: Buffer | null, sealed: boolean) => ({
  id: row.id,
  direction: row.direction as (typeof MESSAGE_DIRECTIONS)[number],
  body: sealed ? openValue(dataKey, messageRef(row.id), row.body) : row.body,
  author: row.author_id ? { id: row.author_id, displayName: row.author_name ?? '' } : null,
  createdAt: row.created_at.toISOString(),
});
