import { addBusinessHours, addCalendarHours } from './business-calendar.ts';

export const CASE_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type CasePriority = (typeof CASE_PRIORITIES)[number];

/** How a target is counted: every hour (24/7) or business hours only (see business-calendar.ts). */
export type SlaClock = 'calendar' | 'business';
export type SlaPolicy = { firstResponseHours: number; resolutionHours: number; clock: SlaClock };

/**
 * The service-level targets per priority (ADR 0012). Urgent cases run on the 24/7 clock, all others
 * on business hours (Mon–Fri 08:00–18:00 Europe/Berlin, without nationwide holidays): a normal case
 * gets a first answer within one business day and is resolved within a business week.
 */
export const SLA_POLICIES: Record<CasePriority, SlaPolicy> = {
  urgent: { firstResponseHours: 1, resolutionHours: 8, clock: 'calendar' },
  high: { firstResponseHours: 4, resolutionHours: 16, clock: 'business' },
  normal: { firstResponseHours: 10, resolutionHours: 50, clock: 'business' },
  low: { firstResponseHours: 20, resolutionHours: 100, clock: 'business' },
};

const addHours = (clock: SlaClock, start: Date, hours: number) =>
  clock === 'calendar' ? addCalendarHours(start, hours) : addBusinessHours(start, hours);

/** When the first response and the resolution of a case received at `receivedAt` are due. */
export const slaDueTimes = ({
  priority,
  receivedAt,
  policies = SLA_POLICIES,
}: {
  priority: CasePriority;
  receivedAt: Date;
  policies?: Record<CasePriority, SlaPolicy>;
}) => {
  const policy = policies[priority];
  return {
    firstResponseDueAt: addHours(policy.clock, receivedAt, policy.firstResponseHours),
    resolutionDueAt: addHours(policy.clock, receivedAt, policy.resolutionHours),
  };
};

export const SLA_STATES = ['met', 'ok', 'due_soon', 'breached'] as const;
export type SlaState = (typeof SLA_STATES)[number];

/** A target counts as "due soon" once less than this share of its span is left... */
export const DUE_SOON_SHARE = 0.25;
/** ...or less than this much time (whichever comes first). */
export const DUE_SOON_MS = 3_600_000;

/**
 * The state of one target. Done (`doneAt` set): 'met' when done by the due time, else 'breached'.
 * Not done: 'breached' once the due time has passed, 'due_soon' when less than 25 % of the span
 * from `startAt` to `dueAt` or less than one hour is left (wall-clock time), else 'ok'.
 */
export const slaState = ({
  startAt,
  dueAt,
  doneAt,
  now,
}: {
  startAt?: Date | null;
  dueAt: Date;
  doneAt: Date | null;
  now: Date;
}): SlaState => {
  if (doneAt) return doneAt.getTime() <= dueAt.getTime() ? 'met' : 'breached';
  const left = dueAt.getTime() - now.getTime();
  if (left < 0) return 'breached';
  const span = startAt ? dueAt.getTime() - startAt.getTime() : 0;
  if (left < DUE_SOON_MS || (span > 0 && left < span * DUE_SOON_SHARE)) return 'due_soon';
  return 'ok';
};

const SEVERITY: Record<SlaState, number> = { met: 0, ok: 1, due_soon: 2, breached: 3 };

/** The more urgent of several states (breached before due soon before ok before met). */
export const worstSlaState = (...states: SlaState[]): SlaState =>
  states.reduce((worst, s) => (SEVERITY[s] > SEVERITY[worst] ? s : worst), 'met' as SlaState);

export const slaSeverity = (state: SlaState) => SEVERITY[state];

/** Both targets of a case and the overall state. */
export const caseSla = ({
  receivedAt,
  firstResponseDueAt,
  resolutionDueAt,
  firstRespondedAt,
  resolvedAt,
  now,
}: {
  receivedAt: Date;
  firstResponseDueAt: Date;
  resolutionDueAt: Date;
  firstRespondedAt: Date | null;
  resolvedAt: Date | null;
  now: Date;
}) => {
  // a case resolved without any answer recorded has had its response with the resolution
  const firstResponse = slaState({
    startAt: receivedAt,
    dueAt: firstResponseDueAt,
    doneAt: firstRespondedAt ?? resolvedAt,
    now,
  });
  const resolution = slaState({ startAt: receivedAt, dueAt: resolutionDueAt, doneAt: resolvedAt, now });
  return { firstResponse, resolution, state: worstSlaState(firstResponse, resolution) };
};
