import { AppError } from '../errors.ts';

export const CASE_STATUSES = ['new', 'open', 'waiting', 'resolved', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** The statuses of a case still being worked on (its SLA clock runs). */
export const OPEN_CASE_STATUSES: readonly CaseStatus[] = ['new', 'open', 'waiting'];

/**
 * The allowed status changes: work goes new → open ⇄ waiting → resolved → closed; a resolved case may
 * be reopened; a closed case is final.
 */
export const CASE_TRANSITIONS: Record<CaseStatus, readonly CaseStatus[]> = {
  new: ['open', 'waiting', 'resolved'],
  open: ['waiting', 'resolved'],
  waiting: ['open', 'resolved'],
  resolved: ['closed', 'open'],
  closed: [],
};

export const canChangeCaseStatus = (from: CaseStatus, to: CaseStatus) =>
  from === to || CASE_TRANSITIONS[from].includes(to);

/**
 * The timestamps a status change sets: resolving stamps resolved_at, closing closed_at, reopening
 * clears both (the resolution target runs again). Throws 409 invalid_status_change for a change the
 * rules do not allow. The same status is no change.
 */
export const applyCaseStatusChange = (
  current: { status: CaseStatus; resolvedAt: Date | null; closedAt: Date | null },
  to: CaseStatus,
  now: Date,
): { status: CaseStatus; resolvedAt: Date | null; closedAt: Date | null } => {
  if (!canChangeCaseStatus(current.status, to))
    throw new AppError('invalid_status_change', { params: { from: current.status, to } });
  if (to === current.status) return current;
  if (to === 'resolved') return { status: to, resolvedAt: now, closedAt: null };
  if (to === 'closed') return { status: to, resolvedAt: current.resolvedAt ?? now, closedAt: now };
  return { status: to, resolvedAt: null, closedAt: null };
};
