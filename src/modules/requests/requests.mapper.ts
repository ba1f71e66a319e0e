import { effectiveDueDate, warningFor } from '../../domain/requests/deadline.ts';
import type {
  IdentityStatus,
  RefusalReason,
  RequestChannel,
  RequestStatus,
  RequestType,
  VerificationMethod,
  VerificationOutcome,
} from '../../domain/requests/request-status.ts';
import { openValue } from '../keys/keys.service.ts';
import type { EventRow, RequestRow, StepRow } from './requests.repository.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Where the sealed values of a request live (the field context of their encryption). */
export const requestRef = (id: string, column: 'requester' | 'details' | 'export') => ({
  table: 'dsr_requests',
  recordId: id,
  column,
});
export const stepNoteRef = (id: string) => ({
  table: 'dsr_verification_steps',
  recordId: id,
  column: 'note',
});

/** A request row as the inbox shows it, with days left and the warning at `now` (open requests only). */
export const toRequestSummary = (row: RequestRow, now: Date) => {
  const effectiveDueAt = effectiveDueDate(row.due_at, row.extended_due_at);
  const open = row.status === 'open';
  const deadline = open ? warningFor(now, effectiveDueAt) : { daysLeft: null, warning: null };
  return {
    id: row.id,
    number: row.number,
    type: row.type as RequestType,
    channel: row.channel as RequestChannel,
    status: row.status as RequestStatus,
    personId: row.person_id,
    personName: row.person_name,
    locale: row.locale as 'de' | 'en',
    receivedAt: row.received_at.toISOString(),
    dueAt: row.due_at,
    extendedDueAt: row.extended_due_at,
    effectiveDueAt,
    daysLeft: deadline.daysLeft,
    warning: deadline.warning,
    identityStatus: row.identity_status as IdentityStatus,
    assignee: row.assignee_id ? { id: row.assignee_id, displayName: row.assignee_name ?? '' } : null,
    outcome: row.outcome,
    refusalReason: row.refusal_reason as RefusalReason | null,
    closedAt: iso(row.closed_at),
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
};

type Sealed<T> = T | null;

const openJson = <T>(dataKey: Buffer | null, ref: ReturnType<typeof requestRef>, sealed: string | null) => {
  const text = openValue(dataKey, ref, sealed);
  return (text == null ? null : JSON.parse(text)) as Sealed<T>;
};

/** The full request: the sealed requester and details opened with the person's key (null once shredded). */
export const toRequest = (
  row: RequestRow,
  now: Date,
  dataKey: Buffer | null,
  steps: StepRow[],
  events: EventRow[],
) => {
  const requester = openJson<{ name?: string; contact?: string; note?: string }>(
    dataKey,
    requestRef(row.id, 'requester'),
    row.requester_enc,
  );
  const details = openJson<{ corrections?: Record<string, unknown>; reason?: string }>(
    dataKey,
    requestRef(row.id, 'details'),
    row.details_enc,
  );
  return {
    ...toRequestSummary(row, now),
    requester: requester
      ? { name: requester.name ?? null, contact: requester.contact ?? null, note: requester.note ?? null }
      : null,
    details: details ? { corrections: details.corrections ?? null, reason: details.reason ?? null } : null,
    extensionReason: row.extension_reason,
    extensionNotifiedAt: iso(row.extension_notified_at),
    refusalDetails: row.refusal_details,
    exportAvailable: row.export_enc !== null && dataKey !== null,
    verificationSteps: steps.map((s) => ({
      id: s.id,
      method: s.method as VerificationMethod,
      outcome: s.outcome as VerificationOutcome,
      note: openValue(dataKey, stepNoteRef(s.id), s.note),
      performedBy: s.performed_by ? { id: s.performed_by, displayName: s.performer_name ?? '' } : null,
      performedAt: s.performed_at.toISOString(),
    })),
    events: events.map((e) => ({
      id: e.id,
      kind: e.kind,
      detail: e.detail,
      actor: e.actor_id ? { id: e.actor_id, displayName: e.actor_name ?? '' } : null,
      at: e.at.toISOString(),
    })),
  };
};
